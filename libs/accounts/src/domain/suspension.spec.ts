import { Messages } from '@app/platform';
import {
  cleanSuspensionReason,
  isForGood,
  isSuspended,
  suspendedAccountMessage,
  suspendedConfirmation,
  suspensionDaysError,
  suspensionEnd,
  suspensionEndSeconds,
  suspensionReasonError,
} from './suspension';
import { FOR_GOOD_MS, SuspensionEndType } from './suspension-end.type';

const NOW = new Date('2026-12-03T14:00:00.000Z');
const FOR_GOOD = new Date(FOR_GOOD_MS);

describe('isSuspended', () => {
  it('is false without an end, and once the end has passed (or is now)', () => {
    expect(isSuspended({ suspendedUntil: null }, NOW)).toBe(false);
    expect(isSuspended({ suspendedUntil: new Date(NOW.getTime() - 1) }, NOW)).toBe(false);
    expect(isSuspended({ suspendedUntil: new Date(NOW.getTime()) }, NOW)).toBe(false);
  });

  it('is true before the end, and always for good', () => {
    expect(isSuspended({ suspendedUntil: new Date(NOW.getTime() + 1) }, NOW)).toBe(true);
    expect(isSuspended({ suspendedUntil: FOR_GOOD }, NOW)).toBe(true);
    expect(isSuspended({ suspendedUntil: FOR_GOOD })).toBe(true);
  });
});

describe('suspensionEnd and suspensionEndSeconds', () => {
  it('adds whole days to now; no days is for good (null)', () => {
    expect(suspensionEnd(7, NOW)).toEqual(new Date('2026-12-10T14:00:00.000Z'));
    expect(suspensionEnd(1, NOW)).toEqual(new Date('2026-12-04T14:00:00.000Z'));
    expect(suspensionEnd(null, NOW)).toBeNull();
  });

  it('gives epoch seconds with milliseconds, null for good', () => {
    expect(suspensionEndSeconds(new Date('2026-12-10T14:00:00.250Z'))).toBe(1796911200.25);
    expect(suspensionEndSeconds(null)).toBeNull();
    expect(suspensionEndSeconds(FOR_GOOD)).toBeNull();
    expect(isForGood(FOR_GOOD)).toBe(true);
    expect(isForGood(new Date('9999-12-31T23:59:59.999Z'))).toBe(false);
  });
});

describe('the suspension texts', () => {
  it('tells the account the end in ISO 8601 UTC, or just that it is suspended (for good)', () => {
    expect(suspendedAccountMessage(new Date('2026-12-10T14:00:00.000Z'))).toBe(
      'Your account is suspended until 2026-12-10T14:00:00.000Z.',
    );
    expect(suspendedAccountMessage(FOR_GOOD)).toBe('Your account is suspended.');
  });

  it('tells the admin the end, or "for good"', () => {
    expect(suspendedConfirmation(new Date('2026-12-10T14:00:00.000Z'))).toBe(
      'The account is suspended until 2026-12-10T14:00:00.000Z.',
    );
    expect(suspendedConfirmation(null)).toBe('The account is suspended for good.');
    expect(suspendedConfirmation(FOR_GOOD)).toBe('The account is suspended for good.');
  });
});

describe('the body rules', () => {
  it('takes days absent, null, or an integer from 1 to 3650', () => {
    for (const ok of [undefined, null, 1, 7, 3650]) expect(suspensionDaysError(ok)).toBeNull();
    for (const bad of [0, -1, 3651, 1.5, '7', true, [], {}, Number.NaN, Infinity]) {
      expect(suspensionDaysError(bad)).toBe(Messages.SUSPENSION_DAYS_INVALID);
    }
    expect(Messages.SUSPENSION_DAYS_INVALID).toBe('days must be an integer from 1 to 3650.');
  });

  it('takes a reason of at most 500 characters, trimmed, blank as none', () => {
    expect(cleanSuspensionReason(undefined)).toEqual({ text: null });
    expect(cleanSuspensionReason(null)).toEqual({ text: null });
    expect(cleanSuspensionReason('   ')).toEqual({ text: null });
    expect(cleanSuspensionReason('  spam  ')).toEqual({ text: 'spam' });
    expect(cleanSuspensionReason(` ${'é'.repeat(500)} `)).toEqual({ text: 'é'.repeat(500) });
    expect(cleanSuspensionReason('😀'.repeat(500))).toEqual({ text: '😀'.repeat(500) });
    for (const bad of ['x'.repeat(501), 42, true, ['spam'], 'a\u0000b', 'a\ud800b']) {
      expect(suspensionReasonError(bad)).toBe(Messages.SUSPENSION_REASON_INVALID);
    }
    expect(Messages.SUSPENSION_REASON_INVALID).toBe('reason must be a string of at most 500 characters.');
  });
});

describe('SuspensionEndType (users.suspended_until)', () => {
  const type = new SuspensionEndType();

  it("writes null, an ISO time, or 'infinity' for good", () => {
    expect(type.convertToDatabaseValue(null)).toBeNull();
    expect(type.convertToDatabaseValue(new Date('2026-12-10T14:00:00.000Z'))).toBe('2026-12-10T14:00:00.000Z');
    expect(type.convertToDatabaseValue(FOR_GOOD)).toBe('infinity');
  });

  it("reads 'infinity' (as both drivers give it, with or without the Z) as for good", () => {
    for (const raw of ['infinity', 'infinityZ', Infinity, new Date(Number.NaN)] as const) {
      expect(type.convertToJSValue(raw as never)).toEqual(FOR_GOOD);
    }
    expect(type.convertToJSValue(null)).toBeNull();
  });

  it('reads PostgreSQL timestamptz texts and Dates as they are', () => {
    expect(type.convertToJSValue('2026-12-10 14:00:00.123+00')).toEqual(new Date('2026-12-10T14:00:00.123Z'));
    expect(type.convertToJSValue('2026-12-10 14:00:00.123')).toEqual(new Date('2026-12-10T14:00:00.123Z'));
    const date = new Date('2026-12-10T14:00:00.000Z');
    expect(type.convertToJSValue(date as never)).toBe(date);
    expect(isSuspended({ suspendedUntil: type.convertToJSValue('-infinity') }, NOW)).toBe(false);
  });
});
