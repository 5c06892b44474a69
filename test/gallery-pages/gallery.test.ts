import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryPosts } from '../../src/db/schema/index.js';
import { GalleryPostSchema } from '../../src/core/gallery/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { suspendAccount } from '../fixtures/accounts.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createUsers, e, expectApiError, unknownId, upload, type TestUser } from './helpers.js';

/** Gallery posts: create/update/delete/show, lists, likes, featured/popular, visibility, permissions. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

async function files(user: TestUser, n = 1): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, async (_, i) => (await upload(server, user.token, `file ${i} of ${user.username}`, { name: `f${i}.txt` })).id as string));
}

async function createPost(user: TestUser, params: Record<string, unknown> = {}) {
  return server.client(user.token).request('gallery/posts/create', { title: 'post', fileIds: await files(user), ...params } as any);
}

describe('gallery post lifecycle', () => {
  it('creates, shows, lists, updates and deletes a post with misskey-js\'s GalleryPost entity', async () => {
    const [owner, viewer] = await createUsers(server, 2);
    const api = server.client(owner!.token);
    const fileIds = await files(owner!, 2);
    const post = await api.request('gallery/posts/create', { title: 'Holiday', description: 'sea', fileIds });
    expectSchema(GalleryPostSchema, post);
    expect(post).toMatchObject({
      title: 'Holiday', description: 'sea', fileIds, isSensitive: false, likedCount: 0, isLiked: false, userId: owner!.id,
      user: { id: owner!.id, username: owner!.username },
    });
    expect(post.files!.map((f) => f.id)).toEqual(fileIds);

    // Anonymous readers see it without isLiked.
    const shown = await server.client().request('gallery/posts/show', { postId: post.id });
    expect(shown).toMatchObject({ id: post.id, title: 'Holiday' });
    expect(shown).not.toHaveProperty('isLiked');
    expect((await server.client(viewer!.token).request('gallery/posts', { limit: 100 })).map((p) => p.id)).toContain(post.id);
    expect((await api.request('i/gallery/posts', {})).map((p) => p.id)).toEqual([post.id]);
    expect((await server.client().request('users/gallery/posts', { userId: owner!.id })).map((p) => p.id)).toEqual([post.id]);

    // Update: only the given fields change.
    const [third] = await files(owner!);
    const updated = await api.request('gallery/posts/update', { postId: post.id, title: 'Holiday 2', fileIds: [third!], isSensitive: true });
    expectSchema(GalleryPostSchema, updated);
    expect(updated).toMatchObject({ id: post.id, title: 'Holiday 2', description: 'sea', fileIds: [third], isSensitive: true });
    // isSensitive defaults to false on update too (Misskey's params): leaving it out un-marks the post.
    expect(await api.request('gallery/posts/update', { postId: post.id, description: null })).toMatchObject({ title: 'Holiday 2', description: null, isSensitive: false });

    await api.request('gallery/posts/delete', { postId: post.id });
    await expectApiError(api.request('gallery/posts/show', { postId: post.id }), e.gallery.show.noSuchPost);
    await expectApiError(api.request('gallery/posts/delete', { postId: post.id }), e.gallery.delete.noSuchPost);
    expect(await api.request('i/gallery/posts', {})).toEqual([]);
  });

  it('pages lists by id, newest first', async () => {
    const [owner] = await createUsers(server, 1);
    const a = await createPost(owner!);
    const b = await createPost(owner!);
    const c = await createPost(owner!);
    const api = server.client(owner!.token);
    expect((await api.request('i/gallery/posts', { limit: 2 })).map((p) => p.id)).toEqual([c.id, b.id]);
    expect((await api.request('i/gallery/posts', { untilId: b.id })).map((p) => p.id)).toEqual([a.id]);
    expect((await api.request('users/gallery/posts', { userId: owner!.id, sinceId: a.id })).map((p) => p.id)).toEqual([b.id, c.id]);
  });

  it('validates params as Misskey does and takes only files of the poster\'s drive', async () => {
    const [owner, other] = await createUsers(server, 2);
    const api = server.client(owner!.token);
    const [mine] = await files(owner!);
    const [theirs] = await files(other!);
    await expectApiError(api.request('gallery/posts/create', { title: '', fileIds: [mine!] }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/create', { title: 'x', fileIds: [] }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/create', { title: 'x', fileIds: [mine!, mine!] }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/create', { title: 'x', fileIds: Array.from({ length: 33 }, (_, i) => `a${String(i).padStart(15, '0')}`) }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/create', { title: 'x' } as any), e.invalidParam);
    // Someone else's file, or none at all: refused, nothing written.
    await expectApiError(api.request('gallery/posts/create', { title: 'x', fileIds: [mine!, theirs!] }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/create', { title: 'x', fileIds: [unknownId] }), e.invalidParam);
    expect(await api.request('i/gallery/posts', {})).toEqual([]);

    const post = await api.request('gallery/posts/create', { title: 'x', fileIds: [mine!] });
    await expectApiError(api.request('gallery/posts/update', { postId: post.id, fileIds: [theirs!] }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/update', { postId: post.id, title: '' }), e.invalidParam);
    // Someone else's post cannot be changed.
    await expectApiError(server.client(other!.token).request('gallery/posts/update', { postId: post.id, title: 'mine now' }), e.invalidParam);
    await expectApiError(api.request('gallery/posts/update', { postId: unknownId, title: 'y' }), e.invalidParam);
    expect(await api.request('gallery/posts/show', { postId: post.id })).toMatchObject({ title: 'x', fileIds: [mine] });
  });

  it('deletes: the author\'s own post, anyone\'s for a moderator, ACCESS_DENIED for others', async () => {
    const [owner, other] = await createUsers(server, 2);
    const moderator = await server.createUser({ isModerator: true });
    const post = await createPost(owner!);
    await expectApiError(server.client(other!.token).request('gallery/posts/delete', { postId: post.id }), e.gallery.delete.accessDenied);
    await server.client(owner!.token).request('gallery/posts/show', { postId: post.id });
    await server.client(moderator.token).request('gallery/posts/delete', { postId: post.id });
    await expectApiError(server.client().request('gallery/posts/show', { postId: post.id }), e.gallery.show.noSuchPost);
    await expectApiError(server.client(owner!.token).request('gallery/posts/delete', { postId: unknownId }), e.gallery.delete.noSuchPost);
  });
});

describe('likes', () => {
  it('likes and unlikes someone else\'s post, with likedCount, isLiked and i/gallery/likes', async () => {
    const [owner, fan, other] = await createUsers(server, 3);
    const post = await createPost(owner!);
    const fanApi = server.client(fan!.token);
    await fanApi.request('gallery/posts/like', { postId: post.id });
    await server.client(other!.token).request('gallery/posts/like', { postId: post.id });
    expect(await fanApi.request('gallery/posts/show', { postId: post.id })).toMatchObject({ likedCount: 2, isLiked: true });
    expect(await server.client(owner!.token).request('gallery/posts/show', { postId: post.id })).toMatchObject({ likedCount: 2, isLiked: false });

    const likes = await fanApi.request('i/gallery/likes', {});
    expect(likes).toHaveLength(1);
    expect(likes[0]!.post).toMatchObject({ id: post.id, isLiked: true });
    expectSchema(GalleryPostSchema, likes[0]!.post);

    await expectApiError(fanApi.request('gallery/posts/like', { postId: post.id }), e.gallery.like.alreadyLiked);
    await expectApiError(server.client(owner!.token).request('gallery/posts/like', { postId: post.id }), e.gallery.like.yourPost);
    await expectApiError(fanApi.request('gallery/posts/like', { postId: unknownId }), e.gallery.like.noSuchPost);

    await fanApi.request('gallery/posts/unlike', { postId: post.id });
    expect(await fanApi.request('gallery/posts/show', { postId: post.id })).toMatchObject({ likedCount: 1, isLiked: false });
    expect(await fanApi.request('i/gallery/likes', {})).toEqual([]);
    await expectApiError(fanApi.request('gallery/posts/unlike', { postId: post.id }), e.gallery.unlike.notLiked);
    await expectApiError(fanApi.request('gallery/posts/unlike', { postId: unknownId }), e.gallery.unlike.noSuchPost);
  });

  it('keeps likedCount exact under concurrent likes of one user', async () => {
    const [owner, fan] = await createUsers(server, 2);
    const post = await createPost(owner!);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => server.client(fan!.token).request('gallery/posts/like', { postId: post.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await server.client().request('gallery/posts/show', { postId: post.id })).toMatchObject({ likedCount: 1 });
  });

  it('featured: liked posts of the last three days, most liked first; popular: of all time', async () => {
    const users = await createUsers(server, 4);
    const [author, ...fans] = users;
    const once = await createPost(author!);
    const thrice = await createPost(author!);
    const never = await createPost(author!);
    const old = await createPost(author!);
    for (const fan of fans) await server.client(fan.token).request('gallery/posts/like', { postId: thrice.id });
    await server.client(fans[0]!.token).request('gallery/posts/like', { postId: once.id });
    for (const fan of fans.slice(0, 2)) await server.client(fan.token).request('gallery/posts/like', { postId: old.id });
    await server.ctx.db.update(galleryPosts).set({ createdAt: new Date(Date.now() - 4 * 24 * 3600_000) }).where(eq(galleryPosts.id, old.id));

    const featured = (await server.client().request('gallery/featured', {})).map((p) => p.id);
    expect(featured.filter((id) => [once.id, thrice.id, never.id, old.id].includes(id))).toEqual([thrice.id, once.id]);
    expect((await server.client().request('gallery/featured', { limit: 1 })).map((p) => p.id)).toEqual([thrice.id]);
    const popular = (await server.client().request('gallery/popular', {})).map((p) => p.id);
    expect(popular.filter((id) => [once.id, thrice.id, never.id, old.id].includes(id))).toEqual([thrice.id, old.id, once.id]);
  });
});

describe('suspended and blocked authors', () => {
  it('a suspended author\'s posts are gone for everyone else', async () => {
    const [author, viewer] = await createUsers(server, 2);
    const post = await createPost(author!);
    await server.client(viewer!.token).request('gallery/posts/like', { postId: post.id });
    await suspendAccount(server.ctx, author!.id);
    await expectApiError(server.client(viewer!.token).request('gallery/posts/show', { postId: post.id }), e.gallery.show.noSuchPost);
    await expectApiError(server.client().request('gallery/posts/show', { postId: post.id }), e.gallery.show.noSuchPost);
    expect((await server.client().request('gallery/posts', { limit: 100 })).map((p) => p.id)).not.toContain(post.id);
    expect(await server.client().request('users/gallery/posts', { userId: author!.id })).toEqual([]);
    expect(await server.client(viewer!.token).request('i/gallery/likes', {})).toEqual([]);
    expect((await server.client().request('gallery/popular', {})).map((p) => p.id)).not.toContain(post.id);
    await expectApiError(server.client(viewer!.token).request('gallery/posts/like', { postId: post.id }), e.gallery.like.noSuchPost);
  });

  it('a block in either direction hides the posts and refuses likes', async () => {
    const [blocker, blocked] = await createUsers(server, 2);
    const byBlocker = await createPost(blocker!);
    const byBlocked = await createPost(blocked!);
    await server.client(blocker!.token).request('blocking/create', { userId: blocked!.id });
    await expectApiError(server.client(blocked!.token).request('gallery/posts/show', { postId: byBlocker.id }), e.gallery.show.noSuchPost);
    await expectApiError(server.client(blocker!.token).request('gallery/posts/show', { postId: byBlocked.id }), e.gallery.show.noSuchPost);
    await expectApiError(server.client(blocked!.token).request('gallery/posts/like', { postId: byBlocker.id }), e.gallery.like.noSuchPost);
    expect(await server.client(blocked!.token).request('users/gallery/posts', { userId: blocker!.id })).toEqual([]);
    expect((await server.client(blocked!.token).request('gallery/posts', { limit: 100 })).map((p) => p.id)).not.toContain(byBlocker.id);
    // Others still see both.
    expect((await server.client().request('gallery/posts', { limit: 100 })).map((p) => p.id)).toEqual(expect.arrayContaining([byBlocker.id, byBlocked.id]));
  });
});

describe('permissions on app tokens', () => {
  it('write:gallery, write:gallery-likes, read:gallery and read:gallery-likes', async () => {
    const [owner, other] = await createUsers(server, 2);
    const theirs = await createPost(other!);
    const fileIds = await files(owner!);
    const token = (permissions: Parameters<TestServer['createAppToken']>[1]) => server.createAppToken(owner!.id, permissions);
    const [writeGallery, readGallery, writeLikes, readLikes] = await Promise.all([
      token(['write:gallery']), token(['read:gallery']), token(['write:gallery-likes']), token(['read:gallery-likes']),
    ]);
    const own = await server.client(writeGallery).request('gallery/posts/create', { title: 'by app', fileIds });
    await expectApiError(server.client(readGallery).request('gallery/posts/create', { title: 'x', fileIds }), e.permissionDenied);
    const calls: [string, Record<string, unknown>, string, string][] = [
      ['gallery/posts/update', { postId: own.id, title: 'renamed' }, writeGallery, readGallery],
      ['gallery/posts/like', { postId: theirs.id }, writeLikes, writeGallery],
      ['i/gallery/likes', {}, readLikes, readGallery],
      ['gallery/posts/unlike', { postId: theirs.id }, writeLikes, writeGallery],
      ['i/gallery/posts', {}, readGallery, readLikes],
      ['gallery/posts/delete', { postId: own.id }, writeGallery, readGallery],
    ];
    for (const [endpoint, params, allowed, refused] of calls) {
      await expectApiError(server.client(refused).request(endpoint as 'i/gallery/posts', params as any), e.permissionDenied);
      await server.client(allowed).request(endpoint as 'i/gallery/posts', params as any);
    }
    // Public reads need no permission; writes and your own lists need a user.
    await server.client(readLikes).request('gallery/posts/show', { postId: theirs.id });
    await expectApiError(server.client().request('gallery/posts/like', { postId: theirs.id }), e.credentialRequired);
    await expectApiError(server.client().request('i/gallery/posts', {}), e.credentialRequired);
  });
});
