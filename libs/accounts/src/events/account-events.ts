// The account events (past tense), one file each. Payloads never hold a password or a token.
export * from './user-registered.event';
export * from './verification-email-requested.event';
export * from './user-logged-in.event';
export * from './login-failed.event';
export * from './user-logged-out.event';
export * from './refresh-token-reused.event';
export * from './password-changed.event';
export * from './password-reset-requested.event';
export * from './profile-updated.event';
export * from './admin-granted.event';
export * from './admin-revoked.event';
export * from './email-verified.event';
export * from './user-deleted.event';
export * from './user-blocked.event';
export * from './user-unblocked.event';
export * from './account-suspended.event';
export * from './account-suspension-lifted.event';
