import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import type { TestServer } from '../harness.js';
import { signin } from '../accounts/helpers.js';
import { pngWithOrientation, upload } from '../drive/helpers.js';
import { closed, eventually, openStream } from '../streaming/helpers.js';
import { e, expectApiError, staff, startModerationServer, unknownId, type Account } from './helpers.js';

let server: TestServer;
let moderator: Account;
let admin: Account;
const mod = () => server.client(moderator.token);
const logsOf = async (type: string) => server.client(admin.token).request('admin/show-moderation-logs', { type, limit: 100 });

beforeAll(async () => {
  server = await startModerationServer({ allowPrivateNetwork: true });
  ({ moderator, admin } = await staff(server));
});
afterAll(async () => { await server?.close(); });

describe('admin/suspend-user and admin/unsuspend-user', () => {
  it('kills every token of the account at once (HTTP and an open socket), refuses its sign-in, hides it from lists; unsuspending restores it', async () => {
    const member = await server.createUser({ password: 'member password' });
    const viewer = await server.createUser();
    const appToken = await server.createAppToken(member.id, ['read:account']);
    await server.client(member.token).request('i/update', { description: 'I like #moderationtag' });
    await server.client(member.token).request('notes/create', { text: 'hello' });
    const search = () => server.client(viewer.token).request('users/search', { query: member.username });
    const byName = () => server.client(viewer.token).request('users/search-by-username-and-host', { username: member.username });
    const directory = () => server.client(viewer.token).request('users', { limit: 100, origin: 'local' });
    const tagged = () => server.client(viewer.token).request('hashtags/users', { tag: 'moderationtag', sort: '+follower' });
    expect((await search()).map((user) => user.id)).toContain(member.id);
    expect((await byName()).map((user) => user.id)).toContain(member.id);
    expect((await directory()).map((user) => user.id)).toContain(member.id);
    expect((await tagged()).map((user) => user.id)).toContain(member.id);

    const stream = await openStream(server, member.token);
    const socket = (stream as unknown as { stream: { _ws?: unknown } }).stream;
    const closing = new Promise<void>((resolve) => stream.once('_disconnected_', () => resolve()));

    await mod().request('admin/suspend-user', { userId: member.id });

    await expectApiError(server.client(member.token).request('i', {}), e.yourAccountSuspended);
    await expectApiError(server.client(appToken).request('i', {}), e.yourAccountSuspended);
    await closing;
    void socket;
    const refused = await signin(server, { username: member.username, password: 'member password' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.id).toBe('e03a5f46-d309-4865-9b69-56282d94e1eb');

    await expectApiError(server.client(viewer.token).request('users/show', { userId: member.id }), e.userSuspended);
    await expectApiError(server.client().request('users/show', { userId: member.id }), e.userSuspended);
    expect(await mod().request('users/show', { userId: member.id })).toMatchObject({ id: member.id, isSuspended: true });
    expect((await search()).map((user) => user.id)).not.toContain(member.id);
    expect((await byName()).map((user) => user.id)).not.toContain(member.id);
    expect((await directory()).map((user) => user.id)).not.toContain(member.id);
    expect((await tagged()).map((user) => user.id)).not.toContain(member.id);
    expect(await mod().request('admin/show-user', { userId: member.id })).toMatchObject({ isSuspended: true });

    await mod().request('admin/unsuspend-user', { userId: member.id });
    expect(await server.client(member.token).request('i', {})).toMatchObject({ id: member.id });
    expect(await server.client(appToken).request('i', {})).toMatchObject({ id: member.id });
    expect((await signin(server, { username: member.username, password: 'member password' })).status).toBe(200);
    expect((await search()).map((user) => user.id)).toContain(member.id);

    const [unsuspended] = await logsOf('unsuspend');
    const [suspended] = await logsOf('suspend');
    expect(suspended).toMatchObject({ type: 'suspend', userId: moderator.id, user: { id: moderator.id }, info: { userId: member.id, userUsername: member.username, userHost: null } });
    expect(unsuspended).toMatchObject({ type: 'unsuspend', userId: moderator.id, info: { userId: member.id } });
    expect(Date.parse(unsuspended!.createdAt)).toBeGreaterThanOrEqual(Date.parse(suspended!.createdAt));
  });

  it('closes a raw socket of the suspended account with 1008', async () => {
    const member = await server.createUser();
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/streaming?i=${member.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closing = closed(socket);
    await mod().request('admin/suspend-user', { userId: member.id });
    expect((await closing).code).toBe(1008);
  });

  it('refuses to suspend moderators and administrators, and unknown accounts', async () => {
    const otherModerator = await server.createUser({ isModerator: true });
    await expectApiError(mod().request('admin/suspend-user', { userId: otherModerator.id }), e.cannotSuspendModerator);
    await expectApiError(mod().request('admin/suspend-user', { userId: admin.id }), e.cannotSuspendModerator);
    await expectApiError(mod().request('admin/suspend-user', { userId: unknownId }), e.noSuchUser);
    await expectApiError(mod().request('admin/unsuspend-user', { userId: unknownId }), e.noSuchUser);
    expect(await server.client(otherModerator.token).request('i', {})).toMatchObject({ id: otherModerator.id });
  });
});

describe('admin/show-user and admin/show-users', () => {
  it('shows e-mail, settings, the moderation note and recent sign-ins; a moderator may not look at an administrator', async () => {
    const member = await server.createUser({ password: 'pw one', email: 'member@example.com' });
    expect((await signin(server, { username: member.username, password: 'pw one' }, '203.0.113.9')).status).toBe(200);
    await mod().request('admin/update-user-note', { userId: member.id, text: 'watch this one' });
    const shown = await mod().request('admin/show-user', { userId: member.id });
    expect(shown).toMatchObject({
      email: 'member@example.com', emailVerified: false, isModerator: false, isSuspended: false, isSilenced: false,
      moderationNote: 'watch this one', roles: [], roleAssigns: [],
    });
    expect(shown.signins[0]).toMatchObject({ ip: '203.0.113.9', success: true });
    expect(shown.policies).toHaveProperty('rateLimitFactor');
    expect(await mod().request('users/show', { userId: member.id })).toMatchObject({ moderationNote: 'watch this one' });

    await mod().request('admin/update-user-note', { userId: member.id, text: 'fine now' });
    const [noteLog] = await logsOf('updateUserNote');
    expect(noteLog!.info).toEqual({ userId: member.id, userUsername: member.username, userHost: null, before: 'watch this one', after: 'fine now' });

    await expectApiError(mod().request('admin/show-user', { userId: admin.id }), e.cannotActOnAdministrator);
    // Misskey's RoleService.isModerator counts administrators as moderators.
    expect(await server.client(admin.token).request('admin/show-user', { userId: admin.id })).toMatchObject({ isModerator: true });
    await expectApiError(mod().request('admin/show-user', { userId: unknownId }), e.noSuchUser);
    await expectApiError(mod().request('admin/update-user-note', { userId: unknownId, text: 'x' }), e.noSuchUser);
  });

  it('filters by state, username prefix and origin, sorts and pages by offset', async () => {
    const prefix = `sortee${process.pid}`;
    const a = await server.createUser({ username: `${prefix}a` });
    const b = await server.createUser({ username: `${prefix}b` });
    const c = await server.createUser({ username: `${prefix}c`, isModerator: true });
    await mod().request('admin/suspend-user', { userId: b.id });

    const ids = async (params: Record<string, unknown>) => (await mod().request('admin/show-users', { limit: 100, username: prefix, ...params } as never)).map((user: { id: string }) => user.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ sort: '+createdAt' })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ state: 'suspended' })).toEqual([b.id]);
    expect(await ids({ state: 'available' })).toEqual([a.id, c.id]);
    expect(await ids({ state: 'moderator' })).toEqual([c.id]);
    expect(await ids({ state: 'adminOrModerator' })).toEqual([c.id]);
    expect(await ids({ state: 'admin' })).toEqual([]);
    expect(await ids({ origin: 'remote' })).toEqual([]);
    expect(await ids({ offset: 1, limit: 1 })).toEqual([b.id]);
    expect(await ids({ username: `${prefix}C` })).toEqual([c.id]);
    const admins = await mod().request('admin/show-users', { state: 'admin', limit: 100 });
    expect(admins.map((user) => user.id)).toContain(admin.id);
  });
});

describe('accounts: password, token, name, images', () => {
  it('reset-password answers a new password that signs in; root and (for moderators) administrators are refused', async () => {
    const member = await server.createUser({ password: 'old password' });
    const { password } = await mod().request('admin/reset-password', { userId: member.id });
    expect(password).toMatch(/^[A-Za-z0-9]{8}$/);
    expect((await signin(server, { username: member.username, password: 'old password' })).status).toBe(403);
    expect((await signin(server, { username: member.username, password })).status).toBe(200);
    expect((await logsOf('resetPassword'))[0]).toMatchObject({ info: { userId: member.id, userUsername: member.username, userHost: null } });

    await expectApiError(mod().request('admin/reset-password', { userId: admin.id }), e.cannotActOnAdministrator);
    const root = await server.createUser();
    await server.ctx.db.update(users).set({ isRoot: true, isAdmin: true }).where(eq(users.id, root.id));
    await expectApiError(server.client(admin.token).request('admin/reset-password', { userId: root.id }), e.cannotResetRootPassword);
    await expectApiError(mod().request('admin/reset-password', { userId: unknownId }), e.noSuchUser);
    await server.ctx.db.update(users).set({ isRoot: false }).where(eq(users.id, root.id));
  });

  it('regenerate-user-token kills the native tokens at once and leaves app tokens', async () => {
    const member = await server.createUser();
    const appToken = await server.createAppToken(member.id, ['read:account']);
    await server.client(member.token).request('i', {});
    // The fork's endpoint, not in misskey-js: called directly.
    const regenerate = async (token: string, userId: string) => (await server.fetch('/api/admin/regenerate-user-token', { json: { i: token, userId } })).body?.error;
    expect(await regenerate(moderator.token, member.id)).toBeUndefined();
    await expectApiError(server.client(member.token).request('i', {}), { code: 'AUTHENTICATION_FAILED', id: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14' });
    expect(await server.client(appToken).request('i', {})).toMatchObject({ id: member.id });
    expect((await logsOf('regenerateUserToken'))[0]).toMatchObject({ info: { userId: member.id } });
    expect(await regenerate(moderator.token, admin.id)).toMatchObject(e.cannotActOnAdministrator);
    expect(await regenerate(moderator.token, unknownId)).toMatchObject(e.noSuchUser);
  });

  it('update-user-name renames (blank clears), logged', async () => {
    const member = await server.createUser({ name: 'Spammy Name' });
    await server.fetch('/api/admin/update-user-name', { json: { i: moderator.token, userId: member.id, name: 'Neutral' } });
    expect(await mod().request('users/show', { userId: member.id })).toMatchObject({ name: 'Neutral' });
    await server.fetch('/api/admin/update-user-name', { json: { i: moderator.token, userId: member.id, name: '  ' } });
    expect(await mod().request('users/show', { userId: member.id })).toMatchObject({ name: null });
    expect((await logsOf('updateUserName'))[0]).toMatchObject({ info: { userId: member.id, before: 'Neutral', after: null } });
    const missing = await server.fetch('/api/admin/update-user-name', { json: { i: moderator.token, userId: unknownId, name: 'x' } });
    expect(missing.body.error).toMatchObject(e.noSuchUser);
  });

  it('unset-user-avatar and unset-user-banner take the images off, logged with the file id; nothing to do when none is set', async () => {
    const member = await server.createUser();
    const image = await upload(server, member.token, await pngWithOrientation());
    await server.client(member.token).request('i/update', { avatarId: image.id, bannerId: image.id });
    const images = async () => (await server.ctx.db.select({ avatarId: users.avatarId, bannerId: users.bannerId }).from(users).where(eq(users.id, member.id)))[0];
    const shown = () => mod().request('users/show', { userId: member.id });
    expect(await images()).toEqual({ avatarId: image.id, bannerId: image.id });
    expect((await shown()).bannerUrl).not.toBeNull();
    await mod().request('admin/unset-user-avatar', { userId: member.id });
    expect(await images()).toEqual({ avatarId: null, bannerId: image.id });
    expect((await shown()).avatarUrl).toContain('identicon');
    await mod().request('admin/unset-user-banner', { userId: member.id });
    expect(await images()).toEqual({ avatarId: null, bannerId: null });
    expect((await shown()).bannerUrl).toBeNull();
    expect((await logsOf('unsetUserAvatar'))[0]).toMatchObject({ info: { userId: member.id, fileId: image.id } });
    expect((await logsOf('unsetUserBanner'))[0]).toMatchObject({ info: { userId: member.id, fileId: image.id } });
    const before = (await logsOf('unsetUserAvatar')).length;
    await mod().request('admin/unset-user-avatar', { userId: member.id });
    expect(await logsOf('unsetUserAvatar')).toHaveLength(before);
    await expectApiError(mod().request('admin/unset-user-banner', { userId: unknownId }), e.noSuchUser);
  });
});

describe('deleting', () => {
  it('delete-all-files-of-a-user removes every file through a job, each logged as deleteDriveFile', async () => {
    const member = await server.createUser();
    const files = [await upload(server, member.token, 'one'), await upload(server, member.token, 'two')];
    await mod().request('admin/delete-all-files-of-a-user', { userId: member.id });
    await eventually(async () => expect(await mod().request('admin/drive/files', { userId: member.id })).toEqual([]), 15_000);
    // Each file is logged just after it is deleted: the last entry may trail the last deletion.
    await eventually(async () => {
      const logged = (await logsOf('deleteDriveFile')).filter((entry) => (entry.info as unknown as { fileUserId?: string }).fileUserId === member.id);
      expect(logged.map((entry) => (entry.info as unknown as { fileId: string }).fileId).sort()).toEqual(files.map((file) => file.id).sort());
    }, 15_000);
    await expectApiError(mod().request('admin/delete-all-files-of-a-user', { userId: unknownId }), e.noSuchUser);
  });

  it('delete-account: administrators only; the account dies at once and its files go by job; root refused', async () => {
    const member = await server.createUser();
    await upload(server, member.token, 'file');
    await expectApiError(mod().request('admin/delete-account', { userId: member.id }), e.adminRequired);
    await server.client(admin.token).request('admin/delete-account', { userId: member.id });
    await expectApiError(server.client(member.token).request('i', {}), { code: 'AUTHENTICATION_FAILED', id: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14' });
    await expectApiError(mod().request('users/show', { userId: member.id }), { code: 'NO_SUCH_USER', id: '4362f8dc-731f-4ad8-a694-be5a88922a24' });
    await eventually(async () => expect(await mod().request('admin/drive/files', { userId: member.id })).toEqual([]), 15_000);
    expect((await logsOf('deleteAccount'))[0]).toMatchObject({ userId: admin.id, info: { userId: member.id, userUsername: member.username } });
    const root = await server.createUser();
    await server.ctx.db.update(users).set({ isRoot: true }).where(eq(users.id, root.id));
    await expectApiError(server.client(admin.token).request('admin/delete-account', { userId: root.id }), e.cannotDeleteRoot);
    await expectApiError(server.client(admin.token).request('admin/delete-account', { userId: unknownId }), e.noSuchUser);
  });
});

describe('admin/get-user-ips', () => {
  it('records nothing while enableIpLogging is off; afterwards each address once, newest first', async () => {
    const member = await server.createUser();
    const call = (ip: string) => server.fetch('/api/i', { json: { i: member.token }, headers: { 'x-forwarded-for': ip } });
    await call('198.51.100.1');
    expect(await mod().request('admin/get-user-ips', { userId: member.id })).toEqual([]);
    await server.client(admin.token).request('admin/update-meta', { enableIpLogging: true } as never);
    try {
      await call('198.51.100.2');
      await call('198.51.100.2');
      await call('198.51.100.3');
      const ips = await mod().request('admin/get-user-ips', { userId: member.id });
      expect(ips.map((row) => row.ip).sort()).toEqual(['198.51.100.2', '198.51.100.3']);
      expect(Date.parse(ips[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(ips[1]!.createdAt));
    } finally {
      await server.client(admin.token).request('admin/update-meta', { enableIpLogging: false } as never);
    }
  });
});
