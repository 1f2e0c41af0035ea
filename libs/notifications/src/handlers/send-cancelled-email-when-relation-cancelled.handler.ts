import { RelationCancelled } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderRelationCancelled } from '../templates/relation-emails.template';
import { displayName, RelationParties } from './relation-parties';

/** Beyond the reference: the party who did not cancel is told (both, if an account was deleted, the live one). */
@DeliverThroughQueue('email')
@OnDomainEvent(RelationCancelled)
export class SendCancelledEmailWhenRelationCancelled implements DomainEventHandler<RelationCancelled> {
  constructor(private readonly parties: RelationParties) {}

  async handle({ payload, meta }: RelationCancelled): Promise<void> {
    const { mentor, mentee } = await this.parties.load(payload.mentorId, payload.menteeId);
    const canceller = meta.actorId === payload.mentorId ? mentor : mentee;
    const recipient = meta.actorId === payload.mentorId ? mentee : mentor;
    const other = payload.reason === 'account_deleted' ? null : displayName(canceller);
    if (!recipient) return;
    await this.parties.send(
      recipient,
      renderRelationCancelled({ recipient: displayName(recipient)!, other }),
      'relation_updates',
    );
  }
}
