import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageSchema } from '../../src/core/pages/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { suspendAccount } from '../fixtures/accounts.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createUsers, e, expectApiError, unknownId, upload, type TestUser } from './helpers.js';

/** Pages: create/update/delete/show (by id and by name), lists, likes, featured, visibility, permissions. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

let pageCounter = 0;
function pageParams(params: Record<string, unknown> = {}) {
  return { title: 'A page', name: `page-${++pageCounter}`, content: [{ id: 't1', type: 'text', text: 'Hello' }], variables: [], script: '', ...params };
}

async function createPage(user: TestUser, params: Record<string, unknown> = {}) {
  return server.client(user.token).request('pages/create', pageParams(params) as any);
}

describe('page lifecycle', () => {
  it('creates, shows (by id and by name), lists, updates and deletes a page with misskey-js\'s Page entity', async () => {
    const [owner, viewer] = await createUsers(server, 2);
    const api = server.client(owner!.token);
    const image = await upload(server, owner!.token, 'an image', { name: 'i.txt' });
    const cover = await upload(server, owner!.token, 'a cover', { name: 'c.txt' });
    const content = [
      { id: 'a', type: 'text', text: 'Intro' },
      { id: 'b', type: 'section', title: 'Part', children: [{ id: 'c', type: 'image', fileId: image.id }] },
      { id: 'd', type: 'note', detailed: false, note: null },
    ];
    const page = await api.request('pages/create', {
      title: 'Guide', name: 'guide', summary: 'How to', content, variables: [], script: '', eyeCatchingImageId: cover.id, font: 'serif', alignCenter: true,
    } as any);
    expectSchema(PageSchema, page);
    expect(page).toMatchObject({
      title: 'Guide', name: 'guide', summary: 'How to', content, variables: [], script: '', font: 'serif', alignCenter: true,
      hideTitleWhenPinned: false, eyeCatchingImageId: cover.id, eyeCatchingImage: { id: cover.id }, likedCount: 0, isLiked: false,
      userId: owner!.id, user: { id: owner!.id },
    });
    expect(page.attachedFiles.map((f) => f.id)).toEqual([image.id]);

    // Defaults.
    expect(await createPage(owner!)).toMatchObject({ font: 'sans-serif', alignCenter: false, hideTitleWhenPinned: false, summary: null, eyeCatchingImage: null, attachedFiles: [] });

    const anonymous = await server.client().request('pages/show', { pageId: page.id });
    expect(anonymous).toMatchObject({ id: page.id, title: 'Guide' });
    expect(anonymous).not.toHaveProperty('isLiked');
    expect(await server.client(viewer!.token).request('pages/show', { username: owner!.username, name: 'guide' })).toMatchObject({ id: page.id });
    expect(await server.client().request('pages/show', { username: owner!.username.toUpperCase(), name: 'guide' })).toMatchObject({ id: page.id });
    await expectApiError(server.client().request('pages/show', { username: owner!.username, name: 'nope' }), e.pages.show.noSuchPage);
    await expectApiError(server.client().request('pages/show', { username: 'nobody_here', name: 'guide' }), e.pages.show.noSuchPage);
    await expectApiError(server.client().request('pages/show', { name: 'guide' } as any), e.invalidParam);

    expect((await api.request('i/pages', {})).map((p) => p.id)).toHaveLength(2);
    expect((await api.request('i/pages', { limit: 1 }))[0]!.id).not.toBe(page.id);
    expect((await server.client().request('users/pages', { userId: owner!.id })).map((p) => p.id)).toContain(page.id);

    await api.request('pages/update', { pageId: page.id, title: 'Guide 2', eyeCatchingImageId: null, content: [{ id: 'x', type: 'text', text: 'New' }] } as any);
    expect(await api.request('pages/show', { pageId: page.id })).toMatchObject({
      title: 'Guide 2', name: 'guide', summary: 'How to', font: 'serif', eyeCatchingImageId: null, eyeCatchingImage: null, attachedFiles: [],
      content: [{ id: 'x', type: 'text', text: 'New' }],
    });

    await api.request('pages/delete', { pageId: page.id });
    await expectApiError(api.request('pages/show', { pageId: page.id }), e.pages.show.noSuchPage);
    await expectApiError(api.request('pages/delete', { pageId: page.id }), e.pages.delete.noSuchPage);
    await expectApiError(api.request('pages/update', { pageId: page.id, title: 'x' }), e.pages.update.noSuchPage);
  });

  it('keeps names unique per author, validates params and takes only the author\'s files', async () => {
    const [owner, other] = await createUsers(server, 2);
    const api = server.client(owner!.token);
    const theirs = await upload(server, other!.token, 'not yours', { name: 'x.txt' });
    const first = await createPage(owner!, { name: 'same' });
    await expectApiError(createPage(owner!, { name: 'same' }), e.pages.create.nameAlreadyExists);
    // Another author may use the name.
    await createPage(other!, { name: 'same' });
    const second = await createPage(owner!, { name: 'second' });
    await expectApiError(api.request('pages/update', { pageId: second.id, name: 'same' }), e.pages.update.nameAlreadyExists);
    // Keeping its own name is no clash.
    await api.request('pages/update', { pageId: first.id, name: 'same', title: 'kept' });

    await expectApiError(createPage(owner!, { eyeCatchingImageId: theirs.id }), e.pages.create.noSuchFile);
    await expectApiError(createPage(owner!, { eyeCatchingImageId: unknownId }), e.pages.create.noSuchFile);
    await expectApiError(api.request('pages/update', { pageId: first.id, eyeCatchingImageId: theirs.id }), e.pages.update.noSuchFile);

    await expectApiError(createPage(owner!, { name: 'has space' }), e.invalidParam);
    await expectApiError(createPage(owner!, { name: '' }), e.invalidParam);
    await expectApiError(createPage(owner!, { font: 'monospace' }), e.invalidParam);
    await expectApiError(createPage(owner!, { visibility: 'followers' }), e.invalidParam);
    await expectApiError(api.request('pages/create', { title: 'x', name: 'no-script', content: [], variables: [] } as any), e.invalidParam);
    expect((await api.request('i/pages', { limit: 100 })).map((p) => p.name).sort()).toEqual(['same', 'second']);
  });

  it('concurrent creates of one name: one page, the rest NAME_ALREADY_EXISTS', async () => {
    const [owner] = await createUsers(server, 1);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createPage(owner!, { name: 'race' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject(e.pages.create.nameAlreadyExists);
    expect((await server.client(owner!.token).request('i/pages', {})).map((p) => p.name)).toEqual(['race']);
  });

  it('takes back a like of a page made private since', async () => {
    const [owner, fan] = await createUsers(server, 2);
    const page = await createPage(owner!);
    await server.client(fan!.token).request('pages/like', { pageId: page.id });
    await server.client(owner!.token).request('pages/update', { pageId: page.id, visibility: 'private' });
    await server.client(fan!.token).request('pages/unlike', { pageId: page.id });
    expect(await server.client(owner!.token).request('pages/show', { pageId: page.id })).toMatchObject({ likedCount: 0 });
  });

  it('only the author updates; the author or a moderator deletes', async () => {
    const [owner, other] = await createUsers(server, 2);
    const moderator = await server.createUser({ isModerator: true });
    const page = await createPage(owner!);
    await expectApiError(server.client(other!.token).request('pages/update', { pageId: page.id, title: 'mine' }), e.pages.update.accessDenied);
    await expectApiError(server.client(moderator.token).request('pages/update', { pageId: page.id, title: 'mine' }), e.pages.update.accessDenied);
    await expectApiError(server.client(other!.token).request('pages/delete', { pageId: page.id }), e.pages.delete.accessDenied);
    expect(await server.client().request('pages/show', { pageId: page.id })).toMatchObject({ title: 'A page' });
    await server.client(moderator.token).request('pages/delete', { pageId: page.id });
    await expectApiError(server.client().request('pages/show', { pageId: page.id }), e.pages.show.noSuchPage);
  });

  it('a private page is its author\'s alone', async () => {
    const [owner, other] = await createUsers(server, 2);
    const page = await createPage(owner!, { visibility: 'private', name: 'secret' });
    expect(await server.client(owner!.token).request('pages/show', { pageId: page.id })).toMatchObject({ id: page.id });
    await expectApiError(server.client(other!.token).request('pages/show', { pageId: page.id }), e.pages.show.noSuchPage);
    await expectApiError(server.client().request('pages/show', { username: owner!.username, name: 'secret' }), e.pages.show.noSuchPage);
    await expectApiError(server.client(other!.token).request('pages/like', { pageId: page.id }), e.pages.like.noSuchPage);
    expect(await server.client(owner!.token).request('users/pages', { userId: owner!.id })).toEqual([]);
    expect((await server.client(owner!.token).request('i/pages', {})).map((p) => p.id)).toEqual([page.id]);
    // Made public, it is everyone's.
    await server.client(owner!.token).request('pages/update', { pageId: page.id, visibility: 'public' });
    expect(await server.client(other!.token).request('pages/show', { pageId: page.id })).toMatchObject({ id: page.id });
  });
});

describe('likes', () => {
  it('likes and unlikes with likedCount, isLiked, i/page-likes and every declared error', async () => {
    const [owner, fan] = await createUsers(server, 2);
    const page = await createPage(owner!);
    const fanApi = server.client(fan!.token);
    await fanApi.request('pages/like', { pageId: page.id });
    expect(await fanApi.request('pages/show', { pageId: page.id })).toMatchObject({ likedCount: 1, isLiked: true });
    const likes = await fanApi.request('i/page-likes', {});
    expect(likes.map((l) => l.page.id)).toEqual([page.id]);
    expectSchema(PageSchema, likes[0]!.page);
    await expectApiError(fanApi.request('pages/like', { pageId: page.id }), e.pages.like.alreadyLiked);
    await expectApiError(server.client(owner!.token).request('pages/like', { pageId: page.id }), e.pages.like.yourPage);
    await expectApiError(fanApi.request('pages/like', { pageId: unknownId }), e.pages.like.noSuchPage);
    await fanApi.request('pages/unlike', { pageId: page.id });
    expect(await fanApi.request('pages/show', { pageId: page.id })).toMatchObject({ likedCount: 0, isLiked: false });
    await expectApiError(fanApi.request('pages/unlike', { pageId: page.id }), e.pages.unlike.notLiked);
    await expectApiError(fanApi.request('pages/unlike', { pageId: unknownId }), e.pages.unlike.noSuchPage);
  });

  it('featured: the most liked public pages', async () => {
    const [author, a, b] = await createUsers(server, 3);
    const twice = await createPage(author!);
    const once = await createPage(author!);
    const unliked = await createPage(author!);
    const hidden = await createPage(author!);
    await server.client(a!.token).request('pages/like', { pageId: twice.id });
    await server.client(b!.token).request('pages/like', { pageId: twice.id });
    await server.client(a!.token).request('pages/like', { pageId: once.id });
    await server.client(a!.token).request('pages/like', { pageId: hidden.id });
    await server.client(author!.token).request('pages/update', { pageId: hidden.id, visibility: 'private' });
    const ours = [twice.id, once.id, unliked.id, hidden.id];
    expect((await server.client().request('pages/featured', {})).map((p) => p.id).filter((id) => ours.includes(id))).toEqual([twice.id, once.id]);
    // The liker no longer lists a page made private.
    expect((await server.client(a!.token).request('i/page-likes', {})).map((l) => l.page.id)).toEqual([once.id, twice.id]);
  });
});

describe('suspended and blocked authors', () => {
  it('a suspended author\'s pages are gone for everyone else', async () => {
    const [author, viewer] = await createUsers(server, 2);
    const page = await createPage(author!);
    await server.client(viewer!.token).request('pages/like', { pageId: page.id });
    await suspendAccount(server.ctx, author!.id);
    await expectApiError(server.client(viewer!.token).request('pages/show', { pageId: page.id }), e.pages.show.noSuchPage);
    await expectApiError(server.client().request('pages/show', { username: author!.username, name: page.name }), e.pages.show.noSuchPage);
    expect(await server.client().request('users/pages', { userId: author!.id })).toEqual([]);
    expect(await server.client(viewer!.token).request('i/page-likes', {})).toEqual([]);
    expect((await server.client().request('pages/featured', {})).map((p) => p.id)).not.toContain(page.id);
  });

  it('a block in either direction hides the pages and refuses likes', async () => {
    const [blocker, blocked] = await createUsers(server, 2);
    const byBlocker = await createPage(blocker!);
    const byBlocked = await createPage(blocked!);
    await server.client(blocker!.token).request('blocking/create', { userId: blocked!.id });
    await expectApiError(server.client(blocked!.token).request('pages/show', { pageId: byBlocker.id }), e.pages.show.noSuchPage);
    await expectApiError(server.client(blocker!.token).request('pages/show', { pageId: byBlocked.id }), e.pages.show.noSuchPage);
    await expectApiError(server.client(blocked!.token).request('pages/like', { pageId: byBlocker.id }), e.pages.like.noSuchPage);
    expect(await server.client(blocked!.token).request('users/pages', { userId: blocker!.id })).toEqual([]);
    expect(await server.client().request('pages/show', { pageId: byBlocker.id })).toMatchObject({ id: byBlocker.id });
  });
});

describe('permissions on app tokens', () => {
  it('write:pages, read:pages, write:page-likes and read:page-likes', async () => {
    const [owner, other] = await createUsers(server, 2);
    const theirs = await createPage(other!);
    const token = (permissions: Parameters<TestServer['createAppToken']>[1]) => server.createAppToken(owner!.id, permissions);
    const [writePages, readPages, writeLikes, readLikes] = await Promise.all([
      token(['write:pages']), token(['read:pages']), token(['write:page-likes']), token(['read:page-likes']),
    ]);
    await expectApiError(server.client(readPages).request('pages/create', pageParams() as any), e.permissionDenied);
    const own = await server.client(writePages).request('pages/create', pageParams() as any);
    const calls: [string, Record<string, unknown>, string, string][] = [
      ['pages/update', { pageId: own.id, title: 'renamed' }, writePages, readPages],
      ['pages/like', { pageId: theirs.id }, writeLikes, writePages],
      ['i/page-likes', {}, readLikes, readPages],
      ['pages/unlike', { pageId: theirs.id }, writeLikes, writePages],
      ['i/pages', {}, readPages, readLikes],
      ['pages/delete', { pageId: own.id }, writePages, readPages],
    ];
    for (const [endpoint, params, allowed, refused] of calls) {
      await expectApiError(server.client(refused).request(endpoint as 'i/pages', params as any), e.permissionDenied);
      await server.client(allowed).request(endpoint as 'i/pages', params as any);
    }
    await server.client(readLikes).request('pages/show', { pageId: theirs.id });
    await expectApiError(server.client().request('pages/like', { pageId: theirs.id }), e.credentialRequired);
    await expectApiError(server.client().request('i/page-likes', {}), e.credentialRequired);
  });
});
