import { RelationRejected } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationRejected } from '../templates/relation-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the sender learns that the request was rejected. */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationRejected)
export class SendRejectedEmailWhenRelationRejected implements DomainEventHandler<RelationRejected> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: RelationRejected): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [sender, receiver] = payload.actionUserId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!sender) return;
    await this.parties.send(
      sender,
      renderRelationRejected({ sender: displayName(sender)!, receiver: displayName(receiver) ?? 'The member' }),
      'request_answers',
    );
  }
}
