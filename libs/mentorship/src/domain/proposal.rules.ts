import { Messages } from '@app/platform';
import { MAX_DURATION_SECONDS, MIN_DURATION_SECONDS } from './relation.rules';

/**
 * The shape of a proposal's end_date given its kind (the body DTO's check, in this order): a
 * change_end_date needs one, a complete takes none, and it is a finite number of epoch seconds.
 * null counts as absent. An unknown kind is the kind's own error, so nothing is said here.
 */
export function proposalEndDateShapeError(kind: unknown, endDate: unknown): string | null {
  const given = endDate !== undefined && endDate !== null;
  if (kind === 'change_end_date') {
    if (!given) return Messages.PROPOSAL_END_DATE_REQUIRED;
  } else if (kind === 'complete') {
    if (given) return Messages.PROPOSAL_END_DATE_NOT_ALLOWED;
    return null;
  } else {
    return null;
  }
  return typeof endDate === 'number' && Number.isFinite(endDate) ? null : Messages.PROPOSAL_END_DATE_INVALID;
}

/**
 * A proposed end date, once its shape is right: within the bounds a request's end date has
 * (4 to 24 weeks from now, as send_request), and not the relation's current end date.
 */
export function proposedEndDateError(endDate: number, currentEndDate: number, nowSeconds: number): string | null {
  const duration = endDate - nowSeconds;
  if (duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS)
    return Messages.PROPOSAL_END_DATE_OUT_OF_BOUNDS;
  if (endDate === currentEndDate) return Messages.PROPOSAL_END_DATE_UNCHANGED;
  return null;
}

/** Who may answer an open proposal: the other party accepts or declines, only the proposer withdraws. */
export type ProposalAnswer = 'accept' | 'decline' | 'withdraw';

export function proposalAnswerError(answer: ProposalAnswer, proposerId: number, callerId: number): string | null {
  const own = proposerId === callerId;
  switch (answer) {
    case 'accept':
      return own ? Messages.CANNOT_ACCEPT_OWN_PROPOSAL : null;
    case 'decline':
      return own ? Messages.CANNOT_DECLINE_OWN_PROPOSAL : null;
    case 'withdraw':
      return own ? null : Messages.ONLY_PROPOSER_CAN_WITHDRAW;
  }
}
