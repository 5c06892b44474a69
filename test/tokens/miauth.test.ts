import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens, users } from '../../src/db/schema/index.js';
import { apiErrors } from '../../src/api/errors.js';
import { hashToken } from '../../src/core/auth/token.js';
import { MIAUTH_CHECK_RATE_LIMIT } from '../../src/api/routes/miauth.js';
import { UserDetailedNotMeSchema } from '../../src/core/users/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectError, expectSchema } from '../accounts/helpers.js';
import { expectStoredNowhere, freshIp } from './helpers.js';
import { usersChanged } from '../../src/core/cache/caches.js';


let server: TestServer;
let alice: { id: string; username: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.createUser();
});
afterAll(async () => { await server?.close(); });

/** What an app does: POST /api/miauth/{session}/check with no body. */
function check(session: string, init: RequestInit = {}) {
  return server.fetch(`/api/miauth/${encodeURIComponent(session)}/check`, { headers: { 'x-forwarded-for': freshIp() }, ...init });
}

/** What the consent page does when the user allows. */
function allow(session: string, permission: string[] = ['read:account'], token = alice.token) {
  return server.client(token).request('miauth/gen-token', { session, name: 'My App', iconUrl: 'https://app.example/icon.png', permission });
}

describe('MiAuth', () => {
  it('answers {ok:false} before approval, then the token and its owner exactly once, then {ok:false} again', async () => {
    const session = randomUUID();
    const before = await check(session);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ ok: false });

    const { token: shown } = await allow(session, ['read:account', 'write:notes']);
    const first = await check(session);
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.body).toMatchObject({ ok: true, token: shown });
    expect(first.body.user).toMatchObject({ id: alice.id, username: alice.username });
    expectSchema(UserDetailedNotMeSchema, first.body.user);
    // Packed for nobody in particular, as Misskey does: no relation fields, no secrets.
    expect(first.body.user.isFollowing).toBeUndefined();
    expect(first.body.user.email).toBeUndefined();

    expect((await server.client(first.body.token).request('i', {})).id).toBe(alice.id);
    expect((await check(session)).body).toEqual({ ok: false });
    // The token keeps working after the hand-out.
    expect((await server.client(first.body.token).request('i', {})).id).toBe(alice.id);
  });

  it('answers {ok:false} for unknown sessions, accepts any body (or none) and JSON or not', async () => {
    expect((await check(randomUUID())).body).toEqual({ ok: false });
    expect((await check(randomUUID(), { body: '{}', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() } })).body).toEqual({ ok: false });
    expect((await check(randomUUID(), { body: 'garbage', headers: { 'content-type': 'text/plain', 'x-forwarded-for': freshIp() } })).body).toEqual({ ok: false });
    expect((await check('not-a-uuid')).body).toEqual({ ok: false });
  });

  it('hands the token out only once even to concurrent checks', async () => {
    const session = randomUUID();
    await allow(session);
    const answers = await Promise.all(Array.from({ length: 5 }, () => check(session)));
    expect(answers.filter((a) => a.body.ok === true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.ok === false)).toHaveLength(4);
  });

  it('forgets a token its app did not fetch within 15 minutes; the token itself stays valid', async () => {
    const session = randomUUID();
    const { token } = await allow(session);
    await server.ctx.db.update(accessTokens).set({ pendingExpiresAt: new Date(Date.now() - 1000) }).where(eq(accessTokens.tokenHash, hashToken(token)));
    expect((await check(session)).body).toEqual({ ok: false });
    const [row] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashToken(token)));
    expect(row.pendingToken).toBeNull();
    expect(row.pendingExpiresAt).toBeNull();
    expect((await server.client(token).request('i', {})).id).toBe(alice.id);
  });

  it('keeps a pending token for about 15 minutes', async () => {
    const session = randomUUID();
    const { token } = await allow(session);
    const [row] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashToken(token)));
    const lifetime = row.pendingExpiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60 * 1000);
  });

  it('refuses a session id that was already used, even by the same user', async () => {
    const session = randomUUID();
    await allow(session);
    const again = await server.fetch('/api/miauth/gen-token', { json: { i: alice.token, session, permission: ['read:account'] } });
    expectError(again, apiErrors.invalidParam, 400);
    expect(again.body.error.info).toMatchObject({ param: 'session' });
    const bob = await server.createUser();
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: bob.token, session, permission: [] } }), apiErrors.invalidParam, 400);
    await check(session);
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: alice.token, session, permission: [] } }), apiErrors.invalidParam, 400);
  });

  it('stores neither the token nor the session id in plain text; the sealed token is gone once fetched', async () => {
    const session = randomUUID();
    const { token } = await allow(session);
    await expectStoredNowhere(server, token, session);
    const [row] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashToken(token)));
    expect(row.sessionHash).toBe(hashToken(session));
    expect(row.pendingToken).toMatch(/^v1\./);
    await check(session);
    const [after] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.id, row.id));
    expect(after.pendingToken).toBeNull();
  });

  it('gives nothing for a deleted user', async () => {
    const gone = await server.createUser();
    const session = randomUUID();
    await allow(session, ['read:account'], gone.token);
    await server.ctx.db.update(users).set({ isDeleted: true }).where(eq(users.id, gone.id));
    usersChanged(server.ctx, gone.id);
    expect((await check(session)).body).toEqual({ ok: false });
  });

  it('needs the native token to approve: an app token cannot mint MiAuth tokens', async () => {
    const appToken = await server.createAppToken(alice.id, ['read:account', 'write:account']);
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: appToken, session: randomUUID(), permission: ['read:account'] } }), apiErrors.accessDeniedSecureEndpoint, 403);
  });

  it('limits checks per IP address', async () => {
    const ip = freshIp();
    const max = MIAUTH_CHECK_RATE_LIMIT.max!;
    for (let i = 0; i < max; i++) {
      expect((await check(randomUUID(), { headers: { 'x-forwarded-for': ip } })).status).toBe(200);
    }
    const limited = await check(randomUUID(), { headers: { 'x-forwarded-for': ip } });
    expectError(limited, apiErrors.rateLimitExceeded, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await check(randomUUID())).status).toBe(200);
  });
});
