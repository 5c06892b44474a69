import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { closeAll, eventually, frames, joinRaw, opened, rawSocket, settle } from '../streaming/helpers.js';
import { expectError } from '../accounts/helpers.js';

const e = {
  updateNoSuch: { code: 'NO_SUCH_ANNOUNCEMENT', id: 'd3aae5a7-6372-4cb4-b61c-f511ffc2d7cc' },
  deleteNoSuch: { code: 'NO_SUCH_ANNOUNCEMENT', id: 'ecad8040-a276-4e85-bda9-015a708d291e' },
  showNoSuch: { code: 'NO_SUCH_ANNOUNCEMENT', id: 'b57b5e1d-4f49-404a-9edb-46b00268f121' },
  moderatorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
};

let server: TestServer;
let moderator: { id: string; token: string };
let alice: { id: string; username: string; token: string };
let bob: { id: string; username: string; token: string };
const mod = () => server.client(moderator.token);

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
  moderator = await server.createUser({ username: 'mod1', isModerator: true });
  alice = await server.createUser({ username: 'alice' });
  bob = await server.createUser({ username: 'bob' });
});

afterEach(() => closeAll());

afterAll(async () => {
  await server?.close();
});

describe('admin/announcements/*', () => {
  it('creates a global announcement with Misskey\'s defaults, lists it with its read count, updates and deletes it, logging each', async () => {
    const created = await mod().request('admin/announcements/create', { title: 'Hello', text: 'Welcome all', imageUrl: null });
    expect(created).toEqual({ id: expect.any(String), createdAt: expect.any(String), title: 'Hello', text: 'Welcome all', imageUrl: null, updatedAt: null });
    expect((await mod().request('admin/announcements/list', {})).find((a) => a.id === created.id)).toEqual({
      ...created, icon: 'info', display: 'normal', isActive: true, forExistingUsers: false, silence: false, needConfirmationToRead: false,
      needEnrollmentTutorialToRead: false, closeDuration: 0, displayOrder: 0, userId: null, reads: 0,
    });
    expect(new Date(created.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    await server.client(alice.token).request('i/read-announcement', { announcementId: created.id });
    const listed = await mod().request('admin/announcements/list', {});
    expect(listed.find((a) => a.id === created.id)).toMatchObject({ reads: 1, isActive: true });

    await mod().request('admin/announcements/update', { id: created.id, title: 'Hello again', icon: 'warning', display: 'banner', isActive: false });
    const [updated] = (await mod().request('admin/announcements/list', { status: 'archived' })).filter((a) => a.id === created.id);
    expect(updated).toMatchObject({ title: 'Hello again', text: 'Welcome all', icon: 'warning', display: 'banner', isActive: false });
    expect(updated!.updatedAt).not.toBeNull();
    expect((await mod().request('admin/announcements/list', { status: 'active' })).some((a) => a.id === created.id)).toBe(false);

    await mod().request('admin/announcements/delete', { id: created.id });
    expect((await mod().request('admin/announcements/list', {})).some((a) => a.id === created.id)).toBe(false);

    const logs = await mod().request('admin/show-moderation-logs', { limit: 10 });
    const types = logs.filter((log) => (log.info as { announcementId?: string }).announcementId === created.id).map((log) => log.type);
    expect(types.sort()).toEqual(['createGlobalAnnouncement', 'deleteGlobalAnnouncement', 'updateGlobalAnnouncement']);
    const update = logs.find((log) => log.type === 'updateGlobalAnnouncement')!;
    expect(update.info).toMatchObject({ before: { title: 'Hello' }, after: { title: 'Hello again' } });
  });

  it('logs user announcements with the addressee and filters the list by user', async () => {
    const created = await mod().request('admin/announcements/create', { title: 'For Bob', text: 'Just you', imageUrl: null, userId: bob.id });
    const mine = await mod().request('admin/announcements/list', { userId: bob.id });
    expect(mine.map((a) => a.id)).toEqual([created.id]);
    const [log] = await mod().request('admin/show-moderation-logs', { type: 'createUserAnnouncement' });
    expect(log!.info).toMatchObject({ announcementId: created.id, userId: bob.id, userUsername: 'bob', userHost: null, announcement: { title: 'For Bob' } });
    await mod().request('admin/announcements/delete', { id: created.id });
    const [deleted] = await mod().request('admin/show-moderation-logs', { type: 'deleteUserAnnouncement' });
    expect(deleted!.info).toMatchObject({ announcementId: created.id, userId: bob.id });
  });

  it('answers the declared errors, and refuses bad params and non-moderators', async () => {
    const missing = '0000000000000000';
    await expectApiError(mod().request('admin/announcements/update', { id: missing, title: 'x' }), e.updateNoSuch);
    await expectApiError(mod().request('admin/announcements/delete', { id: missing }), e.deleteNoSuch);
    for (const body of [{ title: '', text: 'x', imageUrl: null }, { title: 'x', text: 'x' }, { title: 'x', text: 'x', imageUrl: null, icon: 'party' }, { title: 'x', text: 'x', imageUrl: null, display: 'popup' }, { title: 'x', text: 'x', imageUrl: null, userId: missing }]) {
      expectError(await server.fetch('/api/admin/announcements/create', { json: { i: moderator.token, ...body } }), commonErrors.invalidParam, 400);
    }
    expectError(await server.fetch('/api/admin/announcements/list', { json: { i: moderator.token, limit: 101 } }), commonErrors.invalidParam, 400);
    await expectApiError(server.client(alice.token).request('admin/announcements/create', { title: 'x', text: 'x', imageUrl: null }), e.moderatorRequired);
    await expectApiError(server.client(alice.token).request('admin/announcements/list', {}), e.moderatorRequired);
    await expectApiError(server.client().request('admin/announcements/list', {}), commonErrors.credentialRequired);
    const appToken = await server.createAppToken(moderator.id, ['read:admin:announcements']);
    expect(Array.isArray(await server.client(appToken).request('admin/announcements/list', {}))).toBe(true);
    await expectApiError(server.client(appToken).request('admin/announcements/create', { title: 'x', text: 'x', imageUrl: null }), commonErrors.permissionDenied);
  });
});

describe('announcements, announcements/show, i/read-announcement and `i`', () => {
  it('shows global announcements to everyone and user ones only to their addressee, with forYou and isRead', async () => {
    const global = await mod().request('admin/announcements/create', { title: 'Global', text: 'g', imageUrl: null, needConfirmationToRead: true, display: 'dialog', icon: 'success' });
    const forAlice = await mod().request('admin/announcements/create', { title: 'Alice only', text: 'a', imageUrl: 'https://example.com/a.png', userId: alice.id });

    const anonymous = await server.client().request('announcements', {});
    expect(anonymous.map((a) => a.id)).toContain(global.id);
    expect(anonymous.map((a) => a.id)).not.toContain(forAlice.id);
    expect(anonymous.find((a) => a.id === global.id)).toEqual({
      id: global.id, createdAt: global.createdAt, updatedAt: null, text: 'g', title: 'Global', imageUrl: null,
      icon: 'success', display: 'dialog', needConfirmationToRead: true, silence: false, forYou: false,
    });

    const asAlice = await server.client(alice.token).request('announcements', {});
    expect(asAlice.find((a) => a.id === forAlice.id)).toMatchObject({ forYou: true, isRead: false, imageUrl: 'https://example.com/a.png' });
    expect(asAlice.find((a) => a.id === global.id)).toMatchObject({ forYou: false, isRead: false });
    expect((await server.client(bob.token).request('announcements', {})).map((a) => a.id)).not.toContain(forAlice.id);

    await expectApiError(server.client(bob.token).request('announcements/show', { announcementId: forAlice.id }), e.showNoSuch);
    await expectApiError(server.client().request('announcements/show', { announcementId: forAlice.id }), e.showNoSuch);
    expect(await server.client(alice.token).request('announcements/show', { announcementId: forAlice.id })).toMatchObject({ id: forAlice.id, forYou: true, isRead: false });
    const legacy = await server.fetch('/api/announcement', { json: { i: alice.token, announcementId: forAlice.id } });
    expect(legacy.body).toMatchObject({ id: forAlice.id, forYou: true });
    expectError(await server.fetch('/api/announcement', { json: { announcementId: '0000000000000000' } }), e.showNoSuch, 400);

    // `i`: unread ones, until read.
    let me = await server.client(alice.token).request('i', {});
    expect(me.hasUnreadAnnouncement).toBe(true);
    expect(me.unreadAnnouncements.map((a) => a.id)).toEqual(expect.arrayContaining([global.id, forAlice.id]));
    expect(me.unreadAnnouncements.find((a) => a.id === forAlice.id)).toMatchObject({ forYou: true, isRead: false });

    await server.client(alice.token).request('i/read-announcement', { announcementId: global.id });
    await server.client(alice.token).request('i/read-announcement', { announcementId: global.id });
    // Bob cannot read (or learn about) Alice's: nothing happens.
    await server.client(bob.token).request('i/read-announcement', { announcementId: forAlice.id });
    expect((await server.client(alice.token).request('announcements/show', { announcementId: global.id })).isRead).toBe(true);
    me = await server.client(alice.token).request('i', {});
    expect(me.unreadAnnouncements.map((a) => a.id)).not.toContain(global.id);
    expect((await mod().request('admin/announcements/list', { userId: alice.id }))[0]!.reads).toBe(0);

    await mod().request('admin/announcements/delete', { id: global.id });
    await mod().request('admin/announcements/delete', { id: forAlice.id });
    me = await server.client(alice.token).request('i', {});
    expect(me.hasUnreadAnnouncement).toBe(false);
    expect(me.unreadAnnouncements).toEqual([]);
  });

  it('leaves silent, archived, and forExistingUsers announcements (for newer accounts) out of the unread ones', async () => {
    const silent = await mod().request('admin/announcements/create', { title: 'Quiet', text: 's', imageUrl: null, silence: true });
    const archived = await mod().request('admin/announcements/create', { title: 'Old', text: 'o', imageUrl: null });
    await mod().request('admin/announcements/update', { id: archived.id, isActive: false });
    const existing = await mod().request('admin/announcements/create', { title: 'Existing only', text: 'e', imageUrl: null, forExistingUsers: true });
    const newcomer = await server.createUser({ username: 'newcomer' });

    const aliceUnread = (await server.client(alice.token).request('i', {})).unreadAnnouncements.map((a) => a.id);
    expect(aliceUnread).toContain(existing.id);
    expect(aliceUnread).not.toContain(silent.id);
    expect(aliceUnread).not.toContain(archived.id);
    expect((await server.client(newcomer.token).request('i', {})).unreadAnnouncements.map((a) => a.id)).not.toContain(existing.id);

    // The list keeps silent ones; archived ones only with isActive: false.
    const active = (await server.client(alice.token).request('announcements', {})).map((a) => a.id);
    expect(active).toContain(silent.id);
    expect(active).not.toContain(archived.id);
    expect((await server.client(alice.token).request('announcements', { isActive: false })).map((a) => a.id)).toEqual([archived.id]);
    for (const { id } of [silent, archived, existing]) await mod().request('admin/announcements/delete', { id });
  });

  it('pages by id and by offset, and refuses bad params', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await mod().request('admin/announcements/create', { title: `P${n}`, text: 'p', imageUrl: null })).id);
    const firstTwo = await server.client().request('announcements', { limit: 2 });
    expect(firstTwo.map((a) => a.id)).toEqual([ids[2], ids[1]]);
    expect((await server.client().request('announcements', { limit: 2, untilId: ids[1] })).map((a) => a.id)).toEqual([ids[0]]);
    expect((await server.client().request('announcements', { limit: 1, offset: 2 } as never)).map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expectError(await server.fetch('/api/announcements', { json: { limit: 0 } }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/announcements/show', { json: {} }), commonErrors.invalidParam, 400);
    expectError(await server.fetch('/api/i/read-announcement', { json: { i: alice.token } }), commonErrors.invalidParam, 400);
    await expectApiError(server.client().request('i/read-announcement', { announcementId: ids[0]! }), commonErrors.credentialRequired);
    const readOnly = await server.createAppToken(alice.id, ['read:account']);
    await expectApiError(server.client(readOnly).request('i/read-announcement', { announcementId: ids[0]! }), commonErrors.permissionDenied);
    for (const id of ids) await mod().request('admin/announcements/delete', { id });
  });
});

describe('announcementCreated on the streams', () => {
  it('broadcasts a global one to every socket and sends a user one on its addressee\'s main channel only', async () => {
    const aliceSocket = rawSocket(server, `?i=${alice.token}`);
    const bobSocket = rawSocket(server, `?i=${bob.token}`);
    const aliceFrames = frames(aliceSocket);
    const bobFrames = frames(bobSocket);
    await Promise.all([opened(aliceSocket), opened(bobSocket)]);
    expect(await joinRaw(aliceSocket, aliceFrames, 'main', 'm1')).toBe(true);
    expect(await joinRaw(bobSocket, bobFrames, 'main', 'm2')).toBe(true);

    const global = await mod().request('admin/announcements/create', { title: 'Stream', text: 's', imageUrl: null });
    await eventually(() => {
      for (const received of [aliceFrames, bobFrames]) {
        expect(received).toContainEqual({ type: 'announcementCreated', body: { announcement: expect.objectContaining({ id: global.id, title: 'Stream', forYou: false }) } });
      }
    });

    const forAlice = await mod().request('admin/announcements/create', { title: 'Private', text: 'p', imageUrl: null, userId: alice.id });
    await eventually(() => {
      expect(aliceFrames).toContainEqual({ type: 'channel', body: { id: 'm1', type: 'announcementCreated', body: { announcement: expect.objectContaining({ id: forAlice.id, forYou: true, isRead: false }) } } });
    });
    await settle();
    expect(JSON.stringify(bobFrames)).not.toContain(forAlice.id);

    // Reading the last unread one says so on the main channel.
    const unread = (await server.client(alice.token).request('i', {})).unreadAnnouncements;
    for (const { id } of unread) await server.client(alice.token).request('i/read-announcement', { announcementId: id });
    await eventually(() => expect(aliceFrames).toContainEqual({ type: 'channel', body: { id: 'm1', type: 'readAllAnnouncements', body: null } }));
    for (const { id } of [global, forAlice]) await mod().request('admin/announcements/delete', { id });
  });
});
