import { lengthWithoutWhitespace } from '@app/accounts';
import { checkComment, checkDescription } from './task.rules';

describe('checkDescription', () => {
  it('the reference checks presence only; here it is also 1–400 characters once trimmed', () => {
    expect(checkDescription({})).toEqual({ error: 'Description field is missing.' });
    expect(checkDescription({ description: '  Read  ' })).toEqual({ description: 'Read' });
    const length = 'The description field has to be longer than 0 characters and shorter than 401 characters.';
    expect(checkDescription({ description: '   ' })).toEqual({ error: length });
    expect(checkDescription({ description: 'x'.repeat(401) })).toEqual({ error: length });
    expect(checkDescription({ description: 'x'.repeat(400) })).toEqual({ description: 'x'.repeat(400) });
    expect(checkDescription({ description: 5 })).toEqual({ error: 'The description field must be a string.' });
    expect(checkDescription({ description: 'a\u0000' })).toEqual({
      error: 'The description field contains characters that are not allowed.',
    });
  });
});

describe('checkComment (reference §2.5)', () => {
  it('presence, then string, then at most 400 characters not counting whitespace; empty is fine', () => {
    expect(checkComment({}, lengthWithoutWhitespace)).toEqual({ error: 'Comment field is missing.' });
    expect(checkComment({ comment: 1 }, lengthWithoutWhitespace)).toEqual({
      error: 'Comment must be in string format.',
    });
    expect(checkComment({ comment: 'x'.repeat(401) }, lengthWithoutWhitespace)).toEqual({
      error: 'The comment field has to be shorter than 401 characters.',
    });
    expect(checkComment({ comment: `${'x'.repeat(400)}   ` }, lengthWithoutWhitespace)).toEqual({
      comment: `${'x'.repeat(400)}   `,
    });
    expect(checkComment({ comment: '' }, lengthWithoutWhitespace)).toEqual({ comment: '' });
  });
});
