import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { emojis, noteReactions, users } from '../../src/db/schema/index.js';
import { genId } from '../../src/misc/id.js';
import { toPackedReactionCounts } from '../../src/core/reactions/normalize.js';
import { startTestServer, type TestServer } from '../harness.js';
import { captureNoteEvents, createUsers, e, expectApiError, post, unknownId, waitFor, type TestUser } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
  await server.ctx.db.insert(emojis).values([
    { id: genId(), name: 'blob', originalUrl: 'https://files.example/blob.png', publicUrl: 'https://files.example/blob-public.png' },
    { id: genId(), name: 'spicy', originalUrl: 'https://files.example/spicy.png', isSensitive: true },
    { id: genId(), name: 'vip', originalUrl: 'https://files.example/vip.png', roleIdsThatCanBeUsedThisEmojiAsReaction: [genId()] },
    { id: genId(), name: 'faraway', host: 'remote.example', originalUrl: 'https://remote.example/faraway.png' },
  ]);
});
afterAll(async () => { await server?.close(); });

const react = (user: TestUser, noteId: string, reaction: string) => server.client(user.token).request('notes/reactions/create', { noteId, reaction });
const show = async (user: TestUser | null, noteId: string) => server.client(user?.token).request('notes/show', { noteId }) as Promise<any>;
const storedReaction = async (userId: string, noteId: string) => {
  const rows = await server.ctx.db.select().from(noteReactions).where(eq(noteReactions.noteId, noteId));
  return rows.filter((row) => row.userId === userId).map((row) => row.reaction);
};

describe('notes/reactions/create', () => {
  it('records the reaction, counts it, notifies the author and tells note subscribers', async () => {
    const [author, reactor] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'react to me' });
    const capture = captureNoteEvents(server, note.id);
    const res = await server.fetch('/api/notes/reactions/create', { json: { i: reactor!.token, noteId: note.id, reaction: '👍' } });
    expect(res.status).toBe(204);

    const seen = await show(reactor!, note.id);
    expect(seen.reactions).toEqual({ '👍': 1 });
    expect(seen.reactionCount).toBe(1);
    expect(seen.myReaction).toBe('👍');
    expect((await show(author!, note.id)).myReaction).toBeNull();

    const notifications = await server.client(author!.token).request('i/notifications', {});
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ type: 'reaction', reaction: '👍', userId: reactor!.id, note: { id: note.id } });

    const event = await waitFor(() => capture.events.find((ev) => ev.type === 'reacted'));
    expect(event.body).toEqual({ reaction: '👍', emoji: null, userId: reactor!.id });
    capture.stop();
  });

  it('normalises Unicode reactions as Misskey does', async () => {
    const [author] = await createUsers(server, 1);
    const cases: [string, string][] = [
      ['❤️', '❤'], ['👍🏽', '👍🏽'], ['👨‍👩‍👧', '👨‍👩‍👧'], ['like', '👍'], ['hello', '❤'], ['x🎉y', '🎉'], ['🇯🇵', '🇯🇵'],
    ];
    const reactors = await createUsers(server, cases.length);
    const note = await post(server, author!, { text: 'normalise' });
    for (const [index, [sent, stored]] of cases.entries()) {
      await react(reactors[index]!, note.id, sent);
      expect(await storedReaction(reactors[index]!.id, note.id)).toEqual([stored]);
    }
    const seen = await show(author!, note.id);
    expect(seen.reactions).toEqual({ '❤': 2, '👍🏽': 1, '👨‍👩‍👧': 1, '👍': 1, '🎉': 1, '🇯🇵': 1 });
  });

  it('accepts this server\'s custom emoji (shown as :name@.:) and falls back to ❤ for others', async () => {
    const [author, a, b, c, d, f] = await createUsers(server, 6);
    const note = await post(server, author!, { text: 'custom' });
    const capture = captureNoteEvents(server, note.id);
    await react(a!, note.id, ':blob:');
    await react(b!, note.id, ':blob@.:');
    await react(c!, note.id, ':nope:');
    await react(d!, note.id, ':faraway@remote.example:');
    await react(f!, note.id, ':vip:');
    expect(await storedReaction(a!.id, note.id)).toEqual([':blob:']);
    expect(await storedReaction(b!.id, note.id)).toEqual([':blob:']);
    for (const user of [c!, d!, f!]) expect(await storedReaction(user.id, note.id)).toEqual(['❤']);

    const list = await server.client(author!.token).request('notes/reactions', { noteId: note.id, type: ':blob@.:' });
    expect(list.map((r) => r.user.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(list.every((r) => r.type === ':blob@.:')).toBe(true);
    expect(await server.client(author!.token).request('notes/reactions', { noteId: note.id, type: ':blob:' })).toHaveLength(2);

    const event = await waitFor(() => capture.events.find((ev) => ev.type === 'reacted' && ev.body.userId === a!.id));
    expect(event.body).toEqual({ reaction: ':blob@.:', emoji: { name: 'blob@.', url: 'https://files.example/blob-public.png' }, userId: a!.id });
    capture.stop();
  });

  it('honours reactionAcceptance', async () => {
    const [author, a, b, c] = await createUsers(server, 4);
    const likeOnly = await post(server, author!, { text: 'likes only', reactionAcceptance: 'likeOnly' });
    await react(a!, likeOnly.id, '🎉');
    await react(b!, likeOnly.id, ':blob:');
    expect((await show(author!, likeOnly.id)).reactions).toEqual({ '❤': 2 });

    const nonSensitive = await post(server, author!, { text: 'be nice', reactionAcceptance: 'nonSensitiveOnly' });
    await react(a!, nonSensitive.id, ':spicy:');
    await react(b!, nonSensitive.id, ':blob:');
    await react(c!, nonSensitive.id, '🎉');
    expect(await storedReaction(a!.id, nonSensitive.id)).toEqual(['❤']);
    // Misskey packs local custom emoji as :name@.: (notes/pack.ts may still show the stored :name:).
    expect(toPackedReactionCounts((await show(author!, nonSensitive.id)).reactions)).toEqual({ '❤': 1, ':blob@.:': 1, '🎉': 1 });

    // Local reactors are not affected by likeOnlyForRemote.
    const remoteOnly = await post(server, author!, { text: 'remote likes', reactionAcceptance: 'likeOnlyForRemote' });
    await react(a!, remoteOnly.id, '🎉');
    expect((await show(author!, remoteOnly.id)).reactions).toEqual({ '🎉': 1 });
  });

  it('replaces a different reaction and refuses the same one twice', async () => {
    const [author, reactor] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'change of heart' });
    const capture = captureNoteEvents(server, note.id);
    await react(reactor!, note.id, '👍');
    await expectApiError(react(reactor!, note.id, '👍'), e.reactionsCreate.alreadyReacted);
    // Normalised before comparing: ❤️ is ❤.
    await react(reactor!, note.id, '❤');
    await expectApiError(react(reactor!, note.id, '❤️'), e.reactionsCreate.alreadyReacted);
    const seen = await show(reactor!, note.id);
    expect(seen.reactions).toEqual({ '❤': 1 });
    expect(seen.myReaction).toBe('❤');
    expect(await storedReaction(reactor!.id, note.id)).toEqual(['❤']);
    await waitFor(() => capture.events.length >= 3);
    expect(capture.events.map((ev) => [ev.type, ev.body.reaction])).toEqual([['reacted', '👍'], ['unreacted', '👍'], ['reacted', '❤']]);
    capture.stop();
  });

  it('lets authors react to their own notes, without a notification', async () => {
    const [author] = await createUsers(server, 1);
    const note = await post(server, author!, { text: 'self' });
    await react(author!, note.id, '🎉');
    expect((await show(author!, note.id)).reactions).toEqual({ '🎉': 1 });
    expect(await server.client(author!.token).request('i/notifications', {})).toEqual([]);
  });

  it('does not notify an author who mutes the reactor', async () => {
    const [author, muted] = await createUsers(server, 2);
    await server.client(author!.token).request('mute/create', { userId: muted!.id });
    const note = await post(server, author!, { text: 'quiet' });
    await react(muted!, note.id, '🎉');
    expect((await show(author!, note.id)).reactions).toEqual({ '🎉': 1 });
    expect(await server.client(author!.token).request('i/notifications', {})).toEqual([]);
  });

  it('refuses blocked users, invisible and unknown notes, and pure renotes', async () => {
    const [author, blocked, stranger, fan] = await createUsers(server, 4);
    const note = await post(server, author!, { text: 'public' });
    await server.client(author!.token).request('blocking/create', { userId: blocked!.id });
    await expectApiError(react(blocked!, note.id, '👍'), e.reactionsCreate.youHaveBeenBlocked);

    const followersOnly = await post(server, author!, { text: 'friends', visibility: 'followers' });
    await expectApiError(react(stranger!, followersOnly.id, '👍'), e.reactionsCreate.noSuchNote);
    const direct = await post(server, author!, { text: 'dm', visibility: 'specified', visibleUserIds: [fan!.id] });
    await expectApiError(react(stranger!, direct.id, '👍'), e.reactionsCreate.noSuchNote);
    await react(fan!, direct.id, '👍');
    await expectApiError(react(stranger!, unknownId, '👍'), e.reactionsCreate.noSuchNote);

    // The stranger blocks the author: the author's notes are out of the stranger's sight.
    await server.client(stranger!.token).request('blocking/create', { userId: author!.id });
    await expectApiError(react(stranger!, note.id, '👍'), e.reactionsCreate.noSuchNote);

    const renote = await post(server, fan!, { renoteId: note.id });
    await expectApiError(react(author!, renote.id, '👍'), e.reactionsCreate.cannotReactToRenote);
    const quote = await post(server, fan!, { renoteId: note.id, text: 'quoting' });
    await react(author!, quote.id, '👍');
  });

  it('needs a credential with write:reactions and valid params', async () => {
    const [author, reactor] = await createUsers(server, 2);
    const note = await post(server, author!, { text: 'perm' });
    await expectApiError(server.client(null).request('notes/reactions/create', { noteId: note.id, reaction: '👍' }), e.credentialRequired);
    const readOnly = await server.createAppToken(reactor!.id, ['read:reactions']);
    await expectApiError(server.client(readOnly).request('notes/reactions/create', { noteId: note.id, reaction: '👍' }), e.permissionDenied);
    const writer = await server.createAppToken(reactor!.id, ['write:reactions']);
    await server.client(writer).request('notes/reactions/create', { noteId: note.id, reaction: '👍' });
    await expectApiError(server.client(reactor!.token).request('notes/reactions/create', { noteId: note.id } as any), e.invalidParam);
    await expectApiError(server.client(reactor!.token).request('notes/reactions/create', { noteId: 'not an id', reaction: '👍' }), e.invalidParam);
    await expectApiError(server.client(null).request('notes/reactions/delete', { noteId: note.id }), e.credentialRequired);
    await expectApiError(server.client(readOnly).request('notes/reactions/delete', { noteId: note.id }), e.permissionDenied);
  });

  it('keeps counts exact under 30 concurrent reactions and 30 concurrent removals', async () => {
    const [author] = await createUsers(server, 1);
    const reactors = await createUsers(server, 30);
    const note = await post(server, author!, { text: 'rush' });
    const emoji = ['👍', '🎉', '❤'];
    await Promise.all(reactors.map((user, index) => react(user, note.id, emoji[index % 3]!)));
    let seen = await show(author!, note.id);
    expect(seen.reactions).toEqual({ '👍': 10, '🎉': 10, '❤': 10 });
    expect(seen.reactionCount).toBe(30);
    // The same user racing with itself: one reaction, one count.
    const [racer] = await createUsers(server, 1);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => react(racer!, note.id, '😆')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await show(author!, note.id)).reactions['😆']).toBe(1);

    await Promise.all(reactors.map((user) => server.client(user.token).request('notes/reactions/delete', { noteId: note.id })));
    seen = await show(author!, note.id);
    expect(seen.reactions).toEqual({ '😆': 1 });
    expect(seen.reactionCount).toBe(1);
  });
});

describe('notes/reactions/delete', () => {
  it('takes a reaction back, tells subscribers, and refuses what is not there', async () => {
    const [author, reactor, stranger] = await createUsers(server, 3);
    const note = await post(server, author!, { text: 'undo' });
    await expectApiError(server.client(reactor!.token).request('notes/reactions/delete', { noteId: note.id }), e.reactionsDelete.notReacted);
    await react(reactor!, note.id, ':blob:');
    const capture = captureNoteEvents(server, note.id);
    await server.client(reactor!.token).request('notes/reactions/delete', { noteId: note.id });
    const seen = await show(reactor!, note.id);
    expect(seen.reactions).toEqual({});
    expect(seen.reactionCount).toBe(0);
    const event = await waitFor(() => capture.events.find((ev) => ev.type === 'unreacted'));
    expect(event.body).toEqual({ reaction: ':blob@.:', userId: reactor!.id });
    capture.stop();
    await expectApiError(server.client(reactor!.token).request('notes/reactions/delete', { noteId: note.id }), e.reactionsDelete.notReacted);
    await expectApiError(server.client(reactor!.token).request('notes/reactions/delete', { noteId: unknownId }), e.reactionsDelete.noSuchNote);
    const hidden = await post(server, author!, { text: 'secret', visibility: 'followers' });
    await expectApiError(server.client(stranger!.token).request('notes/reactions/delete', { noteId: hidden.id }), e.reactionsDelete.noSuchNote);
  });

  it('still lets you take back a reaction to a note you can no longer see', async () => {
    const [author, follower] = await createUsers(server, 2);
    await server.client(follower!.token).request('following/create', { userId: author!.id });
    const note = await post(server, author!, { text: 'for followers', visibility: 'followers' });
    await react(follower!, note.id, '👍');
    await server.client(follower!.token).request('following/delete', { userId: author!.id });
    await server.client(follower!.token).request('notes/reactions/delete', { noteId: note.id });
    expect((await show(author!, note.id)).reactions).toEqual({});
  });
});

describe('notes/reactions', () => {
  it('lists reactions newest first, filtered by type, paged', async () => {
    const [author] = await createUsers(server, 1);
    const reactors = await createUsers(server, 5);
    const note = await post(server, author!, { text: 'list' });
    for (const [index, user] of reactors.entries()) await react(user, note.id, index < 3 ? '👍' : '🎉');
    const all = await server.client(null).request('notes/reactions', { noteId: note.id });
    expect(all.map((r) => r.user.id)).toEqual([...reactors].reverse().map((u) => u.id));
    expect(all[0]).toMatchObject({ type: '🎉', user: { id: reactors[4]!.id, username: reactors[4]!.username } });
    const likes = await server.client(null).request('notes/reactions', { noteId: note.id, type: '👍' });
    expect(likes.map((r) => r.user.id)).toEqual([reactors[2]!.id, reactors[1]!.id, reactors[0]!.id]);
    const page = await server.client(null).request('notes/reactions', { noteId: note.id, limit: 2, untilId: all[1]!.id });
    expect(page.map((r) => r.id)).toEqual([all[2]!.id, all[3]!.id]);
    const forward = await server.client(null).request('notes/reactions', { noteId: note.id, sinceId: all[2]!.id });
    expect(forward.map((r) => r.id)).toEqual([all[1]!.id, all[0]!.id]);
    // GET works too (allowGet).
    const viaGet = await fetch(`${server.url}/api/notes/reactions?noteId=${note.id}&limit=1`);
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toHaveLength(1);
  });

  it('answers NO_SUCH_NOTE for notes the caller cannot see', async () => {
    const [author, stranger] = await createUsers(server, 2);
    const hidden = await post(server, author!, { text: 'followers', visibility: 'followers' });
    await expectApiError(server.client(stranger!.token).request('notes/reactions', { noteId: hidden.id }), e.reactions.noSuchNote);
    await expectApiError(server.client(null).request('notes/reactions', { noteId: hidden.id }), e.reactions.noSuchNote);
    await expectApiError(server.client(null).request('notes/reactions', { noteId: unknownId }), e.reactions.noSuchNote);
    expect(await server.client(author!.token).request('notes/reactions', { noteId: hidden.id })).toEqual([]);
    await expectApiError(server.client(null).request('notes/reactions', { noteId: hidden.id, limit: 101 }), e.invalidParam);
  });
});

describe('users/reactions', () => {
  it('lists a user\'s reactions with their notes, only notes the viewer may see', async () => {
    const [author, reactor, viewer] = await createUsers(server, 3);
    await server.client(reactor!.token).request('following/create', { userId: author!.id });
    const open = await post(server, author!, { text: 'open' });
    const friends = await post(server, author!, { text: 'friends', visibility: 'followers' });
    await react(reactor!, open.id, '👍');
    await react(reactor!, friends.id, '🎉');

    const own = await server.client(reactor!.token).request('users/reactions', { userId: reactor!.id });
    expect(own.map((r) => [r.type, r.note.id])).toEqual([['🎉', friends.id], ['👍', open.id]]);
    expect(own[0]!.user.id).toBe(reactor!.id);
    const seen = await server.client(viewer!.token).request('users/reactions', { userId: reactor!.id });
    expect(seen.map((r) => r.note.id)).toEqual([open.id]);
    const anonymous = await server.client(null).request('users/reactions', { userId: reactor!.id, limit: 1 });
    expect(anonymous.map((r) => r.note.id)).toEqual([open.id]);
  });

  it('honours publicReactions and refuses remote users', async () => {
    const [author, shy, viewer, remote] = await createUsers(server, 4);
    const note = await post(server, author!, { text: 'hi' });
    await react(shy!, note.id, '👍');
    await server.client(shy!.token).request('i/update', { publicReactions: false });
    await expectApiError(server.client(viewer!.token).request('users/reactions', { userId: shy!.id }), e.usersReactions.reactionsNotPublic);
    await expectApiError(server.client(null).request('users/reactions', { userId: shy!.id }), e.usersReactions.reactionsNotPublic);
    expect(await server.client(shy!.token).request('users/reactions', { userId: shy!.id })).toHaveLength(1);

    await server.ctx.db.update(users).set({ host: 'remote.example' }).where(eq(users.id, remote!.id));
    await expectApiError(server.client(viewer!.token).request('users/reactions', { userId: remote!.id }), e.usersReactions.isRemoteUser);
    expect(await server.client(viewer!.token).request('users/reactions', { userId: unknownId })).toEqual([]);
  });
});
