import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

@DomainEventType('accounts.password_changed')
export class PasswordChanged extends DomainEvent<{ userId: number; via: 'change_password' | 'reset_password' }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { via: this.payload.via });
  }
}
