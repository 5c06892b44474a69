import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { upload } from '../drive/helpers.js';
import { closed, eventually } from '../streaming/helpers.js';
import { driveFiles, followings, noteReactions, notes, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/core/users/password.js';
import { userProfiles } from '../../src/db/schema/index.js';

/** `i/delete-account` and `admin/delete-account`: the account dies at once, the durable job deletes what it leaves. */
let server: TestServer;
let admin: { id: string; username: string; token: string };

const e = {
  incorrectPassword: { code: 'INCORRECT_PASSWORD', id: '44326b04-08ea-4525-b01c-98cc117bdd2a' },
  authenticationFailed: { code: 'AUTHENTICATION_FAILED', id: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14' },
  noSuchUserShow: { code: 'NO_SUCH_USER', id: '4362f8dc-731f-4ad8-a694-be5a88922a24' },
  noSuchNote: { code: 'NO_SUCH_NOTE', id: '24fcbfc6-2e37-42b6-8388-c29b3861a08d' },
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser({ username: 'deladmin' });
  await server.ctx.db.update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
}, 60_000);
afterAll(async () => { await server?.close(); });

const as = (token: string) => server.client(token);

async function withPassword(password = 'pw') {
  const user = await server.createUser();
  await server.ctx.db.update(userProfiles).set({ password: await hashPassword(password) }).where(eq(userProfiles.userId, user.id));
  return user;
}

/** An account with everything deletion must take: notes, a reply and renote of others, reactions, files, follows both ways, a request. */
async function populated() {
  const doomed = await withPassword();
  const friend = await server.createUser();
  const locked = await server.createUser();
  await as(locked.token).request('i/update', { isLocked: true });
  const friendNote = await as(friend.token).request('notes/create', { text: 'friend says hi' }) as any;
  const own = [];
  for (let i = 0; i < 5; i++) own.push((await as(doomed.token).request('notes/create', { text: `mine ${i}` }) as any).createdNote);
  await as(doomed.token).request('notes/create', { text: 'a reply', replyId: friendNote.createdNote.id });
  await as(doomed.token).request('notes/create', { renoteId: friendNote.createdNote.id });
  await as(doomed.token).request('notes/reactions/create', { noteId: friendNote.createdNote.id, reaction: '👍' });
  await as(friend.token).request('notes/reactions/create', { noteId: friendNote.createdNote.id, reaction: '👍' });
  // The friend's reply to the doomed account's note goes with it (Misskey's cascade).
  const friendReply = await as(friend.token).request('notes/create', { text: 'reply to doomed', replyId: own[0].id }) as any;
  await upload(server, doomed.token, 'file one');
  await upload(server, doomed.token, 'file two');
  await as(doomed.token).request('following/create', { userId: friend.id });
  await as(friend.token).request('following/create', { userId: doomed.id });
  await as(doomed.token).request('following/create', { userId: locked.id });
  return { doomed, friend, locked, friendNote: friendNote.createdNote, friendReply: friendReply.createdNote };
}

async function expectPurged(ctx: TestServer['ctx'], who: Awaited<ReturnType<typeof populated>>) {
  const { doomed, friend, friendNote, friendReply } = who;
  await eventually(async () => {
    expect(await ctx.db.select().from(notes).where(eq(notes.userId, doomed.id))).toEqual([]);
    expect(await ctx.db.select().from(driveFiles).where(eq(driveFiles.userId, doomed.id))).toEqual([]);
    expect(await ctx.db.select().from(noteReactions).where(eq(noteReactions.userId, doomed.id))).toEqual([]);
    expect(await ctx.db.select().from(followings).where(eq(followings.followerId, doomed.id))).toEqual([]);
    expect(await ctx.db.select().from(followings).where(eq(followings.followeeId, doomed.id))).toEqual([]);
  }, 20_000);
  const note = await as(friend.token).request('notes/show', { noteId: friendNote.id }) as any;
  expect(note.reactions).toEqual({ '👍': 1 });
  expect(note.repliesCount).toBe(0);
  expect(note.renoteCount).toBe(0);
  await expectApiError(as(friend.token).request('notes/show', { noteId: friendReply.id }), e.noSuchNote);
  const me = await as(friend.token).request('i', {}) as any;
  expect(me.followersCount).toBe(0);
  expect(me.followingCount).toBe(0);
  expect(me.notesCount).toBe(1);
  expect(await as(who.locked.token).request('following/requests/list', {})).toEqual([]);
  // The shell stays: deleted, name reserved.
  const [row] = await ctx.db.select().from(users).where(eq(users.id, doomed.id));
  expect(row).toMatchObject({ isDeleted: true, username: doomed.username, notesCount: 0, followersCount: 0, followingCount: 0 });
  expect(await server.client().request('username/available', { username: doomed.username })).toEqual({ available: false });
  await expectApiError(as(friend.token).request('users/show', { userId: doomed.id }), e.noSuchUserShow);
  await expectApiError(as(friend.token).request('users/show', { username: doomed.username }), e.noSuchUserShow);
}

describe('i/delete-account', () => {
  it('kills tokens and sockets at once; the job deletes notes, files, reactions, follows; counters of others follow', async () => {
    const who = await populated();
    const app = await server.createAppToken(who.doomed.id, ['read:account']);
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/streaming?i=${who.doomed.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closing = closed(socket);
    const done = await as(who.doomed.token).request('i/delete-account', { password: 'pw' });
    expect(done).toBeNull();
    await expectApiError(as(who.doomed.token).request('i', {}), e.authenticationFailed);
    await expectApiError(as(app).request('i', {}), e.authenticationFailed);
    expect((await closing).code).toBe(1008);
    await expectPurged(server.ctx, who);
    const { rows } = await server.ctx.database.pool.query(`SELECT state FROM pgboss.job WHERE name = 'deleteAccount' AND data->>'userId' = $1`, [who.doomed.id]);
    expect(rows.map((r) => r.state)).toEqual(['completed']);
  }, 60_000);

  it('refuses a wrong password, app tokens, missing or mistyped params; nothing is deleted', async () => {
    const user = await withPassword();
    await as(user.token).request('notes/create', { text: 'survivor' });
    await expectApiError(as(user.token).request('i/delete-account', { password: 'wrong' }), e.incorrectPassword);
    await expectApiError(as(user.token).request('i/delete-account', {} as never), commonErrors.invalidParam);
    await expectApiError(as(user.token).request('i/delete-account', { password: 1 } as never), commonErrors.invalidParam);
    const app = await server.createAppToken(user.id, ['write:account', 'read:account']);
    await expectApiError(as(app).request('i/delete-account', { password: 'pw' }), { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' });
    await expectApiError(server.client().request('i/delete-account', { password: 'pw' }), commonErrors.credentialRequired);
    expect((await as(user.token).request('i', {}) as any).notesCount).toBe(1);
  });
});

describe('admin/delete-account', () => {
  it('deletes the same way; the moderation log and reports about the account still resolve it', async () => {
    const who = await populated();
    const reporter = await server.createUser();
    await as(reporter.token).request('users/report-abuse', { userId: who.doomed.id, comment: 'spam' });
    await as(admin.token).request('admin/delete-account', { userId: who.doomed.id });
    await expectApiError(as(who.doomed.token).request('i', {}), e.authenticationFailed);
    await expectPurged(server.ctx, who);
    const reports = await as(admin.token).request('admin/abuse-user-reports', {}) as any[];
    const report = reports.find((r) => r.targetUserId === who.doomed.id);
    expect(report.targetUser).toMatchObject({ id: who.doomed.id, username: who.doomed.username });
    const shown = await as(admin.token).request('admin/show-user', { userId: who.doomed.id }) as any;
    expect(shown).toBeTruthy();
    // Deleting again does nothing.
    expect(await as(admin.token).request('admin/delete-account', { userId: who.doomed.id })).toBeNull();
  }, 60_000);

  it('refuses moderators, non-admins, app tokens without the permission, bad ids', async () => {
    const target = await server.createUser();
    const plain = await server.createUser();
    const res = await server.fetch('/api/admin/delete-account', { json: { i: plain.token, userId: target.id } });
    expect(res.status).toBe(403);
    const app = await server.createAppToken(admin.id, ['read:account']);
    const denied = await server.fetch('/api/admin/delete-account', { json: { i: app, userId: target.id } });
    expect(denied.status).toBe(403);
    await expectApiError(as(admin.token).request('admin/delete-account', { userId: 'zzzzzzzzzzzz' }), { code: 'NO_SUCH_USER', id: expect.any(String) as unknown as string });
    await expectApiError(as(admin.token).request('admin/delete-account', {} as never), commonErrors.invalidParam);
    expect((await as(target.token).request('i', {}) as any).id).toBe(target.id);
  });
});
