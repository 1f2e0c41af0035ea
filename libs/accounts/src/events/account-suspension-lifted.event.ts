import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

/** An admin (`by`) lifted the suspension of `userId` before its end: the account can log in again. */
@DomainEventType('accounts.account_suspension_lifted')
export class AccountSuspensionLifted extends DomainEvent<{ userId: number; by: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { by: this.payload.by });
  }
}
