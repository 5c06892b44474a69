import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { closeAll, eventually, openStream, settle, sleep, type TestUser } from './helpers.js';
import { signin } from '../accounts/helpers.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  await server.createUser();
  [alice, bob, carol] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
});
afterEach(() => closeAll());
afterAll(async () => { await server.close(); });

/** Every event of a user's `main` channel, as [type, body]. */
async function mainEvents(token: string): Promise<[string, any][]> {
  const stream = await openStream(server, token);
  const channel = stream.useChannel('main');
  const events: [string, any][] = [];
  for (const type of ['notification', 'unreadNotification', 'follow', 'followed', 'unfollow', 'receiveFollowRequest', 'meUpdated', 'readAllNotifications', 'notificationFlushed', 'mention', 'reply', 'renote'] as const) {
    (channel as any).on(type, (body: unknown) => events.push([type, body]));
  }
  await settle();
  return events;
}

/** The bodies of one event type of a channel, on a new stream of this token. */
async function collect(token: string, channel: 'main' | 'admin', type: string): Promise<any[]> {
  const stream = await openStream(server, token);
  const got: any[] = [];
  (stream.useChannel(channel) as any).on(type, (body: unknown) => got.push(body));
  return got;
}

describe('main channel', () => {
  it('follow: followed + notification to the followee, follow to the follower; unfollow to the follower', async () => {
    const [aliceEvents, bobEvents, carolEvents] = await Promise.all([mainEvents(alice.token), mainEvents(bob.token), mainEvents(carol.token)]);
    await server.client(bob.token).request('following/create', { userId: alice.id });
    await eventually(() => {
      const followed = aliceEvents.find(([type]) => type === 'followed');
      expect(followed?.[1].id).toBe(bob.id);
      const notification = aliceEvents.find(([type]) => type === 'notification');
      expect(notification?.[1]).toMatchObject({ type: 'follow', userId: bob.id, user: { id: bob.id } });
      const follow = bobEvents.find(([type]) => type === 'follow');
      expect(follow?.[1]).toMatchObject({ id: alice.id, isFollowing: true });
    });
    await server.client(bob.token).request('following/delete', { userId: alice.id });
    await eventually(() => expect(bobEvents.find(([type]) => type === 'unfollow')?.[1].id).toBe(alice.id));
    await settle();
    // Nobody else hears it; the follower gets no notification of their own action.
    expect(carolEvents).toEqual([]);
    expect(bobEvents.map(([type]) => type)).toEqual(['follow', 'unfollow']);
  });

  it('a follow request reaches the locked account as receiveFollowRequest and a notification', async () => {
    const locked = await server.createUser();
    await server.client(locked.token).request('i/update', { isLocked: true });
    const events = await mainEvents(locked.token);
    await server.client(carol.token).request('following/create', { userId: locked.id });
    await eventually(() => {
      expect(events.find(([type]) => type === 'receiveFollowRequest')?.[1].id).toBe(carol.id);
      expect(events.find(([type]) => type === 'notification')?.[1]).toMatchObject({ type: 'receiveFollowRequest', userId: carol.id });
    });
    expect(events.some(([type]) => type === 'followed')).toBe(false);
  });

  it('unreadNotification follows two seconds later unless read; reading publishes readAllNotifications', async () => {
    const target = await server.createUser();
    const events = await mainEvents(target.token);
    await server.client(alice.token).request('following/create', { userId: target.id });
    await eventually(() => expect(events.find(([type]) => type === 'unreadNotification')?.[1]).toMatchObject({ type: 'follow', userId: alice.id }), 4000);

    const other = await server.createUser();
    const otherEvents = await mainEvents(other.token);
    await server.client(alice.token).request('following/create', { userId: other.id });
    await eventually(() => expect(otherEvents.some(([type]) => type === 'notification')).toBe(true));
    await server.client(other.token).request('notifications/mark-all-as-read', {});
    await eventually(() => expect(otherEvents.some(([type]) => type === 'readAllNotifications')).toBe(true));
    await sleep(2300);
    expect(otherEvents.some(([type]) => type === 'unreadNotification')).toBe(false);
  });

  it('the readNotification message marks everything read', async () => {
    const target = await server.createUser();
    const stream = await openStream(server, target.token);
    const channel = stream.useChannel('main');
    let read = 0;
    channel.on('readAllNotifications', () => { read++; });
    await settle();
    await server.client(bob.token).request('following/create', { userId: target.id });
    await eventually(async () => {
      const me = await server.client(target.token).request('i', {});
      expect(me.hasUnreadNotification).toBe(true);
    });
    stream.send('readNotification', {});
    await eventually(() => expect(read).toBe(1));
    const me = await server.client(target.token).request('i', {});
    expect(me.hasUnreadNotification).toBe(false);
  });

  it('meUpdated after i/update, without secrets', async () => {
    const events = await mainEvents(carol.token);
    await server.client(carol.token).request('i/update', { name: 'Carol Live' });
    await eventually(() => {
      const updated = events.find(([type]) => type === 'meUpdated')?.[1];
      expect(updated).toMatchObject({ id: carol.id, name: 'Carol Live' });
      expect(updated).not.toHaveProperty('email');
    });
  });

  it('mention, reply and renote arrive packed for the recipient; nothing from users they mute or block', async () => {
    const [recipient, friend, muted, blocked] = await Promise.all(Array.from({ length: 4 }, () => server.createUser()));
    const root = (await server.client(recipient.token).request('notes/create', { text: 'root' }) as any).createdNote;
    await server.client(recipient.token).request('mute/create', { userId: muted.id });
    await server.client(recipient.token).request('blocking/create', { userId: blocked.id });
    const events = await mainEvents(recipient.token);
    const note = async (user: TestUser, body: Record<string, unknown>) => (await server.client(user.token).request('notes/create', body as never) as any).createdNote.id as string;
    for (const user of [muted, blocked]) {
      await note(user, { text: `@${recipient.username} hello` }).catch(() => {});
      await note(user, { text: 'a reply', replyId: root.id }).catch(() => {});
      await note(user, { renoteId: root.id }).catch(() => {});
    }
    const mention = await note(friend, { text: `@${recipient.username} hello` });
    const reply = await note(friend, { text: 'a reply', replyId: root.id });
    const renote = await note(friend, { renoteId: root.id });
    await eventually(() => expect(events.filter(([type]) => type === 'renote')).toHaveLength(1));
    await settle();
    const noteEvents = events.filter(([type]) => ['mention', 'reply', 'renote'].includes(type));
    expect(noteEvents.map(([type, body]) => [type, body.id, body.userId]).sort()).toEqual([
      ['mention', mention, friend.id], ['mention', reply, friend.id], ['renote', renote, friend.id], ['reply', reply, friend.id],
    ].sort());
    expect(noteEvents.find(([type]) => type === 'renote')![1].renote).toMatchObject({ id: root.id, text: 'root' });
    const notifications = events.filter(([type]) => type === 'notification').map(([, body]) => body.userId);
    expect(notifications.length).toBeGreaterThan(0);
    expect(notifications.every((userId) => userId === friend.id)).toBe(true);
  });

  it('signin: a new sign-in is told to the account\'s open clients, with the sign-in record', async () => {
    const user = await server.createUser({ password: 'signin-live-1' });
    const [signins, leaked] = await Promise.all([collect(user.token, 'main', 'signin'), collect(bob.token, 'main', 'signin')]);
    await settle();
    const response = await signin(server, { username: user.username, password: 'signin-live-1' });
    expect(response.status).toBe(200);
    await eventually(() => expect(signins).toHaveLength(1));
    const [history] = await server.client(user.token).request('i/signin-history', { limit: 1 }) as any[];
    expect(signins[0]).toEqual(history);
    expect(signins[0]).toMatchObject({ success: true, headers: expect.objectContaining({ 'user-agent': 'mikan-tests/1.0' }) });
    await settle();
    expect(leaked).toEqual([]);
  });

  it('signin goes only to the user\'s own web session, never to an app token (even with read:account)', async () => {
    const user = await server.createUser({ password: 'signin-live-2' });
    const appToken = await server.createAppToken(user.id, ['read:account']);
    const [native, app] = await Promise.all([collect(user.token, 'main', 'signin'), collect(appToken, 'main', 'signin')]);
    await settle();
    expect((await signin(server, { username: user.username, password: 'signin-live-2' })).status).toBe(200);
    await eventually(() => expect(native).toHaveLength(1));
    await settle();
    expect(app).toEqual([]);
  });

  it('notificationFlushed after notifications/flush', async () => {
    const events = await mainEvents(alice.token);
    await server.client(alice.token).request('notifications/flush', {});
    await eventually(() => expect(events.some(([type]) => type === 'notificationFlushed')).toBe(true));
  });
});

describe('admin channel', () => {
  it('tells moderators of a new abuse report at once, and nobody else', async () => {
    const moderator = await server.createUser({ isModerator: true });
    const [reports, leaked] = await Promise.all([
      collect(moderator.token, 'admin', 'newAbuseUserReport'), collect(alice.token, 'admin', 'newAbuseUserReport'),
    ]);
    await settle();
    await server.client(carol.token).request('users/report-abuse', { userId: bob.id, comment: 'spam everywhere' });
    await eventually(() => expect(reports).toEqual([expect.objectContaining({ targetUserId: bob.id, reporterId: carol.id, comment: 'spam everywhere' })]));
    await sleep(200);
    expect(leaked).toEqual([]);
  });
});
