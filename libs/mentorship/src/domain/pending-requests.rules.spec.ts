import {
  pendingRequestExpiresAt,
  hasExpired,
  isDueReminder,
  isOverOpenRequestCap,
  pendingRequestCutoffs,
} from './pending-requests.rules';

const HOUR = 3600;
const DAY = 86_400;
const TIMES = { reminderAfterSeconds: 3 * DAY, expiresAfterSeconds: 14 * DAY };
const CREATED = 1_800_000_000;
const END = CREATED + 8 * 7 * DAY;

describe('pending requests: cutoffs', () => {
  it('are now minus each duration', () => {
    expect(pendingRequestCutoffs(CREATED, TIMES)).toEqual({
      now: CREATED,
      remindCreatedBy: CREATED - 3 * DAY,
      expireCreatedBy: CREATED - 14 * DAY,
    });
  });
});

describe('pending requests: expiry', () => {
  it('is creation + REQUEST_EXPIRES_AFTER, or the end date if that comes first', () => {
    expect(pendingRequestExpiresAt(CREATED, END, TIMES)).toBe(CREATED + 14 * DAY);
    expect(pendingRequestExpiresAt(CREATED, CREATED + 5 * DAY, TIMES)).toBe(CREATED + 5 * DAY);
  });

  it.each([
    [14 * DAY - 1, false],
    [14 * DAY, true],
    [20 * DAY, true],
  ])('a request %i seconds old has expired: %s', (age, expected) => {
    expect(hasExpired(CREATED, END, CREATED + age, TIMES)).toBe(expected);
  });

  it('a request whose end date has passed has expired however young', () => {
    expect(hasExpired(CREATED, CREATED + DAY, CREATED + DAY + 1, TIMES)).toBe(true);
    expect(hasExpired(CREATED, CREATED + DAY, CREATED + DAY - 1, TIMES)).toBe(false);
  });
});

describe('pending requests: the one reminder', () => {
  const request = { creationDate: CREATED, endDate: END, remindedAt: null };

  it('is not due before REQUEST_REMINDER_AFTER', () => {
    expect(isDueReminder(request, CREATED + 3 * DAY - HOUR, TIMES)).toBe(false);
  });

  it('is due from REQUEST_REMINDER_AFTER on', () => {
    expect(isDueReminder(request, CREATED + 3 * DAY, TIMES)).toBe(true);
    expect(isDueReminder(request, CREATED + 3 * DAY + HOUR, TIMES)).toBe(true);
  });

  it('is never due twice', () => {
    expect(isDueReminder({ ...request, remindedAt: CREATED + 3 * DAY }, CREATED + 4 * DAY, TIMES)).toBe(false);
  });

  it('is not due once the request has expired (by age or by end date)', () => {
    expect(isDueReminder(request, CREATED + 14 * DAY, TIMES)).toBe(false);
    expect(isDueReminder({ ...request, endDate: CREATED + 2 * DAY }, CREATED + 3 * DAY, TIMES)).toBe(false);
  });
});

describe('pending requests: the cap on open requests', () => {
  it.each([
    [0, 5, false],
    [4, 5, false],
    [5, 5, true],
    [6, 5, true],
    [1, 2, false],
    [2, 2, true],
  ])('%i open with MAX_OPEN_REQUESTS=%i: over the cap %s', (open, max, expected) => {
    expect(isOverOpenRequestCap(open, max)).toBe(expected);
  });
});
