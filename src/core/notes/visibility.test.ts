import { describe, expect, it } from 'vitest';
import type { NoteRow } from '../../db/schema/index.js';
import { anonymousViewer, canSeeNote, isNoteMuted, isPureRenote, type ViewerContext } from './visibility.js';

const AUTHOR = 'author0000000000';
const ME = 'viewer0000000000';

function note(fields: Partial<NoteRow> = {}): NoteRow {
  return {
    id: 'note000000000000', createdAt: new Date(), updatedAt: null, userId: AUTHOR, userHost: null, text: 'hi', cw: null,
    visibility: 'public', localOnly: false, reactionAcceptance: null, replyId: null, replyUserId: null, renoteId: null,
    renoteUserId: null, threadId: null, channelId: null, fileIds: [], attachedFileTypes: [], visibleUserIds: [], mentions: [],
    tags: [], emojis: [], hasPoll: false, repliesCount: 0, renoteCount: 0, clippedCount: 0, reactions: {}, uri: null, url: null,
    ...fields,
  };
}

function viewer(fields: Partial<Record<'following' | 'blocking' | 'blockedBy' | 'muting' | 'renoteMuting' | 'hiddenUsers', string[]>> = {}, id: string | null = ME): ViewerContext {
  const set = (ids?: string[]) => new Set(ids ?? []);
  return {
    user: id ? { id, username: 'v', host: null, isAdmin: false, isModerator: false, isSuspended: false } : null,
    id,
    following: set(fields.following), blocking: set(fields.blocking), blockedBy: set(fields.blockedBy),
    muting: set(fields.muting), renoteMuting: set(fields.renoteMuting), followingChannels: new Set(), mutingChannels: new Set(), hiddenUsers: set(fields.hiddenUsers),
    restrictedAuthors: new Map(),
  };
}

describe('canSeeNote', () => {
  const visibilities = ['public', 'home', 'followers', 'specified'] as const;
  // Expected visibility per viewer kind, in the order of `visibilities`.
  const matrix: Record<string, [ViewerContext, boolean[]]> = {
    author: [viewer({}, AUTHOR), [true, true, true, true]],
    follower: [viewer({ following: [AUTHOR] }), [true, true, true, false]],
    stranger: [viewer(), [true, true, false, false]],
    anonymous: [anonymousViewer(), [true, true, false, false]],
    blockedByAuthor: [viewer({ following: [AUTHOR], blockedBy: [AUTHOR] }), [false, false, false, false]],
    blockingAuthor: [viewer({ following: [AUTHOR], blocking: [AUTHOR] }), [false, false, false, false]],
  };
  for (const [kind, [context, expected]] of Object.entries(matrix)) {
    visibilities.forEach((visibility, index) => {
      it(`${visibility} note, ${kind} viewer: ${expected[index] ? 'visible' : 'hidden'}`, () => {
        expect(canSeeNote(note({ visibility }), context)).toBe(expected[index]);
      });
    });
  }

  it('specified: recipients and mentioned users see it, others not', () => {
    expect(canSeeNote(note({ visibility: 'specified', visibleUserIds: [ME] }), viewer())).toBe(true);
    expect(canSeeNote(note({ visibility: 'specified', mentions: [ME] }), viewer())).toBe(true);
    expect(canSeeNote(note({ visibility: 'specified', visibleUserIds: ['someone000000000'] }), viewer({ following: [AUTHOR] }))).toBe(false);
    expect(canSeeNote(note({ visibility: 'specified', visibleUserIds: [ME] }), viewer({ blockedBy: [AUTHOR] }))).toBe(false);
  });

  it('followers: a reply to the viewer or a mention of the viewer is visible to them', () => {
    expect(canSeeNote(note({ visibility: 'followers', replyUserId: ME }), viewer())).toBe(true);
    expect(canSeeNote(note({ visibility: 'followers', mentions: [ME] }), viewer())).toBe(true);
    expect(canSeeNote(note({ visibility: 'followers', replyUserId: 'other00000000000' }), viewer())).toBe(false);
  });

  it('localOnly notes are hidden from anonymous viewers only', () => {
    expect(canSeeNote(note({ localOnly: true }), anonymousViewer())).toBe(false);
    expect(canSeeNote(note({ localOnly: true }), viewer())).toBe(true);
  });

  it('notes of suspended or deleted authors are hidden from everyone but the author', () => {
    expect(canSeeNote(note(), viewer({ hiddenUsers: [AUTHOR], following: [AUTHOR] }))).toBe(false);
    expect(canSeeNote(note(), { ...anonymousViewer(), hiddenUsers: new Set([AUTHOR]) })).toBe(false);
    expect(canSeeNote(note(), viewer({ hiddenUsers: [AUTHOR] }, AUTHOR))).toBe(true);
  });
});

describe('isNoteMuted', () => {
  it('mutes notes by, replying to or renoting muted users, never the viewer\'s own', () => {
    expect(isNoteMuted(note(), viewer({ muting: [AUTHOR] }))).toBe(true);
    expect(isNoteMuted(note({ userId: 'x000000000000000', replyUserId: AUTHOR }), viewer({ muting: [AUTHOR] }))).toBe(true);
    expect(isNoteMuted(note({ userId: 'x000000000000000', renoteUserId: AUTHOR, renoteId: 'r' }), viewer({ muting: [AUTHOR] }))).toBe(true);
    expect(isNoteMuted(note({ userId: ME, replyUserId: AUTHOR }), viewer({ muting: [AUTHOR] }))).toBe(false);
    expect(isNoteMuted(note(), viewer())).toBe(false);
    expect(isNoteMuted(note(), anonymousViewer())).toBe(false);
  });

  it('renote mutes hide pure renotes only', () => {
    const pure = note({ text: null, renoteId: 'r000000000000000', renoteUserId: 'o000000000000000' });
    expect(isPureRenote(pure)).toBe(true);
    expect(isNoteMuted(pure, viewer({ renoteMuting: [AUTHOR] }))).toBe(true);
    expect(isNoteMuted({ ...pure, text: 'quote' }, viewer({ renoteMuting: [AUTHOR] }))).toBe(false);
  });
});
