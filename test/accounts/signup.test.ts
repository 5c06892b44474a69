import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens, userProfiles, users } from '../../src/db/schema/index.js';
import { signupErrors, registrationErrors } from '../../src/api/account-errors.js';
import { MeDetailedWithTokenSchema } from '../../src/core/users/schema.js';
import { hashToken } from '../../src/core/auth/token.js';
import { RESERVED_USERNAMES } from '../../src/core/users/username.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectError, expectSchema, signup, signupOk } from './helpers.js';


let server: TestServer;
let first: Awaited<ReturnType<typeof signupOk>>;

beforeAll(async () => {
  server = await startTestServer();
  first = await signupOk(server, 'Founder', 'first password');
});
afterAll(async () => { await server?.close(); });

describe('signup', () => {
  it('answers the new account as MeDetailed (secrets included) with a working native token', async () => {
    const res = await signup(server, { username: 'Alice_1', password: 'pw', emailAddress: 'alice@example.com' });
    expect(res.status).toBe(200);
    expectSchema(MeDetailedWithTokenSchema, res.body);
    expect(res.body).toMatchObject({ username: 'Alice_1', host: null, name: null, email: 'alice@example.com', emailVerified: false, isAdmin: false });
    expect(res.body.token).toMatch(/^[A-Za-z0-9]{16}$/);
    const me = await server.client(res.body.token).request('i', {});
    expect(me.id).toBe(res.body.id);
    // The native token may call secure endpoints.
    expect(await server.client(res.body.token).request('i/signin-history', {})).toEqual([]);
  });

  it('makes the instance\'s first account its root administrator, and nobody after it', async () => {
    expect(first.body.isAdmin).toBe(true);
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, first.id));
    expect(row).toMatchObject({ isRoot: true, isAdmin: true });
    const second = await signupOk(server, 'second_user');
    expect(second.body.isAdmin).toBe(false);
    const [secondRow] = await server.ctx.db.select().from(users).where(eq(users.id, second.id));
    expect(secondRow.isRoot).toBe(false);
  });

  it('stores the password as an argon2id hash and the token only as its SHA-256', async () => {
    const account = await signupOk(server, 'hashcheck', 'my secret');
    const [profile] = await server.ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, account.id));
    expect(profile.password).toMatch(/^\$argon2id\$/);
    expect(profile.password).not.toContain('my secret');
    const tokens = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.userId, account.id));
    expect(tokens).toHaveLength(1);
    expect(tokens[0].tokenHash).toBe(hashToken(account.token));
    expect(JSON.stringify(tokens)).not.toContain(account.token);
  });

  it('refuses malformed usernames', async () => {
    for (const username of ['', 'has-dash', 'with space', 'x'.repeat(21), 'ünï']) {
      expectError(await signup(server, { username, password: 'pw' }), signupErrors.INVALID_USERNAME, 400);
    }
    expect((await signup(server, { username: 'x'.repeat(20), password: 'pw' })).status).toBe(200);
  });

  it('refuses reserved usernames in any case', async () => {
    expect(RESERVED_USERNAMES).toContain('admin');
    for (const username of ['admin', 'Root', 'MISSKEY', 'i']) {
      expectError(await signup(server, { username, password: 'pw' }), signupErrors.DENIED_USERNAME, 400);
    }
  });

  it('refuses a taken username in another case', async () => {
    await signupOk(server, 'CaseTaken');
    expectError(await signup(server, { username: 'casetaken', password: 'pw' }), signupErrors.DUPLICATED_USERNAME, 400);
    expectError(await signup(server, { username: 'CASETAKEN', password: 'pw' }), signupErrors.DUPLICATED_USERNAME, 400);
  });

  it('refuses the username of a deleted account forever', async () => {
    const gone = await signupOk(server, 'Departed', 'bye');
    await server.client(gone.token).request('i/delete-account', { password: 'bye' });
    expectError(await signup(server, { username: 'departed', password: 'pw' }), signupErrors.USED_USERNAME, 400);
  });

  it('refuses an empty or missing password', async () => {
    expectError(await signup(server, { username: 'nopass1', password: '' }), signupErrors.INVALID_PASSWORD, 400);
    expectError(await signup(server, { username: 'nopass2' }), signupErrors.INVALID_PASSWORD, 400);
  });

  it('answers a bare 400 to bodies of the wrong shape, as Misskey does', async () => {
    for (const body of [[1, 2], { username: 'shape', password: 'pw', emailAddress: 42 }, { username: 'shape', password: 'pw', invitationCode: {} }]) {
      const res = await signup(server, body);
      expect(res.status).toBe(400);
      expect(res.text).toBe('');
    }
  });

  it('refuses everyone while registration is closed', async () => {
    await server.ctx.meta.update({ disableRegistration: true });
    try {
      expectError(await signup(server, { username: 'latecomer', password: 'pw' }), registrationErrors.registrationClosed, 400);
      expectError(await signup(server, { username: 'latecomer', password: 'pw', invitationCode: 'abc' }), signupErrors.NO_SUCH_INVITATION_CODE, 400);
    } finally {
      await server.ctx.meta.update({ disableRegistration: false });
    }
    expect((await signup(server, { username: 'latecomer', password: 'pw' })).status).toBe(200);
  });

  it('requires a valid email address when the server says so', async () => {
    expectError(await signup(server, { username: 'bademail', password: 'pw', emailAddress: 'not-an-address' }), registrationErrors.invalidEmailAddress, 400);
    await server.ctx.meta.update({ emailRequiredForSignup: true });
    try {
      expectError(await signup(server, { username: 'mailless', password: 'pw' }), registrationErrors.invalidEmailAddress, 400);
      const res = await signup(server, { username: 'mailful', password: 'pw', emailAddress: 'm@example.org' });
      expect(res.status).toBe(200);
      expect(res.body.email).toBe('m@example.org');
    } finally {
      await server.ctx.meta.update({ emailRequiredForSignup: false });
    }
  });

  it('writes nothing when refused', async () => {
    const before = await server.ctx.db.select({ id: users.id }).from(users);
    await signup(server, { username: 'casetaken', password: 'pw' });
    await signup(server, { username: 'admin', password: 'pw' });
    expect(await server.ctx.db.select({ id: users.id }).from(users)).toHaveLength(before.length);
  });
});

describe('signup on a fresh server', () => {
  it('lets the first account take a reserved name, as Misskey does', async () => {
    const fresh = await startTestServer();
    try {
      const res = await signup(fresh, { username: 'admin', password: 'pw' });
      expect(res.status).toBe(200);
      expect(res.body.isAdmin).toBe(true);
      expectError(await signup(fresh, { username: 'root', password: 'pw' }), signupErrors.DENIED_USERNAME, 400);
    } finally {
      await fresh.close();
    }
  });

  it('is open for the first account even with registration closed', async () => {
    const fresh = await startTestServer();
    try {
      await fresh.ctx.meta.update({ disableRegistration: true });
      expect((await signup(fresh, { username: 'owner1', password: 'pw' })).status).toBe(200);
      expectError(await signup(fresh, { username: 'guest1', password: 'pw' }), registrationErrors.registrationClosed, 400);
    } finally {
      await fresh.close();
    }
  });

  it('refuses to create the first account when a setup password guards first-run setup', async () => {
    const guarded = await startTestServer({ setupPassword: 'open sesame' });
    try {
      expectError(await signup(guarded, { username: 'sneaky', password: 'pw' }), registrationErrors.setupRequired, 403);
      expect(await guarded.ctx.db.select({ id: users.id }).from(users)).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });

  it('makes exactly one root administrator when several sign up at once', async () => {
    const fresh = await startTestServer();
    try {
      const results = await Promise.all(['racer1', 'racer2', 'racer3', 'racer4'].map((username) => signup(fresh, { username, password: 'pw' })));
      expect(results.map((res) => res.status)).toEqual([200, 200, 200, 200]);
      expect(results.filter((res) => res.body.isAdmin)).toHaveLength(1);
      const roots = await fresh.ctx.db.select().from(users).where(eq(users.isRoot, true));
      expect(roots).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('signup limits', () => {
  it('takes 10 accounts an hour per IP address, then 429 RATE_LIMIT_EXCEEDED, even with MIKAN_RATE_LIMIT=off', async () => {
    const apiUnlimited = await startTestServer({ rateLimit: false });
    try {
      const ip = '10.77.0.1';
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect((await signup(apiUnlimited, { username: `farm${attempt}`, password: 'pw' }, ip)).status, `attempt ${attempt}`).toBe(200);
      }
      const refused = await signup(apiUnlimited, { username: 'farm11', password: 'pw' }, ip);
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await signup(apiUnlimited, { username: 'farm12', password: 'pw' }, '10.77.0.2')).status).toBe(200);
    } finally {
      await apiUnlimited.close();
    }
  });

  it('is lifted only by MIKAN_AUTH_RATE_LIMIT=off', async () => {
    const relaxed = await startTestServer({ authRateLimit: false });
    try {
      for (let attempt = 1; attempt <= 11; attempt++) {
        expect((await signup(relaxed, { username: `open${attempt}`, password: 'pw' }, '10.77.0.3')).status).toBe(200);
      }
    } finally {
      await relaxed.close();
    }
  });
});
