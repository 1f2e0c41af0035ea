import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

@DomainEventType('accounts.admin_granted')
export class AdminGranted extends DomainEvent<{ userId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}
