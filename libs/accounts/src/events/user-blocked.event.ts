import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { userTarget } from './user-target';

/** `blockerId` blocked `blockedId`; the mentorship lib withdraws the PENDING requests between them. No email. */
@DomainEventType('accounts.user_blocked')
export class UserBlocked extends DomainEvent<{ blockerId: number; blockedId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.blockedId, { blockerId: this.payload.blockerId });
  }
}
