/** What the token guards learn of a token's caller, in one lookup. */
export interface CallerCheck {
  /** Whether the session the token names is open (false when it names none). */
  sessionOpen: boolean;
  /** The caller's live account, as the accounts lib reads it (opaque here); null when there is none. */
  account: object | null;
  /** Set while the account is suspended: the 403 message its tokens, with a session or without, get. */
  suspendedMessage?: string;
}

/**
 * Answers whether a login session is still open, and with it who the caller is. Provided by the
 * accounts lib; the token guards ask it for every token, so revocation takes effect on the next
 * request and a deleted account is known before any handler runs.
 */
export abstract class SessionRegistry {
  abstract checkCaller(userId: number, sessionId: string | undefined): Promise<CallerCheck>;
}
