import { Module, type OnModuleInit } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type AppConfig, InjectConfig, SessionRegistry } from '@app/platform';
import { ChangePasswordHandler } from './commands/change-password.handler';
import { ConfirmEmailHandler } from './commands/confirm-email.handler';
import { DeleteAccountHandler } from './commands/delete-account.handler';
import { GrantAdminHandler } from './commands/grant-admin.handler';
import { LogInHandler } from './commands/log-in.handler';
import { LogOutHandler } from './commands/log-out.handler';
import { PurgeUnverifiedUsersHandler } from './commands/purge-unverified-users.handler';
import { RefreshTokensHandler } from './commands/refresh-tokens.handler';
import { RegisterUserHandler } from './commands/register-user.handler';
import { limitPasswordHashing } from './domain/password-hashing';
import { RequestPasswordResetHandler } from './commands/request-password-reset.handler';
import { ResendVerificationEmailHandler } from './commands/resend-verification-email.handler';
import { ResetPasswordHandler } from './commands/reset-password.handler';
import { RevokeAdminHandler } from './commands/revoke-admin.handler';
import { UpdateProfileHandler } from './commands/update-profile.handler';
import { BlockUserHandler } from './commands/block-user.handler';
import { UnblockUserHandler } from './commands/unblock-user.handler';
import { SuspendAccountHandler } from './commands/suspend-account.handler';
import { LiftSuspensionHandler } from './commands/lift-suspension.handler';
import { AccountSessions } from './domain/account-sessions';
import { AccountTokens } from './domain/account-tokens';
import { LoginThrottle } from './domain/login-throttle';
import { PasswordResetRequest } from './domain/password-reset-request.entity';
import { PurgeUnverifiedUsersJob } from './domain/purge-unverified-users.job';
import { Session } from './domain/session.entity';
import { User } from './domain/user.entity';
import { UserBlock } from './domain/user-block.entity';
import { AdminController } from './http/admin.controller';
import { AuthController } from './http/auth.controller';
import { UsersController } from './http/users.controller';
import { BlocksController } from './http/blocks.controller';
import { GetOwnProfileHandler } from './queries/get-own-profile.handler';
import { GetUserProfileHandler } from './queries/get-user-profile.handler';
import { ListAdminsHandler } from './queries/list-admins.handler';
import { ListUsersHandler } from './queries/list-users.handler';
import { GetOwnTagsHandler, SuggestTagsHandler } from './queries/suggest-tags.handler';
import { SkillsController } from './http/skills.controller';
import { Tag, UserTag } from './domain/tag.entity';
import { ListBlocksHandler } from './queries/list-blocks.handler';

const COMMAND_HANDLERS = [
  RegisterUserHandler,
  ConfirmEmailHandler,
  ResendVerificationEmailHandler,
  LogInHandler,
  RefreshTokensHandler,
  LogOutHandler,
  UpdateProfileHandler,
  DeleteAccountHandler,
  ChangePasswordHandler,
  GrantAdminHandler,
  RevokeAdminHandler,
  RequestPasswordResetHandler,
  ResetPasswordHandler,
  PurgeUnverifiedUsersHandler,
  BlockUserHandler,
  UnblockUserHandler,
  SuspendAccountHandler,
  LiftSuspensionHandler,
];
const QUERY_HANDLERS = [
  GetOwnProfileHandler,
  GetUserProfileHandler,
  ListUsersHandler,
  ListAdminsHandler,
  ListBlocksHandler,
  SuggestTagsHandler,
  GetOwnTagsHandler,
];

/**
 * The accounts use cases without routes: what the worker runs (the scheduled purge) and what the
 * HTTP module builds on.
 */
@Module({
  imports: [MikroOrmModule.forFeature([User, Session, PasswordResetRequest, UserBlock, Tag, UserTag])],
  providers: [
    ...COMMAND_HANDLERS,
    ...QUERY_HANDLERS,
    AccountTokens,
    LoginThrottle,
    AccountSessions,
    { provide: SessionRegistry, useExisting: AccountSessions },
    PurgeUnverifiedUsersJob,
  ],
  exports: [AccountTokens, PurgeUnverifiedUsersJob],
})
export class AccountsCoreModule implements OnModuleInit {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  onModuleInit(): void {
    limitPasswordHashing(this.config.passwordHashConcurrency);
  }
}

/** Users, registration, email verification, login and sessions, profiles, admins: the routes. */
@Module({
  imports: [AccountsCoreModule],
  controllers: [AuthController, UsersController, AdminController, BlocksController, SkillsController],
  exports: [AccountsCoreModule],
})
export class AccountsModule {}
