import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { createUsers, post } from '../notes/helpers.js';

/**
 * notes/show-partial-bulk, users/featured-notes, the birthday endpoints, i/purge-timeline-cache,
 * notifications/test-notification (with its rate limit: this server keeps rate limits on),
 * get-online-users-count and users/stats.
 */

const e = {
  ...commonErrors,
  rateLimitExceeded: { code: 'RATE_LIMIT_EXCEEDED', id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef' },
  purge: {
    noSuchList: { code: 'NO_SUCH_LIST', id: '6a40c9e2-5dbd-42f5-91e3-85d5c4da8f3e' },
    noSuchAntenna: { code: 'NO_SUCH_ANTENNA', id: 'dc0b9d49-f11a-4680-8ad8-22f032cc91f8' },
    missingTarget: { code: 'TARGET_ID_REQUIRED', id: 'ed670b97-8c0e-42c6-84db-5f5d9fb2a6d6' },
  },
  stats: { noSuchUser: { code: 'NO_SUCH_USER', id: '9e638e45-3b25-4ef7-8f95-07e8498f1819' } },
};
const unknownId = '0000000000000000';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

const react = (token: string, noteId: string, reaction = '👍') => server.client(token).request('notes/reactions/create', { noteId, reaction });

describe('notes/show-partial-bulk', () => {
  it('answers the reactions of the notes the viewer may read, leaving the others out', async () => {
    const [author, fan, stranger] = await createUsers(server, 3);
    const open = await post(server, author!, { text: 'open' });
    const hidden = await post(server, author!, { text: 'followers', visibility: 'followers' });
    await react(fan!.token, open.id);
    const seen = await server.client(stranger!.token).request('notes/show-partial-bulk', { noteIds: [open.id, hidden.id, unknownId] });
    expect(seen).toEqual([{ id: open.id, reactions: { '👍': 1 }, reactionEmojis: {} }]);
    const mine = await server.client(author!.token).request('notes/show-partial-bulk', { noteIds: [open.id, hidden.id] });
    expect(mine.map((n) => n.id).sort()).toEqual([open.id, hidden.id].sort());
    // Blocks apply: the author blocking the viewer hides their notes.
    await server.client(author!.token).request('blocking/create', { userId: stranger!.id });
    expect(await server.client(stranger!.token).request('notes/show-partial-bulk', { noteIds: [open.id] })).toEqual([]);
    await expectApiError(server.client().request('notes/show-partial-bulk', { noteIds: [] }), e.invalidParam);
    await expectApiError(server.client().request('notes/show-partial-bulk', { noteIds: Array.from({ length: 101 }, () => unknownId) }), e.invalidParam);
  });
});

describe('users/featured-notes', () => {
  it('lists the user\'s notes others reacted to, newest first, as the viewer may read them', async () => {
    const [author, fan] = await createUsers(server, 2);
    const plain = await post(server, author!, { text: 'nobody cares' });
    const liked = await post(server, author!, { text: 'liked' });
    const home = await post(server, author!, { text: 'liked too', visibility: 'followers' });
    const selfOnly = await post(server, author!, { text: 'self' });
    await react(fan!.token, liked.id);
    await server.client(author!.token).request('following/create', { userId: fan!.id });
    await server.client(fan!.token).request('following/create', { userId: author!.id });
    await react(fan!.token, home.id);
    await react(author!.token, selfOnly.id);
    const anonymous = await server.client().request('users/featured-notes', { userId: author!.id });
    expect(anonymous.map((n) => n.id)).toEqual([liked.id]);
    const follower = await server.client(fan!.token).request('users/featured-notes', { userId: author!.id });
    expect(follower.map((n) => n.id)).toEqual([home.id, liked.id]);
    expect((await server.client(fan!.token).request('users/featured-notes', { userId: author!.id, untilId: home.id })).map((n) => n.id)).toEqual([liked.id]);
    expect((await server.client(fan!.token).request('users/featured-notes', { userId: author!.id, limit: 1 })).map((n) => n.id)).toEqual([home.id]);
    expect(follower.map((n) => n.id)).not.toContain(plain.id);
    await expectApiError(server.client().request('users/featured-notes', { userId: author!.id, limit: 101 }), e.invalidParam);
  });
});

describe('birthdays of followed users', () => {
  it('finds followed users by day and by a range over the new year, in both endpoint names', async () => {
    const [me, march, january, december, notFollowed] = await createUsers(server, 5);
    const birthdays: [typeof me, string][] = [[march, '1990-03-15'], [january, '2001-01-02'], [december, '1985-12-28'], [notFollowed, '1990-03-15']];
    for (const [user, birthday] of birthdays) await server.client(user!.token).request('i/update', { birthday });
    for (const user of [march, january, december]) await server.client(me!.token).request('following/create', { userId: user!.id });
    const api = server.client(me!.token);
    const day = await api.request('users/get-following-users-by-birthday', { birthday: { month: 3, day: 15 } });
    expect(day).toEqual([{ id: march!.id, birthday: '1990-03-15', user: expect.objectContaining({ id: march!.id }) }]);
    const range = await api.request('users/get-following-users-by-birthday', { birthday: { begin: { month: 12, day: 25 }, end: { month: 1, day: 5 } } });
    expect(range.map((r) => r.id).sort()).toEqual([january!.id, december!.id].sort());
    const fork = await server.fetch('/api/users/get-following-birthday-users', { method: 'POST', json: { i: me!.token, birthday: { month: 1, day: 2 } } });
    expect(fork.status).toBe(200);
    expect(fork.body.map((r: { id: string }) => r.id)).toEqual([january!.id]);
    expect(await api.request('users/get-following-users-by-birthday', { birthday: { month: 3, day: 15 }, offset: 1 })).toEqual([]);
    await expectApiError(api.request('users/get-following-users-by-birthday', { birthday: { month: 13, day: 1 } }), e.invalidParam);
    await expectApiError(api.request('users/get-following-users-by-birthday', {} as never), e.invalidParam);
    await expectApiError(server.client().request('users/get-following-users-by-birthday', { birthday: { month: 3, day: 15 } }), e.credentialRequired);
    const write = await server.createAppToken(me!.id, ['write:account']);
    await expectApiError(server.client(write).request('users/get-following-users-by-birthday', { birthday: { month: 3, day: 15 } }), e.permissionDenied);
  });
});

describe('i/purge-timeline-cache', () => {
  const purge = (token: string | null, body: Record<string, unknown>) => server.fetch('/api/i/purge-timeline-cache', { method: 'POST', json: { i: token, ...body } });

  it('answers 204 for a timeline of yours (nothing is cached), with every declared error', async () => {
    const [me, other] = await createUsers(server, 2);
    expect((await purge(me!.token, { type: 'home' })).status).toBe(204);
    expect((await purge(me!.token, { type: 'user' })).status).toBe(204);
    const list = await server.client(me!.token).request('users/lists/create', { name: 'l' });
    const theirs = await server.client(other!.token).request('users/lists/create', { name: 'theirs' });
    expect((await purge(me!.token, { type: 'list', listId: list.id })).status).toBe(204);
    const expectError = async (body: Record<string, unknown>, error: { code: string; id: string }, status = 400) => {
      const res = await purge(me!.token, body);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject(error);
    };
    await expectError({ type: 'list' }, e.purge.missingTarget);
    await expectError({ type: 'list', listId: null }, e.purge.missingTarget);
    await expectError({ type: 'list', listId: theirs.id }, e.purge.noSuchList);
    await expectError({ type: 'antenna' }, e.purge.missingTarget);
    await expectError({ type: 'antenna', antennaId: unknownId }, e.purge.noSuchAntenna);
    await expectError({ type: 'everything' }, e.invalidParam);
    const read = await server.createAppToken(me!.id, ['read:account']);
    const res = await purge(read, { type: 'home' });
    expect(res.body.error).toMatchObject(e.permissionDenied);
    expect((await purge(null, { type: 'home' })).body.error).toMatchObject(e.credentialRequired);
  });
});

describe('notifications/test-notification', () => {
  it('sends a `test` notification, ten a minute at most, and needs write:notifications', async () => {
    const [me, other] = await createUsers(server, 2);
    const api = server.client(me!.token);
    await api.request('notifications/test-notification', {});
    const [latest] = await api.request('i/notifications', { markAsRead: false });
    expect(latest).toMatchObject({ type: 'test' });
    expect(Object.keys(latest!).sort()).toEqual(['createdAt', 'id', 'type']);
    for (let i = 0; i < 9; i++) await api.request('notifications/test-notification', {});
    await expectApiError(api.request('notifications/test-notification', {}), e.rateLimitExceeded);
    // The limit is per user: another account still may (with the right permission).
    const read = await server.createAppToken(other!.id, ['read:notifications']);
    await expectApiError(server.client(read).request('notifications/test-notification', {}), e.permissionDenied);
    await server.client(await server.createAppToken(other!.id, ['write:notifications'])).request('notifications/test-notification', {});
    await expectApiError(server.client().request('notifications/test-notification', {}), e.credentialRequired);
  });
});

describe('get-online-users-count', () => {
  it('counts the accounts active in the last 10 minutes', async () => {
    const count = async () => (await server.client().request('get-online-users-count', {})).count;
    const [a, b] = await createUsers(server, 2);
    // Whatever other tests left active: start from nobody.
    await server.ctx.db.execute(sql`UPDATE users SET last_active_date = NULL`);
    expect(await count()).toBe(0);
    await server.client(a!.token).request('i', {});
    expect(await count()).toBe(1);
    await server.ctx.db.execute(sql`UPDATE users SET last_active_date = now() - interval '11 minutes' WHERE id = ${a!.id}`);
    await server.ctx.db.execute(sql`UPDATE users SET last_active_date = now() - interval '9 minutes' WHERE id = ${b!.id}`);
    expect(await count()).toBe(1);
    const viaGet = await server.fetch('/api/get-online-users-count');
    expect(viaGet.status).toBe(200);
    expect(viaGet.body).toEqual({ count: 1 });
  });
});

describe('users/stats', () => {
  it('counts what the user did and what others did to them', async () => {
    const [me, other] = await createUsers(server, 2);
    const api = server.client(me!.token);
    const theirs = await post(server, other!, { text: 'theirs', poll: { choices: ['a', 'b'] } });
    const mine = await post(server, me!, { text: 'mine', poll: { choices: ['x', 'y'] } });
    await post(server, me!, { text: 'reply', replyId: theirs.id });
    await post(server, me!, { renoteId: theirs.id });
    await post(server, other!, { text: 'answer', replyId: mine.id });
    await post(server, other!, { renoteId: mine.id });
    await api.request('notes/polls/vote', { noteId: theirs.id, choice: 0 });
    await server.client(other!.token).request('notes/polls/vote', { noteId: mine.id, choice: 1 });
    await react(me!.token, theirs.id);
    await react(other!.token, mine.id);
    await api.request('notes/favorites/create', { noteId: theirs.id });
    await api.request('following/create', { userId: other!.id });
    await server.client(other!.token).request('following/create', { userId: me!.id });
    // Pages: me likes one of other's; other and a third account like two of me's.
    const page = async (token: string, name: string) => (await server.client(token).request('pages/create' as 'notes/create', { title: name, name, summary: null, content: [], variables: [], script: '' } as never) as unknown as { id: string }).id;
    const [theirPage, myPage, myOtherPage] = [await page(other!.token, 'theirs'), await page(me!.token, 'mine'), await page(me!.token, 'mine-too')];
    const [third] = await createUsers(server, 1);
    await api.request('pages/like' as 'notes/create', { pageId: theirPage } as never);
    for (const [liker, pageId] of [[other!, myPage], [third!, myPage], [other!, myOtherPage]] as const) {
      await server.client(liker.token).request('pages/like' as 'notes/create', { pageId } as never);
    }
    const stats = await server.client().request('users/stats' as 'users/show', { userId: me!.id } as never) as unknown as Record<string, number>;
    expect(stats).toEqual({
      notesCount: 3, repliesCount: 1, renotesCount: 1, repliedCount: 1, renotedCount: 1, pollVotesCount: 1, pollVotedCount: 1,
      localFollowingCount: 1, remoteFollowingCount: 0, localFollowersCount: 1, remoteFollowersCount: 0, followingCount: 1, followersCount: 1,
      sentReactionsCount: 1, receivedReactionsCount: 1, noteFavoritesCount: 1, pageLikesCount: 1, pageLikedCount: 3, driveFilesCount: 0, driveUsage: 0,
    });
    await expectApiError(server.client().request('users/stats' as 'users/show', { userId: unknownId } as never), e.stats.noSuchUser);
  });
});
