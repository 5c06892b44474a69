import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { deliverUserWebhook } from '../../src/core/webhooks/deliver.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { e, expectApiError, startWebhookReceiver, type WebhookReceiver } from './helpers.js';

const ALL_EVENTS = ['mention', 'unfollow', 'follow', 'followed', 'note', 'reply', 'renote', 'reaction'] as const;

let server: TestServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  server = await startTestServer({ allowPrivateNetwork: true, rateLimit: false });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('i/webhooks/* management', () => {
  it('creates, lists, shows, updates and deletes a webhook of the caller only', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const api = server.client(alice.token);
    const created = await api.request('i/webhooks/create', { name: 'hook', url: `${receiver.url}/crud`, secret: 's3cret', on: ['note', 'note', 'follow'] });
    expect(created).toEqual({
      id: expect.any(String), userId: alice.id, name: 'hook', on: ['note', 'follow'], url: `${receiver.url}/crud`,
      secret: 's3cret', active: true, latestSentAt: null, latestStatus: null,
    });
    expect(await api.request('i/webhooks/list', {})).toEqual([created]);
    expect(await api.request('i/webhooks/show', { webhookId: created.id })).toEqual(created);

    await api.request('i/webhooks/update', { webhookId: created.id, name: 'renamed', on: ['reaction'], active: false, secret: null });
    expect(await api.request('i/webhooks/show', { webhookId: created.id })).toMatchObject({ name: 'renamed', on: ['reaction'], active: false, secret: 's3cret' });
    await api.request('i/webhooks/update', { webhookId: created.id, secret: '' });
    expect(await api.request('i/webhooks/show', { webhookId: created.id })).toMatchObject({ secret: '' });

    // Another user's webhook does not exist for bob.
    const other = server.client(bob.token);
    expect(await other.request('i/webhooks/list', {})).toEqual([]);
    await expectApiError(other.request('i/webhooks/show', { webhookId: created.id }), e.show.noSuchWebhook);
    await expectApiError(other.request('i/webhooks/update', { webhookId: created.id, name: 'x' }), e.update.noSuchWebhook);
    await expectApiError(other.request('i/webhooks/delete', { webhookId: created.id }), e.delete.noSuchWebhook);
    await expectApiError(other.request('i/webhooks/test', { webhookId: created.id, type: 'note' }), e.test.noSuchWebhook);

    await api.request('i/webhooks/delete', { webhookId: created.id });
    expect(await api.request('i/webhooks/list', {})).toEqual([]);
    await expectApiError(api.request('i/webhooks/delete', { webhookId: created.id }), e.delete.noSuchWebhook);
  });

  it('refuses bad input with Misskey\'s errors', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    await expectApiError(api.request('i/webhooks/create', { name: '', url: receiver.url, on: ['note'] }), e.invalidParam);
    await expectApiError(api.request('i/webhooks/create', { name: 'x'.repeat(101), url: receiver.url, on: ['note'] }), e.invalidParam);
    await expectApiError(api.request('i/webhooks/create', { name: 'a', url: 'x'.repeat(1025), on: ['note'] }), e.invalidParam);
    await expectApiError(api.request('i/webhooks/create', { name: 'a', url: receiver.url, on: ['poll'] } as any), e.invalidParam);
    await expectApiError(api.request('i/webhooks/create', { name: 'a', url: receiver.url } as any), e.invalidParam);
    // Report events are for moderators' system webhooks.
    await expectApiError(api.request('i/webhooks/create', { name: 'a', url: receiver.url, on: ['reportCreated'] } as any), e.create.youAreNotAdmin);
    const hook = await api.request('i/webhooks/create', { name: 'a', url: receiver.url, on: ['note'] });
    await expectApiError(api.request('i/webhooks/update', { webhookId: hook.id, on: ['reportResolved'] } as any), e.update.youAreNotAdmin);
    await expectApiError(api.request('i/webhooks/show', { webhookId: 'zzzzzzzzzzzzzzzz' }), e.show.noSuchWebhook);
  });

  it('keeps to the webhookLimit policy, and a lowered limit blocks updates but not deletes', async () => {
    const [alice, admin] = await Promise.all([server.createUser(), server.createUser({ isAdmin: true })]);
    const api = server.client(alice.token);
    const limit = server.ctx.meta.policies.webhookLimit;
    const hooks = [];
    for (let i = 0; i < limit; i++) hooks.push(await api.request('i/webhooks/create', { name: `h${i}`, url: receiver.url, on: ['note'] }));
    await expectApiError(api.request('i/webhooks/create', { name: 'one too many', url: receiver.url, on: ['note'] }), e.create.tooManyWebhooks);

    await server.client(admin.token).request('admin/update-meta', { policies: { webhookLimit: 1 } } as any);
    try {
      await expectApiError(api.request('i/webhooks/update', { webhookId: hooks[0]!.id, name: 'changed' }), e.update.webhookLimitExceeded);
      for (const hook of hooks.slice(1)) await api.request('i/webhooks/delete', { webhookId: hook.id });
      await api.request('i/webhooks/update', { webhookId: hooks[0]!.id, name: 'changed' });
      await expectApiError(api.request('i/webhooks/create', { name: 'over', url: receiver.url, on: ['note'] }), e.create.tooManyWebhooks);
    } finally {
      await server.client(admin.token).request('admin/update-meta', { policies: {} } as any);
    }
  });

  it('checks app token permissions, and i/webhooks/test takes the user\'s own token only', async () => {
    const alice = await server.createUser();
    const hook = await server.client(alice.token).request('i/webhooks/create', { name: 'a', url: receiver.url, on: ['note'] });
    const readOnly = server.client(await server.createAppToken(alice.id, ['read:account']));
    await expectApiError(readOnly.request('i/webhooks/create', { name: 'a', url: receiver.url, on: ['note'] }), e.permissionDenied);
    await expectApiError(readOnly.request('i/webhooks/update', { webhookId: hook.id, name: 'b' }), e.permissionDenied);
    await expectApiError(readOnly.request('i/webhooks/delete', { webhookId: hook.id }), e.permissionDenied);
    expect(await readOnly.request('i/webhooks/list', {})).toHaveLength(1);
    const writeOnly = server.client(await server.createAppToken(alice.id, ['write:account']));
    await expectApiError(writeOnly.request('i/webhooks/list', {}), e.permissionDenied);
    await expectApiError(writeOnly.request('i/webhooks/show', { webhookId: hook.id }), e.permissionDenied);
    await expectApiError(readOnly.request('i/webhooks/test', { webhookId: hook.id, type: 'note' }), e.accessDenied);
    await expectApiError(server.client().request('i/webhooks/list', {}), e.credentialRequired);
  });
});

describe('webhook delivery', () => {
  it('sends each event in Misskey\'s format with the secret header, and records the last status', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const path = `/events-${alice.id}`;
    const hook = await server.client(alice.token).request('i/webhooks/create', { name: 'all', url: receiver.url + path, secret: 'topsecret', on: [...ALL_EVENTS] });
    const forAlice = (type: string, noteId?: string) => receiver.next((h) => h.path === path && h.body.type === type && (noteId === undefined || h.body.body.note?.id === noteId));
    const asAlice = server.client(alice.token);
    const asBob = server.client(bob.token);

    const { createdNote: own } = await asAlice.request('notes/create', { text: 'hello hooks' });
    const noteHook = await forAlice('note');
    expect(noteHook.headers['x-misskey-hook-secret']).toBe('topsecret');
    expect(noteHook.headers['x-misskey-hook-id']).toBe(hook.id);
    expect(noteHook.headers['content-type']).toMatch(/^application\/json/);
    expect(noteHook.headers['user-agent']).toBe('Misskey-Hooks');
    expect(noteHook.body).toEqual({
      server: server.url, hookId: hook.id, userId: alice.id, eventId: expect.any(String), createdAt: expect.any(Number),
      type: 'note', body: { note: expect.objectContaining({ id: own.id, text: 'hello hooks', userId: alice.id }) },
    });

    const { createdNote: reply } = await asBob.request('notes/create', { text: 'a reply', replyId: own.id });
    expect((await forAlice('reply')).body.body.note).toMatchObject({ id: reply.id, replyId: own.id });
    const { createdNote: renote } = await asBob.request('notes/create', { renoteId: own.id });
    expect((await forAlice('renote')).body.body.note).toMatchObject({ id: renote.id, renoteId: own.id });
    const { createdNote: mention } = await asBob.request('notes/create', { text: `hi @${alice.username}` });
    expect((await forAlice('mention', mention.id)).body.body.note).toMatchObject({ text: `hi @${alice.username}` });
    // A reply mentions the replied-to author too, as in Misskey.
    await forAlice('mention', reply.id);

    await asBob.request('notes/reactions/create', { noteId: own.id, reaction: '👍' });
    const reaction = (await forAlice('reaction')).body.body;
    expect(reaction.note).toMatchObject({ id: own.id });
    expect(reaction.reaction).toMatchObject({ id: expect.any(String), user: { id: bob.id }, reaction: '👍' });

    await asBob.request('following/create', { userId: alice.id });
    expect((await forAlice('followed')).body.body.user).toMatchObject({ id: bob.id, username: bob.username });
    await asAlice.request('following/create', { userId: bob.id });
    expect((await forAlice('follow')).body.body.user).toMatchObject({ id: bob.id });
    await asAlice.request('following/delete', { userId: bob.id });
    expect((await forAlice('unfollow')).body.body.user).toMatchObject({ id: bob.id });

    // Every delivery has its own eventId.
    const ids = receiver.received.filter((h) => h.path === path).map((h) => h.body.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const shown = await asAlice.request('i/webhooks/show', { webhookId: hook.id });
    expect(shown.latestStatus).toBe(204);
    expect(Date.parse(shown.latestSentAt!)).toBeGreaterThan(Date.parse(noteHook.headers.date ?? '0') - 60_000);
  });

  it('calls only active webhooks that listen to the event', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const paths = { active: `/active-${alice.id}`, inactive: `/inactive-${alice.id}`, other: `/other-${alice.id}` };
    const inactive = await api.request('i/webhooks/create', { name: 'off', url: receiver.url + paths.inactive, on: ['note'] });
    await api.request('i/webhooks/update', { webhookId: inactive.id, active: false });
    await api.request('i/webhooks/create', { name: 'other', url: receiver.url + paths.other, on: ['follow'] });
    await api.request('i/webhooks/create', { name: 'on', url: receiver.url + paths.active, on: ['note'] });
    await api.request('notes/create', { text: 'one' });
    await api.request('notes/create', { text: 'two' });
    await receiver.next((h) => h.path === paths.active && h.body.body.note.text === 'two');
    await receiver.next((h) => h.path === paths.active && h.body.body.note.text === 'one');
    expect(receiver.received.filter((h) => h.path === paths.inactive || h.path === paths.other)).toEqual([]);
  });

  it('i/webhooks/test sends a made-up event, to the override URL and secret when given', async () => {
    const alice = await server.createUser();
    const api = server.client(alice.token);
    const hook = await api.request('i/webhooks/create', { name: 't', url: `${receiver.url}/test-${alice.id}`, secret: 'a', on: ['note'] });
    await api.request('i/webhooks/test', { webhookId: hook.id, type: 'followed' });
    const plain = await receiver.next((h) => h.path === `/test-${alice.id}`);
    expect(plain.body).toMatchObject({ hookId: hook.id, userId: alice.id, type: 'followed', body: { user: { id: alice.id } } });
    expect(plain.headers['x-misskey-hook-secret']).toBe('a');

    await api.request('i/webhooks/test', { webhookId: hook.id, type: 'reaction', override: { url: `${receiver.url}/override-${alice.id}`, secret: 'b' } });
    const overridden = await receiver.next((h) => h.path === `/override-${alice.id}`);
    expect(overridden.headers['x-misskey-hook-secret']).toBe('b');
    expect(overridden.body.body).toMatchObject({ note: { userId: alice.id }, reaction: { user: { id: alice.id }, reaction: expect.any(String) } });
  });

  it('retries a delivery the receiver failed (5xx) with the same eventId, until it succeeds', async () => {
    const alice = await server.createUser();
    const path = `/flaky-${alice.id}`;
    let calls = 0;
    receiver.answer = (h) => (h.path === path && ++calls === 1 ? 503 : 204);
    try {
      const api = server.client(alice.token);
      const hook = await api.request('i/webhooks/create', { name: 'flaky', url: receiver.url + path, on: ['note'] });
      await api.request('notes/create', { text: 'again' });
      const first = await receiver.next((h) => h.path === path);
      const second = await receiver.next((h) => h.path === path && h !== first);
      expect(second.body.eventId).toBe(first.body.eventId);
      expect(second.body.body.note.text).toBe('again');
      // The status is recorded once the answer is read.
      await waitFor(async () => (await api.request('i/webhooks/show', { webhookId: hook.id })).latestStatus === 204, 10_000);
    } finally {
      receiver.answer = () => 204;
    }
  }, 60_000);

  it('records a failing receiver\'s status', async () => {
    const alice = await server.createUser();
    const path = `/fails-${alice.id}`;
    receiver.answer = (h) => (h.path === path ? 410 : 204);
    try {
      const api = server.client(alice.token);
      const hook = await api.request('i/webhooks/create', { name: 'f', url: receiver.url + path, on: ['note'] });
      await deliverUserWebhook(server.ctx, { webhookId: hook.id, userId: alice.id, url: receiver.url + path, secret: '', type: 'note', eventId: 'e1', createdAt: Date.now(), content: {} });
      expect(await api.request('i/webhooks/show', { webhookId: hook.id })).toMatchObject({ latestStatus: 410, latestSentAt: expect.any(String) });
    } finally {
      receiver.answer = () => 204;
    }
  });

  it('never calls a private address unless MIKAN_ALLOW_PRIVATE_NETWORK is on', async () => {
    const alice = await server.createUser();
    const path = `/private-${alice.id}`;
    const hook = await server.client(alice.token).request('i/webhooks/create', { name: 'p', url: receiver.url + path, on: ['note'] });
    server.ctx.config.allowPrivateNetwork = false;
    try {
      await deliverUserWebhook(server.ctx, { webhookId: hook.id, userId: alice.id, url: receiver.url + path, secret: '', type: 'note', eventId: 'e2', createdAt: Date.now(), content: {} });
      await deliverUserWebhook(server.ctx, { webhookId: hook.id, userId: alice.id, url: `http://localhost:${new URL(receiver.url).port}${path}`, secret: '', type: 'note', eventId: 'e3', createdAt: Date.now(), content: {} });
    } finally {
      server.ctx.config.allowPrivateNetwork = true;
    }
    expect(receiver.received.filter((h) => h.path === path)).toEqual([]);
    expect(await server.client(alice.token).request('i/webhooks/show', { webhookId: hook.id })).toMatchObject({ latestStatus: null, latestSentAt: null });
  });
});
