/**
 * /docs documents every accounts endpoint with the statuses it really answers (the other specs in
 * this folder check that it does answer them).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ACCESS_401 = '401';

const DOCUMENTED: Array<[method: string, path: string, statuses: string[]]> = [
  ['post', '/register', ['201', '400', '409']],
  ['get', '/user/confirm_email/{token}', ['200', '400', '404']],
  ['post', '/user/resend_email', ['200', '400', '404', '409']],
  ['post', '/login', ['200', '400', '401', '403', '429']],
  ['post', '/refresh', ['200', ACCESS_401]],
  ['post', '/logout', ['200', ACCESS_401]],
  ['post', '/user/forgot_password', ['200', '400']],
  ['post', '/user/reset_password', ['200', '400']],
  ['get', '/user/reset_password/{token}', ['200']],
  ['get', '/users', ['200', '400', ACCESS_401]],
  ['get', '/users/verified', ['200', '400', ACCESS_401]],
  ['get', '/users/{user_id}', ['200', '403', '404', ACCESS_401]],
  ['get', '/user', ['200', '404', ACCESS_401]],
  ['put', '/user', ['200', '400', '404', ACCESS_401]],
  ['delete', '/user', ['200', '400', '404', ACCESS_401]],
  ['put', '/user/change_password', ['201', '400', '404', ACCESS_401]],
  ['post', '/admin/new', ['200', '400', '403', '404', ACCESS_401]],
  ['post', '/admin/remove', ['200', '400', '403', '404', ACCESS_401]],
  ['get', '/admins', ['200', '403', '404', ACCESS_401]],
  ['get', '/admin/audit_log', ['200', '400', '403', ACCESS_401]],
];

describe('API docs of the accounts endpoints', () => {
  let db: TestDatabase;
  let test: TestApp;
  let document: {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    test = await startTestApp({ databaseUrl: db.url });
    document = (await test.app.inject({ method: 'GET', url: '/docs-json' })).json();
  });

  afterAll(async () => {
    await test?.close();
    await db?.drop();
  });

  it.each(DOCUMENTED)('%s %s documents exactly %j', (method, path, statuses) => {
    const operation = document.paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses).sort()).toEqual([...statuses].sort());
  });

  it('routes without a token say so; the others require the bearer token', () => {
    const withoutToken = new Set([
      'post /register',
      'get /user/confirm_email/{token}',
      'post /user/resend_email',
      'post /login',
      'post /user/forgot_password',
      'post /user/reset_password',
      'get /user/reset_password/{token}',
    ]);
    for (const [method, path] of DOCUMENTED) {
      const expected = withoutToken.has(`${method} ${path}`) ? [] : [{ bearer: [] }];
      expect({ path, security: document.paths[path][method].security }).toEqual({ path, security: expected });
    }
  });

  it('the user models list every field of the reference', async () => {
    const schemas = (document as unknown as { components: { schemas: Record<string, { properties: object }> } })
      .components.schemas;
    expect(Object.keys(schemas.PublicUserDoc.properties).sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(Object.keys(schemas.OwnProfileDoc.properties)).toHaveLength(23);
  });
});
