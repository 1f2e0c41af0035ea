import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';

export type LoginFailureReason = 'unknown_user' | 'wrong_password' | 'email_not_verified' | 'throttled';

@DomainEventType('accounts.login_failed')
export class LoginFailed extends DomainEvent<{
  userId: number | null;
  reason: LoginFailureReason;
  clientAddress: string | null;
}> {
  override auditFacts(): AuditFacts {
    return {
      targetType: 'user',
      targetId: this.payload.userId,
      details: { reason: this.payload.reason, clientAddress: this.payload.clientAddress },
    };
  }
}
