import { RelationCompleted } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationCompleted } from '../templates/relation-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: both parties learn that the relation is complete (its end date came, or they agreed early). */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationCompleted)
export class SendCompletedEmailsWhenRelationCompleted implements DomainEventHandler<RelationCompleted> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload }: RelationCompleted): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    for (const [recipient, other] of [
      [mentor, mentee],
      [mentee, mentor],
    ] as const) {
      if (!recipient) continue;
      await this.parties.send(
        recipient,
        renderRelationCompleted({
          recipient: displayName(recipient)!,
          other: displayName(other),
          reason: payload.reason,
        }),
        'relation_updates',
      );
    }
  }
}
