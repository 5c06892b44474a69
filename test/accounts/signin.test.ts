import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { signinRateErrors } from '../../src/api/account-errors.js';
import { apiErrors } from '../../src/api/errors.js';
import { ACCOUNT_FAILURE_LIMIT } from '../../src/core/auth/signin.js';
import { signins, users } from '../../src/db/schema/index.js';
import { MemoryCache } from '../../src/misc/cache.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectError, freshIp, signin, signupOk } from './helpers.js';
import { setSuspended } from '../../src/core/users/account.js';


const NO_SUCH_USER = '6cc579cc-885d-43d8-95c2-b8c7fc963280';
const USER_SUSPENDED = 'e03a5f46-d309-4865-9b69-56282d94e1eb';
const AUTH_FAILED = '932c904e-9460-45b7-9ce6-7ed33be7eb2c';

let server: TestServer;
let alice: Awaited<ReturnType<typeof signupOk>>;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signupOk(server, 'Alice', 'alice password');
});
afterAll(async () => { await server?.close(); });

describe('signin-flow', () => {
  it('answers {finished: true, id, i} with a new native token that works everywhere, old tokens included', async () => {
    const res = await signin(server, { username: 'alice', password: 'alice password' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ finished: true, id: alice.id, i: expect.stringMatching(/^[A-Za-z0-9]{16}$/) });
    expect(res.body.i).not.toBe(alice.token);
    expect((await server.client(res.body.i).request('i', {})).id).toBe(alice.id);
    // A native token: secure endpoints accept it.
    expect(Array.isArray(await server.client(res.body.i).request('i/signin-history', {}))).toBe(true);
    expect((await server.client(alice.token).request('i', {})).id).toBe(alice.id);
  });

  it('asks for the password when none is sent', async () => {
    const res = await signin(server, { username: 'Alice' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ finished: false, next: 'password' });
  });

  it('refuses a wrong password with 403 and Misskey\'s id', async () => {
    const res = await signin(server, { username: 'alice', password: 'wrong' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { id: AUTH_FAILED } });
  });

  it('refuses unknown and deleted accounts with 403 noSuchUser', async () => {
    expect((await signin(server, { username: 'nobody', password: 'x' })).body).toEqual({ error: { id: NO_SUCH_USER } });
    const gone = await signupOk(server, 'gone_user', 'pw');
    await server.client(gone.token).request('i/delete-account', { password: 'pw' });
    const res = await signin(server, { username: 'gone_user', password: 'pw' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { id: NO_SUCH_USER } });
  });

  it('refuses suspended accounts before looking at the password', async () => {
    const bad = await signupOk(server, 'suspendee', 'pw');
    await setSuspended(server.ctx, bad.id, true);
    for (const password of ['pw', 'wrong']) {
      const res = await signin(server, { username: 'suspendee', password });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: { id: USER_SUSPENDED } });
    }
  });

  it('answers a bare 400 when fields are not strings', async () => {
    for (const body of [{}, { username: 5 }, { username: 'alice', password: 5 }, { username: 'alice', password: 'x', token: 7 }]) {
      const res = await signin(server, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).toBe('');
    }
  });

  it('keeps the password sign-in to the server\'s own origin (CORS), as Misskey does', async () => {
    const res = await signin(server, { username: 'alice', password: 'alice password' });
    expect(res.headers.get('access-control-allow-origin')).toBe(server.url);
    // A token must never sit in a shared cache.
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
  });

  it('also answers on the legacy /api/signin', async () => {
    const res = await signin(server, { username: 'alice', password: 'alice password' }, freshIp(), '/api/signin');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ finished: true, id: alice.id });
    expect((await server.client(res.body.i).request('i', {})).id).toBe(alice.id);
  });

  it('records every attempt on a known account, with a few headers and never cookies', async () => {
    const account = await signupOk(server, 'recorded', 'pw');
    const ip = freshIp();
    await signin(server, { username: 'recorded', password: 'nope' }, ip);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await signin(server, { username: 'recorded', password: 'pw' }, ip);
    const rows = await server.ctx.db.select().from(signins).where(eq(signins.userId, account.id)).orderBy(signins.id);
    expect(rows.map((row) => row.success)).toEqual([false, true]);
    expect(rows[0].ip).toBe(ip);
    expect(rows[0].headers).toMatchObject({ 'user-agent': 'mikan-tests/1.0' });
    for (const name of Object.keys(rows[0].headers)) expect(['user-agent', 'accept-language', 'origin', 'referer']).toContain(name);
  });
});

describe('sign-in limits', () => {
  it('allows one attempt per second per IP address, answering 429 RATE_LIMIT_EXCEEDED', async () => {
    const ip = freshIp();
    expect((await signin(server, { username: 'alice', password: 'alice password' }, ip)).status).toBe(200);
    const res = await signin(server, { username: 'alice', password: 'alice password' }, ip);
    expectError(res, signinRateErrors.rateLimited, 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await signin(server, { username: 'alice', password: 'alice password' })).status).toBe(200);
  });

  it('allows ten attempts per hour per IP address', async () => {
    // A cache with a clock the test moves, so the one-second spacing costs no real time.
    let now = Date.now();
    const original = server.ctx.cache;
    server.ctx.cache = new MemoryCache(60_000, () => now);
    try {
      const ip = freshIp();
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect((await signin(server, { username: 'nobody', password: 'x' }, ip)).status, `attempt ${attempt}`).toBe(403);
        now += 1500;
      }
      expectError(await signin(server, { username: 'alice', password: 'alice password' }, ip), signinRateErrors.rateLimited, 429);
      now += 60 * 60 * 1000;
      expect((await signin(server, { username: 'alice', password: 'alice password' }, ip)).status).toBe(200);
    } finally {
      await server.ctx.cache.close();
      server.ctx.cache = original;
    }
  });

  it('locks an account after too many failed passwords from anywhere, even for the right password', async () => {
    await signupOk(server, 'targeted', 'right one');
    for (let attempt = 1; attempt <= ACCOUNT_FAILURE_LIMIT.max; attempt++) {
      expect((await signin(server, { username: 'targeted', password: `guess ${attempt}` })).status).toBe(403);
    }
    const res = await signin(server, { username: 'targeted', password: 'right one' });
    expectError(res, signinRateErrors.tooManyFailures, 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60);
    // Other accounts are not affected.
    expect((await signin(server, { username: 'alice', password: 'alice password' })).status).toBe(200);
  });

  it('resets the failure count after a success', async () => {
    await signupOk(server, 'forgetful', 'pw');
    for (let round = 0; round < 2; round++) {
      for (let attempt = 1; attempt < ACCOUNT_FAILURE_LIMIT.max; attempt++) {
        expect((await signin(server, { username: 'forgetful', password: 'bad' })).status).toBe(403);
      }
      expect((await signin(server, { username: 'forgetful', password: 'pw' })).status).toBe(200);
    }
  });

  it('stays on with MIKAN_RATE_LIMIT=off (API limits only)', async () => {
    const apiUnlimited = await startTestServer({ rateLimit: false });
    try {
      await signupOk(apiUnlimited, 'unlimited', 'pw');
      const ip = freshIp();
      expect((await signin(apiUnlimited, { username: 'unlimited', password: 'pw' }, ip)).status).toBe(200);
      expectError(await signin(apiUnlimited, { username: 'unlimited', password: 'pw' }, ip), signinRateErrors.rateLimited, 429);
    } finally {
      await apiUnlimited.close();
    }
  });

  it('is lifted by its own switch, MIKAN_AUTH_RATE_LIMIT=off', async () => {
    const relaxed = await startTestServer({ authRateLimit: false });
    try {
      await signupOk(relaxed, 'relaxed', 'pw');
      const ip = freshIp();
      for (let attempt = 0; attempt < 12; attempt++) {
        expect((await signin(relaxed, { username: 'relaxed', password: 'pw' }, ip)).status).toBe(200);
      }
    } finally {
      await relaxed.close();
    }
  });
});

describe('tokens from sign-in', () => {
  it('are refused once the account is deleted', async () => {
    const account = await signupOk(server, 'shortlived', 'pw');
    const res = await signin(server, { username: 'shortlived', password: 'pw' });
    await server.client(account.token).request('i/delete-account', { password: 'pw' });
    await expect(server.client(res.body.i).request('i', {})).rejects.toMatchObject({ code: apiErrors.authenticationFailed.code });
  });
});
