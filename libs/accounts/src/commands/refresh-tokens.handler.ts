import { type EntityManager, LockMode } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, type AppConfig, eventMeta, InjectConfig, Messages, TokenService, UnitOfWork } from '@app/platform';
import type { RefreshedTokens } from '../domain/issued-tokens';
import { Session } from '../domain/session.entity';
import { isSuspended, suspendedAccountMessage } from '../domain/suspension';
import { User } from '../domain/user.entity';
import { isLiveUserId } from '../domain/users';
import { RefreshTokenReused } from '../events/account-events';
import { RefreshTokensCommand } from './refresh-tokens.command';

type Outcome = { kind: 'ok'; tokens: RefreshedTokens } | { kind: 'revoked' } | { kind: 'suspended'; until: Date };

@CommandHandler(RefreshTokensCommand)
export class RefreshTokensHandler implements ICommandHandler<RefreshTokensCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ refreshTokenId, sessionId, rotate, call }: RefreshTokensCommand): Promise<RefreshedTokens> {
    const userId = call.actorId!;
    // A token from before sessions existed names none: the reference's plain refresh, unless the
    // account is suspended (beyond the reference, issue 14).
    if (!sessionId) {
      const until = await this.uow.run((tx) => this.suspensionOf(tx.em, userId));
      if (until) throw new ApiError(403, suspendedAccountMessage(until));
      return { access_token: this.tokens.issue(userId, 'access').token };
    }

    const outcome = await this.uow.run<Outcome>(async (tx) => {
      const session = await tx.em.findOne(Session, { id: sessionId, userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session || session.revokedAt || session.expiresAt <= new Date()) return { kind: 'revoked' };
      if (session.refreshTokenId !== refreshTokenId) {
        // A rotated-out refresh token came back: whoever holds it may not be the owner. End the session.
        session.revokedAt = new Date();
        session.revokedReason = 'refresh_token_reused';
        tx.record(new RefreshTokenReused({ userId, sessionId }, eventMeta(call, userId)));
        return { kind: 'revoked' };
      }
      // A suspension revokes every session; should one still be open, the account is refused all the same.
      const suspendedUntil = await this.suspensionOf(tx.em, userId);
      if (suspendedUntil) return { kind: 'suspended', until: suspendedUntil };
      session.refreshedAt = new Date();
      const access_token = this.tokens.issue(userId, 'access', { sessionId }).token;
      if (!rotate) return { kind: 'ok', tokens: { access_token } };
      session.refreshTokenId = randomUUID();
      session.expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
      const refresh_token = this.tokens.issue(userId, 'refresh', { sessionId, tokenId: session.refreshTokenId }).token;
      return { kind: 'ok', tokens: { access_token, refresh_token } };
    });
    if (outcome.kind === 'revoked') throw new ApiError(401, Messages.TOKEN_HAS_BEEN_REVOKED);
    if (outcome.kind === 'suspended') throw new ApiError(403, suspendedAccountMessage(outcome.until));
    return outcome.tokens;
  }

  /** The end of the account's suspension when it is suspended now; null otherwise (an unknown account included). */
  private async suspensionOf(em: EntityManager, userId: number): Promise<Date | null> {
    if (!isLiveUserId(userId)) return null;
    const user = await em.findOne(User, { id: userId }, { fields: ['suspendedUntil'] });
    return user && isSuspended(user) ? user.suspendedUntil : null;
  }
}
