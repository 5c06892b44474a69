import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { UserDetailedSchema, UserLiteSchema } from '../../src/core/users/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectSchema } from '../accounts/helpers.js';
import { createUsers, errors, type TestUser } from './helpers.js';
import { setSuspended } from '../../src/core/users/account.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

let counter = 0;
/** Users with names of their own, so searches find exactly them. */
async function named(prefix: string, count: number): Promise<TestUser[]> {
  // One after the other: their ids (creation order) are part of what tests check.
  const created: TestUser[] = [];
  for (let i = 0; i < count; i++) created.push(await server.createUser({ username: `${prefix}${++counter}` }));
  return created;
}
const ids = (list: { id: string }[]) => list.map((user) => user.id);
/** Keeps only `mine`, in the order the answer had them. */
const only = (list: { id: string }[], mine: TestUser[]) => ids(list).filter((id) => mine.some((user) => user.id === id));
const suspend = (user: TestUser) => setSuspended(server.ctx, user.id, true);

describe('users (the directory)', () => {
  it('sorts by followers and creation, hides unexplorable, suspended, blocked and muted accounts', async () => {
    const [popular, middle, quiet, hidden, suspended, blocker, muted] = await named('dir', 7);
    const [viewer, f1, f2] = await createUsers(server, 3);
    for (const fan of [f1!, f2!]) await server.client(fan.token).request('following/create', { userId: popular!.id });
    await server.client(f1!.token).request('following/create', { userId: middle!.id });
    await server.client(hidden!.token).request('i/update', { isExplorable: false });
    await suspend(suspended!);
    await server.client(blocker!.token).request('blocking/create', { userId: viewer!.id });
    await server.client(viewer!.token).request('mute/create', { userId: muted!.id });
    const mine = [popular!, middle!, quiet!, hidden!, suspended!, blocker!, muted!];

    const byFollowers = await server.client().request('users', { sort: '+follower', limit: 100 });
    for (const user of byFollowers) expectSchema(UserDetailedSchema, user);
    // Anonymous: no block or mute applies; two followers, then one, then the rest.
    expect(only(byFollowers, mine).slice(0, 2)).toEqual([popular!.id, middle!.id]);
    expect(only(byFollowers, mine).sort()).toEqual([popular!.id, middle!.id, quiet!.id, blocker!.id, muted!.id].sort());
    expect(only(await server.client().request('users', { sort: '-follower', limit: 100 }), [popular!, middle!])).toEqual([middle!.id, popular!.id]);

    const newest = await server.client().request('users', { sort: '+createdAt', limit: 100 });
    expect(only(newest, [quiet!, blocker!, muted!])).toEqual([muted!.id, blocker!.id, quiet!.id]);
    const oldest = await server.client().request('users', { sort: '-createdAt', limit: 100 });
    expect(only(oldest, [quiet!, blocker!, muted!])).toEqual([quiet!.id, blocker!.id, muted!.id]);

    // A signed-in viewer does not see who blocks them or whom they mute.
    const forViewer = await server.client(viewer!.token).request('users', { limit: 100 });
    expect(only(forViewer, mine)).toEqual([popular!.id, middle!.id, quiet!.id]);
    expect(forViewer.find((user) => user.id === popular!.id)).toMatchObject({ isFollowing: false });

    // Remote accounts do not exist here; a hostname names nobody local.
    expect(await server.client().request('users', { origin: 'remote' })).toEqual([]);
    expect(await server.client().request('users', { origin: 'combined', hostname: 'elsewhere.example' })).toEqual([]);
  });

  it('pages with offset and filters alive accounts by recent updates', async () => {
    const [fresh, stale] = await named('alive', 2);
    await server.ctx.db.update(users).set({ updatedAt: new Date() }).where(eq(users.id, fresh!.id));
    await server.ctx.db.update(users).set({ updatedAt: new Date(Date.now() - 10 * 86_400_000) }).where(eq(users.id, stale!.id));
    const alive = await server.client().request('users', { state: 'alive', limit: 100 });
    expect(ids(alive)).toContain(fresh!.id);
    expect(ids(alive)).not.toContain(stale!.id);
    const updated = await server.client().request('users', { sort: '+updatedAt', limit: 100 });
    expect(only(updated, [fresh!, stale!])).toEqual([fresh!.id, stale!.id]);

    const all = await server.client().request('users', { sort: '-createdAt', limit: 4 });
    const next = await server.client().request('users', { sort: '-createdAt', limit: 4, offset: 2 });
    expect(ids(next).slice(0, 2)).toEqual(ids(all).slice(2, 4));
  });

  it('validates params', async () => {
    for (const body of [{ sort: 'followers' }, { limit: 0 }, { limit: 101 }, { offset: -1 }, { state: 'dead' }, { origin: 'mars' }]) {
      const res = await server.fetch('/api/users', { json: body });
      expect(res.body.error, JSON.stringify(body)).toMatchObject(errors.invalidParam);
    }
  });
});

describe('users/search', () => {
  it('finds by name, by @username prefix and by description, skipping suspended and long-inactive accounts', async () => {
    const [byName, byUsername, byBio, suspended, old] = await named('srch', 5);
    await server.client(byName!.token).request('i/update', { name: 'Zebra Quokka' });
    await server.client(byBio!.token).request('i/update', { description: 'I love quokkas' });
    await server.client(suspended!.token).request('i/update', { name: 'Quokka Suspended' });
    await suspend(suspended!);
    await server.client(old!.token).request('i/update', { name: 'Old Quokka' });
    await server.ctx.db.update(users).set({ updatedAt: new Date(Date.now() - 40 * 86_400_000) }).where(eq(users.id, old!.id));

    const found = await server.client().request('users/search', { query: 'quokka' });
    for (const user of found) expectSchema(UserDetailedSchema, user);
    // Names first, then descriptions.
    expect(ids(found)).toEqual([byName!.id, byBio!.id]);

    const lite = await server.client().request('users/search', { query: 'quokka', detail: false });
    for (const user of lite) expectSchema(UserLiteSchema, user);
    expect(lite[0]).not.toHaveProperty('followersCount');

    const atName = await server.client().request('users/search', { query: `@${byUsername!.username}` });
    expect(ids(atName)).toEqual([byUsername!.id]);
    // A bare word that looks like a username matches inside usernames too.
    expect(ids(await server.client().request('users/search', { query: byUsername!.username }))).toContain(byUsername!.id);
    // LIKE wildcards are taken literally.
    expect(await server.client().request('users/search', { query: '%' })).toEqual([]);
    expect(await server.client().request('users/search', { query: 'quokka', origin: 'remote' })).toEqual([]);
    expect(ids(await server.client().request('users/search', { query: 'quokka', offset: 1, limit: 1 }))).toEqual([byBio!.id]);
  });

  it('validates params', async () => {
    for (const body of [{}, { query: 'x', limit: 101 }, { query: 'x', origin: 'mars' }]) {
      const res = await server.fetch('/api/users/search', { json: body });
      expect(res.body.error, JSON.stringify(body)).toMatchObject(errors.invalidParam);
    }
  });
});

describe('users/search-by-username-and-host', () => {
  it('completes usernames, people you follow first', async () => {
    const [viewer] = await createUsers(server, 1);
    const [a, b, c] = await Promise.all(['mentiona', 'mentionb', 'mentionc'].map((username) => server.createUser({ username })));
    await server.client(viewer!.token).request('following/create', { userId: c!.id });
    // Users the viewer does not follow are completed only once they have posted (Misskey: updatedAt set).
    for (const user of [a!, b!]) await server.client(user.token).request('notes/create', { text: 'hi' });
    const found = await server.client(viewer!.token).request('users/search-by-username-and-host', { username: 'MENTION' });
    for (const user of found) expectSchema(UserDetailedSchema, user);
    expect(ids(found)[0]).toBe(c!.id);
    expect(ids(found).sort()).toEqual([a!.id, b!.id, c!.id].sort());
    expect(found[0]).toMatchObject({ isFollowing: true });

    const anonymous = await server.client().request('users/search-by-username-and-host', { username: 'mention', detail: false, limit: 2 });
    expect(anonymous).toHaveLength(2);
    for (const user of anonymous) expectSchema(UserLiteSchema, user);
    expect(ids(await server.client().request('users/search-by-username-and-host', { username: 'mentionb', host: '.' }))).toEqual([b!.id]);
    expect(ids(await server.client().request('users/search-by-username-and-host', { username: 'mentionb', host: server.ctx.config.hostname }))).toEqual([b!.id]);
    expect(await server.client().request('users/search-by-username-and-host', { username: 'mentionb', host: 'elsewhere.example' })).toEqual([]);
    expect(await server.client().request('users/search-by-username-and-host', { username: 'mention_' })).toEqual([]);
  });

  it('wants a username or a host', async () => {
    const res = await server.fetch('/api/users/search-by-username-and-host', { json: { limit: 5 } });
    expect(res.body.error).toMatchObject(errors.invalidParam);
  });
});

describe('pinned-users', () => {
  it('lists the accounts admins pin, in their order, leaving out unknown and suspended ones', async () => {
    const admin = await server.createUser({ username: `pinadmin${process.pid}`, isAdmin: true });
    const [first, second, gone] = await named('pin', 3);
    expect(await server.client().request('pinned-users', {})).toEqual([]);
    await server.client(admin.token).request('admin/update-meta', {
      pinnedUsers: [`@${second!.username}`, 'nobody-here', `${first!.username}@${server.ctx.config.hostname}`, `@${gone!.username}`, `@${first!.username}@elsewhere.example`, ''],
    });
    await suspend(gone!);
    const pinned = await server.client().request('pinned-users', {});
    for (const user of pinned) expectSchema(UserDetailedSchema, user);
    expect(ids(pinned)).toEqual([second!.id, first!.id]);
    // null leaves them as they are.
    await server.client(admin.token).request('admin/update-meta', { pinnedUsers: null });
    expect(ids(await server.client().request('pinned-users', {}))).toEqual([second!.id, first!.id]);
    await server.client(admin.token).request('admin/update-meta', { pinnedUsers: [] });
    expect(await server.client().request('pinned-users', {})).toEqual([]);
  });

  it('only admins change them', async () => {
    const [user] = await createUsers(server, 1);
    const res = await server.fetch('/api/admin/update-meta', { json: { pinnedUsers: ['@x'], i: user!.token } });
    expect(res.status).toBe(403);
  });
});

describe('users/recommendation', () => {
  it('ranks local explorable strangers by followers, leaving out followed, blocked, muted, hidden and suspended accounts', async () => {
    const [viewer, f1, f2] = await createUsers(server, 3);
    const [top, second, followed, requested, blocked, blocker, muted, hidden, suspended] = await named('rec', 9);
    for (const fan of [f1!, f2!]) await server.client(fan.token).request('following/create', { userId: top!.id });
    await server.client(f1!.token).request('following/create', { userId: second!.id });
    await server.client(viewer!.token).request('following/create', { userId: followed!.id });
    await server.client(requested!.token).request('i/update', { isLocked: true });
    await server.client(viewer!.token).request('following/create', { userId: requested!.id });
    await server.client(viewer!.token).request('blocking/create', { userId: blocked!.id });
    await server.client(blocker!.token).request('blocking/create', { userId: viewer!.id });
    await server.client(viewer!.token).request('mute/create', { userId: muted!.id });
    await server.client(hidden!.token).request('i/update', { isExplorable: false });
    await suspend(suspended!);

    const recommended = await server.client(viewer!.token).request('users/recommendation', { limit: 100 });
    for (const user of recommended) expectSchema(UserDetailedSchema, user);
    const mine = [top!, second!, followed!, requested!, blocked!, blocker!, muted!, hidden!, suspended!];
    expect(only(recommended, mine)).toEqual([top!.id, second!.id]);
    expect(ids(recommended)).not.toContain(viewer!.id);
    // Most followed first overall.
    const counts = recommended.map((user) => user.followersCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(ids(await server.client(viewer!.token).request('users/recommendation', { limit: 1, offset: 1 }))).toEqual([ids(recommended)[1]]);
  });

  it('needs a credential with read:account', async () => {
    const [user] = await createUsers(server, 1);
    const anonymous = await server.fetch('/api/users/recommendation', { json: {} });
    expect(anonymous.body.error).toMatchObject(errors.credentialRequired);
    const token = await server.createAppToken(user!.id, ['write:account']);
    const denied = await server.fetch('/api/users/recommendation', { json: { i: token } });
    expect(denied.body.error).toMatchObject(errors.permissionDenied);
    const allowed = await server.createAppToken(user!.id, ['read:account']);
    expect(Array.isArray(await server.client(allowed).request('users/recommendation', {}))).toBe(true);
  });
});

describe('users/get-frequently-replied-users', () => {
  it('ranks whom a user replies to, by public and home replies, without themselves', async () => {
    const [talker, often, once, secret] = await createUsers(server, 4);
    const post = async (user: TestUser, text = 'note') => (await server.client(user.token).request('notes/create', { text })).createdNote;
    const [n1, n2, n3, n4, own] = [await post(often!), await post(often!), await post(once!), await post(secret!), await post(talker!)];
    await server.client(talker!.token).request('notes/create', { text: 'a', replyId: n1.id });
    await server.client(talker!.token).request('notes/create', { text: 'b', replyId: n2.id, visibility: 'home' });
    await server.client(talker!.token).request('notes/create', { text: 'c', replyId: n3.id });
    await server.client(talker!.token).request('notes/create', { text: 'd', replyId: n4.id, visibility: 'followers' });
    await server.client(talker!.token).request('notes/create', { text: 'e', replyId: own.id });

    const ranked = await server.client().request('users/get-frequently-replied-users', { userId: talker!.id });
    for (const entry of ranked) expectSchema(UserDetailedSchema, entry.user);
    expect(ranked.map((r) => [r.user.id, r.weight])).toEqual([[often!.id, 1], [once!.id, 0.5]]);
    expect((await server.client().request('users/get-frequently-replied-users', { userId: talker!.id, limit: 1 })).map((r) => r.user.id)).toEqual([often!.id]);
    expect(await server.client().request('users/get-frequently-replied-users', { userId: often!.id })).toEqual([]);
  });

  it('answers NO_SUCH_USER', async () => {
    const res = await server.fetch('/api/users/get-frequently-replied-users', { json: { userId: 'zzzzzzzzzzzzzzzz' } });
    expect(res.body.error).toMatchObject({ code: 'NO_SUCH_USER', id: 'e6965129-7b2a-40a4-bae2-cd84cd434822' });
  });
});
