import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

/**
 * An admin (`by`) suspended the account of `userId` until `until` (epoch seconds; null: for good),
 * directly or by resolving a report; every session of the account was revoked in the same
 * transaction. Suspending a suspended account again records a new one with the new end. No email.
 */
@DomainEventType('accounts.account_suspended')
export class AccountSuspended extends DomainEvent<{
  userId: number;
  until: number | null;
  reason: string | null;
  by: number;
}> {
  override auditFacts(): AuditFacts {
    const { userId, until, reason, by } = this.payload;
    return userTarget(userId, { until, reason, by });
  }
}
