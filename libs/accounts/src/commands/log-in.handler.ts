import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ApiError,
  type AppConfig,
  type CallContext,
  eventMeta,
  formatMessage,
  InjectConfig,
  Messages,
  TokenService,
  UnitOfWork,
} from '@app/platform';
import type { IssuedTokens } from '../domain/issued-tokens';
import { requireObjectBody } from '../domain/json-body';
import { loginAccountKey, LoginThrottle } from '../domain/login-throttle';
import { openSession } from '../domain/account-sessions';
import { checkPassword, hashPassword } from '../domain/password-hashing';
import { EMAIL_PATTERN } from '../domain/registration.rules';
import { isSuspended, suspendedAccountMessage } from '../domain/suspension';
import { hasForbiddenCharacters } from '../domain/text-hygiene';
import { User } from '../domain/user.entity';
import { findLiveUser } from '../domain/users';
import { LoginFailed, type LoginFailureReason, UserLoggedIn } from '../events/account-events';
import { LogInCommand } from './log-in.command';

/** Compared against when the user does not exist, so both failures take the same time. */
const DUMMY_HASH = hashPassword('timing-equaliser-not-a-password');

@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ body, userAgent, call }: LogInCommand): Promise<IssuedTokens> {
    const data = requireObjectBody(body);
    const { username: identifier, password } = data;
    if (!identifier) throw new ApiError(400, Messages.USERNAME_FIELD_IS_MISSING);
    if (!password) throw new ApiError(400, Messages.PASSWORD_FIELD_IS_MISSING);
    if (typeof identifier !== 'string') {
      throw new ApiError(400, formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: 'username' }));
    }
    if (typeof password !== 'string') {
      throw new ApiError(400, formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: 'password' }));
    }

    const user = hasForbiddenCharacters(identifier)
      ? null
      : await this.uow.run(({ em }) =>
          findLiveUser(em, EMAIL_PATTERN.test(identifier) ? { email: identifier } : { username: identifier }),
        );
    const accountKey = loginAccountKey(user?.id ?? null, createHash('sha256').update(identifier).digest('hex'));
    const verdict = await this.throttle.check(accountKey, call.clientAddress);
    if (verdict.blocked) {
      await this.recordFailure(user, 'throttled', call);
      throw new ApiError(
        429,
        Messages.TOO_MANY_FAILED_LOGINS,
        {},
        { 'Retry-After': String(verdict.retryAfterSeconds) },
      );
    }

    const check = await checkPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !check.matches) {
      await this.throttle.recordFailure(accountKey, call.clientAddress);
      await this.recordFailure(user, user ? 'wrong_password' : 'unknown_user', call);
      throw new ApiError(401, Messages.WRONG_USERNAME_OR_PASSWORD);
    }
    if (!user.isEmailVerified) {
      await this.recordFailure(user, 'email_not_verified', call);
      throw new ApiError(403, Messages.USER_HAS_NOT_VERIFIED_EMAIL_BEFORE_LOGIN);
    }
    // Beyond the reference (issue 14): only once the password is proven right, so a wrong one still
    // gets the 401 and tells nothing of the suspension. An ended suspension no longer applies.
    if (isSuspended(user)) throw new ApiError(403, suspendedAccountMessage(user.suspendedUntil!));
    await this.throttle.recordSuccess(accountKey);

    const upgradedHash = check.needsRehash ? await hashPassword(password) : null;
    const session = await this.uow.run(async (tx) => {
      if (upgradedHash) {
        await tx.em.nativeUpdate(User, { id: user.id }, { passwordHash: upgradedHash });
      }
      // Read again under a share lock: a suspension committed since the check above is seen here, and
      // one being made now waits for this session and then revokes it (domain/suspension.ts). After
      // the update above: a share lock first, then an update, could deadlock two logins of one account.
      const current = await tx.em.findOne(
        User,
        { id: user.id },
        { fields: ['suspendedUntil'], lockMode: LockMode.PESSIMISTIC_READ },
      );
      if (current && isSuspended(current)) {
        throw new ApiError(403, suspendedAccountMessage(current.suspendedUntil!));
      }
      const opened = openSession(tx.em, user.id, this.config.refreshTokenTtlSeconds, {
        address: call.clientAddress,
        userAgent,
      });
      tx.record(
        new UserLoggedIn(
          { userId: user.id, sessionId: opened.id, clientAddress: call.clientAddress },
          eventMeta(call, user.id),
        ),
      );
      return opened;
    });
    return {
      access_token: this.tokens.issue(user.id, 'access', { sessionId: session.id, fresh: true }).token,
      refresh_token: this.tokens.issue(user.id, 'refresh', { sessionId: session.id, tokenId: session.refreshTokenId })
        .token,
    };
  }

  private async recordFailure(user: User | null, reason: LoginFailureReason, call: CallContext): Promise<void> {
    await this.uow.run(async (tx) => {
      tx.record(
        new LoginFailed(
          { userId: user?.id ?? null, reason, clientAddress: call.clientAddress },
          eventMeta(call, user?.id ?? null),
        ),
      );
    });
  }
}
