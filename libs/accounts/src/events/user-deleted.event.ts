import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

export type AccountDeletionReason = 'self_service' | 'unverified_purge';

/** The account was anonymised; other libs drop or detach what belonged to it. */
@DomainEventType('accounts.user_deleted')
export class UserDeleted extends DomainEvent<{ userId: number; reason: AccountDeletionReason }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { reason: this.payload.reason });
  }
}
