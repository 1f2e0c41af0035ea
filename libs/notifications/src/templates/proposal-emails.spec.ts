import {
  renderProposalAccepted,
  renderProposalDeclined,
  renderProposalMade,
  renderProposalWithdrawn,
} from './proposal-emails.template';
import { renderRelationCompleted } from './relation-emails.template';

// 15-01-2027 (UTC)
const END = 1_800_000_000;

describe('proposal emails', () => {
  it('a proposal to complete now asks the other party to log in and answer', () => {
    const email = renderProposalMade({ recipient: 'Bea', proposer: 'Ann', kind: 'complete', endDate: null });
    expect(email.subject).toBe('Mentorship System - A proposal for your mentorship relation');
    expect(email.text).toMatch(/^Hi Bea,\n\n/);
    expect(email.text).toContain('Ann proposes to complete your mentorship relation now.');
    expect(email.text).toContain('Login to Mentorship System to accept or decline the proposal.');
    expect(email.text).toMatch(/Systers Open Source\n$/);
  });

  it('a proposal to move the end date names the new date as dd-mm-YYYY', () => {
    const email = renderProposalMade({ recipient: 'Bea', proposer: '<Ann>', kind: 'change_end_date', endDate: END });
    expect(email.text).toContain('<Ann> proposes to move the end date of your mentorship relation to 15-01-2027.');
    expect(email.html).toContain('&#60;Ann&#62; proposes');
  });

  it('the proposer of a new end date learns it was accepted, and the date', () => {
    const email = renderProposalAccepted({ recipient: 'Ann', other: 'Bea', endDate: END });
    expect(email.subject).toBe('Mentorship System - Your proposal was accepted');
    expect(email.text).toContain('Bea has accepted your proposal: your mentorship relation now ends on 15-01-2027.');
  });

  it('the proposer learns it was declined', () => {
    const email = renderProposalDeclined({ recipient: 'Ann', other: 'Bea', kind: 'complete', endDate: null });
    expect(email.subject).toBe('Mentorship System - Your proposal was declined');
    expect(email.text).toContain('Bea has declined your proposal to complete your mentorship relation now.');
  });

  it('the other party learns it was withdrawn', () => {
    const email = renderProposalWithdrawn({ recipient: 'Bea', proposer: 'Ann', kind: 'change_end_date', endDate: END });
    expect(email.subject).toBe('Mentorship System - A proposal was withdrawn');
    expect(email.text).toContain(
      'Ann has withdrawn the proposal to move the end date of your mentorship relation to 15-01-2027.',
    );
  });

  it('a party whose account is gone is "the other member"', () => {
    expect(renderProposalDeclined({ recipient: 'Ann', other: null, kind: 'complete', endDate: null }).text).toContain(
      'The other member has declined',
    );
  });
});

describe('the completion email says why the relation is complete', () => {
  const END_DATE_TEXT =
    'Your mentorship relation with Bea has reached its end date and is now complete. Congratulations!';

  it('the end date came (the daily job), or an event from before early completion existed', () => {
    for (const reason of ['end_date', undefined] as const) {
      const email = renderRelationCompleted({ recipient: 'Ann', other: 'Bea', reason });
      expect(email.subject).toBe('Mentorship System - Your mentorship relation is complete');
      expect(email.text).toContain(END_DATE_TEXT);
    }
  });

  it('both parties agreed to complete it early', () => {
    const email = renderRelationCompleted({ recipient: 'Ann', other: 'Bea', reason: 'agreed_early' });
    expect(email.subject).toBe('Mentorship System - Your mentorship relation is complete');
    expect(email.text).toContain(
      'Your mentorship relation with Bea was completed early, as you both agreed. Congratulations!',
    );
    expect(email.text).not.toContain('reached its end date');
  });
});
