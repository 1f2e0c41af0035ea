import type { RenderedEmail } from './email-layout';
import { ddmmyyyy, relationEmail } from './relation-emails.template';

/** What a proposal asks, as its emails word it. */
export interface ProposalSummary {
  kind: 'complete' | 'change_end_date';
  /** The proposed end date (change_end_date). */
  endDate: number | null;
}

function what(proposal: ProposalSummary): string {
  return proposal.kind === 'complete'
    ? 'to complete your mentorship relation now'
    : `to move the end date of your mentorship relation to ${ddmmyyyy(proposal.endDate!)}`;
}

/** To the other party: a proposal waits for their answer. */
export function renderProposalMade(input: ProposalSummary & { recipient: string; proposer: string }): RenderedEmail {
  return relationEmail('Mentorship System - A proposal for your mentorship relation', [
    `Hi ${input.recipient},`,
    `${input.proposer} proposes ${what(input)}.`,
    input.kind === 'complete'
      ? 'If you accept, the relation is complete at once.'
      : 'If you accept, the relation takes the new end date.',
    'Login to Mentorship System to accept or decline the proposal.',
  ]);
}

/** To the proposer of a change_end_date: the other party accepted (a completion has its own emails). */
export function renderProposalAccepted(input: {
  recipient: string;
  other: string | null;
  endDate: number;
}): RenderedEmail {
  return relationEmail('Mentorship System - Your proposal was accepted', [
    `Hi ${input.recipient},`,
    `${input.other ?? 'The other member'} has accepted your proposal: your mentorship relation now ends on ${ddmmyyyy(input.endDate)}.`,
  ]);
}

/** To the proposer: the other party declined; the relation stays as it was. */
export function renderProposalDeclined(
  input: ProposalSummary & { recipient: string; other: string | null },
): RenderedEmail {
  return relationEmail('Mentorship System - Your proposal was declined', [
    `Hi ${input.recipient},`,
    `${input.other ?? 'The other member'} has declined your proposal ${what(input)}.`,
    'Your mentorship relation continues as it was.',
  ]);
}

/** To the other party: the proposer took the proposal back before it was answered. */
export function renderProposalWithdrawn(
  input: ProposalSummary & { recipient: string; proposer: string | null },
): RenderedEmail {
  return relationEmail('Mentorship System - A proposal was withdrawn', [
    `Hi ${input.recipient},`,
    `${input.proposer ?? 'The other member'} has withdrawn the proposal ${what(input)}.`,
    'There is nothing for you to answer any more.',
  ]);
}
