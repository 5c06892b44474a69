import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationSchema } from '../../src/core/notifications/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import { createUsers, errors } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

describe('follow notifications', () => {
  it('notifies follow, receiveFollowRequest and followRequestAccepted, with unread state on i', async () => {
    const [alice, bob, locked] = await createUsers(server, 3);
    await server.client(locked.token).request('i/update', { isLocked: true, followedMessage: 'Welcome!' });
    await server.client(alice.token).request('following/create', { userId: bob.id });
    await server.client(alice.token).request('following/create', { userId: locked.id });

    const bobMe = await server.client(bob.token).request('i', {});
    expect(bobMe).toMatchObject({ hasUnreadNotification: true, unreadNotificationsCount: 1 });
    const bobs = await server.client(bob.token).request('i/notifications', { markAsRead: false });
    expect(bobs).toHaveLength(1);
    expectSchema(NotificationSchema, bobs[0]);
    expect(bobs[0]).toMatchObject({ type: 'follow', userId: alice.id, user: { id: alice.id } });
    expect(await server.client(bob.token).request('i', {})).toMatchObject({ hasUnreadNotification: true });
    await server.client(bob.token).request('i/notifications', {});
    expect(await server.client(bob.token).request('i', {})).toMatchObject({ hasUnreadNotification: false, unreadNotificationsCount: 0 });

    const lockeds = await server.client(locked.token).request('i/notifications', {});
    expect(lockeds.map((n) => n.type)).toEqual(['receiveFollowRequest']);
    await server.client(locked.token).request('following/requests/accept', { userId: alice.id });
    const alices = await server.client(alice.token).request('i/notifications', {});
    expect(alices).toHaveLength(1);
    expect(alices[0]).toMatchObject({ type: 'followRequestAccepted', userId: locked.id, message: 'Welcome!' });
  });

  it('creates none from users the notifiee mutes or blocks, or who block the notifiee', async () => {
    const [target, muted, blocked, blocker] = await createUsers(server, 4);
    await server.client(target.token).request('mute/create', { userId: muted.id });
    await server.client(target.token).request('blocking/create', { userId: blocked.id });
    await server.client(blocker.token).request('blocking/create', { userId: target.id });
    await server.client(muted.token).request('following/create', { userId: target.id });
    await expectApiError(server.client(blocked.token).request('following/create', { userId: target.id }), { code: 'BLOCKED', id: 'c4ab57cc-4e41-45e9-bfd9-584f61e35ce0' });
    expect(await server.client(target.token).request('i/notifications', {})).toEqual([]);
    // The follow itself happened; only its notification was skipped.
    expect(await server.client(target.token).request('users/relation', { userId: muted.id })).toMatchObject({ isFollowed: true });
  });
});

describe('i/notifications', () => {
  it('pages by id and filters by type', async () => {
    const [me, ...fans] = await createUsers(server, 5);
    for (const fan of fans) await server.client(fan.token).request('following/create', { userId: me.id });
    const appToken = await server.createAppToken(me.id, ['write:notifications']);
    await server.client(appToken).request('notifications/create', { body: 'hello' });

    const client = server.client(me.token);
    const all = await client.request('i/notifications', { markAsRead: false });
    expect(all.map((n) => n.type)).toEqual(['app', 'follow', 'follow', 'follow', 'follow']);
    const page = await client.request('i/notifications', { limit: 2, untilId: all[1]!.id, markAsRead: false });
    expect(page.map((n) => n.id)).toEqual([all[2]!.id, all[3]!.id]);
    const forward = await client.request('i/notifications', { limit: 2, sinceId: all[4]!.id, markAsRead: false });
    expect(forward.map((n) => n.id)).toEqual([all[3]!.id, all[2]!.id]);
    expect((await client.request('i/notifications', { includeTypes: ['app'], markAsRead: false })).map((n) => n.type)).toEqual(['app']);
    expect(await client.request('i/notifications', { excludeTypes: ['follow'], markAsRead: false })).toHaveLength(1);
    expect(await client.request('i/notifications', { includeTypes: ['mention'], markAsRead: false })).toEqual([]);
    await expectApiError(client.request('i/notifications', { includeTypes: ['nonsense' as 'app'] }), errors.invalidParam);
    await expectApiError(client.request('i/notifications', { limit: 101 }), errors.invalidParam);
    expect(await client.request('i', {})).toMatchObject({ unreadNotificationsCount: 5 });

    await client.request('notifications/mark-all-as-read', {});
    expect(await client.request('i', {})).toMatchObject({ hasUnreadNotification: false, unreadNotificationsCount: 0 });
    await client.request('notifications/flush', {});
    expect(await client.request('i/notifications', {})).toEqual([]);
  });

  it('needs the notifications permissions', async () => {
    const [me] = await createUsers(server, 1);
    const noKind = await server.createAppToken(me.id, ['read:account']);
    await expectApiError(server.client(noKind).request('i/notifications', {}), errors.permissionDenied);
    await expectApiError(server.client(noKind).request('notifications/create', { body: 'x' }), errors.permissionDenied);
    await expectApiError(server.client(noKind).request('notifications/flush', {}), errors.permissionDenied);
    await expectApiError(server.client(noKind).request('notifications/mark-all-as-read', {}), errors.permissionDenied);
    await expectApiError(server.client().request('i/notifications', {}), errors.credentialRequired);
  });
});

describe('notifications/create', () => {
  it('posts an app notification to the token\'s own user, headed by the token\'s name by default', async () => {
    const [me] = await createUsers(server, 1);
    const token = await server.createAppToken(me.id, ['write:notifications']);
    await server.client(token).request('notifications/create', { body: 'Build passed' });
    await server.client(token).request('notifications/create', { body: 'Deploy', header: 'CI', icon: 'https://example.com/ci.png' });
    const list = await server.client(me.token).request('i/notifications', {});
    for (const item of list) expectSchema(NotificationSchema, item);
    expect(list).toMatchObject([
      { type: 'app', body: 'Deploy', header: 'CI', icon: 'https://example.com/ci.png' },
      { type: 'app', body: 'Build passed', header: 'test app', icon: null },
    ]);
    await expectApiError(server.client(token).request('notifications/create', {} as any), errors.invalidParam);
  });
});

describe('muting after the fact', () => {
  it('hides notifications from a user muted since, and shows them again when the mute ends', async () => {
    const [me, fan] = await createUsers(server, 2);
    await server.client(fan.token).request('following/create', { userId: me.id });
    await server.client(me.token).request('mute/create', { userId: fan.id });
    expect(await server.client(me.token).request('i/notifications', { markAsRead: false })).toEqual([]);
    await server.client(me.token).request('mute/delete', { userId: fan.id });
    expect(await server.client(me.token).request('i/notifications', { markAsRead: false })).toHaveLength(1);
  });
});
