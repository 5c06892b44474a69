import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { users } from '../../src/db/schema/index.js';

/** Aliases (`i/update` alsoKnownAs), `i/move` and `admin/show-user-account-move-logs`, through misskey-js. */
let server: TestServer;
let admin: { id: string; username: string; token: string };

const e = {
  noSuchUserUpdate: { code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' },
  forbiddenToSetYourself: { code: 'FORBIDDEN_TO_SET_YOURSELF', id: '25c90186-4ab0-49c8-9bba-a1fa6c202ba4' },
  yourAccountMoved: { code: 'YOUR_ACCOUNT_MOVED', id: '56f20ec9-fd06-4fa5-841b-edd6d7d4fa31' },
  destinationAccountForbids: { code: 'DESTINATION_ACCOUNT_FORBIDS', id: 'b5c90186-4ab0-49c8-9bba-a1f766282ba4' },
  rootForbidden: { code: 'NOT_ROOT_FORBIDDEN', id: '4362e8dc-731f-4ad8-a694-be2a88922a24' },
  noSuchUserMove: { code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' },
  accessDenied: { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' },
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser({ username: 'movadmin', isAdmin: true } as never);
  await server.ctx.db.update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
}, 60_000);
afterAll(async () => { await server?.close(); });

const as = (token: string) => server.client(token);
const me = (token: string) => as(token).request('i', {}) as Promise<any>;

describe('i/update alsoKnownAs', () => {
  it('resolves @user and @user@host to the accounts, collapses duplicates, packs their ids; [] clears', async () => {
    const a = await server.createUser();
    const b = await server.createUser();
    const c = await server.createUser();
    const host = server.ctx.config.hostname;
    const updated = await as(a.token).request('i/update', { alsoKnownAs: [`@${b.username}`, `@${b.username.toUpperCase()}@${host}`, c.username] }) as any;
    expect(updated.alsoKnownAs).toEqual([b.id, c.id]);
    expect((await me(a.token)).alsoKnownAs).toEqual([b.id, c.id]);
    const shown = await as(b.token).request('users/show', { userId: a.id }) as any;
    expect(shown.alsoKnownAs).toEqual([b.id, c.id]);
    const [row] = await server.ctx.db.select({ alsoKnownAs: users.alsoKnownAs }).from(users).where(eq(users.id, a.id));
    expect(row!.alsoKnownAs).toEqual([`${server.ctx.config.url}/users/${b.id}`, `${server.ctx.config.url}/users/${c.id}`]);
    expect((await as(a.token).request('i/update', { alsoKnownAs: [] }) as any).alsoKnownAs).toBeNull();
  });

  it('refuses unknown accounts, remote hosts (no federation yet), empty entries and oneself; more than 10 and literal duplicates are invalid', async () => {
    const a = await server.createUser();
    const b = await server.createUser();
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: ['@nobody_here'] }), e.noSuchUserUpdate);
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: [`@${b.username}@remote.example`] }), e.noSuchUserUpdate);
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: [''] }), e.noSuchUserUpdate);
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: [`@${a.username}`] }), e.forbiddenToSetYourself);
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: [`@${b.username}`, `@${b.username}`] }), commonErrors.invalidParam);
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: Array.from({ length: 11 }, (_, i) => `@u${i}`) }), commonErrors.invalidParam);
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: 'x' } as never), commonErrors.invalidParam);
    // Nothing was stored by the refusals.
    expect((await me(a.token)).alsoKnownAs).toBeNull();
    // A deleted account is not found either.
    const gone = await server.createUser();
    await as(gone.token).request('i/delete-account', { password: 'x' }).catch(() => {});
    await server.ctx.db.update(users).set({ isDeleted: true }).where(eq(users.id, gone.id));
    await expectApiError(as(a.token).request('i/update', { alsoKnownAs: [`@${gone.username}`] }), e.noSuchUserUpdate);
  });
});

describe('i/move', () => {
  it('moves followers to the target, sets movedTo, adjusts counts; the moved account reads but cannot write', async () => {
    const src = await server.createUser();
    const dst = await server.createUser();
    const f1 = await server.createUser();
    const f2 = await server.createUser();
    const followee = await server.createUser();
    for (const f of [f1, f2]) await as(f.token).request('following/create', { userId: src.id });
    await as(src.token).request('following/create', { userId: followee.id });
    await as(dst.token).request('i/update', { alsoKnownAs: [`@${src.username}`] });

    const moved = await as(src.token).request('i/move', { moveToAccount: `@${dst.username}` }) as any;
    expect(moved.id).toBe(src.id);
    expect(moved.movedTo).toBe(dst.id);
    expect(moved.alsoKnownAs).toContain(dst.id);
    const srcShown = await as(f1.token).request('users/show', { userId: src.id }) as any;
    expect(srcShown.movedTo).toBe(dst.id);
    expect(srcShown.followersCount).toBe(0);
    const dstShown = await as(f1.token).request('users/show', { userId: dst.id }) as any;
    expect(dstShown.followersCount).toBe(2);
    expect(dstShown.isFollowing).toBe(true);
    for (const f of [f1, f2]) expect((await me(f.token)).followingCount).toBe(1);
    const followers = await as(dst.token).request('users/followers', { userId: dst.id }) as any[];
    expect(followers.map((row) => row.followerId).sort()).toEqual([f1.id, f2.id].sort());
    // The mover still follows for 24 hours (a delayed job ends it).
    expect((await me(src.token)).followingCount).toBe(1);
    const { rows } = await server.ctx.database.pool.query(`SELECT start_after FROM pgboss.job WHERE name = 'unfollowAfterMove' AND data->>'userId' = $1`, [src.id]);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].start_after).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    // Writes answer 403 YOUR_ACCOUNT_MOVED; reads keep working.
    const res = await server.fetch('/api/notes/create', { json: { i: src.token, text: 'still here' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject(e.yourAccountMoved);
    await expectApiError(as(src.token).request('following/create', { userId: f1.id }), e.yourAccountMoved);
    await expectApiError(as(src.token).request('notes/reactions/create', { noteId: 'zzzzzzzzzz', reaction: '👍' }), e.yourAccountMoved);
    await expectApiError(as(src.token).request('i/update', { alsoKnownAs: [] }), e.yourAccountMoved);
    await expectApiError(as(src.token).request('i/move', { moveToAccount: `@${dst.username}` }), e.yourAccountMoved);
    expect((await me(src.token)).id).toBe(src.id);
    expect(Array.isArray(await as(src.token).request('notes/timeline', {}))).toBe(true);
    // Other profile changes are still allowed (Misskey: i/update is not on the moved list).
    expect((await as(src.token).request('i/update', { name: 'Old me' }) as any).name).toBe('Old me');

    // The move log, for moderators.
    const logs = await as(admin.token).request('admin/show-user-account-move-logs' as never, { movedFromId: src.id } as never) as any[];
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ movedFromId: src.id, movedToId: dst.id, movedFrom: { id: src.id }, movedTo: { id: dst.id }, movedToUri: `${server.ctx.config.url}/users/${dst.id}` });
    expect(await as(admin.token).request('admin/show-user-account-move-logs' as never, { movedToId: dst.id, to: 'remote' } as never)).toEqual([]);
    expect((await as(admin.token).request('admin/show-user-account-move-logs' as never, { movedToId: dst.id, from: 'local' } as never) as any[])).toHaveLength(1);

    // The delayed part: the mover's follows end.
    const { unfollowAllOf } = await import('../../src/core/users/move.js');
    expect(await unfollowAllOf(server.ctx, src.id)).toBe(1);
    expect((await me(src.token)).followingCount).toBe(0);
    expect((await as(f1.token).request('users/show', { userId: followee.id }) as any).followersCount).toBe(0);
  });

  it('a locked target keeps followers it had; the others are asked (follow requests); blockers of the mover block the target', async () => {
    const src = await server.createUser();
    const dst = await server.createUser();
    const had = await server.createUser();
    const fresh = await server.createUser();
    const blocker = await server.createUser();
    await as(had.token).request('following/create', { userId: dst.id });
    await as(dst.token).request('i/update', { isLocked: true, alsoKnownAs: [`@${src.username}`] });
    for (const f of [had, fresh]) await as(f.token).request('following/create', { userId: src.id });
    await as(blocker.token).request('blocking/create', { userId: src.id });
    await as(src.token).request('i/move', { moveToAccount: dst.username });
    const dstFollowers = await as(dst.token).request('users/followers', { userId: dst.id }) as any[];
    expect(dstFollowers.map((row) => row.followerId)).toEqual([had.id]);
    const requests = await as(dst.token).request('following/requests/list', {}) as any[];
    expect(requests.map((row) => row.follower.id)).toEqual([fresh.id]);
    expect((await as(dst.token).request('i', {}) as any).followersCount).toBe(1);
    expect((await as(blocker.token).request('users/show', { userId: dst.id }) as any).isBlocking).toBe(true);
  });

  it('refuses: root, unknown target, a target without the alias, oneself, a target that moved; app tokens', async () => {
    const src = await server.createUser();
    const dst = await server.createUser();
    await expectApiError(as(src.token).request('i/move', { moveToAccount: '@nobody_here' }), e.noSuchUserMove);
    await expectApiError(as(src.token).request('i/move', { moveToAccount: `@${dst.username}@elsewhere.example` }), e.noSuchUserMove);
    await expectApiError(as(src.token).request('i/move', { moveToAccount: `@${dst.username}` }), e.destinationAccountForbids);
    await expectApiError(as(src.token).request('i/move', { moveToAccount: `@${src.username}` }), e.destinationAccountForbids);
    const other = await server.createUser();
    await expectApiError(as(other.token).request('i/move', {} as never), commonErrors.invalidParam);
    await expectApiError(as(other.token).request('i/move', { moveToAccount: 5 } as never), commonErrors.invalidParam);
    // A target that moved away itself.
    const third = await server.createUser();
    await as(dst.token).request('i/update', { alsoKnownAs: [`@${src.username}`] });
    await as(third.token).request('i/update', { alsoKnownAs: [`@${dst.username}`] });
    await as(dst.token).request('i/move', { moveToAccount: `@${third.username}` });
    const src2 = await server.createUser();
    await server.ctx.db.update(users).set({ alsoKnownAs: [`${server.ctx.config.url}/users/${src2.id}`] }).where(eq(users.id, dst.id));
    await expectApiError(as(src2.token).request('i/move', { moveToAccount: `@${dst.username}` }), e.destinationAccountForbids);
    expect((await me(src2.token)).movedTo).toBeNull();
    // Root.
    const root = await server.createUser();
    await server.ctx.db.update(users).set({ isRoot: true }).where(eq(users.id, root.id));
    const target = await server.createUser();
    await as(target.token).request('i/update', { alsoKnownAs: [`@${root.username}`] });
    await expectApiError(as(root.token).request('i/move', { moveToAccount: `@${target.username}` }), e.rootForbidden);
    // secure: an app token is refused whatever its permissions.
    const app = await server.createAppToken(src.id, ['write:account', 'read:account']);
    await expectApiError(as(app).request('i/move', { moveToAccount: `@${dst.username}` }), e.accessDenied);
    await expectApiError(server.client().request('i/move', { moveToAccount: 'x' }), commonErrors.credentialRequired);
  });

  it('admin/show-user-account-move-logs: moderators only, paging', async () => {
    const plain = await server.createUser();
    const res = await server.fetch('/api/admin/show-user-account-move-logs', { json: { i: plain.token } });
    expect(res.status).toBe(403);
    const app = await server.createAppToken(admin.id, ['read:account']);
    const denied = await server.fetch('/api/admin/show-user-account-move-logs', { json: { i: app } });
    expect(denied.status).toBe(403);
    const bad = await server.fetch('/api/admin/show-user-account-move-logs', { json: { i: admin.token, limit: 101 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject(commonErrors.invalidParam);
    const all = await as(admin.token).request('admin/show-user-account-move-logs' as never, { limit: 100 } as never) as any[];
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((row) => row.movedFrom.id === row.movedFromId && row.movedTo.id === row.movedToId)).toBe(true);
    const ids = all.map((row) => row.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const page = await as(admin.token).request('admin/show-user-account-move-logs' as never, { untilId: ids[0], limit: 1 } as never) as any[];
    expect(page.map((row) => row.id)).toEqual([ids[1]]);
  });
});
