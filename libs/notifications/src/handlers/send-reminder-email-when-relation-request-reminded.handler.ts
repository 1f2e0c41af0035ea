import { EntityManager } from '@mikro-orm/core';
import { MentorshipRelation, pendingRequestExpiresAt, RelationRequestReminded, RelationState } from '@app/mentorship';
import {
  type AppConfig,
  DeliverThroughQueue,
  type DomainEventHandler,
  InjectConfig,
  OnDomainEvent,
} from '@app/platform';
import { renderRelationRequestReminder } from '../templates/pending-request-emails.template';
import { displayName, RelationParties } from './relation-parties';

/**
 * Beyond the reference: the receiver of a request that has waited REQUEST_REMINDER_AFTER is
 * reminded once (the job marks reminded_at in the transaction that records the event). Not sent if
 * the request was answered, withdrawn or closed before the email went out.
 */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationRequestReminded)
export class SendReminderEmailWhenRelationRequestReminded implements DomainEventHandler<RelationRequestReminded> {
  constructor(
    private readonly parties: RelationParties,
    private readonly em: EntityManager,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async handle({ payload }: RelationRequestReminded): Promise<void> {
    const request = await this.em.fork().findOne(MentorshipRelation, { id: payload.relationId });
    if (!request || request.state !== RelationState.PENDING) return;
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const [sender, receiver] = payload.actionUserId === payload.mentorId ? [mentor, mentee] : [mentee, mentor];
    if (!sender || !receiver) return;
    await this.parties.send(
      receiver,
      renderRelationRequestReminder({
        recipient: displayName(receiver)!,
        sender: displayName(sender)!,
        expiresAt: pendingRequestExpiresAt(request.creationDate, request.endDate, {
          reminderAfterSeconds: this.config.requestReminderAfterSeconds,
          expiresAfterSeconds: this.config.requestExpiresAfterSeconds,
        }),
      }),
      'relation_requests',
    );
  }
}
