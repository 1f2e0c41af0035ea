import { ProposalDeclined } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderProposalDeclined } from '../templates/proposal-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the proposer learns the other party declined. */
@DeliverThroughQueue('email')
@OnDomainEvent(ProposalDeclined)
export class SendDeclinedEmailWhenProposalDeclined implements DomainEventHandler<ProposalDeclined> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: ProposalDeclined): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [recipient, other] = payload.proposerId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!recipient) return;
    await this.parties.send(
      recipient,
      renderProposalDeclined({
        recipient: displayName(recipient)!,
        other: displayName(other),
        kind: payload.kind,
        endDate: payload.endDate,
      }),
      'proposals',
    );
  }
}
