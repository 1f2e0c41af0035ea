import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { SessionRegistry } from '@app/platform';
import { Session, type SessionRevocationReason } from './session.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The token guards' question, answered with one primary-key lookup. */
@Injectable()
export class AccountSessions extends SessionRegistry {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async isActive(sessionId: string, userId: number): Promise<boolean> {
    if (!isUuid(sessionId)) return false;
    const rows = await this.em
      .getConnection()
      .execute(
        `select 1 from "sessions" where "id" = ? and "user_id" = ? and "revoked_at" is null and "expires_at" > now()`,
        [sessionId, userId],
      );
    return rows.length > 0;
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
