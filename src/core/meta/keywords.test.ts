import { describe, expect, it } from 'vitest';
import { isKeywordIncluded, keywordEntryError } from './keywords.js';

describe('isKeywordIncluded (Misskey keyword lists)', () => {
  it('matches a plain word anywhere, case-sensitively', () => {
    expect(isKeywordIncluded('I like spoilers a lot', ['spoiler'])).toBe(true);
    expect(isKeywordIncluded('SPOILER', ['spoiler'])).toBe(false);
    expect(isKeywordIncluded('nothing here', ['spoiler'])).toBe(false);
  });

  it('needs every space-separated word of an entry', () => {
    expect(isKeywordIncluded('the end of the film', ['film end'])).toBe(true);
    expect(isKeywordIncluded('the end', ['film end'])).toBe(false);
  });

  it('runs /regex/flags entries', () => {
    expect(isKeywordIncluded('Buy CHEAP pills', ['/cheap\\s+pills/i'])).toBe(true);
    expect(isKeywordIncluded('cheap things', ['/cheap\\s+pills/i'])).toBe(false);
    expect(isKeywordIncluded('line one\nLINE two', ['/^line two$/im'])).toBe(true);
  });

  it('matches nothing with an empty list or text, and ignores an entry that does not compile', () => {
    expect(isKeywordIncluded('text', [])).toBe(false);
    expect(isKeywordIncluded('', ['x'])).toBe(false);
    expect(isKeywordIncluded('a(b', ['/a(b/'])).toBe(false);
  });

  it('explains entries RE2 refuses', () => {
    expect(keywordEntryError('/a(b/')).toEqual(expect.any(String));
    expect(keywordEntryError('/(?<=x)y/')).toEqual(expect.any(String));
    expect(keywordEntryError('/ok/q')).toMatch(/flag/);
    expect(keywordEntryError('/ok/i')).toBeNull();
    expect(keywordEntryError('two words')).toBeNull();
  });
});
