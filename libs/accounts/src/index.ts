export * from './accounts.module';
export * from './events/account-events';
export * from './domain/account-tokens';
export * from './domain/mentorship-availability';
export * from './domain/purge-unverified-users.job';
export * from './domain/password-hashing';
export * from './domain/registration.rules';
export * from './domain/user.entity';
export * from './domain/session.entity';
export * from './domain/password-reset-request.entity';
export * from './domain/users';
export * from './commands/purge-unverified-users.command';
export * from './domain/directory.rules';
export * from './domain/ratings';
export { blockedEitherWaySubquery, isBlockedEitherWay } from './domain/user-blocks';
export * from './domain/user-block.entity';
export { hasForbiddenCharacters } from './domain/text-hygiene';
export {
  isSuspended,
  liftSuspension,
  MAX_SUSPENSION_DAYS,
  suspendAccount,
  suspensionEnd,
  type SuspensionActor,
} from './domain/suspension';
export { presentPublicUser, type PublicUserView } from './http/user.presenter';
export { PublicUserDoc } from './http/dto/account-bodies';
export { LiveAdminGuard } from './http/live-admin.guard';
