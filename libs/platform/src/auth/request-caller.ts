import { AsyncLocalStorage } from 'node:async_hooks';

interface CallerScope {
  userId?: number;
  /** The caller's live account as the accounts lib read it (opaque here); null: none exists. */
  account?: object | null;
}

const scope = new AsyncLocalStorage<CallerScope>();

/**
 * Runs the rest of a request (guards, controller, handlers) in a scope of its own, where the token
 * guard leaves what it learned of the caller, so a handler does not look the same account up again.
 * Installed as a Fastify preHandler hook: after the body is read, the handler runs inside it.
 */
export function runInCallerScope(next: () => void): void {
  scope.run({}, next);
}

/** Called by the token guard once it has checked the token's session and account. */
export function rememberCaller(userId: number, account: object | null): void {
  const current = scope.getStore();
  if (!current) return;
  current.userId = userId;
  current.account = account;
}

/**
 * What the guard of this request found for `userId`: the account, null when there is no live one,
 * undefined when this request knows nothing of it (another user, no guard, outside a request).
 */
export function knownCaller(userId: number): object | null | undefined {
  const current = scope.getStore();
  return current && current.userId === userId ? current.account : undefined;
}
