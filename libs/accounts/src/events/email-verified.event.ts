import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

@DomainEventType('accounts.email_verified')
export class EmailVerified extends DomainEvent<{ userId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}
