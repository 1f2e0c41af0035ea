import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it('masks tokens in confirmation and reset links and query strings', () => {
    expect(redactUrl('/user/confirm_email/abc.def-ghi')).toBe('/user/confirm_email/[REDACTED]');
    expect(redactUrl('/user/confirm_email/abc/')).toBe('/user/confirm_email/[REDACTED]/');
    expect(redactUrl('/x?token=abc&page=2')).toBe('/x?token=[REDACTED]&page=2');
    expect(redactUrl('/users?search=ann&page=1')).toBe('/users?search=ann&page=1');
  });

  it('masks unsubscribe tokens and live-stream tickets', () => {
    expect(redactUrl('/unsubscribe/v1.abc.def?x=1')).toBe('/unsubscribe/[REDACTED]?x=1');
    expect(redactUrl('/events?ticket=abc&last_event_id=7')).toBe('/events?ticket=[REDACTED]&last_event_id=7');
  });
});
