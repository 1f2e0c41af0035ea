/**
 * Helpers for the specs beyond the reference (sessions, password reset, throttling, deletion,
 * directory, audit log, purge, hostile bodies). Built on test/support, which they never change.
 */
import type { TestApp } from '../support/app';
import { type ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { bearer, CONFIRMATION_SUBJECT, confirmationPath } from '../support/accounts';
import { eventually } from '../support/app';
export {
  expectMessage,
  statusAndBody,
  type TestEnv as AccountsEnv,
  startTestEnv as startAccountsEnv,
} from '../support/env';

export const RESET_SUBJECT = 'Mentorship System - Reset your password';

export const MESSAGES = {
  revoked: 'The token has been revoked! Please, login again.',
  loggedOut: 'You have been logged out.',
  passwordUpdated: 'Password was updated successfully.',
  wrongCredentials: 'Username or password is wrong.',
  tooManyLogins: 'Too many failed login attempts. Please, try again later.',
  resetEmailSent: 'If an account with that email exists, an email with a link to reset the password has been sent.',
  resetDone: 'Your password was reset. Please, login with the new password.',
  resetInvalid: 'The password reset link is invalid or has expired.',
  emailMissing: 'Email field is missing.',
  emailInvalid: 'Your email is invalid.',
  tokenMissing: 'Token field is missing.',
  passwordSpaces: "Password shouldn't contain spaces.",
  newPasswordLength: 'The new_password field has to be longer than 7 characters and shorter than 65 characters.',
  passwordMissing: 'Password field is missing.',
  userDeleted: 'User was deleted successfully.',
  userDoesNotExist: 'User does not exist.',
  onlyAdmin: 'You cannot delete your account, since you are the only Admin left.',
  notAdmin: 'User is not an Admin.',
  needMentoringInvalid: 'The need_mentoring query parameter is invalid.',
  availableToMentorInvalid: 'The available_to_mentor query parameter is invalid.',
} as const;

/** Waits for the `index`-th (0-based) email to `recipient` with `subject`. */
export async function waitForNthMail(
  sink: SmtpSink,
  recipient: string,
  subject: string,
  index: number,
  timeoutMs = 10_000,
): Promise<ReceivedMail> {
  return eventually(() => {
    const mails = sink.messages.filter((mail) => mail.to.includes(recipient) && mail.subject === subject);
    return mails[index];
  }, timeoutMs);
}

export function countMails(sink: SmtpSink, recipient: string, subject: string): number {
  return sink.messages.filter((mail) => mail.to.includes(recipient) && mail.subject === subject).length;
}

/** The reset link in a password reset email: its path and its token. */
export function resetLink(mail: ReceivedMail): { path: string; token: string } {
  const pattern = /http:\/\/mentorship\.test(\/user\/reset_password\/([A-Za-z0-9._~%-]+))/;
  const match = pattern.exec(mail.text) ?? pattern.exec(mail.html);
  if (!match) throw new Error(`no reset link in the email to ${mail.to.join(', ')}:\n${mail.text}`);
  return { path: match[1], token: decodeURIComponent(match[2]) };
}

/** Follows the `index`-th verification email to `email` (for an address registered more than once). */
export async function confirmNthMail(test: TestApp, sink: SmtpSink, email: string, index: number) {
  const mail = await waitForNthMail(sink, email, CONFIRMATION_SUBJECT, index);
  const path = confirmationPath(mail);
  const response = await test.app.inject({ method: 'GET', url: path });
  return { mail, path, response };
}

/** GET /user with an access token. */
export const getOwnProfile = (test: TestApp, accessToken: string) =>
  test.app.inject({ method: 'GET', url: '/user', headers: bearer(accessToken) });

/** POST /refresh with a refresh token (and an optional JSON body). */
export const refreshWith = (test: TestApp, refreshToken: string, payload?: object) =>
  test.app.inject({
    method: 'POST',
    url: '/refresh',
    headers: bearer(refreshToken),
    ...(payload === undefined ? {} : { payload }),
  });

/** POST /login answering whatever it answers. */
export const attemptLogin = (test: TestApp, payload: unknown, remoteAddress?: string) =>
  test.app.inject({
    method: 'POST',
    url: '/login',
    payload: payload as object,
    ...(remoteAddress ? { remoteAddress } : {}),
  });

/** The rel → URL map of an RFC 8288 Link header. */
export function parseLinkHeader(header: string | undefined): Record<string, URL> {
  const links: Record<string, URL> = {};
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]+)>\s*;\s*rel="([^"]+)"/g)) links[match[2]] = new URL(match[1]);
  return links;
}

/** A random IPv4 address in 10/8, so runs and tests never share a per-address counter. */
export function randomAddress(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `10.${byte()}.${byte()}.${byte()}`;
}
