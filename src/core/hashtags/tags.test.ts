import { describe, expect, it } from 'vitest';
import { normalizeTags } from './record.js';
import { normalizeTag, packHashtag } from './read.js';
import { extractProfileTags } from './user-tags.js';
import { likeEscape } from '../notes/read-list.js';

describe('hashtag normalisation', () => {
  it('lower-cases, applies NFKC, drops # and blanks, deduplicates and sorts', () => {
    expect(normalizeTags(['Misskey', '#misskey', 'ＡＢＣ', ' ', '', 'zeta', 'Alpha'])).toEqual(['abc', 'alpha', 'misskey', 'zeta']);
    expect(normalizeTags(['x'.repeat(129)])).toEqual([]);
    expect(normalizeTag('#Ｍｉｓｓｋｅｙ')).toBe('misskey');
  });

  it('finds profile tags with the MFM parser, at most 32', () => {
    expect(extractProfileTags('I like #Cats and #dogs, not `#code`')).toEqual(['cats', 'dogs']);
    expect(extractProfileTags(null)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `#t${String(i).padStart(2, '0')}`).join(' ');
    expect(extractProfileTags(many)).toHaveLength(32);
  });
});

describe('packHashtag', () => {
  it('derives the remote counts from the totals and the local counts', () => {
    expect(packHashtag({
      id: 'x', name: 'tag', createdAt: new Date(),
      mentionedUserIds: [], mentionedUsersCount: 5, mentionedLocalUserIds: [], mentionedLocalUsersCount: 3,
      attachedUserIds: [], attachedUsersCount: 2, attachedLocalUserIds: [], attachedLocalUsersCount: 2,
    })).toEqual({
      tag: 'tag', mentionedUsersCount: 5, mentionedLocalUsersCount: 3, mentionedRemoteUsersCount: 2,
      attachedUsersCount: 2, attachedLocalUsersCount: 2, attachedRemoteUsersCount: 0,
    });
  });
});

describe('likeEscape', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(likeEscape('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
