import { AccountSuspended, PasswordChanged, RefreshTokenReused, UserDeleted, UserLoggedOut } from '@app/accounts';
import { type DomainEventHandler, LiveBus, OnDomainEvent } from '@app/platform';
import type { SessionRevokedData } from './live-streams';

type SessionEnding = UserLoggedOut | RefreshTokenReused | PasswordChanged | UserDeleted | AccountSuspended;

/**
 * The events that revoke sessions, told to the user's streams on every replica:
 * - logout and refresh-token reuse end one session: its streams close;
 * - a password change (every session but the caller's), a password reset (all of them) and an
 *   account deletion or suspension name no session: each stream of the user re-checks its own and closes if it
 *   was revoked (or the account is gone).
 * Publishing again on a redelivered event is harmless (a stream closes once).
 */
@OnDomainEvent(UserLoggedOut, RefreshTokenReused, PasswordChanged, UserDeleted, AccountSuspended)
export class CloseStreamsWhenSessionRevoked implements DomainEventHandler<SessionEnding> {
  constructor(private readonly bus: LiveBus) {}

  async handle(event: SessionEnding): Promise<void> {
    const payload = event.payload as { userId: number; sessionId?: string };
    const data: SessionRevokedData = { session_id: payload.sessionId ?? null };
    await this.bus.publish({ userId: payload.userId, type: 'session_revoked', data });
  }
}
