import { ProposalWithdrawn } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderProposalWithdrawn } from '../templates/proposal-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the party who was asked learns there is nothing to answer any more. */
@DeliverThroughQueue('email')
@OnDomainEvent(ProposalWithdrawn)
export class SendWithdrawnEmailWhenProposalWithdrawn implements DomainEventHandler<ProposalWithdrawn> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: ProposalWithdrawn): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [proposer, recipient] = payload.proposerId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!recipient) return;
    await this.parties.send(
      recipient,
      renderProposalWithdrawn({
        recipient: displayName(recipient)!,
        proposer: displayName(proposer),
        kind: payload.kind,
        endDate: payload.endDate,
      }),
      'proposals',
    );
  }
}
