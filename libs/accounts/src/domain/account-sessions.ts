import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { type CallerCheck, SessionRegistry } from '@app/platform';
import { isLiveUserId } from './users';
import { Session, type SessionRevocationReason } from './session.entity';
import { FOR_GOOD_MS } from './suspension-end.type';
import { suspendedAccountMessage } from './suspension-messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * The token guards' question, answered in one statement: is the token's session open, and which
 * live account is the caller (its whole row, which the request's handlers then reuse).
 */
@Injectable()
export class AccountSessions extends SessionRegistry {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async checkCaller(userId: number, sessionId: string | undefined): Promise<CallerCheck> {
    if (!isLiveUserId(userId)) return { sessionOpen: false, account: null };
    const session = sessionId !== undefined && isUuid(sessionId) ? sessionId : null;
    const [row] = await this.em
      .getConnection()
      .execute<Array<Record<string, unknown> & { session_open: boolean; suspended_ms: number | null }>>(
        // Suspended now: the end in epoch milliseconds (for good: the largest Date), else null.
        `select (s."id" is not null) as "session_open",
                case when u."suspended_until" > now() then
                  case when u."suspended_until" = 'infinity' then ${FOR_GOOD_MS}
                  else (extract(epoch from u."suspended_until") * 1000)::float8 end
                end as "suspended_ms", u.*
         from (values (1)) as "one"
         left join "users" u on u."id" = ? and u."deleted_at" is null
         left join "sessions" s on s."id" = ? and s."user_id" = ? and s."revoked_at" is null and s."expires_at" > now()`,
        [userId, session, userId],
      );
    const { session_open: sessionOpen, suspended_ms: suspendedMs, ...account } = row;
    return {
      sessionOpen,
      account: account.id === null ? null : account,
      // The guard refuses every token of a suspended account, even one that names no session.
      suspendedMessage: suspendedMs === null ? undefined : suspendedAccountMessage(new Date(Number(suspendedMs))),
    };
  }
}

/** A new session whose first refresh token id is `refreshTokenId`. */
export function openSession(
  em: EntityManager,
  userId: number,
  lifetimeSeconds: number,
  client: { address: string | null; userAgent: string | null },
): Session {
  const now = new Date();
  const session = em.create(Session, {
    id: randomUUID(),
    userId,
    refreshTokenId: randomUUID(),
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
    clientAddress: client.address?.slice(0, 64) ?? null,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  em.persist(session);
  return session;
}

/** Revokes every open session of a user (but `keep`, when given). Returns how many. */
export function revokeSessionsOf(
  em: EntityManager,
  userId: number,
  reason: SessionRevocationReason,
  keep?: string,
): Promise<number> {
  return em.nativeUpdate(
    Session,
    { userId, revokedAt: null, ...(keep ? { id: { $ne: keep } } : {}) },
    { revokedAt: new Date(), revokedReason: reason },
  );
}
