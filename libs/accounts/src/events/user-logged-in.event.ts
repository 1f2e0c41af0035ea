import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

@DomainEventType('accounts.user_logged_in')
export class UserLoggedIn extends DomainEvent<{ userId: number; sessionId: string; clientAddress: string | null }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, {
      sessionId: this.payload.sessionId,
      clientAddress: this.payload.clientAddress,
    });
  }
}
