import type { AppConfig } from '@app/platform';
import { UnsubscribeTokens } from './unsubscribe-tokens';

const tokens = (secret: string) => new UnsubscribeTokens({ jwtSecret: secret } as AppConfig);

describe('UnsubscribeTokens', () => {
  const signer = tokens('secret-one-0123456789abcdef0123456789');

  it('a token names its user and setting, URL-safe, and reads back', () => {
    const token = signer.token(42, 'proposals');
    expect(token).toMatch(/^42\.proposals\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(signer.read(token)).toEqual({ userId: 42, setting: 'proposals' });
    expect(signer.read(signer.token(7, 'task_activity'))).toEqual({ userId: 7, setting: 'task_activity' });
  });

  it('a changed user, setting or signature, another secret, or garbage reads as null', () => {
    const [, , signature] = signer.token(42, 'proposals').split('.');
    expect(signer.read(`43.proposals.${signature}`)).toBeNull();
    expect(signer.read(`42.feedback.${signature}`)).toBeNull();
    expect(signer.read(`42.proposals.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).toBeNull();
    expect(tokens('another-secret-0123456789abcdef0123').read(signer.token(42, 'proposals'))).toBeNull();
    expect(signer.read(`42.security.${signature}`)).toBeNull();
    expect(signer.read('42.proposals')).toBeNull();
    expect(signer.read('')).toBeNull();
    expect(signer.read(undefined)).toBeNull();
  });
});
