import { ddmmyyyy, renderRelationAccepted, renderRelationRequested } from './relation-emails.template';

describe('relation emails', () => {
  it('the request email has the reference subject, roles and the note', () => {
    const email = renderRelationRequested({ recipient: 'Bea', sender: 'Ann', senderRole: 'mentor', notes: '<hi>' });
    expect(email.subject).toBe('Mentorship System - You have got new relation request');
    expect(email.text).toContain('Ann has sent you a relation request. This member would like to be your mentor.');
    expect(email.html).toContain('Note from Ann: &#60;hi&#62;');
  });

  it('the accepted email prints the end date as dd-mm-YYYY (UTC)', () => {
    expect(ddmmyyyy(Date.UTC(2027, 0, 5, 23, 30) / 1000)).toBe('05-01-2027');
    const email = renderRelationAccepted({ sender: 'Ann', receiver: 'Bea', role: 'mentee', endDate: 1_800_000_000 });
    expect(email.subject).toBe('Mentorship relation accepted!');
    expect(email.text).toContain('accepted by Bea, to be your mentee until 15-01-2027.');
  });
});
