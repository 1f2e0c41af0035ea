import { ProposalAccepted } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderProposalAccepted } from '../templates/proposal-emails.template';
import { displayName, RelationParties } from './relation-parties';

/**
 * Beyond the reference: the proposer of a new end date learns it was accepted. An accepted
 * completion sends no proposal email: both parties get the completion emails (RelationCompleted).
 */
@DeliverThroughQueue('email')
@OnDomainEvent(ProposalAccepted)
export class SendAcceptedEmailWhenProposalAccepted implements DomainEventHandler<ProposalAccepted> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: ProposalAccepted): Promise<void> {
    if (payload.kind !== 'change_end_date' || payload.endDate === null) return;
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [recipient, other] = payload.proposerId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!recipient) return;
    await this.parties.send(
      recipient,
      renderProposalAccepted({
        recipient: displayName(recipient)!,
        other: displayName(other),
        endDate: payload.endDate,
      }),
      'proposals',
    );
  }
}
