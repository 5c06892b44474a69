import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens, notifications, signins, userProfiles } from '../../src/db/schema/index.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, signin, signupOk } from '../accounts/helpers.js';
import { stableStep, totpCode } from './helpers.js';

const TOTP_FAILED = 'cdf1235b-ac71-46d4-a3a6-84ccce48df6f';
const AUTH_FAILED = '932c904e-9460-45b7-9ce6-7ed33be7eb2c';
const accessDenied = { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' };
const errors = {
  registerIncorrectPassword: { code: 'INCORRECT_PASSWORD', id: '78d6c839-20c9-4c66-b90a-fc0542168b48' },
  registerAuthFailed: { code: 'AUTHENTICATION_FAILED', id: 'e428f177-c6ae-4e91-9c7e-334b1836f9aa' },
  notStarted: { code: 'TWO_FACTOR_NOT_STARTED', id: '1f5b1b0b-3f0e-4f6a-8c53-0b5a2e9f7a11' },
  incorrectToken: { code: 'INCORRECT_TOKEN', id: '0b7c0c8e-8a4d-4c1c-9d0e-6a3b6d2f5e22' },
  unregisterIncorrectPassword: { code: 'INCORRECT_PASSWORD', id: '7add0395-9901-4098-82f9-4f67af65f775' },
  unregisterAuthFailed: { code: 'AUTHENTICATION_FAILED', id: '1b99d9c1-629c-41f9-9315-b27ee876f498' },
  changePasswordAuthFailed: { code: 'AUTHENTICATION_FAILED', id: '97fee157-34eb-4b0d-8fc3-375d0040f807' },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await signupOk(server, 'tf_founder');
}, 60_000);
afterAll(async () => { await server?.close(); });

/** Signs up, turns TOTP on (with the code of the previous step) and returns the secret and backup codes. */
async function withTotp(username: string, password = 'pw') {
  const account = await signupOk(server, username, password);
  const client = server.client(account.token);
  const registration = await client.request('i/2fa/register', { password });
  const { backupCodes } = await client.request('i/2fa/done', { token: totpCode(registration.secret, -1) });
  return { ...account, client, secret: registration.secret, backupCodes };
}

describe('i/2fa/register and done', () => {
  it('offers a secret with its otpauth:// URL and QR code, and confirms it with a code', async () => {
    await stableStep();
    const alice = await signupOk(server, 'tf_alice', 'pw');
    const client = server.client(alice.token);
    await expectApiError(client.request('i/2fa/register', { password: 'wrong' }), errors.registerIncorrectPassword);
    await expectApiError(client.request('i/2fa/done', { token: '123456' }), errors.notStarted);

    const registration = await client.request('i/2fa/register', { password: 'pw' });
    const host = new URL(server.url).host;
    expect(registration.label).toBe('tf_alice');
    expect(registration.issuer).toBe(host);
    expect(registration.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(registration.qr).toMatch(/^data:image\/png;base64,/);
    const url = new URL(registration.url);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(registration.secret);
    expect(url.searchParams.get('issuer')).toBe(host);
    expect((await client.request('i', {})).twoFactorEnabled).toBe(false);

    const wrong = String((Number(totpCode(registration.secret)) + 1) % 1_000_000).padStart(6, '0');
    await expectApiError(client.request('i/2fa/done', { token: wrong }), errors.incorrectToken);
    const { backupCodes } = await client.request('i/2fa/done', { token: totpCode(registration.secret) });
    expect(backupCodes).toHaveLength(5);
    expect(new Set(backupCodes).size).toBe(5);

    const me = await client.request('i', {});
    expect(me).toMatchObject({ twoFactorEnabled: true, twoFactorBackupCodesStock: 'full', securityKeys: false, securityKeysList: [] });

    // At rest: the secret sealed, the backup codes hashed.
    const [profile] = await server.ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, alice.id));
    expect(profile!.twoFactorSecret).toMatch(/^v1\./);
    expect(profile!.twoFactorSecret).not.toContain(registration.secret);
    expect(profile!.twoFactorTempSecret).toBeNull();
    expect(profile!.twoFactorBackupSecret).toHaveLength(5);
    for (const code of backupCodes) expect(profile!.twoFactorBackupSecret).not.toContain(code);

    // Another account's sealed secret cannot be moved to this one.
    expect(JSON.stringify(profile)).not.toContain(registration.secret);
  });

  it('is for the web client only (secure) and checks its parameters', async () => {
    const bob = await signupOk(server, 'tf_bob', 'pw');
    const app = await server.createAppToken(bob.id, ['read:account', 'write:account']);
    await expectApiError(server.client(app).request('i/2fa/register', { password: 'pw' }), accessDenied);
    await expectApiError(server.client(app).request('i/2fa/done', { token: '000000' }), accessDenied);
    const res = await server.fetch('/api/i/2fa/done', { json: { i: bob.token } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PARAM');
  });
});

describe('sign-in with TOTP', () => {
  it('asks for the code after the password, refuses a wrong or replayed code, accepts a fresh one', async () => {
    await stableStep();
    const carol = await withTotp('tf_carol');
    expect((await signin(server, { username: 'tf_carol' })).body).toEqual({ finished: false, next: 'password' });
    expect((await signin(server, { username: 'tf_carol', password: 'pw' })).body).toEqual({ finished: false, next: 'totp' });
    // A wrong password never reaches the second factor.
    expect((await signin(server, { username: 'tf_carol', password: 'nope', token: totpCode(carol.secret) })).body).toEqual({ error: { id: AUTH_FAILED } });

    const wrong = await signin(server, { username: 'tf_carol', password: 'pw', token: '000000' === totpCode(carol.secret) ? '111111' : '000000' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: { id: TOTP_FAILED } });

    const code = totpCode(carol.secret);
    const ok = await signin(server, { username: 'tf_carol', password: 'pw', token: code });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ finished: true, id: carol.id, i: expect.any(String) });
    expect((await server.client(ok.body.i).request('i', {})).id).toBe(carol.id);

    // The same code again: refused, and so is the code of the step before (older than the last used).
    expect((await signin(server, { username: 'tf_carol', password: 'pw', token: code })).body).toEqual({ error: { id: TOTP_FAILED } });
    expect((await signin(server, { username: 'tf_carol', password: 'pw', token: totpCode(carol.secret, -1) })).body).toEqual({ error: { id: TOTP_FAILED } });
    // The next step's code is new.
    expect((await signin(server, { username: 'tf_carol', password: 'pw', token: totpCode(carol.secret, 1) })).status).toBe(200);

    // Every attempt is in the history, the failures too; a successful sign-in notifies.
    const history = await server.client(carol.token).request('i/signin-history', { limit: 100 });
    expect(history.filter((entry) => entry.success)).toHaveLength(2);
    expect(history.filter((entry) => !entry.success).length).toBeGreaterThanOrEqual(4);
    expect(history[0]!.headers).toMatchObject({ 'user-agent': 'mikan-tests/1.0' });
    expect(history[0]!.headers).not.toHaveProperty('cookie');
    const logins = await server.ctx.db.select().from(notifications).where(eq(notifications.notifieeId, carol.id));
    expect(logins.filter((n) => n.type === 'login')).toHaveLength(2);
  });

  it('takes each backup code once, and the stock goes down', async () => {
    const dave = await withTotp('tf_dave');
    const [first, second] = dave.backupCodes;
    expect((await signin(server, { username: 'tf_dave', password: 'pw', token: first })).status).toBe(200);
    expect((await signin(server, { username: 'tf_dave', password: 'pw', token: first })).body).toEqual({ error: { id: TOTP_FAILED } });
    expect((await dave.client.request('i', {})).twoFactorBackupCodesStock).toBe('partial');
    expect((await signin(server, { username: 'tf_dave', password: 'pw', token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).body).toEqual({ error: { id: TOTP_FAILED } });
    expect((await signin(server, { username: 'tf_dave', password: 'pw', token: second!.toLowerCase() })).status).toBe(200);
    for (const code of dave.backupCodes.slice(2)) expect((await signin(server, { username: 'tf_dave', password: 'pw', token: code })).status).toBe(200);
    expect((await dave.client.request('i', {})).twoFactorBackupCodesStock).toBe('none');
  });

  it('two requests racing with one code: only one signs in', async () => {
    await stableStep();
    const erin = await withTotp('tf_erin');
    const code = totpCode(erin.secret);
    const results = await Promise.all([1, 2, 3, 4].map(() => signin(server, { username: 'tf_erin', password: 'pw', token: code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 403)).toHaveLength(3);
  });
});

describe('account changes with two-factor on', () => {
  it('register and unregister want a second factor besides the password', async () => {
    await stableStep();
    const frank = await withTotp('tf_frank');
    await expectApiError(frank.client.request('i/2fa/register', { password: 'pw' }), errors.registerAuthFailed);
    await expectApiError(frank.client.request('i/2fa/unregister', { password: 'pw' }), errors.unregisterAuthFailed);
    await expectApiError(frank.client.request('i/2fa/unregister', { password: 'pw', token: '000000' }), errors.unregisterAuthFailed);
    await expectApiError(frank.client.request('i/2fa/unregister', { password: 'wrong', token: frank.backupCodes[0] }), errors.unregisterIncorrectPassword);
    expect(await frank.client.request('i/2fa/unregister', { password: 'pw', token: totpCode(frank.secret) })).toBeNull();
    expect(await frank.client.request('i', {})).toMatchObject({ twoFactorEnabled: false, twoFactorBackupCodesStock: 'none', usePasswordLessLogin: false });
    const [profile] = await server.ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, frank.id));
    expect(profile).toMatchObject({ twoFactorSecret: null, twoFactorBackupSecret: null });
    expect((await signin(server, { username: 'tf_frank', password: 'pw' })).status).toBe(200);
  });

  it('change-password wants the second factor and signs out the other web sessions only', async () => {
    const grace = await withTotp('tf_grace');
    const other = (await signin(server, { username: 'tf_grace', password: 'pw', token: grace.backupCodes[0] })).body.i as string;
    const app = await server.createAppToken(grace.id, ['read:account']);
    await expectApiError(grace.client.request('i/change-password', { currentPassword: 'pw', newPassword: 'pw2' }), errors.changePasswordAuthFailed);
    expect(await grace.client.request('i/change-password', { currentPassword: 'pw', newPassword: 'pw2', token: grace.backupCodes[1] })).toBeNull();
    expect((await grace.client.request('i', {})).id).toBe(grace.id);
    expect((await server.client(app).request('i', {})).id).toBe(grace.id);
    const res = await server.fetch('/api/i', { json: { i: other } });
    expect(res.status).toBe(401);
    const natives = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.userId, grace.id));
    expect(natives.filter((t) => t.isNative)).toHaveLength(1);
    expect((await signin(server, { username: 'tf_grace', password: 'pw2', token: grace.backupCodes[2] })).status).toBe(200);
  });

  it('update-email and delete-account want the second factor too', async () => {
    // update-email allows 3 calls an hour: each one below counts.
    const ivan = await withTotp('tf_judy');
    const updateEmailAuthFailed = { code: 'AUTHENTICATION_FAILED', id: 'ef9323ea-8451-4f7a-8f35-4b1ee014d9b7' };
    const deleteAuthFailed = { code: 'AUTHENTICATION_FAILED', id: 'ea791cff-63e7-4b2a-92fc-646ab641794e' };
    await expectApiError(ivan.client.request('i/update-email', { password: 'pw', email: null }), updateEmailAuthFailed);
    await expectApiError(ivan.client.request('i/update-email', { password: 'wrong', email: null, token: ivan.backupCodes[0] }),
      { code: 'INCORRECT_PASSWORD', id: 'e54c1d7e-e7d6-4103-86b6-0a95069b4ad3' });
    expect((await ivan.client.request('i/update-email', { password: 'pw', email: null, token: ivan.backupCodes[0] })).id).toBe(ivan.id);

    await expectApiError(ivan.client.request('i/delete-account', { password: 'pw' }), deleteAuthFailed);
    await expectApiError(ivan.client.request('i/delete-account', { password: 'pw', token: ivan.backupCodes[0] }), deleteAuthFailed); // used once already
    expect((await ivan.client.request('i', {})).id).toBe(ivan.id);
    expect(await ivan.client.request('i/delete-account', { password: 'pw', token: ivan.backupCodes[1] })).toBeNull();
    expect((await server.fetch('/api/i', { json: { i: ivan.token } })).status).toBe(401);
  });

  it('regenerate-token signs the web client out everywhere', async () => {
    const heidi = await signupOk(server, 'tf_heidi', 'pw');
    expect(await server.client(heidi.token).request('i/regenerate-token', { password: 'pw' })).toBeNull();
    expect((await server.fetch('/api/i', { json: { i: heidi.token } })).status).toBe(401);
  });

  it('signin-history is per account and pages', async () => {
    const ivan = await signupOk(server, 'tf_ivan', 'pw');
    for (let i = 0; i < 3; i++) await signin(server, { username: 'tf_ivan', password: i === 1 ? 'bad' : 'pw' });
    const client = server.client(ivan.token);
    const all = await client.request('i/signin-history', {});
    expect(all.map((e) => e.success)).toEqual([true, false, true]);
    const older = await client.request('i/signin-history', { untilId: all[0]!.id, limit: 1 });
    expect(older.map((e) => e.id)).toEqual([all[1]!.id]);
    const rows = await server.ctx.db.select().from(signins).where(eq(signins.userId, ivan.id));
    expect(rows.every((row) => /^10\./.test(row.ip))).toBe(true);
  });
});
