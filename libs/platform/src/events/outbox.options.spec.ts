import { retryDelayMs } from './outbox.options';

describe('retryDelayMs', () => {
  const options = { retryBaseDelayMs: 1_000, maxRetryDelayMs: 60_000 };

  it('doubles per attempt from the base delay', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, options))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('is capped', () => {
    expect(retryDelayMs(7, options)).toBe(60_000);
    expect(retryDelayMs(500, options)).toBe(60_000);
  });
});
