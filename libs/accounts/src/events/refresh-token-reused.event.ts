import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

/** A rotated-out refresh token came back: the session was revoked as likely stolen. */
@DomainEventType('accounts.refresh_token_reused')
export class RefreshTokenReused extends DomainEvent<{ userId: number; sessionId: string }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { sessionId: this.payload.sessionId });
  }
}
