import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { createUsers, e, expectApiError, post, unknownId, type TestUser } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

const favorite = (user: TestUser, noteId: string) => server.client(user.token).request('notes/favorites/create', { noteId });
const unfavorite = (user: TestUser, noteId: string) => server.client(user.token).request('notes/favorites/delete', { noteId });
const pin = (user: TestUser, noteId: string) => server.client(user.token).request('i/pin', { noteId });
const unpin = (user: TestUser, noteId: string) => server.client(user.token).request('i/unpin', { noteId });

describe('favorites', () => {
  it('favorites notes, lists them newest first with their notes, and shows the state', async () => {
    const [author, fan] = await createUsers(server, 2);
    const first = await post(server, author!, { text: 'first' });
    const second = await post(server, author!, { text: 'second' });
    const res = await server.fetch('/api/notes/favorites/create', { json: { i: fan!.token, noteId: second.id } });
    expect(res.status).toBe(204);
    await favorite(fan!, first.id);
    expect(await server.client(fan!.token).request('notes/state', { noteId: first.id })).toEqual({ isFavorited: true, isMutedThread: false });
    expect(await server.client(author!.token).request('notes/state', { noteId: first.id })).toEqual({ isFavorited: false, isMutedThread: false });

    const list = await server.client(fan!.token).request('i/favorites', {});
    expect(list.map((f) => f.noteId)).toEqual([first.id, second.id]);
    expect(list[0]).toMatchObject({ noteId: first.id, note: { id: first.id, text: 'first', user: { id: author!.id } } });
    expect(typeof list[0]!.id).toBe('string');
    const page = await server.client(fan!.token).request('i/favorites', { limit: 1, untilId: list[0]!.id });
    expect(page.map((f) => f.noteId)).toEqual([second.id]);
    expect(await server.client(author!.token).request('i/favorites', {})).toEqual([]);

    await expectApiError(favorite(fan!, first.id), e.favoritesCreate.alreadyFavorited);
    await unfavorite(fan!, first.id);
    await expectApiError(unfavorite(fan!, first.id), e.favoritesDelete.notFavorited);
    expect((await server.client(fan!.token).request('i/favorites', {})).map((f) => f.noteId)).toEqual([second.id]);
    expect((await server.client(fan!.token).request('notes/state', { noteId: first.id })).isFavorited).toBe(false);
  });

  it('refuses unknown notes and notes the caller cannot see', async () => {
    const [author, stranger, follower] = await createUsers(server, 3);
    await server.client(follower!.token).request('following/create', { userId: author!.id });
    const hidden = await post(server, author!, { text: 'friends', visibility: 'followers' });
    await expectApiError(favorite(stranger!, hidden.id), e.favoritesCreate.noSuchNote);
    await expectApiError(favorite(stranger!, unknownId), e.favoritesCreate.noSuchNote);
    await expectApiError(unfavorite(stranger!, hidden.id), e.favoritesDelete.noSuchNote);
    await expectApiError(unfavorite(stranger!, unknownId), e.favoritesDelete.noSuchNote);

    // A favorite of a note that later goes out of sight leaves the list, and can still be removed.
    await favorite(follower!, hidden.id);
    expect(await server.client(follower!.token).request('i/favorites', {})).toHaveLength(1);
    await server.client(follower!.token).request('following/delete', { userId: author!.id });
    expect(await server.client(follower!.token).request('i/favorites', {})).toEqual([]);
    await unfavorite(follower!, hidden.id);
  });

  it('needs credentials and the favorites permissions', async () => {
    const [author, user] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'x' });
    await expectApiError(server.client(null).request('notes/favorites/create', { noteId: note.id }), e.credentialRequired);
    await expectApiError(server.client(null).request('notes/favorites/delete', { noteId: note.id }), e.credentialRequired);
    await expectApiError(server.client(null).request('i/favorites', {}), e.credentialRequired);
    await expectApiError(server.client(null).request('notes/state', { noteId: note.id }), e.credentialRequired);
    const readOnly = await server.createAppToken(user!.id, ['read:favorites']);
    await expectApiError(server.client(readOnly).request('notes/favorites/create', { noteId: note.id }), e.permissionDenied);
    await expectApiError(server.client(readOnly).request('notes/state', { noteId: note.id }), e.permissionDenied);
    expect(await server.client(readOnly).request('i/favorites', {})).toEqual([]);
    const writeOnly = await server.createAppToken(user!.id, ['write:favorites']);
    await server.client(writeOnly).request('notes/favorites/create', { noteId: note.id });
    await expectApiError(server.client(writeOnly).request('i/favorites', {}), e.permissionDenied);
    await expectApiError(server.client(user!.token).request('i/favorites', { limit: 0 }), e.invalidParam);
  });
});

describe('pins', () => {
  it('pins own notes, shows them on the profile, latest pin first, and unpins', async () => {
    const [author, viewer] = await createUsers(server, 2);
    const a = await post(server, author!, { text: 'pin a' });
    const b = await post(server, author!, { text: 'pin b' });
    const me = await pin(author!, a.id);
    expect(me.id).toBe(author!.id);
    expect(me.pinnedNoteIds).toEqual([a.id]);
    expect(me.pinnedNotes.map((n) => n.id)).toEqual([a.id]);
    await pin(author!, b.id);

    const shown = await server.client(viewer!.token).request('users/show', { userId: author!.id });
    expect(shown.pinnedNoteIds).toEqual([b.id, a.id]);
    expect(shown.pinnedNotes.map((n) => [n.id, n.text])).toEqual([[b.id, 'pin b'], [a.id, 'pin a']]);
    const anonymous = await server.client(null).request('users/show', { userId: author!.id });
    expect(anonymous.pinnedNoteIds).toEqual([b.id, a.id]);
    const iSelf = await server.client(author!.token).request('i', {});
    expect(iSelf.pinnedNoteIds).toEqual([b.id, a.id]);

    await expectApiError(pin(author!, a.id), e.pin.alreadyPinned);
    const after = await unpin(author!, a.id);
    expect(after.pinnedNoteIds).toEqual([b.id]);
    await expectApiError(unpin(author!, a.id), e.unpin.noSuchNote);
  });

  it('only pins the caller\'s own notes and honours pinLimit', async () => {
    const [author, other] = await createUsers(server, 2);
    const theirs = await post(server, other!, { text: 'not yours' });
    await expectApiError(pin(author!, theirs.id), e.pin.noSuchNote);
    await expectApiError(pin(author!, unknownId), e.pin.noSuchNote);
    await expectApiError(unpin(author!, theirs.id), e.unpin.noSuchNote);

    const limit = server.ctx.meta.policies.pinLimit;
    const notes = [];
    for (let i = 0; i <= limit; i++) notes.push(await post(server, author!, { text: `n${i}` }));
    // Racing pins cannot pass the limit together.
    const results = await Promise.allSettled(notes.slice(0, limit).map((note) => pin(author!, note.id)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    await expectApiError(pin(author!, notes[limit]!.id), e.pin.pinLimitExceeded);
    // The limit is checked before "already pinned", as in Misskey.
    await expectApiError(pin(author!, notes[0]!.id), e.pin.pinLimitExceeded);
    const shown = await server.client(other!.token).request('users/show', { userId: author!.id });
    expect(shown.pinnedNoteIds).toHaveLength(limit);
  });

  it('keeps pinned notes the viewer may not read off the profile', async () => {
    const [author, stranger, follower] = await createUsers(server, 3);
    await server.client(follower!.token).request('following/create', { userId: author!.id });
    const open = await post(server, author!, { text: 'open' });
    const friends = await post(server, author!, { text: 'friends', visibility: 'followers' });
    await pin(author!, open.id);
    await pin(author!, friends.id);
    expect((await server.client(follower!.token).request('users/show', { userId: author!.id })).pinnedNoteIds).toEqual([friends.id, open.id]);
    expect((await server.client(stranger!.token).request('users/show', { userId: author!.id })).pinnedNoteIds).toEqual([open.id]);
    expect((await server.client(null).request('users/show', { userId: author!.id })).pinnedNoteIds).toEqual([open.id]);
  });

  it('needs a credential with write:account', async () => {
    const [author] = await createUsers(server, 1);
    const note = await post(server, author!, { text: 'x' });
    await expectApiError(server.client(null).request('i/pin', { noteId: note.id }), e.credentialRequired);
    await expectApiError(server.client(null).request('i/unpin', { noteId: note.id }), e.credentialRequired);
    const token = await server.createAppToken(author!.id, ['read:account']);
    await expectApiError(server.client(token).request('i/pin', { noteId: note.id }), e.permissionDenied);
    await expectApiError(server.client(token).request('i/unpin', { noteId: note.id }), e.permissionDenied);
    await expectApiError(server.client(author!.token).request('i/pin', {} as any), e.invalidParam);
  });
});

describe('notes/thread-muting', () => {
  it('mutes and unmutes a whole thread, shown in notes/state', async () => {
    const [author, replier, stranger] = await createUsers(server, 3);
    const root = await post(server, author!, { text: 'root' });
    const reply = await post(server, replier!, { text: 'reply', replyId: root.id });
    const state = (noteId: string) => server.client(author!.token).request('notes/state', { noteId });
    await server.client(author!.token).request('notes/thread-muting/create', { noteId: reply.id });
    expect(await state(root.id)).toEqual({ isFavorited: false, isMutedThread: true });
    expect((await state(reply.id)).isMutedThread).toBe(true);
    // Twice is fine.
    await server.client(author!.token).request('notes/thread-muting/create', { noteId: root.id });
    expect((await server.client(replier!.token).request('notes/state', { noteId: root.id })).isMutedThread).toBe(false);
    await server.client(author!.token).request('notes/thread-muting/delete', { noteId: root.id });
    expect((await state(reply.id)).isMutedThread).toBe(false);

    const hidden = await post(server, author!, { text: 'friends', visibility: 'followers' });
    await expectApiError(server.client(stranger!.token).request('notes/thread-muting/create', { noteId: hidden.id }),
      { code: 'NO_SUCH_NOTE', id: '5ff67ada-ed3b-2e71-8e87-a1a421e177d2' });
    await expectApiError(server.client(stranger!.token).request('notes/thread-muting/delete', { noteId: unknownId }),
      { code: 'NO_SUCH_NOTE', id: 'bddd57ac-ceb3-b29d-4334-86ea5fae481a' });
    await expectApiError(server.client(null).request('notes/thread-muting/create', { noteId: root.id }), e.credentialRequired);
    const token = await server.createAppToken(author!.id, ['read:account']);
    await expectApiError(server.client(token).request('notes/thread-muting/delete', { noteId: root.id }), e.permissionDenied);
  });

  it('keeps a muted thread quiet: no reply or mention notifications from it, others still arrive', async () => {
    const [author, replier] = await createUsers(server, 2);
    const me = await server.client(author!.token).request('i', {});
    const root = await post(server, author!, { text: 'root' });
    await server.client(author!.token).request('notes/thread-muting/create', { noteId: root.id });
    await post(server, replier!, { text: `reply @${me.username}`, replyId: root.id });
    const elsewhere = await post(server, replier!, { text: `hello @${me.username}` });
    const notifications = await server.client(author!.token).request('i/notifications', { includeTypes: ['reply', 'mention'] });
    expect(notifications.map((n) => (n as { note?: { id: string } }).note?.id)).toEqual([elsewhere.id]);
  });
});
