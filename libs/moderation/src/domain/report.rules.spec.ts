import { Messages } from '@app/platform';
import {
  cleanText,
  daysError,
  detailsError,
  noteError,
  outcomeError,
  outcomeTargetError,
  reasonError,
  REPORT_OUTCOMES,
  REPORT_TARGET_TYPES,
  relationIdError,
  selfReportError,
  stateFilter,
  suspensionEnd,
  targetIdError,
  targetTypeError,
} from './report.rules';

describe('report rules', () => {
  it('takes the four target types and the five reasons, nothing else', () => {
    for (const type of ['user', 'task', 'comment', 'chat_message']) expect(targetTypeError(type)).toBeNull();
    for (const bad of [undefined, null, '', 'User', 'relation', 3]) {
      expect(targetTypeError(bad)).toBe(Messages.REPORT_TARGET_TYPE_INVALID);
    }
    for (const reason of ['spam', 'harassment', 'inappropriate', 'impersonation', 'other'])
      expect(reasonError(reason)).toBeNull();
    for (const bad of [undefined, 'abuse', 'SPAM', 1]) expect(reasonError(bad)).toBe(Messages.REPORT_REASON_INVALID);
  });

  it('takes a positive integer id that fits a serial', () => {
    expect(targetIdError(1)).toBeNull();
    expect(targetIdError(2_147_483_647)).toBeNull();
    for (const bad of [undefined, null, 0, -1, 1.5, '3', 2_147_483_648]) {
      expect(targetIdError(bad)).toBe(Messages.REPORT_TARGET_ID_INVALID);
    }
  });

  it('wants relation_id with a task target, and only there', () => {
    expect(relationIdError('task', 7)).toBeNull();
    expect(relationIdError('task', undefined)).toBe(Messages.REPORT_RELATION_ID_REQUIRED);
    expect(relationIdError('task', null)).toBe(Messages.REPORT_RELATION_ID_REQUIRED);
    expect(relationIdError('task', 0)).toBe(Messages.REPORT_RELATION_ID_INVALID);
    expect(relationIdError('task', '7')).toBe(Messages.REPORT_RELATION_ID_INVALID);
    for (const type of ['user', 'comment', 'chat_message']) {
      expect(relationIdError(type, undefined)).toBeNull();
      expect(relationIdError(type, 7)).toBe(Messages.REPORT_RELATION_ID_NOT_ALLOWED);
    }
  });

  it("requires non-blank details with reason 'other' only, at most 2,000 characters", () => {
    expect(detailsError('spam', undefined)).toBeNull();
    expect(detailsError('spam', null)).toBeNull();
    expect(detailsError('spam', '   ')).toBeNull();
    expect(detailsError('other', 'Keeps sending links')).toBeNull();
    expect(detailsError('other', undefined)).toBe(Messages.REPORT_DETAILS_REQUIRED);
    expect(detailsError('other', null)).toBe(Messages.REPORT_DETAILS_REQUIRED);
    expect(detailsError('other', ' \n\t ')).toBe(Messages.REPORT_DETAILS_REQUIRED);
    expect(detailsError('spam', 'x'.repeat(2000))).toBeNull();
    expect(detailsError('spam', '😀'.repeat(2000))).toBeNull();
    expect(detailsError('spam', ` ${'x'.repeat(2000)} `)).toBeNull();
    expect(detailsError('spam', 'x'.repeat(2001))).toBe(Messages.REPORT_DETAILS_INVALID);
    expect(detailsError('other', 5)).toBe(Messages.REPORT_DETAILS_INVALID);
    expect(detailsError('spam', 'a\u0000b')).toBe(Messages.REPORT_DETAILS_HAS_INVALID_CHARACTERS);
    expect(detailsError('spam', 'a\ud800b')).toBe(Messages.REPORT_DETAILS_HAS_INVALID_CHARACTERS);
  });

  it('stores free text trimmed, blank as null', () => {
    expect(cleanText('  spam links \n')).toBe('spam links');
    expect(cleanText('   ')).toBeNull();
    expect(cleanText(undefined)).toBeNull();
    expect(noteError(undefined)).toBeNull();
    expect(noteError('x'.repeat(2000))).toBeNull();
    expect(noteError('x'.repeat(2001))).toBe(Messages.REPORT_NOTE_INVALID);
    expect(noteError(12)).toBe(Messages.REPORT_NOTE_INVALID);
  });

  it('takes the three outcomes; days only with suspend, 1 to 3650', () => {
    for (const outcome of REPORT_OUTCOMES) expect(outcomeError(outcome)).toBeNull();
    for (const bad of [undefined, 'hide', 'ban', 2]) expect(outcomeError(bad)).toBe(Messages.REPORT_OUTCOME_INVALID);
    expect(daysError('suspend', undefined)).toBeNull();
    expect(daysError('suspend', null)).toBeNull();
    expect(daysError('suspend', 1)).toBeNull();
    expect(daysError('suspend', 3650)).toBeNull();
    for (const bad of [0, 3651, 1.5, '7', -2]) expect(daysError('suspend', bad)).toBe(Messages.REPORT_DAYS_INVALID);
    expect(daysError('dismiss', 7)).toBe(Messages.REPORT_DAYS_NOT_ALLOWED);
    expect(daysError('hide_content', 7)).toBe(Messages.REPORT_DAYS_NOT_ALLOWED);
    expect(daysError('dismiss', undefined)).toBeNull();
  });

  it('hides only content: every outcome applies to a task, a comment or a message; a user cannot be hidden', () => {
    for (const type of REPORT_TARGET_TYPES) {
      expect(outcomeTargetError(type, 'dismiss')).toBeNull();
      expect(outcomeTargetError(type, 'suspend')).toBeNull();
    }
    expect(outcomeTargetError('user', 'hide_content')).toBe(Messages.ONLY_CONTENT_CAN_BE_HIDDEN);
    for (const type of ['task', 'comment', 'chat_message'] as const)
      expect(outcomeTargetError(type, 'hide_content')).toBeNull();
  });

  it('refuses reporting yourself and your own content', () => {
    expect(selfReportError('user', 3, 3)).toBe(Messages.CANNOT_REPORT_YOURSELF);
    for (const type of ['task', 'comment', 'chat_message'] as const) {
      expect(selfReportError(type, 3, 3)).toBe(Messages.CANNOT_REPORT_OWN_CONTENT);
      expect(selfReportError(type, 3, 4)).toBeNull();
      expect(selfReportError(type, 3, null)).toBeNull();
    }
    expect(selfReportError('user', 3, 4)).toBeNull();
  });

  it('ends a suspension of N days N days from now, or never', () => {
    const now = new Date('2026-12-03T12:00:00.000Z');
    expect(suspensionEnd(7, now)).toEqual(new Date('2026-12-10T12:00:00.000Z'));
    expect(suspensionEnd(null, now)).toBeNull();
  });

  it('reads the state filter', () => {
    expect(stateFilter(undefined)).toBeUndefined();
    expect(stateFilter('')).toBeUndefined();
    expect(stateFilter('open')).toBe('open');
    expect(stateFilter(['resolved', 'open'])).toBe('resolved');
    expect(stateFilter('closed')).toBeNull();
    expect(stateFilter('OPEN')).toBeNull();
  });
});
