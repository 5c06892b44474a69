import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HashtagSchema } from '../../src/core/hashtags/schema.js';
import { recordNoteHashtags, recordUserHashtags } from '../../src/core/hashtags/record.js';
import { hashtagTrend, TREND_CHART_LENGTH } from '../../src/core/hashtags/read.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectSchema } from '../accounts/helpers.js';
import { createUsers, errors, expectApiError, post, type TestUser } from '../notes/helpers.js';
import { setSuspended } from '../../src/core/users/account.js';

const noSuchHashtag = { code: 'NO_SUCH_HASHTAG', id: '110ee688-193e-4a3a-9ecf-c167b2e6981e' };

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); }, 180_000);
afterAll(async () => { await server?.close(); });

function call(user: TestUser | null, endpoint: string, params: Record<string, unknown>): Promise<any> {
  return server.client(user?.token ?? null).request(endpoint as any, params as any);
}
let counter = 0;
const uniqueTag = () => `tag${Date.now().toString(36)}${++counter}`;

async function hashtagRow(name: string) {
  const { rows } = await server.ctx.db.execute<any>(sql`SELECT * FROM hashtags WHERE name = ${name}`);
  return rows[0];
}

describe('recording hashtags', () => {
  it('counts each user once per tag, local users in the local columns too, under concurrency', async () => {
    const tag = uniqueTag();
    const users = await createUsers(server, 5);
    // 5 users × 4 concurrent notes each: exactly 5 distinct users.
    await Promise.all(users.flatMap((user) => Array.from({ length: 4 }, () => recordNoteHashtags(server.ctx.db, { id: user.id, host: null }, [tag]))));
    await recordNoteHashtags(server.ctx.db, { id: 'remoteuser000001', host: 'remote.example' }, [`#${tag.toUpperCase()}`]);
    const row = await hashtagRow(tag);
    expect(row.mentioned_users_count).toBe(6);
    expect(row.mentioned_user_ids).toHaveLength(6);
    expect(new Set(row.mentioned_user_ids).size).toBe(6);
    expect(row.mentioned_local_users_count).toBe(5);
    expect(row.mentioned_local_user_ids.sort()).toEqual(users.map((u) => u.id).sort());
  });

  it('posting a public or home note records its tags; followers-only and direct notes do not', async () => {
    const [alice] = await createUsers(server, 1);
    const [pub, home, followers] = [uniqueTag(), uniqueTag(), uniqueTag()];
    await post(server, alice, { text: `#${pub}` });
    await post(server, alice, { text: `#${home}`, visibility: 'home' });
    await post(server, alice, { text: `#${followers}`, visibility: 'followers' });
    expect((await hashtagRow(pub)).mentioned_users_count).toBe(1);
    expect((await hashtagRow(home)).mentioned_users_count).toBe(1);
    expect(await hashtagRow(followers)).toBeUndefined();
  });

  it('profile tags: added, kept once, removed when gone from the description', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const [a, b] = [uniqueTag(), uniqueTag()];
    await call(alice, 'i/update', { description: `I like #${a} and #${b}` });
    await call(alice, 'i/update', { description: `I like #${a} and #${b} and #${a}` });
    await call(bob, 'i/update', { description: `#${a}` });
    expect(await call(null, 'hashtags/show', { tag: a })).toMatchObject({ attachedUsersCount: 2, attachedLocalUsersCount: 2, attachedRemoteUsersCount: 0 });
    await call(alice, 'i/update', { description: `only #${b} now` });
    expect(await call(null, 'hashtags/show', { tag: a })).toMatchObject({ attachedUsersCount: 1, attachedLocalUsersCount: 1 });
    expect(await call(null, 'hashtags/show', { tag: b })).toMatchObject({ attachedUsersCount: 1 });
    await call(alice, 'i/update', { description: null });
    expect(await call(null, 'hashtags/show', { tag: b })).toMatchObject({ attachedUsersCount: 0, attachedLocalUsersCount: 0 });
    // A remote user's profile tags count as remote.
    await recordUserHashtags(server.ctx.db, { id: 'remoteuser000002', host: 'remote.example' }, [b]);
    expect(await call(null, 'hashtags/show', { tag: b })).toMatchObject({ attachedUsersCount: 1, attachedLocalUsersCount: 0, attachedRemoteUsersCount: 1 });
  });
});

describe('hashtags/show, hashtags/search, hashtags/list', () => {
  it('shows one hashtag (case-insensitive, with or without #) or NO_SUCH_HASHTAG', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const tag = uniqueTag();
    await post(server, alice, { text: `#${tag}` });
    await post(server, bob, { text: `#${tag} again` });
    const shown = await call(null, 'hashtags/show', { tag: tag.toUpperCase() });
    expectSchema(HashtagSchema, shown);
    expect(shown).toEqual({
      tag, mentionedUsersCount: 2, mentionedLocalUsersCount: 2, mentionedRemoteUsersCount: 0,
      attachedUsersCount: 0, attachedLocalUsersCount: 0, attachedRemoteUsersCount: 0,
    });
    expect(await call(null, 'hashtags/show', { tag: `#${tag}` })).toMatchObject({ tag });
    await expectApiError(call(null, 'hashtags/show', { tag: 'nosuchtagatall' }), noSuchHashtag);
    await expectApiError(call(null, 'hashtags/show', {}), errors.invalidParam);
  });

  it('searches by prefix, most used by local users first, with limit and offset', async () => {
    const users = await createUsers(server, 3);
    const prefix = `pre${Date.now().toString(36)}`;
    for (const [i, user] of users.entries()) await post(server, user, { text: `#${prefix}_popular` + (i < 1 ? ` #${prefix}_rare` : '') });
    expect(await call(null, 'hashtags/search', { query: prefix.toUpperCase() })).toEqual([`${prefix}_popular`, `${prefix}_rare`]);
    expect(await call(null, 'hashtags/search', { query: prefix, limit: 1, offset: 1 })).toEqual([`${prefix}_rare`]);
    // '_' is not a wildcard.
    expect(await call(null, 'hashtags/search', { query: `${prefix.slice(0, -1)}_` })).toEqual([]);
    await expectApiError(call(null, 'hashtags/search', {}), errors.invalidParam);
  });

  it('lists hashtags sorted as asked and filtered by attachment', async () => {
    const users = await createUsers(server, 3);
    const [many, few] = [uniqueTag(), uniqueTag()];
    for (const user of users) await post(server, user, { text: `#${many}` });
    await post(server, users[0], { text: `#${few}` });
    await call(users[1], 'i/update', { description: `#${few}` });
    const top = await call(null, 'hashtags/list', { sort: '+mentionedUsers', limit: 100 });
    for (const tag of top) expectSchema(HashtagSchema, tag);
    const names = top.map((t: any) => t.tag);
    expect(names.indexOf(many)).toBeLessThan(names.indexOf(few));
    const counts = top.map((t: any) => t.mentionedUsersCount);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    const bottom = await call(null, 'hashtags/list', { sort: '-mentionedLocalUsers', limit: 100 });
    const bottomCounts = bottom.map((t: any) => t.mentionedLocalUsersCount);
    expect(bottomCounts).toEqual([...bottomCounts].sort((x, y) => x - y));
    const attached = await call(null, 'hashtags/list', { sort: '+attachedUsers', attachedToLocalUserOnly: true, limit: 100 });
    expect(attached.map((t: any) => t.tag)).toContain(few);
    expect(attached.map((t: any) => t.tag)).not.toContain(many);
    const remote = (await call(null, 'hashtags/list', { sort: '+attachedUsers', attachedToRemoteUserOnly: true, limit: 100 })).map((t: any) => t.tag);
    expect(remote).not.toContain(few);
    for (const tag of await call(null, 'hashtags/list', { sort: '+attachedRemoteUsers', attachedToRemoteUserOnly: true })) expect(tag.attachedRemoteUsersCount).toBeGreaterThan(0);
    await expectApiError(call(null, 'hashtags/list', {}), errors.invalidParam);
    await expectApiError(call(null, 'hashtags/list', { sort: 'mentionedUsers' }), errors.invalidParam);
  });
});

describe('hashtags/users', () => {
  it('lists users with the tag in their profile, sorted, local by default, suspended users left out', async () => {
    const [alice, bob, carol, dave] = [await server.createUser(), await server.createUser(), await server.createUser(), await server.createUser()];
    const tag = uniqueTag();
    await call(alice, 'i/update', { description: `#${tag}` });
    await call(bob, 'i/update', { description: `hello #${tag.toUpperCase()}` });
    await call(carol, 'i/update', { description: `#${tag}` });
    await call(dave, 'following/create', { userId: bob.id });
    // 'alive' means a note in the last five days (updatedAt is the latest note's time).
    for (const user of [alice, bob, carol]) await call(user, 'notes/create', { text: 'alive' });
    await setSuspended(server.ctx, carol.id, true);

    const byFollowers = await call(null, 'hashtags/users', { tag, sort: '+follower' });
    expect(byFollowers.map((u: any) => u.id)).toEqual([bob.id, alice.id]);
    expect(byFollowers[0]).toHaveProperty('description');
    expect((await call(null, 'hashtags/users', { tag, sort: '-createdAt' })).map((u: any) => u.id)).toEqual([alice.id, bob.id]);
    expect((await call(null, 'hashtags/users', { tag, sort: '+createdAt', limit: 1 })).map((u: any) => u.id)).toEqual([bob.id]);
    expect((await call(null, 'hashtags/users', { tag, sort: '+updatedAt', state: 'alive', origin: 'combined' }))).toHaveLength(2);
    expect(await call(null, 'hashtags/users', { tag, sort: '+follower', origin: 'remote' })).toEqual([]);
    await expectApiError(call(null, 'hashtags/users', { tag }), errors.invalidParam);
    await expectApiError(call(null, 'hashtags/users', { tag, sort: '+follower', origin: 'mars' }), errors.invalidParam);
  });
});

describe('hashtags/trend', () => {
  it('ranks tags of recent public/home notes by distinct local users, with a chart per 10 minutes', async () => {
    const users = await createUsers(server, 3);
    const [hot, warm, hidden] = [uniqueTag(), uniqueTag(), uniqueTag()];
    for (const user of users) await post(server, user, { text: `#${hot} #${hot}` });
    await post(server, users[0], { text: `#${warm}`, visibility: 'home' });
    await post(server, users[0], { text: `#${warm}` });
    await post(server, users[1], { text: `#${hidden}`, visibility: 'followers' });
    const trend = await call(null, 'hashtags/trend', {});
    const byTag = new Map(trend.map((t: any) => [t.tag, t]));
    expect(byTag.get(hot)).toMatchObject({ usersCount: 3 });
    expect((byTag.get(hot) as any).chart).toHaveLength(TREND_CHART_LENGTH);
    expect((byTag.get(hot) as any).chart[0]).toBe(3);
    expect(byTag.get(warm)).toMatchObject({ usersCount: 1 });
    expect(byTag.has(hidden)).toBe(false);
    // Twenty windows later the notes have left the chart.
    const later = await hashtagTrend(server.ctx, Date.now() + TREND_CHART_LENGTH * 10 * 60 * 1000);
    expect(later.map((t) => t.tag)).not.toContain(hot);
    // One window later they are in the chart's second slot.
    const next = await hashtagTrend(server.ctx, Date.now() + 10 * 60 * 1000);
    const hotNext = next.find((t) => t.tag === hot);
    expect(hotNext?.chart.slice(0, 2)).toEqual([0, 3]);
  });
});
