import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { userProfiles, userSecurityKeys } from '../../src/db/schema/index.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, freshIp, signin, signupOk } from '../accounts/helpers.js';
import { SoftwareAuthenticator } from '../fixtures/webauthn.js';
import { stableStep, totpCode } from './helpers.js';

const CREDENTIAL_FAILED = '93b86c4b-72f9-40eb-9815-798928603d1e';
const passkeyIds = {
  missingContext: '1658cc2e-4495-461f-aee4-d403cdf073c1',
  passwordlessNotEnabled: '2d84773e-f7b7-4d0b-8f72-bb69b584c912',
  noChallenge: '4e9f1c0a-2a5b-4f0d-9c1e-7b8a6d5c3e21',
  unknownKey: '5f0a2d1b-3b6c-4a1e-8d2f-8c9b7e6d4f32',
  verificationFailed: '6a1b3e2c-4c7d-4b2f-9e3a-9d0c8f7e5a43',
};
const errors = {
  registerKeyNotEnabled: { code: 'TWO_FACTOR_NOT_ENABLED', id: 'bf32b864-449b-47b8-974e-f9a5468546f1' },
  registerKeyIncorrectPassword: { code: 'INCORRECT_PASSWORD', id: '38769596-efe2-4faf-9bec-abbb3f2cd9ba' },
  registerKeyAuthFailed: { code: 'AUTHENTICATION_FAILED', id: 'a7628591-668b-47b2-919f-d986b22af06a' },
  keyDoneIncorrectPassword: { code: 'INCORRECT_PASSWORD', id: '0d7ec6d2-e652-443e-a7bf-9ee9a0cd77b0' },
  keyDoneAuthFailed: { code: 'AUTHENTICATION_FAILED', id: '7b7b1e88-c569-4873-9676-25c5717ace4e' },
  keyDoneNotEnabled: { code: 'TWO_FACTOR_NOT_ENABLED', id: '798d6847-b1ed-4f9c-b1f9-163c42655995' },
  noChallenge: { code: 'NO_PENDING_CHALLENGE', id: '5a2d4c61-7f3e-4e5b-9a8c-1d2e3f4a5b33' },
  verificationFailed: { code: 'VERIFICATION_FAILED', id: '6b3e5d72-8a4f-4f6c-ab9d-2e3f4a5b6c44' },
  noKey: { code: 'NO_SECURITY_KEY', id: 'f9c54d7f-d4c2-4d3c-9a8g-a70daac86512' },
  noSuchKey: { code: 'NO_SUCH_KEY', id: 'f9c5467f-d492-4d3c-9a8g-a70dacc86512' },
  updateAccessDenied: { code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fff-b8df-057708cce513' },
  removeIncorrectPassword: { code: 'INCORRECT_PASSWORD', id: '141c598d-a825-44c8-9173-cfb9d92be493' },
  removeAuthFailed: { code: 'AUTHENTICATION_FAILED', id: '724bcf94-1f52-4c57-ad40-4f7fbbf6ce87' },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await signupOk(server, 'wa_founder');
}, 60_000);
afterAll(async () => { await server?.close(); });

async function withTotp(username: string) {
  const account = await signupOk(server, username, 'pw');
  const client = server.client(account.token);
  const registration = await client.request('i/2fa/register', { password: 'pw' });
  const { backupCodes } = await client.request('i/2fa/done', { token: totpCode(registration.secret, -1) });
  return { ...account, client, secret: registration.secret, backupCodes };
}

/** TOTP on, one key registered with a fresh software authenticator. */
async function withKey(username: string) {
  const account = await withTotp(username);
  const authenticator = new SoftwareAuthenticator(server.url);
  const options = await account.client.request('i/2fa/register-key', { password: 'pw', token: account.backupCodes[0] });
  const key = await account.client.request('i/2fa/key-done', {
    password: 'pw', token: account.backupCodes[1], name: 'My key', credential: authenticator.create(options as never) as never,
  });
  return { ...account, authenticator, key };
}

function passkeySignin(body: unknown, ip = freshIp()) {
  return server.fetch('/api/signin-with-passkey', { json: body, headers: { 'x-forwarded-for': ip, 'user-agent': 'mikan-tests/1.0' } });
}

describe('registering security keys', () => {
  it('needs TOTP on, the password and a second factor; the key then shows on i', async () => {
    await stableStep();
    const plain = await signupOk(server, 'wa_plain', 'pw');
    await expectApiError(server.client(plain.token).request('i/2fa/register-key', { password: 'pw' }), errors.registerKeyNotEnabled);
    await expectApiError(server.client(plain.token).request('i/2fa/key-done', { password: 'pw', name: 'k', credential: {} as never }), errors.keyDoneNotEnabled);
    await expectApiError(server.client(plain.token).request('i/2fa/password-less', { value: true }), errors.noKey);

    const alice = await withTotp('wa_alice');
    await expectApiError(alice.client.request('i/2fa/register-key', { password: 'pw' }), errors.registerKeyAuthFailed);
    await expectApiError(alice.client.request('i/2fa/register-key', { password: 'wrong', token: totpCode(alice.secret) }), errors.registerKeyIncorrectPassword);
    // No challenge yet.
    const authenticator = new SoftwareAuthenticator(server.url);
    await expectApiError(alice.client.request('i/2fa/key-done', { password: 'pw', name: 'k', credential: { id: 'x' } as never }), errors.keyDoneAuthFailed);
    await expectApiError(alice.client.request('i/2fa/key-done', { password: 'pw', token: alice.backupCodes[0], name: 'k', credential: { id: 'x' } as never }), errors.noChallenge);

    const options = await alice.client.request('i/2fa/register-key', { password: 'pw', token: alice.backupCodes[1] }) as any;
    expect(options).toMatchObject({
      rp: { id: '127.0.0.1' }, user: { name: 'wa_alice' }, attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    expect(options.challenge).toEqual(expect.any(String));
    await expectApiError(alice.client.request('i/2fa/key-done', { password: 'pw', token: '000000', name: 'k', credential: authenticator.create(options) as never }), errors.keyDoneAuthFailed);
    await expectApiError(alice.client.request('i/2fa/key-done', { password: 'nope', token: alice.backupCodes[2], name: 'k', credential: authenticator.create(options) as never }), errors.keyDoneIncorrectPassword);

    // An answer made for another origin does not verify (and uses the challenge up).
    const again = await alice.client.request('i/2fa/register-key', { password: 'pw', token: alice.backupCodes[3] }) as any;
    await expectApiError(alice.client.request('i/2fa/key-done', {
      password: 'pw', token: alice.backupCodes[4], name: 'k', credential: authenticator.create(again, { origin: 'https://evil.example' }) as never,
    }), errors.verificationFailed);

    const fresh = await alice.client.request('i/2fa/register-key', { password: 'pw', token: totpCode(alice.secret) }) as any;
    const credential = authenticator.create(fresh);
    // The code given to register-key covers this key-done: no second code needed.
    const key = await alice.client.request('i/2fa/key-done', { password: 'pw', name: 'YubiKey', credential: credential as never });
    expect(key).toEqual({ id: credential.id, name: 'YubiKey' });
    const me = await alice.client.request('i', {});
    expect(me.securityKeys).toBe(true);
    expect(me.securityKeysList).toEqual([{ id: credential.id, name: 'YubiKey', lastUsed: expect.any(String) }]);
    // Moderators and the owner only see whether keys exist; others see nothing.
    const shown = await server.client(plain.token).request('users/show', { userId: alice.id }) as any;
    expect(shown.securityKeys).toBeUndefined();
    expect(shown.twoFactorEnabled).toBeUndefined();
  });

  it('renames with update-key; foreign and unknown keys are refused', async () => {
    const bob = await withKey('wa_bob');
    const eve = await signupOk(server, 'wa_eve', 'pw');
    await expectApiError(server.client(eve.token).request('i/2fa/update-key', { credentialId: bob.key.id, name: 'mine' }), errors.updateAccessDenied);
    await expectApiError(bob.client.request('i/2fa/update-key', { credentialId: 'nope', name: 'x' }), errors.noSuchKey);
    await expectApiError(bob.client.request('i/2fa/update-key', { credentialId: bob.key.id, name: '' }), { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    await expectApiError(bob.client.request('i/2fa/update-key', { credentialId: bob.key.id, name: 'x'.repeat(31) }), { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    expect(await bob.client.request('i/2fa/update-key', { credentialId: bob.key.id, name: 'Laptop' })).toBeNull();
    expect((await bob.client.request('i', {})).securityKeysList).toEqual([expect.objectContaining({ id: bob.key.id, name: 'Laptop' })]);
  });
});

describe('sign-in with a security key', () => {
  it('answers next: passkey with request options; a good assertion signs in, a wrong one does not', async () => {
    const carol = await withKey('wa_carol');
    const step = await signin(server, { username: 'wa_carol', password: 'pw' });
    expect(step.body).toMatchObject({ finished: false, next: 'passkey', authRequest: { challenge: expect.any(String), rpId: '127.0.0.1' } });
    expect(step.body.authRequest.allowCredentials).toEqual([expect.objectContaining({ id: carol.key.id, type: 'public-key' })]);

    // A tampered signature: refused, and the challenge is gone with it.
    const bad = await signin(server, { username: 'wa_carol', password: 'pw', credential: carol.authenticator.get(step.body.authRequest, { signature: true }) });
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({ error: { id: CREDENTIAL_FAILED } });
    const replay = await signin(server, { username: 'wa_carol', password: 'pw', credential: carol.authenticator.get(step.body.authRequest) });
    expect(replay.body).toEqual({ error: { id: CREDENTIAL_FAILED } });

    // An answer to someone else's challenge does not verify either.
    const next = await signin(server, { username: 'wa_carol', password: 'pw' });
    const wrongChallenge = await signin(server, { username: 'wa_carol', password: 'pw', credential: carol.authenticator.get(next.body.authRequest, { challenge: 'AAAA' }) });
    expect(wrongChallenge.body).toEqual({ error: { id: CREDENTIAL_FAILED } });

    const fresh = await signin(server, { username: 'wa_carol', password: 'pw' });
    const ok = await signin(server, { username: 'wa_carol', password: 'pw', credential: carol.authenticator.get(fresh.body.authRequest) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ finished: true, id: carol.id, i: expect.any(String) });
    const [row] = await server.ctx.db.select().from(userSecurityKeys).where(eq(userSecurityKeys.id, carol.key.id));
    expect(row!.counter).toBeGreaterThan(0);

    // The TOTP code still works in place of the key; a wrong password never gets the challenge.
    expect((await signin(server, { username: 'wa_carol', password: 'nope' })).body).toEqual({ error: { id: '932c904e-9460-45b7-9ce6-7ed33be7eb2c' } });
  });
});

describe('password-less sign-in (signin-with-passkey)', () => {
  it('signs in with the passkey alone once password-less sign-in is on', async () => {
    const dave = await withKey('wa_dave');
    const init = await passkeySignin({});
    expect(init.status).toBe(200);
    expect(init.body).toMatchObject({ context: expect.any(String), option: { challenge: expect.any(String), rpId: '127.0.0.1' } });
    expect(init.body.option.allowCredentials ?? []).toEqual([]);

    expect((await passkeySignin({ credential: dave.authenticator.get(init.body.option) })).body).toEqual({ error: { id: passkeyIds.missingContext } });
    const notEnabled = await passkeySignin({ credential: dave.authenticator.get(init.body.option), context: init.body.context });
    expect(notEnabled.status).toBe(403);
    expect(notEnabled.body).toEqual({ error: { id: passkeyIds.passwordlessNotEnabled } });

    expect(await dave.client.request('i/2fa/password-less', { value: true })).toBeNull();
    expect((await dave.client.request('i', {})).usePasswordLessLogin).toBe(true);

    // The context's challenge was used up above.
    expect((await passkeySignin({ credential: dave.authenticator.get(init.body.option), context: init.body.context })).body).toEqual({ error: { id: passkeyIds.noChallenge } });

    const second = await passkeySignin({});
    expect((await passkeySignin({ credential: dave.authenticator.get(second.body.option, { signature: true }), context: second.body.context })).body)
      .toEqual({ error: { id: passkeyIds.verificationFailed } });

    const stranger = new SoftwareAuthenticator(server.url);
    stranger.create({ challenge: 'AAAA', rp: { name: 'x' }, user: { id: 'AAAA', name: 'x' } });
    const third = await passkeySignin({});
    expect((await passkeySignin({ credential: stranger.get(third.body.option), context: third.body.context })).body).toEqual({ error: { id: passkeyIds.unknownKey } });

    const fourth = await passkeySignin({});
    const ok = await passkeySignin({ credential: dave.authenticator.get(fourth.body.option), context: fourth.body.context });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ signinResponse: { finished: true, id: dave.id, i: expect.any(String) } });
    expect((await server.client(ok.body.signinResponse.i).request('i', {})).id).toBe(dave.id);
    const history = await dave.client.request('i/signin-history', {});
    expect(history[0]).toMatchObject({ success: true });

    expect((await server.fetch('/api/signin-with-passkey', { json: { credential: 'x', context: 1 } })).status).toBe(400);
  });

  it('remove-key wants the second factor; without keys password-less sign-in goes off', async () => {
    await stableStep();
    const erin = await withKey('wa_erin');
    await erin.client.request('i/2fa/password-less', { value: true });
    await expectApiError(erin.client.request('i/2fa/remove-key', { password: 'pw', credentialId: erin.key.id }), errors.removeAuthFailed);
    await expectApiError(erin.client.request('i/2fa/remove-key', { password: 'bad', token: totpCode(erin.secret), credentialId: erin.key.id }), errors.removeIncorrectPassword);
    expect(await erin.client.request('i/2fa/remove-key', { password: 'pw', token: erin.backupCodes[2], credentialId: erin.key.id })).toBeNull();
    const me = await erin.client.request('i', {});
    expect(me).toMatchObject({ securityKeys: false, securityKeysList: [], usePasswordLessLogin: false, twoFactorEnabled: true });
    // Back to TOTP at sign-in.
    expect((await signin(server, { username: 'wa_erin', password: 'pw' })).body).toEqual({ finished: false, next: 'totp' });
  });
});

describe('users/get-security-info', () => {
  it('tells how an account signs in, given its verified address and password; otherwise all false', async () => {
    const frank = await withKey('wa_frank');
    await server.ctx.db.update(userProfiles).set({ email: 'frank@example.com', emailVerified: true }).where(eq(userProfiles.userId, frank.id));
    const ask = (body: unknown) => server.fetch('/api/users/get-security-info', { json: body });
    expect((await ask({ email: 'frank@example.com', password: 'pw' })).body).toEqual({ twoFactorEnabled: true, usePasswordLessLogin: false, securityKeys: true });
    expect((await ask({ email: 'frank@example.com', password: 'wrong' })).body).toEqual({ twoFactorEnabled: false, usePasswordLessLogin: false, securityKeys: false });
    expect((await ask({ email: 'nobody@example.com', password: 'pw' })).body).toEqual({ twoFactorEnabled: false, usePasswordLessLogin: false, securityKeys: false });
    const invalid = await ask({ email: 'frank@example.com' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('INVALID_PARAM');
  });
});
