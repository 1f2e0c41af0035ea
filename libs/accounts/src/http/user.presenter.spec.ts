import { pythonIsoFormat } from './user.presenter';

describe('pythonIsoFormat (flask-restx DateTime of a naive utcnow())', () => {
  it('prints microseconds when there are any', () => {
    expect(pythonIsoFormat(new Date('2026-11-29T20:01:02.123Z'))).toBe('2026-11-29T20:01:02.123000');
  });

  it('prints none on a whole second, and null for null', () => {
    expect(pythonIsoFormat(new Date('2026-11-29T20:01:02.000Z'))).toBe('2026-11-29T20:01:02');
    expect(pythonIsoFormat(null)).toBeNull();
  });
});
