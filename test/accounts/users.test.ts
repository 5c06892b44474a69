import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { MeDetailedSchema, UserDetailedNotMeSchema } from '../../src/core/users/schema.js';
import { spyOnQueries, startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema, signupOk } from './helpers.js';
import { setSuspended } from '../../src/core/users/account.js';


const noSuchUser = { code: 'NO_SUCH_USER', id: '4362f8dc-731f-4ad8-a694-be5a88922a24' };
const userSuspended = { code: 'USER_SUSPENDED', id: 'c1e1b0d6-2b7c-4c1d-9f1d-2d3d6e8d7e7f' };
const invalidParam = { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' };

let server: TestServer;
let alice: Awaited<ReturnType<typeof signupOk>>;
let bob: Awaited<ReturnType<typeof signupOk>>;
let suspended: Awaited<ReturnType<typeof signupOk>>;
let moderator: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  await signupOk(server, 'founder');
  alice = await signupOk(server, 'Alice');
  bob = await signupOk(server, 'Bob');
  suspended = await signupOk(server, 'Mallory');
  await setSuspended(server.ctx, suspended.id, true);
  moderator = await server.createUser({ isModerator: true });
  await server.client(alice.token).request('i/update', { name: 'Alice A.', description: 'Hello', fields: [{ name: 'k', value: 'v' }] });
});
afterAll(async () => { await server?.close(); });

describe('users/show', () => {
  it('shows another user by id as UserDetailedNotMe, with relation fields for a signed-in viewer', async () => {
    const shown = await server.client(bob.token).request('users/show', { userId: alice.id });
    expectSchema(UserDetailedNotMeSchema, shown);
    expect(shown).toMatchObject({
      id: alice.id, username: 'Alice', name: 'Alice A.', description: 'Hello', fields: [{ name: 'k', value: 'v' }],
      isFollowing: false, isFollowed: false, isBlocking: false, isBlocked: false, isMuted: false, notify: 'none',
    });
    for (const secret of ['email', 'mutedWords', 'isAdmin', 'policies', 'avatarId', 'moderationNote']) expect(shown).not.toHaveProperty(secret);
  });

  it('leaves relation fields out for anonymous viewers', async () => {
    const shown = await server.client().request('users/show', { userId: alice.id });
    expect(shown.id).toBe(alice.id);
    expect(shown).not.toHaveProperty('isFollowing');
    expect(shown).not.toHaveProperty('email');
  });

  it('shows the viewer\'s own account as MeDetailed', async () => {
    const shown = await server.client(alice.token).request('users/show', { userId: alice.id });
    expectSchema(MeDetailedSchema, shown);
    expect(shown).toMatchObject({ id: alice.id, isAdmin: false, mutedWords: [] });
    expect(shown).not.toHaveProperty('isFollowing');
  });

  it('finds local users by username in any case, with host null or this server\'s host', async () => {
    expect((await server.client().request('users/show', { username: 'ALICE' })).id).toBe(alice.id);
    expect((await server.client().request('users/show', { username: 'alice', host: null })).id).toBe(alice.id);
    expect((await server.client().request('users/show', { username: 'alice', host: server.ctx.config.hostname.toUpperCase() })).id).toBe(alice.id);
  });

  it('cannot resolve users of other servers', async () => {
    const res = await server.fetch('/api/users/show', { json: { username: 'alice', host: 'elsewhere.example' } });
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'FAILED_TO_RESOLVE_REMOTE_USER', id: 'ef7b9be4-9cba-4e6f-ab41-90ed171c7d3c', kind: 'server' });
  });

  it('answers 404 NO_SUCH_USER for unknown ids and names', async () => {
    const res = await server.fetch('/api/users/show', { json: { userId: 'zzzzzzzzzzzzzzzz' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject(noSuchUser);
    await expectApiError(server.client().request('users/show', { username: 'nobody' }), noSuchUser);
  });

  it('hides suspended users (403 USER_SUSPENDED) except from moderators', async () => {
    const res = await server.fetch('/api/users/show', { json: { userId: suspended.id } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject(userSuspended);
    await expectApiError(server.client(bob.token).request('users/show', { username: 'mallory' }), userSuspended);
    const shown = await server.client(moderator.token).request('users/show', { userId: suspended.id });
    expect(shown).toMatchObject({ id: suspended.id, isSuspended: true, moderationNote: '' });
  });

  it('shows several users by ids in the order asked, leaving out unknown and suspended ones', async () => {
    const list = await server.client(bob.token).request('users/show', { userIds: [bob.id, 'zzzzzzzzzzzzzzzz', suspended.id, alice.id] });
    expect(Array.isArray(list)).toBe(true);
    expect((list as { id: string }[]).map((user) => user.id)).toEqual([bob.id, alice.id]);
    expectSchema(MeDetailedSchema, (list as unknown[])[0]);
    expectSchema(UserDetailedNotMeSchema, (list as unknown[])[1]);
    expect(await server.client().request('users/show', { userIds: [] })).toEqual([]);
    const forModerator = await server.client(moderator.token).request('users/show', { userIds: [suspended.id] });
    expect((forModerator as { id: string }[]).map((user) => user.id)).toEqual([suspended.id]);
  });

  it('packs any number of users with the same number of queries', async () => {
    const many = await Promise.all(Array.from({ length: 8 }, () => server.createUser()));
    const count = async (ids: string[]) => {
      const spy = spyOnQueries(server.ctx);
      try {
        await server.client().request('users/show', { userIds: ids });
        return spy.count();
      } finally {
        spy.restore();
      }
    };
    const forTwo = await count(many.slice(0, 2).map((user) => user.id));
    const forEight = await count(many.map((user) => user.id));
    // Users, profiles, pinned notes: one query each, whatever the number of users.
    expect(forTwo).toBeLessThanOrEqual(3);
    expect(forEight).toBe(forTwo);
  });

  it('validates its parameters', async () => {
    for (const params of [{}, { userId: 'has space' }, { userIds: [alice.id, alice.id] }, { username: 42 }]) {
      await expectApiError(server.client().request('users/show', params as any), invalidParam);
    }
  });
});

describe('username/available', () => {
  it('is true only for names that are free, never used and not reserved', async () => {
    const available = (username: string) => server.client().request('username/available', { username });
    expect(await available('brand_new')).toEqual({ available: true });
    expect(await available('aLiCe')).toEqual({ available: false });
    expect(await available('Admin')).toEqual({ available: false });
    expect(await available('mallory')).toEqual({ available: false });
  });

  it('refuses malformed names with INVALID_PARAM', async () => {
    for (const username of ['', 'a-b', 'x'.repeat(21)]) {
      await expectApiError(server.client().request('username/available', { username }), invalidParam);
    }
  });
});

describe('identicon', () => {
  it('serves the same PNG for the same account and another one for another account', async () => {
    const get = async (acct: string) => {
      const res = await fetch(`${server.url}/identicon/${acct}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
      return Buffer.from(await res.arrayBuffer());
    };
    const first = await get('alice@example.com');
    expect(first.subarray(1, 4).toString()).toBe('PNG');
    expect((await get('alice@example.com')).equals(first)).toBe(true);
    expect((await get('bob@example.com')).equals(first)).toBe(false);
  });
});
