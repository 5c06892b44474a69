import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashSchema } from '../../src/core/flashes/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { markAccountMoved } from '../fixtures/accounts.js';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { createUsers } from '../notes/helpers.js';

/** Play (`flash/*`, `users/flashs`): lifecycle, private visibility, likes, featured, search, errors, permissions. */

/** Error codes and ids exactly as ../shared/spec/errors.tsv. */
const e = {
  ...commonErrors,
  update: {
    noSuchFlash: { code: 'NO_SUCH_FLASH', id: '611e13d2-309e-419a-a5e4-e0422da39b02' },
    accessDenied: { code: 'ACCESS_DENIED', id: '08e60c88-5948-478e-a132-02ec701d67b2' },
  },
  delete: {
    noSuchFlash: { code: 'NO_SUCH_FLASH', id: 'de1623ef-bbb3-4289-a71e-14cfa83d9740' },
    accessDenied: { code: 'ACCESS_DENIED', id: '1036ad7b-9f92-4fff-89c3-0e50dc941704' },
  },
  show: { noSuchFlash: { code: 'NO_SUCH_FLASH', id: 'f0d34a1a-d29a-401d-90ba-1982122b5630' } },
  like: {
    noSuchFlash: { code: 'NO_SUCH_FLASH', id: 'c07c1491-9161-4c5c-9d75-01906f911f73' },
    yourFlash: { code: 'YOUR_FLASH', id: '3fd8a0e7-5955-4ba9-85bb-bf3e0c30e13b' },
    alreadyLiked: { code: 'ALREADY_LIKED', id: '010065cf-ad43-40df-8067-abff9f4686e3' },
  },
  unlike: {
    noSuchFlash: { code: 'NO_SUCH_FLASH', id: 'afe8424a-a69e-432d-a5f2-2f0740c62410' },
    notLiked: { code: 'NOT_LIKED', id: '755f25a7-9871-4f65-9f34-51eaad9ae0ac' },
  },
  yourAccountMoved: { code: 'YOUR_ACCOUNT_MOVED', id: '56f20ec9-fd06-4fa5-841b-edd6d7d4fa31' },
};

const unknownId = '0000000000000000';
const script = '/// @ 0.16.0\nMk:dialog("hello" "world")';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

function create(token: string, params: Partial<{ title: string; summary: string; script: string; permissions: string[]; visibility: 'public' | 'private' }> = {}) {
  return server.client(token).request('flash/create', { title: 'Hello', summary: 'says hello', script, permissions: [], ...params });
}

describe('Play lifecycle', () => {
  it('creates, shows, updates, lists and deletes a Play as misskey-js Flash', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    const flash = await create(owner!.token, { permissions: ['read:account'] });
    expectSchema(FlashSchema, flash);
    expect(flash).toMatchObject({ title: 'Hello', summary: 'says hello', script, visibility: 'public', likedCount: 0, isLiked: false, userId: owner!.id, user: { id: owner!.id } });
    expect(flash).not.toHaveProperty('permissions');
    const shown = await server.client().request('flash/show', { flashId: flash.id });
    expect(shown).toMatchObject({ id: flash.id, script });
    expect(shown).not.toHaveProperty('isLiked');

    await api.request('flash/update', { flashId: flash.id, title: 'Renamed', visibility: 'private' });
    const updated = await api.request('flash/show', { flashId: flash.id });
    expect(updated).toMatchObject({ title: 'Renamed', summary: 'says hello', script, visibility: 'private' });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(flash.updatedAt));

    const second = await create(owner!.token, { title: 'Second' });
    expect((await api.request('flash/my', {})).map((f) => f.id)).toEqual([second.id, flash.id]);
    expect((await api.request('flash/my', { limit: 1 })).map((f) => f.id)).toEqual([second.id]);
    expect((await api.request('flash/my', { untilId: second.id })).map((f) => f.id)).toEqual([flash.id]);
    expect((await api.request('flash/my', { sinceId: flash.id })).map((f) => f.id)).toEqual([second.id]);

    await api.request('flash/delete', { flashId: flash.id });
    await expectApiError(api.request('flash/show', { flashId: flash.id }), e.show.noSuchFlash);
    await expectApiError(api.request('flash/delete', { flashId: flash.id }), e.delete.noSuchFlash);
    await expectApiError(api.request('flash/update', { flashId: flash.id, title: 'x' }), e.update.noSuchFlash);
    expect((await api.request('flash/my', {})).map((f) => f.id)).toEqual([second.id]);
  });

  it('validates params as Misskey does', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    await expectApiError(api.request('flash/create', { title: 'x', summary: 'y', script: 'z' } as never), e.invalidParam);
    await expectApiError(api.request('flash/create', { title: 'x', summary: 'y', script: 'z', permissions: [], visibility: 'followers' } as never), e.invalidParam);
    await expectApiError(api.request('flash/create', { title: 1, summary: 'y', script: 'z', permissions: [] } as never), e.invalidParam);
    await expectApiError(api.request('flash/update', { flashId: 'not an id' } as never), e.invalidParam);
    await expectApiError(api.request('flash/featured', { limit: 101 }), e.invalidParam);
    await expectApiError(api.request('flash/featured', { offset: -1 }), e.invalidParam);
    await expectApiError(api.request('flash/my', { limit: 0 }), e.invalidParam);
    await expectApiError(api.request('flash/search', { query: '' }), e.invalidParam);
  });

  it('only the owner may change or delete a Play: ACCESS_DENIED for a public one, NO_SUCH_FLASH for a private one', async () => {
    const [owner, other] = await createUsers(server, 2);
    const open = await create(owner!.token);
    const secret = await create(owner!.token, { visibility: 'private' });
    const api = server.client(other!.token);
    await expectApiError(api.request('flash/update', { flashId: open.id, title: 'mine' }), e.update.accessDenied);
    await expectApiError(api.request('flash/delete', { flashId: open.id }), e.delete.accessDenied);
    await expectApiError(api.request('flash/update', { flashId: secret.id, title: 'mine' }), e.update.noSuchFlash);
    await expectApiError(api.request('flash/delete', { flashId: secret.id }), e.delete.noSuchFlash);
    await expectApiError(api.request('flash/update', { flashId: unknownId }), e.update.noSuchFlash);
    expect(await server.client(owner!.token).request('flash/show', { flashId: open.id })).toMatchObject({ title: 'Hello' });
  });
});

describe('private Plays', () => {
  it('are visible only to their owner: show, users/flashs, featured, search, like', async () => {
    const [owner, other] = await createUsers(server, 2);
    const secret = await create(owner!.token, { title: 'Secretive zebra', visibility: 'private' });
    const open = await create(owner!.token, { title: 'Open zebra' });
    await server.client(other!.token).request('flash/like', { flashId: open.id });
    for (const api of [server.client(other!.token), server.client()]) {
      await expectApiError(api.request('flash/show', { flashId: secret.id }), e.show.noSuchFlash);
      expect((await api.request('users/flashs', { userId: owner!.id })).map((f) => f.id)).toEqual([open.id]);
      expect((await api.request('flash/featured', { limit: 100 })).map((f) => f.id)).not.toContain(secret.id);
      expect((await api.request('flash/search', { query: 'zebra' })).map((f) => f.id)).toEqual([open.id]);
    }
    await expectApiError(server.client(other!.token).request('flash/like', { flashId: secret.id }), e.like.noSuchFlash);
    await expectApiError(server.client(other!.token).request('flash/unlike', { flashId: secret.id }), e.unlike.noSuchFlash);
    // The owner sees both.
    const mine = server.client(owner!.token);
    expect((await mine.request('flash/show', { flashId: secret.id })).visibility).toBe('private');
    expect((await mine.request('users/flashs', { userId: owner!.id })).map((f) => f.id)).toEqual([open.id, secret.id]);
    expect((await mine.request('flash/search', { query: 'ZEBRA' })).map((f) => f.id)).toEqual([open.id, secret.id]);

    // A liked Play made private leaves the liker's list; the like can still be taken back.
    await mine.request('flash/update', { flashId: open.id, visibility: 'private' });
    expect(await server.client(other!.token).request('flash/my-likes', {})).toEqual([]);
    await server.client(other!.token).request('flash/unlike', { flashId: open.id });
    expect((await mine.request('flash/show', { flashId: open.id })).likedCount).toBe(0);
  });
});

describe('likes and featured', () => {
  it('likes count exactly, with every declared error', async () => {
    const [owner, a, b] = await createUsers(server, 3);
    const flash = await create(owner!.token);
    await expectApiError(server.client(owner!.token).request('flash/like', { flashId: flash.id }), e.like.yourFlash);
    await expectApiError(server.client(a!.token).request('flash/like', { flashId: unknownId }), e.like.noSuchFlash);
    await expectApiError(server.client(a!.token).request('flash/unlike', { flashId: unknownId }), e.unlike.noSuchFlash);
    await expectApiError(server.client(a!.token).request('flash/unlike', { flashId: flash.id }), e.unlike.notLiked);

    await Promise.all([a, b].map((user) => server.client(user!.token).request('flash/like', { flashId: flash.id })));
    await expectApiError(server.client(a!.token).request('flash/like', { flashId: flash.id }), e.like.alreadyLiked);
    expect(await server.client(a!.token).request('flash/show', { flashId: flash.id })).toMatchObject({ likedCount: 2, isLiked: true });
    expect(await server.client(owner!.token).request('flash/show', { flashId: flash.id })).toMatchObject({ likedCount: 2, isLiked: false });

    const likes = await server.client(a!.token).request('flash/my-likes', {});
    expect(likes).toHaveLength(1);
    expect(likes[0]!.flash).toMatchObject({ id: flash.id, isLiked: true });
    expectSchema(FlashSchema, likes[0]!.flash);

    await server.client(a!.token).request('flash/unlike', { flashId: flash.id });
    await expectApiError(server.client(a!.token).request('flash/unlike', { flashId: flash.id }), e.unlike.notLiked);
    expect(await server.client(a!.token).request('flash/show', { flashId: flash.id })).toMatchObject({ likedCount: 1, isLiked: false });
    expect(await server.client(a!.token).request('flash/my-likes', {})).toEqual([]);
  });

  it('concurrent likes of one user count once', async () => {
    const [owner, fan] = await createUsers(server, 2);
    const flash = await create(owner!.token);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => server.client(fan!.token).request('flash/like', { flashId: flash.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await server.client().request('flash/show', { flashId: flash.id })).likedCount).toBe(1);
  });

  it('featured lists public Plays most liked first, by offset', async () => {
    const [owner, ...fans] = await createUsers(server, 4);
    const one = await create(owner!.token, { title: 'one like' });
    const three = await create(owner!.token, { title: 'three likes' });
    const two = await create(owner!.token, { title: 'two likes' });
    for (const [flash, n] of [[one, 1], [three, 3], [two, 2]] as const) {
      for (const fan of fans.slice(0, n)) await server.client(fan.token).request('flash/like', { flashId: flash.id });
    }
    const featured = await server.client().request('flash/featured', { limit: 100 });
    const ours = featured.map((f) => f.id).filter((id) => [one.id, two.id, three.id].includes(id));
    expect(ours).toEqual([three.id, two.id, one.id]);
    const counts = featured.map((f) => f.likedCount);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    const top = featured.findIndex((f) => f.id === three.id);
    expect((await server.client().request('flash/featured', { offset: top + 1, limit: 1 }))[0]!.id).toBe(featured[top + 1]!.id);
  });
});

describe('permissions and credentials', () => {
  it('each endpoint needs its Misskey kind; the anonymous ones take any token', async () => {
    const [owner, other] = await createUsers(server, 2);
    const theirs = await create(other!.token);
    const own = await create(owner!.token);
    const read = await server.createAppToken(owner!.id, ['read:flash']);
    const write = await server.createAppToken(owner!.id, ['write:flash']);
    const readLikes = await server.createAppToken(owner!.id, ['read:flash-likes']);
    const writeLikes = await server.createAppToken(owner!.id, ['write:flash-likes']);
    const calls: [string, Record<string, unknown>, string, string][] = [
      ['flash/create', { title: 't', summary: 's', script: 'x', permissions: [] }, write, read],
      ['flash/update', { flashId: own.id, title: 'renamed' }, write, writeLikes],
      ['flash/my', {}, read, write],
      ['flash/like', { flashId: theirs.id }, writeLikes, write],
      ['flash/my-likes', {}, readLikes, read],
      ['flash/unlike', { flashId: theirs.id }, writeLikes, readLikes],
      ['flash/delete', { flashId: own.id }, write, read],
    ];
    for (const [endpoint, params, allowed, refused] of calls) {
      await expectApiError(server.client(refused).request(endpoint as 'flash/my', params as never), e.permissionDenied);
      await server.client(allowed).request(endpoint as 'flash/my', params as never);
      await expectApiError(server.client().request(endpoint as 'flash/my', params as never), e.credentialRequired);
    }
    for (const [endpoint, params] of [['flash/show', { flashId: theirs.id }], ['flash/featured', {}], ['flash/search', { query: 'Hello' }], ['users/flashs', { userId: other!.id }]] as const) {
      await server.client(readLikes).request(endpoint as 'flash/featured', params as never);
    }
  });

  it('a moved account may not create, update, like or unlike (YOUR_ACCOUNT_MOVED) but may delete', async () => {
    const [owner, other] = await createUsers(server, 2);
    const theirs = await create(other!.token);
    const own = await create(owner!.token);
    await markAccountMoved(server.ctx, owner!.id, 'https://elsewhere.example/users/x');
    const api = server.client(owner!.token);
    await expectApiError(create(owner!.token), e.yourAccountMoved);
    await expectApiError(api.request('flash/update', { flashId: own.id, title: 'x' }), e.yourAccountMoved);
    await expectApiError(api.request('flash/like', { flashId: theirs.id }), e.yourAccountMoved);
    await expectApiError(api.request('flash/unlike', { flashId: theirs.id }), e.yourAccountMoved);
    await api.request('flash/delete', { flashId: own.id });
  });
});

describe('the server-rendered /play/:id page', () => {
  it('is a page with the Play\'s meta for a public Play, a 404 for a private or unknown one', async () => {
    const [owner] = await createUsers(server, 1);
    const open = await create(owner!.token, { title: 'Visible play', summary: 'seen by all' });
    const secret = await create(owner!.token, { title: 'Hidden play', visibility: 'private' });
    const page = await fetch(`${server.url}/play/${open.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Visible play');
    expect(html).toContain(`content="${open.id}"`);
    for (const id of [secret.id, unknownId]) {
      const missing = await fetch(`${server.url}/play/${id}`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).not.toContain('Hidden play');
    }
  });
});
