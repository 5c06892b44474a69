import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError } from '../api-errors.js';
import { openStream } from '../streaming/helpers.js';

let server: TestServer;
let alice: { id: string; token: string };
let bob: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.createUser();
  bob = await server.createUser();
});
afterAll(async () => { await server?.close(); });

const noSuchKey = {
  get: { code: 'NO_SUCH_KEY', id: 'ac3ed68a-62f0-422b-a7bc-d5e09e8f6a6a' },
  getDetail: { code: 'NO_SUCH_KEY', id: '97a1e8e7-c0f7-47d2-957a-92e61256e01a' },
  remove: { code: 'NO_SUCH_KEY', id: '1fac4e8a-a6cd-4e39-a4a5-3a7e11f1b019' },
};

describe('i/registry', () => {
  it('stores any JSON value per scope and key; get, get-all, get-detail, keys and keys-with-type read it back', async () => {
    const api = server.client(alice.token);
    const scope = ['client', 'base'];
    const values: Record<string, unknown> = { theme: 'dark', fontSize: 14, compact: true, tabs: ['home', 'local'], layout: { columns: 3 }, nothing: null };
    for (const [key, value] of Object.entries(values)) await api.request('i/registry/set', { scope, key, value });
    for (const [key, value] of Object.entries(values)) {
      if (value !== null) expect(await api.request('i/registry/get', { scope, key })).toEqual(value);
    }
    // A null value answers 204, as Misskey does for a null result.
    const nullValue = await server.fetch('/api/i/registry/get', { json: { i: alice.token, scope, key: 'nothing' } });
    expect(nullValue.status).toBe(204);
    expect(await api.request('i/registry/get-all', { scope })).toEqual(values);
    expect((await api.request('i/registry/keys', { scope })).sort()).toEqual(Object.keys(values).sort());
    expect(await api.request('i/registry/keys-with-type', { scope })).toEqual({
      theme: 'string', fontSize: 'number', compact: 'boolean', tabs: 'array', layout: 'object', nothing: 'null',
    });
    const detail = await api.request('i/registry/get-detail', { scope, key: 'theme' });
    expect(detail.value).toBe('dark');
    expect(Date.parse(detail.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Another scope, another user: nothing.
    expect(await api.request('i/registry/get-all', { scope: ['client'] })).toEqual({});
    expect(await server.client(bob.token).request('i/registry/get-all', { scope })).toEqual({});
  });

  it('replaces a value on set, moving updatedAt', async () => {
    const api = server.client(alice.token);
    await api.request('i/registry/set', { scope: ['r'], key: 'k', value: 1 });
    const first = await api.request('i/registry/get-detail', { scope: ['r'], key: 'k' });
    await api.request('i/registry/set', { scope: ['r'], key: 'k', value: { now: 2 } });
    const second = await api.request('i/registry/get-detail', { scope: ['r'], key: 'k' });
    expect(second.value).toEqual({ now: 2 });
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    expect(await api.request('i/registry/keys', { scope: ['r'] })).toEqual(['k']);
  });

  it('removes a key; unknown keys are NO_SUCH_KEY with each endpoint\'s id', async () => {
    const api = server.client(alice.token);
    await api.request('i/registry/set', { scope: ['gone'], key: 'x', value: 'y' });
    await api.request('i/registry/remove', { scope: ['gone'], key: 'x' });
    await expectApiError(api.request('i/registry/get', { scope: ['gone'], key: 'x' }), noSuchKey.get);
    await expectApiError(api.request('i/registry/get-detail', { scope: ['gone'], key: 'x' }), noSuchKey.getDetail);
    await expectApiError(api.request('i/registry/remove', { scope: ['gone'], key: 'x' }), noSuchKey.remove);
  });

  it('gives each app token its own domain, whatever domain it names; the user\'s token can name any domain', async () => {
    const app = await server.createAppToken(alice.id, ['read:account', 'write:account']);
    const other = await server.createAppToken(alice.id, ['read:account', 'write:account']);
    await server.client(app).request('i/registry/set', { scope: ['app'], key: 'secret', value: 'mine', domain: null });
    // The web client's (no domain) does not see it, nor another app, even naming null.
    await expectApiError(server.client(alice.token).request('i/registry/get', { scope: ['app'], key: 'secret' }), noSuchKey.get);
    await expectApiError(server.client(other).request('i/registry/get', { scope: ['app'], key: 'secret', domain: null }), noSuchKey.get);
    // An app cannot read the web client's items by naming its domain either.
    await server.client(alice.token).request('i/registry/set', { scope: ['web'], key: 'k', value: 'web value' });
    await expectApiError(server.client(app).request('i/registry/get', { scope: ['web'], key: 'k' }), noSuchKey.get);
    expect(await server.client(app).request('i/registry/get', { scope: ['app'], key: 'secret' })).toBe('mine');

    // The user's own token sees every domain with its scopes, and may read one by naming it.
    const domains = await server.client(alice.token).request('i/registry/scopes-with-domain', {});
    const appDomain = domains.find((entry) => entry.domain !== null && entry.scopes.some((scope) => scope.join('.') === 'app'));
    expect(appDomain).toBeDefined();
    expect(domains.find((entry) => entry.domain === null)?.scopes).toEqual(expect.arrayContaining([['web'], ['client', 'base']]));
    expect(await server.client(alice.token).request('i/registry/get', { scope: ['app'], key: 'secret', domain: appDomain!.domain })).toBe('mine');
  });

  it('needs read:account to read and write:account to write; scopes-with-domain is for the user\'s own token only', async () => {
    const reader = await server.createAppToken(alice.id, ['read:account']);
    const writer = await server.createAppToken(alice.id, ['write:account']);
    const denied = { code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838' };
    await expectApiError(server.client(reader).request('i/registry/set', { scope: [], key: 'k', value: 1 }), denied);
    await expectApiError(server.client(reader).request('i/registry/remove', { scope: [], key: 'k' }), denied);
    for (const endpoint of ['i/registry/get', 'i/registry/get-detail'] as const) {
      await expectApiError(server.client(writer).request(endpoint as never, { scope: [], key: "k" } as never), denied);
    }
    for (const endpoint of ['i/registry/get-all', 'i/registry/keys', 'i/registry/keys-with-type'] as const) {
      await expectApiError(server.client(writer).request(endpoint as never, { scope: [] } as never), denied);
    }
    await expectApiError(server.client(await server.createAppToken(alice.id, ['read:account', 'write:account'])).request('i/registry/scopes-with-domain', {}),
      { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' });
    await expectApiError(server.client().request('i/registry/get-all', { scope: [] }), { code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1' });
  });

  it('validates scopes, keys and the value as Misskey does', async () => {
    const invalid = { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' };
    const api = server.client(alice.token);
    await expectApiError(api.request('i/registry/set', { scope: ['has space'], key: 'k', value: 1 }), invalid);
    await expectApiError(api.request('i/registry/set', { scope: ['a.b'], key: 'k', value: 1 }), invalid);
    await expectApiError(api.request('i/registry/set', { scope: [], key: '', value: 1 }), invalid);
    await expectApiError(api.request('i/registry/set', { scope: [], key: 'x'.repeat(1025), value: 1 }), invalid);
    await expectApiError(api.request('i/registry/set', { scope: [], key: 'no value' } as never), invalid);
    const tooLarge = await server.fetch('/api/i/registry/set', { json: { i: alice.token, scope: [], key: 'big', value: 'x'.repeat(1024 * 1024) } });
    expect(tooLarge.status).toBe(413);
    await expectApiError(api.request('i/registry/get', { scope: [], key: 'big' }), noSuchKey.get);
  });

  it('announces the web client\'s own changes on main as registryUpdated, not an app\'s', async () => {
    const carol = await server.createUser();
    const stream = await openStream(server, carol.token);
    const main = stream.useChannel('main');
    const received: unknown[] = [];
    const next = new Promise((resolve) => main.on('registryUpdated', (payload) => { received.push(payload); resolve(payload); }));
    const app = await server.createAppToken(carol.id, ['write:account']);
    await server.client(app).request('i/registry/set', { scope: ['app'], key: 'quiet', value: 1 });
    await server.client(carol.token).request('i/registry/set', { scope: ['client'], key: 'theme', value: 'light' });
    expect(await next).toEqual({ scope: ['client'], key: 'theme', value: 'light' });
    expect(received).toHaveLength(1);
    stream.close();
  });

  it('keeps one item per key when the same key is written at once', async () => {
    const api = server.client(alice.token);
    await Promise.all(Array.from({ length: 8 }, (_, n) => api.request('i/registry/set', { scope: ['race'], key: 'k', value: n })));
    expect(await api.request('i/registry/keys', { scope: ['race'] })).toEqual(['k']);
  });
});
