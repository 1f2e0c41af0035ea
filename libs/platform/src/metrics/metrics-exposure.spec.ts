import { bearerTokenMatches, METRICS_DISABLED_WARNING, metricsExposure } from './metrics-exposure';

const TOKEN = 'a-metrics-token-0123456789';

describe('metricsExposure', () => {
  it.each(['production', 'development', 'test'] as const)(
    'METRICS_PORT set (%s): a port of its own, whether or not a token is set',
    (nodeEnv) => {
      expect(metricsExposure({ nodeEnv, metricsPort: 9464 })).toEqual({ where: 'metrics-port', port: 9464 });
      expect(metricsExposure({ nodeEnv, metricsPort: 9464, metricsToken: TOKEN })).toEqual({
        where: 'metrics-port',
        port: 9464,
      });
    },
  );

  it.each(['production', 'development', 'test'] as const)('METRICS_TOKEN only (%s): main port, token', (nodeEnv) => {
    expect(metricsExposure({ nodeEnv, metricsToken: TOKEN })).toEqual({ where: 'main-port', token: TOKEN });
  });

  it('neither in production: nowhere, with a warning naming both variables', () => {
    const exposure = metricsExposure({ nodeEnv: 'production' });
    expect(exposure).toEqual({ where: 'nowhere', warning: METRICS_DISABLED_WARNING });
    expect(METRICS_DISABLED_WARNING).toContain('METRICS_PORT');
    expect(METRICS_DISABLED_WARNING).toContain('METRICS_TOKEN');
  });

  it.each(['development', 'test'] as const)('neither in %s: main port, open', (nodeEnv) => {
    expect(metricsExposure({ nodeEnv })).toEqual({ where: 'main-port' });
  });
});

describe('bearerTokenMatches', () => {
  it('accepts exactly "Bearer <token>", the scheme in any case', () => {
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the bare token', TOKEN],
    ['another scheme', `Basic ${TOKEN}`],
    ['a wrong token', 'Bearer a-metrics-token-0123456788'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token with more after it', `Bearer ${TOKEN}x`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
    ['a repeated header', [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]],
  ])('rejects %s', (_case, header) => {
    expect(bearerTokenMatches(header, TOKEN)).toBe(false);
  });
});
