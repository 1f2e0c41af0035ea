import { parseTagList, slugPrefixPattern, tagListError, tagSlug, tagsFromText, tagsText, tidyTag } from './tags';

describe('tag normalization', () => {
  it('slugs are lower case, trimmed, inner whitespace collapsed to one space', () => {
    expect(tagSlug('  Type\tScript \n ')).toBe('type script');
    expect(tagSlug('TYPESCRIPT')).toBe('typescript');
    expect(tidyTag('  Public   Speaking ')).toBe('Public Speaking');
  });

  it('lists keep the first spelling of each slug, in order', () => {
    expect(parseTagList(['TypeScript', ' typescript ', 'Go', 'go', '  public  speaking'])).toEqual([
      { slug: 'typescript', label: 'TypeScript' },
      { slug: 'go', label: 'Go' },
      { slug: 'public speaking', label: 'public speaking' },
    ]);
  });

  it('checks the type, the length of each entry and the count after de-duplication', () => {
    expect(tagListError('skill_tags', ['a', 'B'])).toBeNull();
    expect(tagListError('skill_tags', [])).toBeNull();
    expect(tagListError('skill_tags', 'Go')).toBe('The skill_tags field must be an array of strings.');
    expect(tagListError('interest_tags', ['Go', 3])).toBe('The interest_tags field must be an array of strings.');
    expect(tagListError('skill_tags', ['   '])).toBe(
      'Each skill_tags entry must be 1 to 40 characters long (whitespace trimmed).',
    );
    expect(tagListError('skill_tags', [`  ${'x'.repeat(40)}  `])).toBeNull();
    expect(tagListError('skill_tags', ['x'.repeat(41)])).toBe(
      'Each skill_tags entry must be 1 to 40 characters long (whitespace trimmed).',
    );
    const twenty = Array.from({ length: 20 }, (_, i) => `tag ${i}`);
    expect(tagListError('skill_tags', [...twenty, 'TAG 0', 'tag  1'])).toBeNull();
    expect(tagListError('skill_tags', [...twenty, 'tag 20'])).toBe(
      'The skill_tags field can hold at most 20 different tags.',
    );
    expect(tagListError('skill_tags', ['a\u0000b'])).toBe(
      'The skill_tags field contains characters that are not allowed.',
    );
  });

  it('re-derives tags from the reference text: comma-separated, blanks and over-long parts dropped, 20 kept', () => {
    expect(tagsFromText('Python,  django , ,python, ' + 'y'.repeat(41))).toEqual([
      { slug: 'python', label: 'Python' },
      { slug: 'django', label: 'django' },
    ]);
    expect(tagsFromText(null)).toEqual([]);
    expect(tagsFromText(Array.from({ length: 25 }, (_, i) => `t${i}`).join(','))).toHaveLength(20);
  });

  it('joins labels into the reference text, whole labels within its limit', () => {
    expect(tagsText(['Go', 'Rust'])).toBe('Go, Rust');
    expect(tagsText([])).toBeNull();
    expect(tagsText(['abcd', 'efgh', 'ij'], 10)).toBe('abcd, efgh');
  });

  it('prefix patterns escape LIKE wildcards', () => {
    expect(slugPrefixPattern(' Ty ')).toBe('ty%');
    expect(slugPrefixPattern('c_%\\')).toBe('c\\_\\%\\\\%');
  });
});
