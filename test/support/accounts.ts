/**
 * Helpers for the accounts specs: register, confirm through the emailed link, log in, and the
 * shared checks every protected endpoint must pass (the three JWT 401s).
 */
import type { Response } from 'light-my-request';
import type { TestApp } from './app';
import { query } from './database';
import type { ReceivedMail, SmtpSink } from './smtp-sink';
import { signTestToken } from './tokens';

/** APP_URL the accounts specs start the app with; the confirmation links point there. */
export const APP_URL = 'http://mentorship.test';
export const CONFIRMATION_SUBJECT = 'Mentorship System - Please confirm your email';
export const DEFAULT_PASSWORD = 'Secret_pass_123';

export const NOT_FOUND_URL =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

/** The keys of `public_user_api_model` (GET /users items, GET /users/{id}). */
export const PUBLIC_USER_KEYS = [
  'id',
  'username',
  'name',
  'slack_username',
  'bio',
  'location',
  'occupation',
  'organization',
  'interests',
  'skills',
  'need_mentoring',
  'available_to_mentor',
  'is_available',
  'registration_date',
].sort();

/** The keys of `full_user_api_model` (GET /user). */
export const FULL_USER_KEYS = [
  'id',
  'name',
  'username',
  'email',
  'terms_and_conditions_checked',
  'is_admin',
  'registration_date',
  'is_email_verified',
  'email_verification_date',
  'bio',
  'location',
  'occupation',
  'organization',
  'slack_username',
  'social_media_links',
  'skills',
  'interests',
  'resume_url',
  'photo_url',
  'need_mentoring',
  'available_to_mentor',
  'current_mentorship_role',
  'membership_status',
].sort();

/** The keys of an item of GET /admins. */
export const ADMIN_KEYS = [
  'id',
  'username',
  'name',
  'slack_username',
  'bio',
  'location',
  'occupation',
  'organization',
  'skills',
].sort();

export type InjectOptions = Parameters<TestApp['app']['inject']>[0];

export interface RegistrationPayload {
  name: string;
  username: string;
  password: string;
  email: string;
  terms_and_conditions_checked: boolean;
  need_mentoring?: boolean;
  available_to_mentor?: boolean;
  [key: string]: unknown;
}

export interface VerifiedUser {
  id: number;
  name: string;
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let sequence = 0;

/** Digits written with consonants only, so generated names never contain a word a spec searches for. */
function letters(n: number): string {
  return String(n)
    .split('')
    .map((digit) => 'bcdfghjkmn'[Number(digit)])
    .join('');
}

/** A valid registration body with a unique username and email (lower case, unique per spec file). */
export function newRegistration(overrides: Partial<RegistrationPayload> = {}): RegistrationPayload {
  sequence += 1;
  const tag = `${process.pid % 100_000}x${sequence}`;
  const username = `member_${tag}`;
  return {
    name: `Test Member ${letters(sequence)}`,
    username,
    password: DEFAULT_PASSWORD,
    email: `${username}@example.org`,
    terms_and_conditions_checked: true,
    ...overrides,
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** POST /register with valid defaults, unique username and email; `overrides` replace fields. */
export async function registerUser(
  test: TestApp,
  overrides: Partial<RegistrationPayload> = {},
): Promise<{ payload: RegistrationPayload; response: Response }> {
  const payload = newRegistration(overrides);
  const response = await test.app.inject({ method: 'POST', url: '/register', payload });
  return { payload, response };
}

/** The confirmation link's path (`/user/confirm_email/<token>`) found in a verification email. */
export function confirmationPath(mail: ReceivedMail): string {
  const pattern = /http:\/\/mentorship\.test(\/user\/confirm_email\/[A-Za-z0-9._~%-]+)/;
  const match = pattern.exec(mail.html) ?? pattern.exec(mail.text);
  if (!match) throw new Error(`no confirmation link in the email to ${mail.to.join(', ')}:\n${mail.html}`);
  return match[1];
}

/** Every verification email received so far for `email`, oldest first. */
export function verificationMails(sink: SmtpSink, email: string): ReceivedMail[] {
  return sink.messages.filter((mail) => mail.to.includes(email) && mail.subject === CONFIRMATION_SUBJECT);
}

/** Waits for the verification email to `email`, follows its link with GET, and returns the answer. */
export async function confirmViaEmail(
  test: TestApp,
  sink: SmtpSink,
  email: string,
): Promise<{ mail: ReceivedMail; path: string; response: Response }> {
  const mail = await sink.waitFor(email, CONFIRMATION_SUBJECT);
  const path = confirmationPath(mail);
  const response = await test.app.inject({ method: 'GET', url: path });
  return { mail, path, response };
}

function unexpected(what: string, response: Response): Error {
  return new Error(`${what} answered ${response.statusCode}: ${response.body}`);
}

/** POST /login; throws unless it answers 200 with both tokens. */
export async function login(
  test: TestApp,
  username: string,
  password: string,
): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await test.app.inject({ method: 'POST', url: '/login', payload: { username, password } });
  if (response.statusCode !== 200) throw unexpected(`POST /login as ${username}`, response);
  const body = response.json();
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** The id of the user a token belongs to, by GET /user. */
export async function ownId(test: TestApp, accessToken: string): Promise<number> {
  const response = await test.app.inject({ method: 'GET', url: '/user', headers: bearer(accessToken) });
  if (response.statusCode !== 200) throw unexpected('GET /user', response);
  return response.json().id;
}

/** Registers, confirms through the emailed link, and logs in. */
export async function createVerifiedUser(
  test: TestApp,
  sink: SmtpSink,
  overrides: Partial<RegistrationPayload> = {},
): Promise<VerifiedUser> {
  const { payload, response } = await registerUser(test, overrides);
  if (response.statusCode !== 201) throw unexpected(`POST /register of ${payload.username}`, response);
  const confirmation = await confirmViaEmail(test, sink, payload.email);
  if (confirmation.response.statusCode !== 200) {
    throw unexpected(`GET ${confirmation.path}`, confirmation.response);
  }
  const tokens = await login(test, payload.username, payload.password);
  const id = await ownId(test, tokens.accessToken);
  return {
    id,
    name: payload.name,
    username: payload.username,
    email: payload.email,
    password: payload.password,
    ...tokens,
  };
}

/** Registers without confirming; returns the payload and the new user's id (by its username). */
export async function createUnverifiedUser(
  test: TestApp,
  databaseUrl: string,
  overrides: Partial<RegistrationPayload> = {},
): Promise<RegistrationPayload & { id: number }> {
  const { payload, response } = await registerUser(test, overrides);
  if (response.statusCode !== 201) throw unexpected(`POST /register of ${payload.username}`, response);
  const [row] = await query<{ id: number }>(databaseUrl, 'select id from users where username = $1', [
    payload.username,
  ]);
  return { ...payload, id: row.id };
}

/** DELETE /user with the user's own token; throws unless it answers 200. */
export async function deleteOwnAccount(test: TestApp, user: { accessToken: string }): Promise<void> {
  const response = await test.app.inject({ method: 'DELETE', url: '/user', headers: bearer(user.accessToken) });
  if (response.statusCode !== 200) throw unexpected('DELETE /user', response);
}

/** The claims of a JWT, unverified. */
export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/** An access token that belongs to no session, as a client could hold for a user deleted since. */
export const sessionlessAccessToken = (id: number) => signTestToken({ identity: id, type: 'access' });

/**
 * The three JWT 401s of a protected endpoint (plus a refresh token in place of the access token).
 * `request` should carry a valid body, so only the token can be at fault.
 */
export function itRejectsMissingExpiredAndInvalidTokens(
  getTest: () => TestApp,
  request: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: unknown },
): void {
  const send = (headers: Record<string, string>) => getTest().app.inject({ ...request, headers } as InjectOptions);

  it(`${request.method} ${request.url} without an Authorization header: 401 "missing"`, async () => {
    const response = await send({});
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'The authorization token is missing!' });
  });

  it(`${request.method} ${request.url} with an expired token: 401 "expired"`, async () => {
    const response = await send(bearer(signTestToken({ identity: 1, type: 'access', expiresInSeconds: -10 })));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'The token has expired! Please, login again or refresh it.' });
  });

  it(`${request.method} ${request.url} with an invalid token: 401 "invalid"`, async () => {
    for (const header of [
      'Bearer not.a.jwt',
      `Bearer ${signTestToken({ identity: 1, type: 'access' }, 'another-secret')}`,
      `Bearer ${signTestToken({ identity: 1, type: 'refresh' })}`,
    ]) {
      const response = await send({ authorization: header });
      expect({ header, status: response.statusCode, body: response.json() }).toEqual({
        header,
        status: 401,
        body: { message: 'The token is invalid!' },
      });
    }
  });
}

/** Every timer API but Date, so `withClockAt` moves the app's clock without stopping its I/O. */
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** Runs `action` with the in-process clock (Date only) set to `epochMs`, then restores it. */
export async function withClockAt<T>(epochMs: number, action: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: epochMs, doNotFake: [...ALL_BUT_DATE] });
  try {
    return await action();
  } finally {
    jest.useRealTimers();
  }
}
