import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

/** Asks for a password reset email for the request `requestId` (the link's token names it). */
@DomainEventType('accounts.password_reset_requested')
export class PasswordResetRequested extends DomainEvent<{
  userId: number;
  requestId: string;
  email: string;
  name: string;
}> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}
