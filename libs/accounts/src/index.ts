// Accounts (issue 4, in progress): only the pure domain pieces exist so far.
export * from './domain/password-hashing';
export * from './domain/registration.rules';
