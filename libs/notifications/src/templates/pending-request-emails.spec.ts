import {
  PENDING_REQUEST_SUBJECTS,
  renderRelationRequestExpired,
  renderRelationRequestReminder,
} from './pending-request-emails.template';

describe('pending request emails', () => {
  it('the reminder names the sender and the dd-mm-YYYY date the request closes on its own', () => {
    const email = renderRelationRequestReminder({
      recipient: 'Bea',
      sender: '<Ann>',
      expiresAt: Date.UTC(2027, 0, 5, 23, 30) / 1000,
    });
    expect(email.subject).toBe('Mentorship System - A relation request is waiting for your answer');
    expect(email.subject).toBe(PENDING_REQUEST_SUBJECTS.reminder);
    expect(email.text).toContain('Hi Bea,');
    expect(email.text).toContain('<Ann> sent you a mentorship relation request that is still waiting for your answer.');
    expect(email.text).toContain('If it is not answered, the request closes on its own on 05-01-2027.');
    expect(email.text).toContain('Systers Open Source');
    expect(email.html).toContain('&#60;Ann&#62; sent you');
    expect(email.html).not.toContain('<Ann>');
  });

  it('the expiry email names the other party, says they did not answer, and what the sender may do', () => {
    const email = renderRelationRequestExpired({ sender: 'Ann', receiver: 'Bea' });
    expect(email.subject).toBe('Mentorship System - Your relation request has expired');
    expect(email.text).toContain('Hi Ann,');
    expect(email.text).toContain('Bea did not answer your mentorship relation request in time, so it has expired.');
    expect(email.text).toContain('You may send them a new request, or find another member');
  });

  it('the expiry email still reads when the other account is gone', () => {
    expect(renderRelationRequestExpired({ sender: 'Ann', receiver: null }).text).toContain(
      'The member you sent it to did not answer',
    );
  });
});
