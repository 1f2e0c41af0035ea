import { RelationAccepted } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationAccepted } from '../templates/relation-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** The reference's "relation accepted" email, to the original sender. */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationAccepted)
export class SendAcceptedEmailWhenRelationAccepted implements DomainEventHandler<RelationAccepted> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: RelationAccepted): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const senderIsMentor = payload.actionUserId === payload.mentorId;
    const [sender, receiver] = senderIsMentor ? [mentor, mentee] : [mentee, mentor];
    if (!sender || !receiver) return;
    await this.parties.send(
      sender,
      renderRelationAccepted({
        sender: displayName(sender)!,
        receiver: displayName(receiver)!,
        role: senderIsMentor ? 'mentee' : 'mentor',
        endDate: payload.endDate,
      }),
      'request_answers',
    );
  }
}
