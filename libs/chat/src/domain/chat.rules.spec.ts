import { Messages } from '@app/platform';
import { cleanMessageBody, isReadBy, messageBodyError, nextReadMarker, readUpToError } from './chat.rules';

describe('chat rules', () => {
  it('trims a body and takes 1 to 2,000 characters (code points)', () => {
    expect(cleanMessageBody('  hello \n')).toEqual({ text: 'hello' });
    expect(cleanMessageBody('x')).toEqual({ text: 'x' });
    expect(cleanMessageBody('x'.repeat(2000))).toEqual({ text: 'x'.repeat(2000) });
    expect(cleanMessageBody('😀'.repeat(2000))).toEqual({ text: '😀'.repeat(2000) });
    expect(cleanMessageBody(` ${'x'.repeat(2000)} `)).toEqual({ text: 'x'.repeat(2000) });
    expect(messageBodyError('x'.repeat(2001))).toBe(Messages.CHAT_BODY_LENGTH);
    expect(messageBodyError('')).toBe(Messages.CHAT_BODY_LENGTH);
    expect(messageBodyError(' \t\n ')).toBe(Messages.CHAT_BODY_LENGTH);
  });

  it('refuses a missing, non-string or unstorable body, in that order', () => {
    expect(messageBodyError(undefined)).toBe(Messages.CHAT_BODY_REQUIRED);
    expect(messageBodyError(null)).toBe(Messages.CHAT_BODY_REQUIRED);
    expect(messageBodyError(5)).toBe(Messages.CHAT_BODY_MUST_BE_STRING);
    expect(messageBodyError(['hi'])).toBe(Messages.CHAT_BODY_MUST_BE_STRING);
    expect(messageBodyError('a\u0000b')).toBe(Messages.CHAT_BODY_HAS_INVALID_CHARACTERS);
    expect(messageBodyError('a\ud800b')).toBe(Messages.CHAT_BODY_HAS_INVALID_CHARACTERS);
  });

  it('takes an absent up_to or a positive integer id', () => {
    expect(readUpToError(undefined)).toBeNull();
    expect(readUpToError(null)).toBeNull();
    expect(readUpToError(1)).toBeNull();
    expect(readUpToError(2_147_483_647)).toBeNull();
    for (const bad of [0, -1, 1.5, '3', true, 2_147_483_648])
      expect(readUpToError(bad)).toBe(Messages.CHAT_UP_TO_INVALID);
  });

  it('moves a read receipt forward only, up to the newest message', () => {
    expect(nextReadMarker(null, null, null)).toBeNull();
    expect(nextReadMarker(4, null, null)).toBe(4);
    expect(nextReadMarker(null, null, 9)).toBe(9);
    expect(nextReadMarker(null, 5, 9)).toBe(5);
    expect(nextReadMarker(7, 5, 9)).toBe(7);
    expect(nextReadMarker(7, 8, 9)).toBe(8);
    expect(nextReadMarker(7, 100, 9)).toBe(9);
  });

  it('reads a receipt as "everything up to this id"', () => {
    expect(isReadBy(3, null)).toBe(false);
    expect(isReadBy(3, 2)).toBe(false);
    expect(isReadBy(3, 3)).toBe(true);
    expect(isReadBy(3, 10)).toBe(true);
  });
});
