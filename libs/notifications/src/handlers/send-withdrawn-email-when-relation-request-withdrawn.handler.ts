import { RelationRequestWithdrawn } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationRequestWithdrawn } from '../templates/relation-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the recipient of a withdrawn request is told. */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationRequestWithdrawn)
export class SendWithdrawnEmailWhenRelationRequestWithdrawn implements DomainEventHandler<RelationRequestWithdrawn> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload, meta }: RelationRequestWithdrawn): Promise<void> {
    // Withdrawn by a block (the actor is the blocker): the receiver gets the usual email, which does
    // not mention the block, only when the blocker had sent the request; the blocker is never emailed.
    if (payload.reason === 'blocked' && meta.actorId !== payload.actionUserId) return;
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [sender, recipient] = payload.actionUserId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!recipient) return;
    await this.parties.send(
      recipient,
      renderRelationRequestWithdrawn({
        recipient: displayName(recipient)!,
        sender: payload.reason === 'account_deleted' ? null : displayName(sender),
      }),
      'relation_requests',
    );
  }
}
