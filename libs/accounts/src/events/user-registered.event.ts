import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

@DomainEventType('accounts.user_registered')
export class UserRegistered extends DomainEvent<{ userId: number; isAdmin: boolean }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { isAdmin: this.payload.isAdmin });
  }
}
