import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

/** `blockerId` lifted their block of `blockedId`. No email. */
@DomainEventType('accounts.user_unblocked')
export class UserUnblocked extends DomainEvent<{ blockerId: number; blockedId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.blockedId, { blockerId: this.payload.blockerId });
  }
}
