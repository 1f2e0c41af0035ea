import { ProposalMade } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderProposalMade } from '../templates/proposal-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the party who did not propose is asked to accept or decline. */
@DeliverThroughQueue('email')
@OnDomainEvent(ProposalMade)
export class SendProposalEmailWhenProposalMade implements DomainEventHandler<ProposalMade> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: ProposalMade): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [proposer, recipient] = payload.proposerId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!recipient) return;
    await this.parties.send(
      recipient,
      renderProposalMade({
        recipient: displayName(recipient)!,
        proposer: displayName(proposer) ?? 'The other member',
        kind: payload.kind,
        endDate: payload.endDate,
      }),
      'proposals',
    );
  }
}
