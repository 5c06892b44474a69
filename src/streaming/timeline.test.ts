import { describe, expect, it } from 'vitest';
import type { NoteRow } from '../db/schema/index.js';
import { commonFilters, readTimelineParams, replyAllowed } from './timeline.js';
import type { StreamViewer } from './viewer.js';

function note(fields: Partial<NoteRow>): NoteRow {
  return {
    id: 'n', createdAt: new Date(), updatedAt: null, userId: 'author', userHost: null, text: 'hi', cw: null,
    visibility: 'public', localOnly: false, reactionAcceptance: null, replyId: null, replyUserId: null,
    renoteId: null, renoteUserId: null, threadId: null, channelId: null, fileIds: [], attachedFileTypes: [],
    visibleUserIds: [], mentions: [], tags: [], emojis: [], hasPoll: false, repliesCount: 0, renoteCount: 0,
    clippedCount: 0, reactions: {}, uri: null, url: null, ...fields,
  } as NoteRow;
}

function viewer(id: string | null, relations: Partial<Record<'following' | 'muting' | 'renoteMuting' | 'withReplies', string[]>> = {}): StreamViewer {
  return {
    context: {
      user: null, id, following: new Set(relations.following), blocking: new Set(), blockedBy: new Set(),
      muting: new Set(relations.muting), renoteMuting: new Set(relations.renoteMuting), followingChannels: new Set(), mutingChannels: new Set(), hiddenUsers: new Set(), restrictedAuthors: new Map(),
    },
    withReplies: new Set(relations.withReplies),
    validUntil: Infinity,
  };
}

describe('readTimelineParams', () => {
  it('defaults to renotes on, replies and files-only off; only booleans count', () => {
    expect(readTimelineParams({})).toEqual({ withRenotes: true, withReplies: false, withFiles: false });
    expect(readTimelineParams({ withRenotes: false, withReplies: true, withFiles: true })).toEqual({ withRenotes: false, withReplies: true, withFiles: true });
    expect(readTimelineParams({ withRenotes: 'no', withReplies: 1, withFiles: 'yes' })).toEqual({ withRenotes: true, withReplies: false, withFiles: false });
  });
});

describe('replyAllowed', () => {
  const toOther = note({ replyId: 'r', replyUserId: 'other' });
  it('lets non-replies and self-replies through for everyone', () => {
    expect(replyAllowed(note({}), viewer(null), {})).toBe(true);
    expect(replyAllowed(note({ replyId: 'r', replyUserId: 'author' }), viewer(null), {})).toBe(true);
  });
  it('hides replies to others unless asked for, to or by the viewer, or a withReplies follow (home/hybrid)', () => {
    expect(replyAllowed(toOther, viewer(null), {})).toBe(false);
    expect(replyAllowed(toOther, viewer('me'), {})).toBe(false);
    expect(replyAllowed(toOther, viewer('me'), { all: true })).toBe(true);
    expect(replyAllowed(note({ replyId: 'r', replyUserId: 'me' }), viewer('me'), {})).toBe(true);
    expect(replyAllowed(note({ replyId: 'r', replyUserId: 'other', userId: 'me' }), viewer('me'), {})).toBe(true);
    expect(replyAllowed(toOther, viewer('me', { withReplies: ['author'] }), {})).toBe(false);
    expect(replyAllowed(toOther, viewer('me', { withReplies: ['author'] }), { followWithReplies: true })).toBe(true);
  });
});

describe('commonFilters', () => {
  it('applies withRenotes to pure renotes only, withFiles, mutes and renote mutes', () => {
    const pure = note({ text: null, renoteId: 'x', renoteUserId: 'other' });
    const quote = note({ renoteId: 'x', renoteUserId: 'other' });
    expect(commonFilters(pure, viewer('me'), { withRenotes: false, withFiles: false })).toBe(false);
    expect(commonFilters(quote, viewer('me'), { withRenotes: false, withFiles: false })).toBe(true);
    expect(commonFilters(note({}), viewer('me'), { withRenotes: true, withFiles: true })).toBe(false);
    expect(commonFilters(note({ fileIds: ['f'] }), viewer('me'), { withRenotes: true, withFiles: true })).toBe(true);
    expect(commonFilters(note({}), viewer('me', { muting: ['author'] }), { withRenotes: true, withFiles: false })).toBe(false);
    expect(commonFilters(quote, viewer('me', { muting: ['other'] }), { withRenotes: true, withFiles: false })).toBe(false);
    expect(commonFilters(pure, viewer('me', { renoteMuting: ['author'] }), { withRenotes: true, withFiles: false })).toBe(false);
    expect(commonFilters(quote, viewer('me', { renoteMuting: ['author'] }), { withRenotes: true, withFiles: false })).toBe(true);
  });
});
