import { pbkdf2Sync } from 'node:crypto';
import { checkPassword, checkWerkzeugPbkdf2, hashPassword } from './password-hashing';

/** What werkzeug's generate_password_hash('…', 'pbkdf2:sha256:<n>') stores. */
function werkzeugHash(password: string, salt: string, iterations?: number): string {
  const key = pbkdf2Sync(password, salt, iterations ?? 150_000, 32, 'sha256').toString('hex');
  return `pbkdf2:sha256${iterations ? `:${iterations}` : ''}$${salt}$${key}`;
}

describe('password hashing', () => {
  it('hashes with argon2id and checks the hash', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await checkPassword('correct horse', stored)).toEqual({ matches: true, needsRehash: false });
    expect(await checkPassword('wrong horse', stored)).toEqual({ matches: false, needsRehash: false });
  });

  it('accepts werkzeug pbkdf2 hashes from the reference database and asks for a rehash', async () => {
    const stored = werkzeugHash('admin_pwd', 'Zx3Qm9Lr', 260_000);
    expect(await checkPassword('admin_pwd', stored)).toEqual({ matches: true, needsRehash: true });
    expect((await checkPassword('admin_pwd ', stored)).matches).toBe(false);
  });

  it('uses werkzeug 1.x default iterations when the hash names none', () => {
    expect(checkWerkzeugPbkdf2('s3cret!pass', werkzeugHash('s3cret!pass', 'abcdEFGH'))).toBe(true);
  });

  it('a known werkzeug hash (pbkdf2:sha256:150000, computed independently) verifies', () => {
    const salt = 'pLq1x5XS';
    const expected = pbkdf2Sync('password123', salt, 150_000, 32, 'sha256').toString('hex');
    expect(checkWerkzeugPbkdf2('password123', `pbkdf2:sha256:150000$${salt}$${expected}`)).toBe(true);
  });

  it.each([
    '',
    'plain',
    'pbkdf2:md5:1000$salt$abcd',
    'pbkdf2:sha256:abc$salt$abcd',
    'pbkdf2:sha256:1000$salt$zz',
    '$argon2id$garbage',
  ])('rejects a malformed stored hash %p without throwing', async (stored) => {
    expect((await checkPassword('anything', stored)).matches).toBe(false);
  });
});
