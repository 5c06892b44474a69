import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens, userProfiles, users } from '../../src/db/schema/index.js';
import { signupErrors } from '../../src/api/account-errors.js';
import { SigninSchema } from '../../src/core/users/schema.js';
import { Type } from '@sinclair/typebox';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectError, expectSchema, freshIp, signin, signup, signupOk } from './helpers.js';


const authenticationFailed = { code: 'AUTHENTICATION_FAILED', id: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14' };
const accessDenied = { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' };
const AUTH_FAILED = '932c904e-9460-45b7-9ce6-7ed33be7eb2c';
const NO_SUCH_USER = '6cc579cc-885d-43d8-95c2-b8c7fc963280';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await signupOk(server, 'founder');
});
afterAll(async () => { await server?.close(); });

describe('i/change-password', () => {
  it('changes the password when the current one is right; the calling token stays valid', async () => {
    const alice = await signupOk(server, 'pw_alice', 'old password');
    await expectApiError(server.client(alice.token).request('i/change-password', { currentPassword: 'wrong', newPassword: 'new' }),
      { code: 'INCORRECT_PASSWORD', id: 'f5bcd508-adcf-40b1-9031-2e944a5d8390' });
    expect((await signin(server, { username: 'pw_alice', password: 'old password' })).status).toBe(200);

    expect(await server.client(alice.token).request('i/change-password', { currentPassword: 'old password', newPassword: 'new password' })).toBeNull();
    expect((await signin(server, { username: 'pw_alice', password: 'old password' })).body).toEqual({ error: { id: AUTH_FAILED } });
    expect((await signin(server, { username: 'pw_alice', password: 'new password' })).status).toBe(200);
    expect((await server.client(alice.token).request('i', {})).id).toBe(alice.id);
    const [profile] = await server.ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, alice.id));
    expect(profile.password).toMatch(/^\$argon2id\$/);
  });

  it('refuses an empty new password and app tokens', async () => {
    const bob = await signupOk(server, 'pw_bob', 'pw');
    await expectApiError(server.client(bob.token).request('i/change-password', { currentPassword: 'pw', newPassword: '' }),
      { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    const app = await server.createAppToken(bob.id, ['read:account', 'write:account']);
    await expectApiError(server.client(app).request('i/change-password', { currentPassword: 'pw', newPassword: 'x' }), accessDenied);
    expect((await signin(server, { username: 'pw_bob', password: 'pw' })).status).toBe(200);
  });
});

describe('i/regenerate-token', () => {
  it('kills every native token of the account; app tokens live on; signing in gives a new one', async () => {
    const carol = await signupOk(server, 'tok_carol', 'pw');
    const second = (await signin(server, { username: 'tok_carol', password: 'pw' })).body.i;
    const app = await server.createAppToken(carol.id, ['read:account']);

    await expectApiError(server.client(carol.token).request('i/regenerate-token', { password: 'wrong' }),
      { code: 'INCORRECT_PASSWORD', id: 'caa491c7-26eb-4192-b5d1-c2d8cb46b786' });
    expect((await server.client(carol.token).request('i', {})).id).toBe(carol.id);

    expect(await server.client(carol.token).request('i/regenerate-token', { password: 'pw' })).toBeNull();
    await expectApiError(server.client(carol.token).request('i', {}), authenticationFailed);
    await expectApiError(server.client(second).request('i', {}), authenticationFailed);
    expect((await server.client(app).request('i', {})).id).toBe(carol.id);

    const fresh = await signin(server, { username: 'tok_carol', password: 'pw' });
    expect((await server.client(fresh.body.i).request('i', {})).id).toBe(carol.id);
  });

  it('is refused to app tokens', async () => {
    const dave = await signupOk(server, 'tok_dave', 'pw');
    const app = await server.createAppToken(dave.id, ['read:account', 'write:account']);
    await expectApiError(server.client(app).request('i/regenerate-token', { password: 'pw' }), accessDenied);
    expect((await server.client(dave.token).request('i', {})).id).toBe(dave.id);
  });
});

describe('i/delete-account', () => {
  it('needs the password', async () => {
    const erin = await signupOk(server, 'del_erin', 'pw');
    await expectApiError(server.client(erin.token).request('i/delete-account', { password: 'nope' }),
      { code: 'INCORRECT_PASSWORD', id: '44326b04-08ea-4525-b01c-98cc117bdd2a' });
    expect((await server.client(erin.token).request('i', {})).id).toBe(erin.id);
    const app = await server.createAppToken(erin.id, ['write:account']);
    await expectApiError(server.client(app).request('i/delete-account', { password: 'pw' }), accessDenied);
  });

  it('marks the account deleted, kills all its tokens, and keeps its name used forever', async () => {
    const frank = await signupOk(server, 'Del_Frank', 'pw');
    const app = await server.createAppToken(frank.id, ['read:account']);
    expect(await server.client(frank.token).request('i/delete-account', { password: 'pw' })).toBeNull();

    await expectApiError(server.client(frank.token).request('i', {}), authenticationFailed);
    await expectApiError(server.client(app).request('i', {}), authenticationFailed);
    expect(await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.userId, frank.id))).toEqual([]);
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, frank.id));
    expect(row.isDeleted).toBe(true);
    const [profile] = await server.ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, frank.id));
    expect(profile.password).toBeNull();

    expect((await signin(server, { username: 'del_frank', password: 'pw' })).body).toEqual({ error: { id: NO_SUCH_USER } });
    expect(await server.client().request('username/available', { username: 'DEL_FRANK' })).toEqual({ available: false });
    expectError(await signup(server, { username: 'del_frank', password: 'pw' }), signupErrors.USED_USERNAME, 400);
    await expectApiError(server.client().request('users/show', { userId: frank.id }), { code: 'NO_SUCH_USER', id: '4362f8dc-731f-4ad8-a694-be5a88922a24' });
  });
});

describe('i/signin-history', () => {
  it('lists the account\'s sign-ins, successes and failures, newest first, as Signin entities', async () => {
    const gina = await signupOk(server, 'hist_gina', 'pw');
    const ip = freshIp();
    expect(await server.client(gina.token).request('i/signin-history', {})).toEqual([]);
    await signin(server, { username: 'hist_gina', password: 'wrong' }, ip);
    await signin(server, { username: 'hist_gina', password: 'pw' });
    const history = await server.client(gina.token).request('i/signin-history', {});
    expectSchema(Type.Array(SigninSchema), history);
    expect(history.map((entry) => entry.success)).toEqual([true, false]);
    expect(history[1].ip).toBe(ip);
    expect(history[1].headers).toMatchObject({ 'user-agent': 'mikan-tests/1.0' });
    expect(history[1].headers).not.toHaveProperty('cookie');
    // Another account sees none of it.
    const other = await signupOk(server, 'hist_other', 'pw');
    expect(await server.client(other.token).request('i/signin-history', {})).toEqual([]);
  });

  it('pages by id: limit, untilId (newest first), sinceId (oldest first)', async () => {
    const hank = await signupOk(server, 'hist_hank', 'pw');
    for (let i = 0; i < 5; i++) await signin(server, { username: 'hist_hank', password: `wrong ${i}` });
    const all = await server.client(hank.token).request('i/signin-history', { limit: 100 });
    expect(all).toHaveLength(5);
    const ids = all.map((entry) => entry.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect((await server.client(hank.token).request('i/signin-history', { limit: 2 })).map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect((await server.client(hank.token).request('i/signin-history', { untilId: ids[1] })).map((e) => e.id)).toEqual(ids.slice(2));
    expect((await server.client(hank.token).request('i/signin-history', { sinceId: ids[3], limit: 10 })).map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
    await expectApiError(server.client(hank.token).request('i/signin-history', { limit: 101 }), { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
  });

  it('is secure: app tokens are refused', async () => {
    const ivy = await signupOk(server, 'hist_ivy', 'pw');
    const app = await server.createAppToken(ivy.id, ['read:account']);
    await expectApiError(server.client(app).request('i/signin-history', {}), accessDenied);
  });
});
