import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { apiErrors } from '../../src/api/errors.js';
import { swSubscriptions } from '../../src/db/schema/index.js';
import { startPushService, type PushService } from '../fixtures/webpush.js';
import { deliverWebPush } from '../../src/core/push/deliver.js';
import { waitFor } from '../notes-interactions/helpers.js';

const noSuchRegistration = { code: 'NO_SUCH_REGISTRATION', id: 'b09d8066-8064-5613-efb6-0e963b21d012' };

let server: TestServer;
let push: PushService;

beforeAll(async () => {
  server = await startTestServer({ allowPrivateNetwork: true, rateLimit: false });
  push = await startPushService();
});

afterAll(async () => {
  await push?.close();
  await server?.close();
});

async function subscriptionsOf(userId: string) {
  return server.ctx.db.select().from(swSubscriptions).where(eq(swSubscriptions.userId, userId));
}

describe('VAPID keys', () => {
  it('are generated once, kept in meta, and announced by meta', async () => {
    const meta = await server.client().request('meta', {});
    expect(meta.swPublickey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(meta.enableServiceWorker).toBe(true);
    const before = server.ctx.meta.get();
    await server.ctx.meta.load();
    expect(server.ctx.meta.get().swPublicKey).toBe(before.swPublicKey);
    expect(server.ctx.meta.get().swPrivateKey).toBe(before.swPrivateKey);
  });
});

describe('admin/update-meta', () => {
  const unsupported = { code: 'UNSUPPORTED_SETTING', id: '9e0336d0-26e6-4f7a-b47e-b7364c58748a' };
  it('keeps push on and the keys as they are: the current values are accepted, others refused', async () => {
    const admin = server.client((await server.createUser({ isAdmin: true })).token);
    const { swPublicKey, swPrivateKey } = server.ctx.meta.get();
    await admin.request('admin/update-meta', { enableServiceWorker: true, swPublicKey, swPrivateKey: null });
    await expectApiError(admin.request('admin/update-meta', { enableServiceWorker: false }), unsupported);
    await expectApiError(admin.request('admin/update-meta', { swPublicKey: 'another' }), unsupported);
    await expectApiError(admin.request('admin/update-meta', { swPrivateKey: 'another' }), unsupported);
    expect(server.ctx.meta.get()).toMatchObject({ swPublicKey, swPrivateKey });
    expect(await admin.request('admin/meta', {})).toMatchObject({ swPublickey: swPublicKey, swPrivateKey: null, enableServiceWorker: true });
  });
});

describe('sw/register, show-registration, update-registration, unregister', () => {
  it('registers, answers already-subscribed for the same keys, shows, updates and unregisters', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const sub = push.subscribe();
    const key = server.ctx.meta.get().swPublicKey;
    expect(await api.request('sw/register', { endpoint: sub.endpoint, auth: sub.auth, publickey: sub.publickey }))
      .toEqual({ state: 'subscribed', key, userId: alice.id, endpoint: sub.endpoint, sendReadMessage: false });
    expect(await api.request('sw/register', { endpoint: sub.endpoint, auth: sub.auth, publickey: sub.publickey, sendReadMessage: true }))
      .toEqual({ state: 'already-subscribed', key, userId: alice.id, endpoint: sub.endpoint, sendReadMessage: false });
    expect(await api.request('sw/show-registration', { endpoint: sub.endpoint })).toEqual({ userId: alice.id, endpoint: sub.endpoint, sendReadMessage: false });
    expect(await api.request('sw/update-registration', { endpoint: sub.endpoint, sendReadMessage: true })).toEqual({ userId: alice.id, endpoint: sub.endpoint, sendReadMessage: true });
    expect(await api.request('sw/update-registration', { endpoint: sub.endpoint })).toEqual({ userId: alice.id, endpoint: sub.endpoint, sendReadMessage: true });

    // New keys for the same endpoint (the browser renewed its subscription) replace the old ones.
    const renewed = push.subscribe();
    expect(await api.request('sw/register', { endpoint: sub.endpoint, auth: renewed.auth, publickey: renewed.publickey }))
      .toMatchObject({ state: 'subscribed', sendReadMessage: false });
    expect(await subscriptionsOf(alice.id)).toHaveLength(1);

    // Another user sees none of it.
    const bob = await server.createUser();
    expect(await server.client(bob.token).request('sw/show-registration', { endpoint: sub.endpoint })).toBeNull();
    await expectApiError(server.client(bob.token).request('sw/update-registration', { endpoint: sub.endpoint, sendReadMessage: false }), noSuchRegistration);
    await server.client(bob.token).request('sw/unregister', { endpoint: sub.endpoint });
    expect(await subscriptionsOf(alice.id)).toHaveLength(1);

    await api.request('sw/unregister', { endpoint: sub.endpoint });
    expect(await api.request('sw/show-registration', { endpoint: sub.endpoint })).toBeNull();
    await expectApiError(api.request('sw/update-registration', { endpoint: sub.endpoint }), noSuchRegistration);
  });

  it('unregisters without a credential by endpoint', async () => {
    const alice = await server.createUser();
    const sub = push.subscribe();
    await server.client(alice.token).request('sw/register', { endpoint: sub.endpoint, auth: sub.auth, publickey: sub.publickey });
    await server.client().request('sw/unregister', { endpoint: sub.endpoint });
    expect(await subscriptionsOf(alice.id)).toEqual([]);
  });

  it('refuses bad params, missing credentials and app tokens (secure endpoints)', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    await expectApiError(api.request('sw/register', { endpoint: 'x', auth: 'y' } as any), commonErrors.invalidParam);
    await expectApiError(api.request('sw/register', { endpoint: 'x', auth: 'y', publickey: 'z', sendReadMessage: 'yes' } as any), commonErrors.invalidParam);
    await expectApiError(api.request('sw/show-registration', {} as any), commonErrors.invalidParam);
    await expectApiError(api.request('sw/update-registration', { endpoint: 1 } as any), commonErrors.invalidParam);
    await expectApiError(server.client().request('sw/unregister', {} as any), commonErrors.invalidParam);
    await expectApiError(server.client().request('sw/register', { endpoint: 'x', auth: 'y', publickey: 'z' }), commonErrors.credentialRequired);
    await expectApiError(server.client().request('sw/show-registration', { endpoint: 'x' }), commonErrors.credentialRequired);
    await expectApiError(server.client().request('sw/update-registration', { endpoint: 'x' }), commonErrors.credentialRequired);
    const appToken = await server.createAppToken(alice.id, ['read:account', 'write:account', 'read:notifications', 'write:notifications']);
    await expectApiError(server.client(appToken).request('sw/register', { endpoint: 'x', auth: 'y', publickey: 'z' }), apiErrors.accessDeniedSecureEndpoint);
    await expectApiError(server.client(appToken).request('sw/show-registration', { endpoint: 'x' }), apiErrors.accessDeniedSecureEndpoint);
    await expectApiError(server.client(appToken).request('sw/update-registration', { endpoint: 'x' }), apiErrors.accessDeniedSecureEndpoint);
  });
});

describe('delivery', () => {
  it('pushes each new notification, encrypted and VAPID-signed, as Misskey\'s payload', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const sub = push.subscribe();
    await server.client(alice.token).request('sw/register', { endpoint: sub.endpoint, auth: sub.auth, publickey: sub.publickey });
    const before = Date.now();
    await server.client(bob.token).request('following/create', { userId: alice.id });
    const received = await push.next((p) => p.path === new URL(sub.endpoint).pathname && p.payload?.type === 'notification');
    expect(received.headers['content-encoding']).toBe('aes128gcm');
    expect(received.headers.ttl).toBeDefined();
    expect(received.vapidKey).toBe(server.ctx.meta.get().swPublicKey);
    const [notification] = await server.client(alice.token).request('i/notifications', {});
    expect(received.payload).toEqual({ type: 'notification', body: notification, userId: alice.id, dateTime: expect.any(Number) });
    expect(received.payload.body).toMatchObject({ type: 'follow', userId: bob.id });
    expect(received.payload.dateTime).toBeGreaterThanOrEqual(before - 1000);
  });

  it('cuts a notification\'s note down (text summary, no user, reply, renote)', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const sub = push.subscribe();
    await server.client(alice.token).request('sw/register', { endpoint: sub.endpoint, auth: sub.auth, publickey: sub.publickey });
    const me = await server.client(alice.token).request('i', {});
    await server.client(bob.token).request('notes/create', { text: `@${me.username} ${'x'.repeat(500)}` });
    const received = await push.next((p) => p.path === new URL(sub.endpoint).pathname && p.payload?.body?.type === 'mention');
    expect(received.payload.body.note.text.length).toBeLessThanOrEqual(129);
    expect(received.payload.body.note.user).toBeUndefined();
    expect(received.payload.body.user).toMatchObject({ id: bob.id });
  });

  it('sends readAllNotifications only to subscriptions with sendReadMessage', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const quiet = push.subscribe();
    const reading = push.subscribe();
    const api = server.client(alice.token);
    await api.request('sw/register', { endpoint: quiet.endpoint, auth: quiet.auth, publickey: quiet.publickey });
    await api.request('sw/register', { endpoint: reading.endpoint, auth: reading.auth, publickey: reading.publickey, sendReadMessage: true });
    await server.client(bob.token).request('following/create', { userId: alice.id });
    await push.next((p) => p.path === new URL(quiet.endpoint).pathname && p.payload?.type === 'notification');
    await api.request('notifications/mark-all-as-read', {});
    const read = await push.next((p) => p.path === new URL(reading.endpoint).pathname && p.payload?.type === 'readAllNotifications');
    expect(read.payload).toMatchObject({ type: 'readAllNotifications', userId: alice.id });
    // Give a wrong push to the quiet one time to arrive, then check none did.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(push.received.filter((p) => p.path === new URL(quiet.endpoint).pathname && p.payload?.type === 'readAllNotifications')).toEqual([]);
  });

  it('retries a push the push service failed (5xx), and deletes a subscription answered 410 or 404', async () => {
    const [alice, bob, carol] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    const flaky = push.subscribe();
    const gone = push.subscribe();
    const flakyPath = new URL(flaky.endpoint).pathname;
    const gonePath = new URL(gone.endpoint).pathname;
    let flakyCalls = 0;
    push.answer = (path) => {
      if (path === flakyPath) return ++flakyCalls === 1 ? 503 : 201;
      if (path === gonePath) return 410;
      return 201;
    };
    try {
      await server.client(alice.token).request('sw/register', { endpoint: flaky.endpoint, auth: flaky.auth, publickey: flaky.publickey });
      await server.client(carol.token).request('sw/register', { endpoint: gone.endpoint, auth: gone.auth, publickey: gone.publickey });
      await server.client(bob.token).request('following/create', { userId: alice.id });
      await server.client(bob.token).request('following/create', { userId: carol.id });
      const retried = await push.next((p) => p.path === flakyPath && p.status === 201, 30_000);
      expect(flakyCalls).toBe(2);
      expect(retried.payload.body).toMatchObject({ type: 'follow' });
      await waitFor(async () => (await subscriptionsOf(carol.id)).length === 0, 10_000);
      expect(await subscriptionsOf(alice.id)).toHaveLength(1);

      // 404 deletes too (Mikan also treats it as "the browser dropped this subscription").
      push.answer = (path) => (path === flakyPath ? 404 : 201);
      await server.client(carol.token).request('following/create', { userId: alice.id });
      await waitFor(async () => (await subscriptionsOf(alice.id)).length === 0, 10_000);
    } finally {
      push.answer = () => 201;
    }
  }, 60_000);

  it('does not push to private addresses unless MIKAN_ALLOW_PRIVATE_NETWORK is on', async () => {
    const alice = await server.createUser();
    const sub = push.subscribe();
    await server.client(alice.token).request('sw/register', { endpoint: sub.endpoint, auth: sub.auth, publickey: sub.publickey });
    const [row] = await subscriptionsOf(alice.id);
    server.ctx.config.allowPrivateNetwork = false;
    try {
      // A refused address is final: no throw (no retry), nothing sent, the subscription kept.
      await deliverWebPush(server.ctx, { subscriptionId: row!.id, type: 'readAllNotifications', dateTime: Date.now() });
    } finally {
      server.ctx.config.allowPrivateNetwork = true;
    }
    expect(push.received.filter((p) => p.path === new URL(sub.endpoint).pathname)).toEqual([]);
    expect(await subscriptionsOf(alice.id)).toHaveLength(1);
    // Allowed, the same call goes through.
    await deliverWebPush(server.ctx, { subscriptionId: row!.id, type: 'readAllNotifications', dateTime: Date.now() });
    expect((await push.next((p) => p.path === new URL(sub.endpoint).pathname)).payload).toMatchObject({ type: 'readAllNotifications', userId: alice.id });
  });
});
