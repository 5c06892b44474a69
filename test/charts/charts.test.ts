import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartRecorder } from '../../src/core/charts/recorder.js';
import { chartResponseSchema } from '../../src/core/charts/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { blob } from '../drive/helpers.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createUsers, post } from '../notes/helpers.js';

/** charts/*: what the write paths count shows in the current bucket, exactly; span, limit, offset; bad params. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

const HOUR = 3_600_000;

/** Counts land in the current hour: a test that would straddle the turn of the hour (or day) waits for it. */
async function awayFromTheHour(): Promise<void> {
  const left = HOUR - (Date.now() % HOUR);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

const anonymous = () => server.client();

describe('notes', () => {
  it('counts created and deleted notes by kind, for the instance and the author, with running totals', async () => {
    await awayFromTheHour();
    const [author, other] = await createUsers(server, 2);
    const before = await anonymous().request('charts/notes', { span: 'hour', limit: 2 });
    const beforeDay = await anonymous().request('charts/notes', { span: 'day', limit: 1 });
    const first = await post(server, author!, { text: 'one' });
    await post(server, author!, { text: 'two' });
    await post(server, author!, { text: 'reply', replyId: first.id });
    await post(server, author!, { renoteId: first.id });
    const { id: fileId } = await server.client(author!.token).request('drive/files/create', { file: blob('x') } as never) as { id: string };
    await post(server, author!, { text: 'with a file', fileIds: [fileId] });
    const gone = await post(server, author!, { text: 'deleted' });
    await server.client(author!.token).request('notes/delete', { noteId: gone.id });
    await post(server, other!, { text: 'someone else' });

    const mine = await anonymous().request('charts/user/notes', { span: 'hour', limit: 3, userId: author!.id });
    expectSchema(chartResponseSchema('per-user-notes'), mine);
    expect(mine).toEqual({
      total: [5, 0, 0],
      inc: [6, 0, 0],
      dec: [1, 0, 0],
      diffs: { normal: [3, 0, 0], reply: [1, 0, 0], renote: [1, 0, 0], withFile: [1, 0, 0] },
    });
    const mineByDay = await anonymous().request('charts/user/notes', { span: 'day', limit: 1, userId: author!.id });
    expect(mineByDay.total).toEqual([5]);
    expect(mineByDay.inc).toEqual([6]);

    const after = await anonymous().request('charts/notes', { span: 'hour', limit: 2 });
    expectSchema(chartResponseSchema('notes'), after);
    expect(after.local.inc[0]! - before.local.inc[0]!).toBe(7);
    expect(after.local.dec[0]! - before.local.dec[0]!).toBe(1);
    expect(after.local.total[0]! - before.local.total[0]!).toBe(6);
    expect(after.local.diffs.normal[0]! - before.local.diffs.normal[0]!).toBe(4);
    expect(after.local.diffs.reply[0]! - before.local.diffs.reply[0]!).toBe(1);
    expect(after.local.diffs.renote[0]! - before.local.diffs.renote[0]!).toBe(1);
    expect(after.local.diffs.withFile[0]! - before.local.diffs.withFile[0]!).toBe(1);
    // The previous hour's total is this hour's minus this hour's net change.
    expect(after.local.total[1]).toBe(after.local.total[0]! - after.local.inc[0]! + after.local.dec[0]!);
    expect(after.remote).toEqual({ total: [0, 0], inc: [0, 0], dec: [0, 0], diffs: { normal: [0, 0], reply: [0, 0], renote: [0, 0], withFile: [0, 0] } });
    const afterDay = await anonymous().request('charts/notes', { span: 'day', limit: 1 });
    expect(afterDay.local.inc[0]! - beforeDay.local.inc[0]!).toBe(7);
    // The instance total is the real number of local notes.
    const { originalNotesCount } = await anonymous().request('stats', {});
    if (originalNotesCount > 0) expect(after.local.total[0]).toBe(originalNotesCount);
  });

  it('seeds the totals from the real counts: notes written before the chart existed count in the total', async () => {
    await awayFromTheHour();
    const [author] = await createUsers(server, 1);
    await post(server, author!, { text: 'counted' });
    await post(server, author!, { text: 'counted too' });
    // As if the notes predated the charts: their chart rows are gone.
    await chartRecorder(server.ctx).flush();
    await server.ctx.db.execute(sql`DELETE FROM chart_counters WHERE "group" = ${author!.id}`);
    const chart = await anonymous().request('charts/user/notes', { span: 'hour', limit: 2, userId: author!.id });
    expect(chart.total).toEqual([2, 2]);
    expect(chart.inc).toEqual([0, 0]);
    await post(server, author!, { text: 'after' });
    const later = await anonymous().request('charts/user/notes', { span: 'hour', limit: 2, userId: author!.id });
    expect(later.total).toEqual([3, 2]);
    expect(later.inc).toEqual([1, 0]);
  });
});

describe('users, following and reactions', () => {
  it('counts accounts created, with the real total', async () => {
    await awayFromTheHour();
    const before = await anonymous().request('charts/users', { span: 'hour', limit: 1 });
    await createUsers(server, 3);
    const after = await anonymous().request('charts/users', { span: 'hour', limit: 1 });
    expectSchema(chartResponseSchema('users'), after);
    expect(after.local.inc[0]! - before.local.inc[0]!).toBe(3);
    expect(after.local.total[0]! - before.local.total[0]!).toBe(3);
    const { originalUsersCount } = await anonymous().request('stats', {});
    expect(after.local.total[0]).toBe(originalUsersCount);
    expect(after.remote.total).toEqual([0]);
  });

  it('counts follows and unfollows on both sides, blocks included', async () => {
    await awayFromTheHour();
    const [alice, bob, carol] = await createUsers(server, 3);
    await server.client(alice!.token).request('following/create', { userId: bob!.id });
    await server.client(carol!.token).request('following/create', { userId: bob!.id });
    await server.client(alice!.token).request('following/delete', { userId: bob!.id });
    await server.client(bob!.token).request('following/create', { userId: carol!.id });

    const bobs = await anonymous().request('charts/user/following', { span: 'hour', limit: 2, userId: bob!.id });
    expectSchema(chartResponseSchema('per-user-following'), bobs);
    expect(bobs.local.followers).toEqual({ total: [1, 0], inc: [2, 0], dec: [1, 0] });
    expect(bobs.local.followings).toEqual({ total: [1, 0], inc: [1, 0], dec: [0, 0] });
    expect(bobs.remote).toEqual({ followings: { total: [0, 0], inc: [0, 0], dec: [0, 0] }, followers: { total: [0, 0], inc: [0, 0], dec: [0, 0] } });
    const alices = await anonymous().request('charts/user/following', { span: 'day', limit: 1, userId: alice!.id });
    expect(alices.local.followings).toEqual({ total: [0], inc: [1], dec: [1] });

    // A block ends the follows both ways.
    await server.client(bob!.token).request('blocking/create', { userId: carol!.id });
    const blocked = await anonymous().request('charts/user/following', { span: 'hour', limit: 1, userId: bob!.id });
    expect(blocked.local.followers).toEqual({ total: [0], inc: [2], dec: [2] });
    expect(blocked.local.followings).toEqual({ total: [0], inc: [1], dec: [1] });
  });

  it('counts the reactions a user\'s notes receive, by the reactor\'s origin', async () => {
    await awayFromTheHour();
    const [author, fan, other] = await createUsers(server, 3);
    const note = await post(server, author!, { text: 'react to me' });
    await server.client(fan!.token).request('notes/reactions/create', { noteId: note.id, reaction: '👍' });
    await server.client(other!.token).request('notes/reactions/create', { noteId: note.id, reaction: '🎉' });
    const chart = await anonymous().request('charts/user/reactions', { span: 'hour', limit: 2, userId: author!.id });
    expectSchema(chartResponseSchema('per-user-reactions'), chart);
    expect(chart).toEqual({ local: { count: [2, 0] }, remote: { count: [0, 0] } });
    // The reactors' own charts are untouched.
    expect((await anonymous().request('charts/user/reactions', { span: 'hour', limit: 1, userId: fan!.id })).local.count).toEqual([0]);
  });
});

describe('drive', () => {
  it('counts stored and deleted files and bytes, for the instance and the owner', async () => {
    await awayFromTheHour();
    const [owner] = await createUsers(server, 1);
    const before = await anonymous().request('charts/drive', { span: 'hour', limit: 1 });
    const api = server.client(owner!.token);
    const first = await api.request('drive/files/create', { file: blob('hello charts') } as never) as { id: string; size: number };
    await api.request('drive/files/create', { file: blob('a second, longer file') } as never);
    await api.request('drive/files/delete', { fileId: first.id });

    const mine = await anonymous().request('charts/user/drive', { span: 'hour', limit: 2, userId: owner!.id });
    expectSchema(chartResponseSchema('per-user-drive'), mine);
    const sizes = [12, 21];
    expect(mine).toEqual({
      totalCount: [1, 0], totalSize: [sizes[1], 0],
      incCount: [2, 0], incSize: [sizes[0]! + sizes[1]!, 0],
      decCount: [1, 0], decSize: [sizes[0], 0],
    });
    const after = await anonymous().request('charts/drive', { span: 'hour', limit: 1 });
    expectSchema(chartResponseSchema('drive'), after);
    expect(after.local.incCount[0]! - before.local.incCount[0]!).toBe(2);
    expect(after.local.incSize[0]! - before.local.incSize[0]!).toBe(33);
    expect(after.local.decCount[0]! - before.local.decCount[0]!).toBe(1);
    expect(after.local.decSize[0]! - before.local.decSize[0]!).toBe(12);
    expect(after.remote).toEqual({ incCount: [0], incSize: [0], decCount: [0], decSize: [0] });
  });
});

describe('profile views and active users', () => {
  it('counts profile views by signed-in users and visitors, all and unique; the owner\'s own views do not count', async () => {
    await awayFromTheHour();
    const [owner, viewer] = await createUsers(server, 2);
    await anonymous().request('users/show', { userId: owner!.id });
    await anonymous().request('users/show', { username: owner!.username });
    await server.client(viewer!.token).request('users/show', { userId: owner!.id });
    await server.client(viewer!.token).request('users/show', { userId: owner!.id });
    await server.client(owner!.token).request('users/show', { userId: owner!.id });
    const chart = await anonymous().request('charts/user/pv', { span: 'hour', limit: 2, userId: owner!.id });
    expectSchema(chartResponseSchema('per-user-pv'), chart);
    expect(chart).toEqual({ upv: { user: [1, 0], visitor: [1, 0] }, pv: { user: [2, 0], visitor: [2, 0] } });
    const byDay = await anonymous().request('charts/user/pv', { span: 'day', limit: 1, userId: owner!.id });
    expect(byDay).toEqual({ upv: { user: [1], visitor: [1] }, pv: { user: [2], visitor: [2] } });
  });

  it('counts each active user once per bucket: readers, writers, both, by registration age', async () => {
    await awayFromTheHour();
    const [reader, writer, both] = await createUsers(server, 3);
    const before = await anonymous().request('charts/active-users', { span: 'hour', limit: 1 });
    await server.client(reader!.token).request('notes/timeline', {});
    await server.client(reader!.token).request('notes/local-timeline', {});
    await post(server, writer!, { text: 'write' });
    await post(server, writer!, { text: 'write again' });
    await server.client(both!.token).request('notes/hybrid-timeline', {});
    await post(server, both!, { text: 'read and write' });
    const after = await anonymous().request('charts/active-users', { span: 'hour', limit: 1 });
    expectSchema(chartResponseSchema('active-users'), after);
    const diff = (key: keyof typeof after) => after[key][0]! - before[key][0]!;
    expect(diff('read')).toBe(2);
    expect(diff('write')).toBe(2);
    expect(diff('readWrite')).toBe(1);
    expect(diff('registeredWithinWeek')).toBe(2);
    expect(diff('registeredWithinMonth')).toBe(2);
    expect(diff('registeredWithinYear')).toBe(2);
    expect(diff('registeredOutsideWeek')).toBe(0);
    // Reading again counts nobody twice.
    await server.client(reader!.token).request('notes/timeline', {});
    await server.client(both!.token).request('notes/timeline', {});
    const again = await anonymous().request('charts/active-users', { span: 'hour', limit: 1 });
    expect(again.read).toEqual(after.read);
    expect(again.readWrite).toEqual(after.readWrite);
  });
});

describe('span, limit and offset', () => {
  it('answers `limit` buckets (default 30), newest first; offset picks the newest bucket', async () => {
    await awayFromTheHour();
    const [author] = await createUsers(server, 1);
    await post(server, author!, { text: 'now' });
    const byDefault = await anonymous().request('charts/user/notes', { span: 'day', userId: author!.id });
    expect(byDefault.inc).toHaveLength(30);
    expect(byDefault.inc.slice(0, 2)).toEqual([1, 0]);
    const most = await anonymous().request('charts/notes', { span: 'hour', limit: 500 });
    expect(most.local.total).toHaveLength(500);

    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const atThisHour = await anonymous().request('charts/user/notes', { span: 'hour', limit: 2, offset: thisHour, userId: author!.id });
    expect(atThisHour.inc).toEqual([1, 0]);
    expect(atThisHour.total).toEqual([1, 0]);
    const anHourAgo = await anonymous().request('charts/user/notes', { span: 'hour', limit: 2, offset: thisHour - HOUR, userId: author!.id });
    expect(anHourAgo.inc).toEqual([0, 0]);
    expect(anHourAgo.total).toEqual([0, 0]);
    // An offset inside an hour rounds up to the next bucket start.
    const midPreviousHour = await anonymous().request('charts/user/notes', { span: 'hour', limit: 2, offset: thisHour - HOUR / 2, userId: author!.id });
    expect(midPreviousHour.inc).toEqual([1, 0]);
    const nullOffset = await anonymous().request('charts/user/notes', { span: 'hour', limit: 1, offset: null, userId: author!.id });
    expect(nullOffset.inc).toEqual([1]);
  });

  it('answers GET with query parameters', async () => {
    const response = await server.fetch('/api/charts/ap-request?span=day&limit=2', { method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ deliverFailed: [0, 0], deliverSucceeded: [0, 0], inboxReceived: [0, 0] });
  });
});

describe('charts Mikan has no data for yet', () => {
  it('federation, ap-request and instance answer real zeros in Misskey\'s shape', async () => {
    const federation = await anonymous().request('charts/federation', { span: 'hour', limit: 3 });
    expectSchema(chartResponseSchema('federation'), federation);
    expect(Object.values(federation).every((values) => JSON.stringify(values) === '[0,0,0]')).toBe(true);
    expect(Object.keys(federation)).toEqual(['deliveredInstances', 'inboxInstances', 'stalled', 'sub', 'pub', 'pubsub', 'subActive', 'pubActive']);
    const requests = await anonymous().request('charts/ap-request', { span: 'day', limit: 1 });
    expect(requests).toEqual({ deliverFailed: [0], deliverSucceeded: [0], inboxReceived: [0] });
    const instance = await anonymous().request('charts/instance', { span: 'day', limit: 1, host: 'remote.example' });
    expectSchema(chartResponseSchema('instance'), instance);
    expect(instance.notes).toEqual({ total: [0], inc: [0], dec: [0], diffs: { normal: [0], reply: [0], renote: [0], withFile: [0] } });
    expect(instance.drive).toEqual({ totalFiles: [0], incFiles: [0], decFiles: [0], incUsage: [0], decUsage: [0] });
    expect(instance.requests).toEqual({ failed: [0], succeeded: [0], received: [0] });
  });

  it('a user chart of an unknown user is all zeros, as in Misskey', async () => {
    const chart = await anonymous().request('charts/user/notes', { span: 'day', limit: 1, userId: 'zzzzzzzzzzzzzzzz' });
    expect(chart).toEqual({ total: [0], inc: [0], dec: [0], diffs: { normal: [0], reply: [0], renote: [0], withFile: [0] } });
  });
});

describe('invalid params', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['charts/notes', {}],
    ['charts/notes', { span: 'week' }],
    ['charts/notes', { span: 'day', limit: 0 }],
    ['charts/notes', { span: 'day', limit: 501 }],
    ['charts/notes', { span: 'day', limit: 1.5 }],
    ['charts/notes', { span: 'day', offset: 'yesterday' }],
    ['charts/active-users', { span: 'month' }],
    ['charts/instance', { span: 'day' }],
    ['charts/user/notes', { span: 'day' }],
    ['charts/user/pv', { span: 'day', userId: 'not an id' }],
    ['charts/user/following', { span: 'hour', limit: -1, userId: 'zzzzzzzzzzzzzzzz' }],
  ];
  it.each(bad)('%s %j is INVALID_PARAM', async (endpoint, params) => {
    await expectApiError(anonymous().request(endpoint as 'charts/notes', params as never), commonErrors.invalidParam);
  });
});

describe('several processes and restarts', () => {
  it('two processes on one database add up exactly; a process that stops flushes what it counted', async () => {
    await awayFromTheHour();
    const second = await startTestServer({ rateLimit: false }, { database: server.databaseName });
    try {
      const author = await server.createUser();
      await post(server, author, { text: 'from the first process' });
      await second.client(author.token).request('notes/create', { text: 'from the second' });
      await second.client(author.token).request('notes/create', { text: 'and again' });
      // The second process has not flushed yet (every 5 s); closing it flushes.
      await second.close();
      const chart = await anonymous().request('charts/user/notes', { span: 'hour', limit: 1, userId: author.id });
      expect(chart.inc).toEqual([3]);
      expect(chart.total).toEqual([3]);
    } finally {
      await second.close().catch(() => {});
    }
  });
});
