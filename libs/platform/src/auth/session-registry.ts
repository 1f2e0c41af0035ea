/**
 * Answers whether a login session is still open. Provided by the accounts lib; the token guards
 * ask it for every token that names a session, so revocation takes effect on the next request.
 */
export abstract class SessionRegistry {
  abstract isActive(sessionId: string, userId: number): Promise<boolean>;
}
