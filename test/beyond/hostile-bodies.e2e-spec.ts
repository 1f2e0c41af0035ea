/**
 * Every body-taking endpoint answers hostile JSON bodies (wrong top-level types, every known field
 * of a wrong type, huge, with NUL or a lone surrogate, unknown fields) with a 2xx or a 4xx whose
 * body is a JSON object with a string `message`, never a 5xx.
 */
import type { Response } from 'light-my-request';
import { createVerifiedUser, login, newRegistration, type VerifiedUser } from '../support/accounts';
import { type AccountsEnv, randomAddress, startAccountsEnv } from './support';

interface Endpoint {
  method: 'POST' | 'PUT';
  url: string;
  fields: string[];
  /** Which token goes in the Authorization header, if any. */
  auth?: 'access' | 'refresh';
}

const ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    url: '/register',
    fields: [
      'name',
      'username',
      'password',
      'email',
      'terms_and_conditions_checked',
      'need_mentoring',
      'available_to_mentor',
    ],
  },
  { method: 'POST', url: '/login', fields: ['username', 'password'] },
  { method: 'POST', url: '/user/resend_email', fields: ['email'] },
  { method: 'POST', url: '/user/forgot_password', fields: ['email'] },
  { method: 'POST', url: '/user/reset_password', fields: ['token', 'new_password'] },
  { method: 'POST', url: '/refresh', fields: ['rotate'], auth: 'refresh' },
  {
    method: 'PUT',
    url: '/user',
    fields: [
      'name',
      'username',
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
    ],
    auth: 'access',
  },
  {
    method: 'PUT',
    url: '/user/change_password',
    fields: ['current_password', 'new_password'],
    auth: 'access',
  },
  { method: 'POST', url: '/admin/new', fields: ['user_id'], auth: 'access' },
  { method: 'POST', url: '/admin/remove', fields: ['user_id'], auth: 'access' },
];

const HOSTILE_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['123', 123],
  ['true', true],
  ['[]', []],
  ['{}', {}],
  ['200000 x', 'x'.repeat(200_000)],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', '\ud800'],
];

/** Each hostile body as [label, JSON text]. */
function hostileBodies(fields: string[]): Array<[string, string]> {
  const bodies: Array<[string, string]> = [
    ['null', 'null'],
    ['[]', '[]'],
    ['[1,2]', '[1,2]'],
    ['"text"', '"text"'],
    ['42', '42'],
    ['true', 'true'],
    ['{}', '{}'],
  ];
  for (const [label, value] of HOSTILE_VALUES) {
    bodies.push([`every field ${label}`, JSON.stringify(Object.fromEntries(fields.map((field) => [field, value])))]);
  }
  bodies.push(['an unknown field', JSON.stringify({ not_a_field_of_this_endpoint: 'surprise' })]);
  bodies.push([
    'every field valid-looking plus an unknown field',
    JSON.stringify({ ...Object.fromEntries(fields.map((field) => [field, 'Valid_value_1'])), extra_field: 1 }),
  ]);
  return bodies;
}

/** What is wrong with an answer, or null when it is acceptable. */
function problemWith(response: Response): string | null {
  const status = response.statusCode;
  if (status >= 500) return `status ${status}`;
  if (status < 200 || (status >= 300 && status < 400)) return `status ${status}`;
  if (status < 300) return null;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return `${status} with a body that is not JSON: ${response.body.slice(0, 200)}`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `${status} with a body that is not an object: ${response.body.slice(0, 200)}`;
  }
  if (typeof (body as { message?: unknown }).message !== 'string') {
    return `${status} without a string message: ${response.body.slice(0, 200)}`;
  }
  return null;
}

describe('hostile JSON bodies', () => {
  let env: AccountsEnv;
  let admin: VerifiedUser;
  let refreshToken: string;

  beforeAll(async () => {
    env = await startAccountsEnv();
    admin = await createVerifiedUser(env.test, env.sink);
    await createVerifiedUser(env.test, env.sink); // a second user, so /admin/* have someone to aim at
    // A session of its own for POST /refresh, whose rotations must not end the admin's session.
    refreshToken = (await login(env.test, admin.username, admin.password)).refreshToken;
  });

  afterAll(async () => {
    await env?.close();
  });

  it.each(ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.url}`, endpoint] as const))(
    '%s: never a 5xx; every 4xx is a JSON object with a string message',
    async (_name, endpoint) => {
      const problems: string[] = [];
      for (const [label, payload] of hostileBodies(endpoint.fields)) {
        const token = endpoint.auth === 'refresh' ? refreshToken : endpoint.auth === 'access' ? admin.accessToken : '';
        const response = await env.test.app.inject({
          method: endpoint.method,
          url: endpoint.url,
          payload,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          remoteAddress: randomAddress(),
        });
        if (endpoint.auth === 'refresh' && response.statusCode === 200) {
          const rotated = response.json().refresh_token;
          if (typeof rotated === 'string') refreshToken = rotated;
        }
        const problem = problemWith(response);
        if (problem) problems.push(`${label}: ${problem}`);
      }
      expect(problems).toEqual([]);
    },
  );

  /** Valid bodies to spoil one field at a time (endpoints with more than one field). */
  const baselines: Record<string, () => Record<string, unknown>> = {
    '/register': () => ({ ...newRegistration() }),
    '/login': () => ({ username: 'nobody_hostile', password: 'Some_password_1' }),
    '/user/reset_password': () => ({ token: 'not.a.token', new_password: 'Valid_password_1' }),
    '/user': () => ({}),
    '/user/change_password': () => ({ current_password: admin.password, new_password: 'Valid_password_1' }),
  };

  it.each(
    ENDPOINTS.filter((endpoint) => endpoint.url in baselines).map(
      (endpoint) => [`${endpoint.method} ${endpoint.url}`, endpoint] as const,
    ),
  )('%s: one hostile field at a time, the others valid: never a 5xx', async (_name, endpoint) => {
    const problems: string[] = [];
    for (const field of endpoint.fields) {
      for (const [label, value] of HOSTILE_VALUES) {
        const response = await env.test.app.inject({
          method: endpoint.method,
          url: endpoint.url,
          payload: JSON.stringify({ ...baselines[endpoint.url](), [field]: value }),
          headers: {
            'content-type': 'application/json',
            ...(endpoint.auth === 'access' ? { authorization: `Bearer ${admin.accessToken}` } : {}),
          },
          remoteAddress: randomAddress(),
        });
        const problem = problemWith(response);
        if (problem) problems.push(`${field} = ${label}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the admin's session survived all of it", async () => {
    const response = await env.test.app.inject({
      method: 'GET',
      url: '/user',
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(response.statusCode).toBe(200);
  });
});
