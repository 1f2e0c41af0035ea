import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it('masks tokens in confirmation and reset links and query strings', () => {
    expect(redactUrl('/user/confirm_email/abc.def-ghi')).toBe('/user/confirm_email/[REDACTED]');
    expect(redactUrl('/user/confirm_email/abc/')).toBe('/user/confirm_email/[REDACTED]/');
    expect(redactUrl('/x?token=abc&page=2')).toBe('/x?token=[REDACTED]&page=2');
    expect(redactUrl('/users?search=ann&page=1')).toBe('/users?search=ann&page=1');
  });
});
