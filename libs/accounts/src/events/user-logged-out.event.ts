import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

@DomainEventType('accounts.user_logged_out')
export class UserLoggedOut extends DomainEvent<{ userId: number; sessionId: string }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { sessionId: this.payload.sessionId });
  }
}
