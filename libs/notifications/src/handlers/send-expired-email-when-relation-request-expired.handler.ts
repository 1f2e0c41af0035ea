import { RelationRequestExpired } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationRequestExpired } from '../templates/pending-request-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the sender of a request the pending-requests job closed unanswered is told. */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationRequestExpired)
export class SendExpiredEmailWhenRelationRequestExpired implements DomainEventHandler<RelationRequestExpired> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: RelationRequestExpired): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [sender, receiver] = payload.actionUserId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!sender) return;
    await this.parties.send(
      sender,
      renderRelationRequestExpired({ sender: displayName(sender)!, receiver: displayName(receiver) }),
      'request_answers',
    );
  }
}
