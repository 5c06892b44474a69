import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { registrationErrors, signupErrors } from '../../src/api/account-errors.js';
import { expectError, signin, signup, signupOk } from '../accounts/helpers.js';

const e = {
  invalidDateTime: { code: 'INVALID_DATE_TIME', id: 'f1380b15-3760-4c6c-a1db-5c3aaf1cbd49' },
  exceeded: { code: 'EXCEEDED_LIMIT_OF_CREATE_INVITE_CODE', id: '8b165dd3-6f37-4557-8db1-73175d63c641' },
  noSuchCode: { code: 'NO_SUCH_INVITE_CODE', id: 'cd4f9ae4-7854-4e3e-8df9-c296f051e634' },
  cantDelete: { code: 'CAN_NOT_DELETE_INVITE_CODE', id: 'ff17af39-000c-4d4e-abdf-848fa30fc1ce' },
  accessDenied: { code: 'ACCESS_DENIED', id: '5eb8d909-2540-4970-90b8-dd6f86088121' },
  policyRequired: { code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a' },
  moderatorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
  unsupported: { code: 'UNSUPPORTED_SETTING', id: '9e0336d0-26e6-4f7a-b47e-b7364c58748a' },
};

let server: TestServer;
let admin: { id: string; token: string };
let moderator: { id: string; token: string };
let carol: { id: string; username: string; token: string };
let dave: { id: string; username: string; token: string };
const adm = () => server.client(admin.token);

async function setPolicies(policies: Record<string, unknown>) {
  await adm().request('admin/update-meta', { policies } as never);
}

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false, authRateLimit: false });
  admin = await server.createUser({ username: 'root', isAdmin: true });
  moderator = await server.createUser({ username: 'mod2', isModerator: true });
  carol = await server.createUser({ username: 'carol' });
  dave = await server.createUser({ username: 'dave' });
});

afterAll(async () => {
  await server?.close();
});

describe('admin/invite/create and list', () => {
  it('makes codes shaped as misskey-js InviteCode, logs them, and lists them by type and sort', async () => {
    const codes = await server.client(moderator.token).request('admin/invite/create', { count: 3 });
    expect(codes).toHaveLength(3);
    for (const code of codes) {
      expect(code).toEqual({ id: expect.any(String), code: expect.stringMatching(/^[0-9A-Z]{16}$/), expiresAt: null, createdAt: expect.any(String), createdBy: null, usedBy: null, usedAt: null, used: false });
    }
    expect(new Set(codes.map((code) => code.code)).size).toBe(3);
    const [log] = await adm().request('admin/show-moderation-logs', { type: 'createInvitation' });
    expect(log).toMatchObject({ userId: moderator.id, info: { invitations: codes } });

    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const [expiring] = await adm().request('admin/invite/create', { expiresAt });
    expect(expiring!.expiresAt).toBe(expiresAt);
    const [expired] = await adm().request('admin/invite/create', { expiresAt: new Date(Date.now() - 1000).toISOString() });

    const all = await adm().request('admin/invite/list', {});
    expect(all.map((code) => code.id)).toEqual(expect.arrayContaining([...codes.map((code) => code.id), expiring!.id, expired!.id]));
    expect(all[0]!.id).toBe(expired!.id);
    expect((await adm().request('admin/invite/list', { type: 'expired' })).map((code) => code.id)).toEqual([expired!.id]);
    expect((await adm().request('admin/invite/list', { sort: '-createdAt', limit: 1 }))[0]!.id).toBe(codes[0]!.id);
    expect((await adm().request('admin/invite/list', { limit: 2, offset: 1 })).map((code) => code.id)).toEqual([all[1]!.id, all[2]!.id]);

    // Used by a sign-up: listed as used.
    await adm().request('admin/update-meta', { disableRegistration: true });
    try {
      const newcomer = await signup(server, { username: 'invited1', password: 'pw', invitationCode: codes[0]!.code });
      expect(newcomer.status, JSON.stringify(newcomer.body)).toBe(200);
      const used = await adm().request('admin/invite/list', { type: 'used' });
      expect(used).toHaveLength(1);
      expect(used[0]).toMatchObject({ id: codes[0]!.id, used: true, usedBy: { id: newcomer.body.id, username: 'invited1' }, usedAt: expect.any(String) });
      expect((await adm().request('admin/invite/list', { type: 'unused' })).map((code) => code.id)).not.toContain(codes[0]!.id);
      expect((await adm().request('admin/invite/list', { sort: '+usedAt', limit: 1 }))[0]!.id).toBe(codes[0]!.id);
    } finally {
      await adm().request('admin/update-meta', { disableRegistration: false });
    }
  });

  it('refuses bad dates, bad counts and callers who are not moderators', async () => {
    await expectApiError(adm().request('admin/invite/create', { expiresAt: 'next tuesday' }), e.invalidDateTime);
    for (const count of [0, 101, 1.5]) expectError(await server.fetch('/api/admin/invite/create', { json: { i: admin.token, count } }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/admin/invite/list', { json: { i: admin.token, type: 'fresh' } }), commonErrors.invalidParam, 400);
    await expectApiError(server.client(carol.token).request('admin/invite/create', {}), e.moderatorRequired);
    await expectApiError(server.client(carol.token).request('admin/invite/list', {}), e.moderatorRequired);
    const appToken = await server.createAppToken(admin.id, ['read:admin:invite-codes']);
    expect(Array.isArray(await server.client(appToken).request('admin/invite/list', {}))).toBe(true);
    await expectApiError(server.client(appToken).request('admin/invite/create', {}), commonErrors.permissionDenied);
  });
});

describe('invite/create, delete, list, limit and their policies', () => {
  it('needs canInvite', async () => {
    await setPolicies({ canInvite: false });
    for (const [endpoint, params] of [['invite/create', {}], ['invite/list', {}], ['invite/limit', {}], ['invite/delete', { inviteId: '0000000000000000' }]] as const) {
      await expectApiError(server.client(carol.token).request(endpoint as 'invite/delete', params as never), e.policyRequired);
    }
    await expectApiError(server.client().request('invite/limit', {}), commonErrors.credentialRequired);
  });

  it('counts inviteLimit per inviteLimitCycle, sets inviteExpirationTime, and answers the remaining count', async () => {
    await setPolicies({ canInvite: true, inviteLimit: 2, inviteLimitCycle: 60, inviteExpirationTime: 30 });
    const client = server.client(carol.token);
    expect(await client.request('invite/limit', {})).toEqual({ remaining: 2 });
    const first = await client.request('invite/create', {});
    expect(first).toMatchObject({ createdBy: { id: carol.id, username: 'carol' }, usedBy: null, used: false });
    const lifetime = new Date(first.expiresAt!).getTime() - new Date(first.createdAt).getTime();
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 1000);
    expect(await client.request('invite/limit', {})).toEqual({ remaining: 1 });
    const second = await client.request('invite/create', {});
    expect(await client.request('invite/limit', {})).toEqual({ remaining: 0 });
    await expectApiError(client.request('invite/create', {}), e.exceeded);
    expect((await client.request('invite/list', {})).map((code) => code.id)).toEqual([second.id, first.id]);
    expect((await client.request('invite/list', { untilId: second.id })).map((code) => code.id)).toEqual([first.id]);

    // Another user's limit is their own; with inviteLimit 0 there is none.
    expect(await server.client(dave.token).request('invite/limit', {})).toEqual({ remaining: 2 });
    await setPolicies({ canInvite: true, inviteLimit: 0, inviteExpirationTime: 0 });
    expect(await client.request('invite/limit', {})).toEqual({ remaining: null });
    const unlimited = await client.request('invite/create', {});
    expect(unlimited.expiresAt).toBeNull();
    for (const { id } of [first, second, unlimited]) await client.request('invite/delete', { inviteId: id });
    expect(await client.request('invite/list', {})).toEqual([]);
  });

  it('deletes only your own unused codes (moderators: anyone\'s)', async () => {
    await setPolicies({ canInvite: true, inviteLimit: 0 });
    const carols = server.client(carol.token);
    const mine = await carols.request('invite/create', {});
    await expectApiError(server.client(dave.token).request('invite/delete', { inviteId: mine.id }), e.accessDenied);
    await expectApiError(carols.request('invite/delete', { inviteId: '0000000000000000' }), e.noSuchCode);

    await adm().request('admin/update-meta', { disableRegistration: true });
    try {
      expect((await signup(server, { username: 'invited2', password: 'pw', invitationCode: mine.code })).status).toBe(200);
    } finally {
      await adm().request('admin/update-meta', { disableRegistration: false });
    }
    await expectApiError(carols.request('invite/delete', { inviteId: mine.id }), e.cantDelete);
    expect((await carols.request('invite/list', {}))[0]).toMatchObject({ id: mine.id, used: true, usedBy: { username: 'invited2' } });

    const another = await carols.request('invite/create', {});
    await server.client(moderator.token).request('invite/delete', { inviteId: another.id });
    await expectApiError(carols.request('invite/delete', { inviteId: another.id }), e.noSuchCode);

    const readOnly = await server.createAppToken(carol.id, ['read:invite-codes']);
    expect(Array.isArray(await server.client(readOnly).request('invite/list', {}))).toBe(true);
    await expectApiError(server.client(readOnly).request('invite/create', {}), commonErrors.permissionDenied);
    await setPolicies({});
  });
});

describe('sign-up: open, closed, invitation-only', () => {
  it('takes invitation codes only while registration is closed, and refuses unknown, used and expired ones', async () => {
    const [code] = await adm().request('admin/invite/create', {});
    const [stale] = await adm().request('admin/invite/create', { expiresAt: new Date(Date.now() - 60_000).toISOString() });

    // Open: the code is not needed, and not used up.
    await signupOk(server, 'openuser');
    expect((await signup(server, { username: 'openuser2', password: 'pw', invitationCode: code!.code })).status).toBe(200);
    expect((await adm().request('admin/invite/list', { type: 'used' })).map((c) => c.id)).not.toContain(code!.id);

    await adm().request('admin/update-meta', { disableRegistration: true });
    try {
      expect((await server.client().request('meta', {})).disableRegistration).toBe(true);
      expectError(await signup(server, { username: 'closed1', password: 'pw' }), registrationErrors.registrationClosed, 400);
      expectError(await signup(server, { username: 'closed1', password: 'pw', invitationCode: '' }), registrationErrors.registrationClosed, 400);
      expectError(await signup(server, { username: 'closed1', password: 'pw', invitationCode: 'NOPE' }), signupErrors.NO_SUCH_INVITATION_CODE, 400);
      expectError(await signup(server, { username: 'closed1', password: 'pw', invitationCode: stale!.code }), signupErrors.INVITATION_CODE_EXPIRED, 400);
      // A refused name does not use up the code.
      expectError(await signup(server, { username: 'carol', password: 'pw', invitationCode: code!.code }), signupErrors.DUPLICATED_USERNAME, 400);
      const ok = await signup(server, { username: 'closed1', password: 'pw', invitationCode: code!.code });
      expect(ok.status).toBe(200);
      expect(ok.body.token).toEqual(expect.any(String));
      expectError(await signup(server, { username: 'closed2', password: 'pw', invitationCode: code!.code }), signupErrors.INVITATION_CODE_USED, 400);

      // Two sign-ups racing for one code: exactly one gets it.
      const [contested] = await adm().request('admin/invite/create', {});
      const results = await Promise.all(['race1', 'race2', 'race3'].map((username) => signup(server, { username, password: 'pw', invitationCode: contested!.code })));
      expect(results.filter((res) => res.status === 200)).toHaveLength(1);
      for (const res of results.filter((r) => r.status !== 200)) expectError(res, signupErrors.INVITATION_CODE_USED, 400);
    } finally {
      await adm().request('admin/update-meta', { disableRegistration: false });
    }
    // The invited account signs in like any other.
    expect((await signin(server, { username: 'closed1', password: 'pw' })).status).toBe(200);
  });
});

describe('reserved usernames and username/available', () => {
  it('reserves Misskey\'s default names until the admin changes preservedUsernames', async () => {
    const anonymous = server.client();
    expect(await anonymous.request('username/available', { username: 'admin' })).toEqual({ available: false });
    expect(await anonymous.request('username/available', { username: 'Support' })).toEqual({ available: false });
    expect(await anonymous.request('username/available', { username: 'freshname' })).toEqual({ available: true });
    expect(await anonymous.request('username/available', { username: 'carol' })).toEqual({ available: false });
    expectError(await signup(server, { username: 'admin', password: 'pw' }), signupErrors.DENIED_USERNAME, 400);

    await adm().request('admin/update-meta', { preservedUsernames: ['Boss', ' ', 'chief'] } as never);
    try {
      expect(server.ctx.meta.get().preservedUsernames).toEqual(['Boss', 'chief']);
      expect(await anonymous.request('username/available', { username: 'boss' })).toEqual({ available: false });
      expect(await anonymous.request('username/available', { username: 'support' })).toEqual({ available: true });
      expectError(await signup(server, { username: 'CHIEF', password: 'pw' }), signupErrors.DENIED_USERNAME, 400);
      expect((await signup(server, { username: 'support', password: 'pw' })).status).toBe(200);
    } finally {
      await adm().request('admin/update-meta', { preservedUsernames: [] } as never);
    }
    expect(await anonymous.request('username/available', { username: 'boss' })).toEqual({ available: true });
    expectError(await server.fetch('/api/admin/update-meta', { json: { i: admin.token, preservedUsernames: 'admin' } }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/username/available', { json: { username: 'has space' } }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/username/available', { json: {} }), commonErrors.invalidParam, 400);
  });
});

describe('captcha settings', () => {
  it('refuses enabling any captcha provider (none can be reached) and stores nothing', async () => {
    for (const field of ['enableHcaptcha', 'enableRecaptcha', 'enableTurnstile', 'enableMcaptcha']) {
      const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, [field]: true, name: 'Captcha test' } });
      expectError(res, e.unsupported, 400);
      expect(res.body.error.info.param).toBe(field);
      expect(res.body.error.info.reason).toContain('captcha');
    }
    expect(server.ctx.meta.get().name).not.toBe('Captcha test');
    // Turning them off (what a settings form sends back) is fine.
    await adm().request('admin/update-meta', { enableHcaptcha: false, enableRecaptcha: false, enableTurnstile: false, enableMcaptcha: false });
    const meta = await server.client().request('meta', {});
    expect(meta).toMatchObject({ enableHcaptcha: false, enableRecaptcha: false, enableTurnstile: false, enableMcaptcha: false });
  });
});
