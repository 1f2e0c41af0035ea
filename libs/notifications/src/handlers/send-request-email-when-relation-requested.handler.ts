import { RelationRequested } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationRequested } from '../templates/relation-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** The reference's "new relation request" email, to the recipient. */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationRequested)
export class SendRequestEmailWhenRelationRequested implements DomainEventHandler<RelationRequested> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: RelationRequested): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const senderIsMentor = payload.actionUserId === payload.mentorId;
    const [sender, recipient] = senderIsMentor ? [mentor, mentee] : [mentee, mentor];
    if (!sender || !recipient) return;
    await this.parties.send(
      recipient,
      renderRelationRequested({
        recipient: displayName(recipient)!,
        sender: displayName(sender)!,
        senderRole: senderIsMentor ? 'mentor' : 'mentee',
        notes: payload.notes,
      }),
      'relation_requests',
    );
  }
}
