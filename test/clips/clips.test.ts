import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClipSchema } from '../../src/core/clips/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createClip, createUsers, e, expectApiError, post, unknownId } from './helpers.js';

/** Clips themselves: create/update/delete/show/list, favourites, users/clips, notes/clips, limits, permissions. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });
// Tests that lower the limits put them back.
afterEach(async () => { await server.ctx.meta.update({ policies: {} }); });

async function setPolicies(policies: Record<string, number>) {
  await server.ctx.meta.update({ policies });
}

describe('clip lifecycle', () => {
  it('creates, shows, lists, updates and deletes a clip with Misskey\'s Clip entity', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    const clip = await api.request('clips/create', { name: 'Reading', description: 'later' });
    expectSchema(ClipSchema, clip);
    expect(clip).toMatchObject({
      name: 'Reading', description: 'later', isPublic: false, lastClippedAt: null, userId: owner!.id, favoritedCount: 0, isFavorited: false, notesCount: 0,
      user: { id: owner!.id, username: owner!.username },
    });
    // Defaults: private, no description.
    const bare = await api.request('clips/create', { name: 'bare' });
    expect(bare).toMatchObject({ isPublic: false, description: null });

    // The owner's online status moves on with each call; the rest is the same clip.
    expect({ ...await api.request('clips/show', { clipId: clip.id }), user: null }).toEqual({ ...clip, user: null });
    expect((await api.request('clips/list', {})).map((c) => c.id)).toEqual([bare.id, clip.id]);
    expect((await api.request('clips/list', { limit: 1 })).map((c) => c.id)).toEqual([bare.id]);
    expect((await api.request('clips/list', { limit: 1, untilId: bare.id })).map((c) => c.id)).toEqual([clip.id]);

    const updated = await api.request('clips/update', { clipId: clip.id, name: 'Read later', isPublic: true, description: null });
    expectSchema(ClipSchema, updated);
    expect(updated).toMatchObject({ id: clip.id, name: 'Read later', isPublic: true, description: null });
    // Fields left out stay as they were.
    expect(await api.request('clips/update', { clipId: clip.id, description: 'again' })).toMatchObject({ name: 'Read later', isPublic: true, description: 'again' });

    await api.request('clips/delete', { clipId: clip.id });
    await expectApiError(api.request('clips/show', { clipId: clip.id }), e.show.noSuchClip);
    await expectApiError(api.request('clips/delete', { clipId: clip.id }), e.delete.noSuchClip);
    expect((await api.request('clips/list', {})).map((c) => c.id)).toEqual([bare.id]);
  });

  it('validates params as Misskey does (name 1–100, description up to 2048)', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    await expectApiError(api.request('clips/create', { name: '' }), e.invalidParam);
    await expectApiError(api.request('clips/create', { name: 'x'.repeat(101) }), e.invalidParam);
    await expectApiError(api.request('clips/create', { name: 'x', description: 'y'.repeat(2049) }), e.invalidParam);
    expect(await api.request('clips/create', { name: 'x'.repeat(100), description: 'y'.repeat(2048) })).toMatchObject({ name: 'x'.repeat(100) });
    await expectApiError(api.request('clips/update', { clipId: unknownId, name: '' }), e.invalidParam);
  });

  it('a private clip is NO_SUCH_CLIP to everyone but its owner, on every endpoint', async () => {
    const [owner, other] = await createUsers(server, 2);
    const clip = await createClip(server, owner!.token, { name: 'secret' });
    const note = await post(server, owner!, { text: 'mine' });
    await server.client(owner!.token).request('clips/add-note', { clipId: clip.id, noteId: note.id });
    for (const api of [server.client(other!.token), server.client()]) {
      await expectApiError(api.request('clips/show', { clipId: clip.id }), e.show.noSuchClip);
      await expectApiError(api.request('clips/notes', { clipId: clip.id }), e.notes.noSuchClip);
      expect(await api.request('users/clips', { userId: owner!.id })).toEqual([]);
      expect(await api.request('notes/clips', { noteId: note.id })).toEqual([]);
    }
    const api = server.client(other!.token);
    await expectApiError(api.request('clips/favorite', { clipId: clip.id }), e.favorite.noSuchClip);
    await expectApiError(api.request('clips/unfavorite', { clipId: clip.id }), e.unfavorite.noSuchClip);
    // Writes to another's clip, public or not, are NO_SUCH_CLIP too.
    const open = await createClip(server, owner!.token, { name: 'open', isPublic: true });
    for (const target of [clip, open]) {
      await expectApiError(api.request('clips/update', { clipId: target.id, name: 'mine now' }), e.update.noSuchClip);
      await expectApiError(api.request('clips/delete', { clipId: target.id }), e.delete.noSuchClip);
      await expectApiError(api.request('clips/add-note', { clipId: target.id, noteId: note.id }), e.addNote.noSuchClip);
      await expectApiError(api.request('clips/remove-note', { clipId: target.id, noteId: note.id }), e.removeNote.noSuchClip);
    }
    await expectApiError(api.request('clips/show', { clipId: unknownId }), e.show.noSuchClip);
    await expectApiError(api.request('clips/notes', { clipId: unknownId }), e.notes.noSuchClip);
    // Published, it is everyone's to read.
    await server.client(owner!.token).request('clips/update', { clipId: clip.id, isPublic: true });
    const shown = await server.client().request('clips/show', { clipId: clip.id });
    expectSchema(ClipSchema, shown);
    // Anonymous viewers get no isFavorited (Misskey leaves it out).
    expect(shown).not.toHaveProperty('isFavorited');
    expect((await server.client().request('clips/notes', { clipId: clip.id })).map((n) => n.id)).toEqual([note.id]);
  });
});

describe('users/clips and notes/clips', () => {
  it('users/clips lists public clips only (even to their owner), newest first, paged', async () => {
    const [owner, viewer] = await createUsers(server, 2);
    const a = await createClip(server, owner!.token, { name: 'a', isPublic: true });
    await createClip(server, owner!.token, { name: 'hidden' });
    const b = await createClip(server, owner!.token, { name: 'b', isPublic: true });
    for (const token of [owner!.token, viewer!.token, null]) {
      const clips = await server.client(token).request('users/clips', { userId: owner!.id });
      for (const clip of clips) expectSchema(ClipSchema, clip);
      expect(clips.map((c) => c.name)).toEqual(['b', 'a']);
    }
    expect((await server.client().request('users/clips', { userId: owner!.id, limit: 1 })).map((c) => c.id)).toEqual([b.id]);
    expect((await server.client().request('users/clips', { userId: owner!.id, untilId: b.id })).map((c) => c.id)).toEqual([a.id]);
    expect((await server.client().request('users/clips', { userId: owner!.id, sinceId: a.id })).map((c) => c.id)).toEqual([b.id]);
    expect(await server.client().request('users/clips', { userId: unknownId })).toEqual([]);
  });

  it('notes/clips lists the public clips holding a note; a note the viewer cannot see is NO_SUCH_NOTE', async () => {
    const [owner, other, stranger] = await createUsers(server, 3);
    const note = await post(server, owner!, { text: 'clip me' });
    const open = await createClip(server, owner!.token, { name: 'open', isPublic: true });
    const closed = await createClip(server, owner!.token, { name: 'closed' });
    const othersClip = await createClip(server, other!.token, { name: 'theirs', isPublic: true });
    await server.client(owner!.token).request('clips/add-note', { clipId: open.id, noteId: note.id });
    await server.client(owner!.token).request('clips/add-note', { clipId: closed.id, noteId: note.id });
    await server.client(other!.token).request('clips/add-note', { clipId: othersClip.id, noteId: note.id });
    const clips = await server.client(stranger!.token).request('notes/clips', { noteId: note.id });
    for (const clip of clips) expectSchema(ClipSchema, clip);
    expect(clips.map((c) => c.id)).toEqual([othersClip.id, open.id]);

    await expectApiError(server.client().request('notes/clips', { noteId: unknownId }), e.notesClips.noSuchNote);
    const secret = await post(server, owner!, { text: 'for me', visibility: 'specified' });
    await expectApiError(server.client(stranger!.token).request('notes/clips', { noteId: secret.id }), e.notesClips.noSuchNote);
    expect(await server.client(owner!.token).request('notes/clips', { noteId: secret.id })).toEqual([]);
  });
});

describe('favourites', () => {
  it('favorite, unfavorite and my-favorites, with exact counts and the viewer\'s isFavorited', async () => {
    const [owner, fan, other] = await createUsers(server, 3);
    const clip = await createClip(server, owner!.token, { name: 'popular', isPublic: true });
    const fanApi = server.client(fan!.token);
    await fanApi.request('clips/favorite', { clipId: clip.id });
    await expectApiError(fanApi.request('clips/favorite', { clipId: clip.id }), e.favorite.alreadyFavorited);
    // The owner may favourite their own clip too (Misskey).
    await server.client(owner!.token).request('clips/favorite', { clipId: clip.id });
    expect(await fanApi.request('clips/show', { clipId: clip.id })).toMatchObject({ favoritedCount: 2, isFavorited: true });
    expect(await server.client(other!.token).request('clips/show', { clipId: clip.id })).toMatchObject({ favoritedCount: 2, isFavorited: false });

    const mine = await fanApi.request('clips/my-favorites', {});
    for (const c of mine) expectSchema(ClipSchema, c);
    expect(mine.map((c) => c.id)).toEqual([clip.id]);

    await fanApi.request('clips/unfavorite', { clipId: clip.id });
    await expectApiError(fanApi.request('clips/unfavorite', { clipId: clip.id }), e.unfavorite.notFavorited);
    await expectApiError(fanApi.request('clips/favorite', { clipId: unknownId }), e.favorite.noSuchClip);
    await expectApiError(fanApi.request('clips/unfavorite', { clipId: unknownId }), e.unfavorite.noSuchClip);
    expect(await fanApi.request('clips/my-favorites', {})).toEqual([]);
    expect(await fanApi.request('clips/show', { clipId: clip.id })).toMatchObject({ favoritedCount: 1, isFavorited: false });
  });

  it('a clip made private drops out of others\' favourites, and they can still take the favourite back', async () => {
    const [owner, fan] = await createUsers(server, 2);
    const clip = await createClip(server, owner!.token, { name: 'soon private', isPublic: true });
    const fanApi = server.client(fan!.token);
    await fanApi.request('clips/favorite', { clipId: clip.id });
    await server.client(owner!.token).request('clips/update', { clipId: clip.id, isPublic: false });
    expect(await fanApi.request('clips/my-favorites', {})).toEqual([]);
    await fanApi.request('clips/unfavorite', { clipId: clip.id });
    await expectApiError(fanApi.request('clips/unfavorite', { clipId: clip.id }), e.unfavorite.noSuchClip);
  });

  it('concurrent favourites by many users are all counted, exactly once each', async () => {
    const [owner] = await createUsers(server, 1);
    const fans = await createUsers(server, 12);
    const clip = await createClip(server, owner!.token, { name: 'rush', isPublic: true });
    // Each fan favourites twice at once: one wins, the other is ALREADY_FAVORITED.
    const results = await Promise.allSettled(fans.flatMap((fan) => [0, 1].map(() => server.client(fan.token).request('clips/favorite', { clipId: clip.id }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(12);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject(e.favorite.alreadyFavorited);
    expect((await server.client().request('clips/show', { clipId: clip.id })).favoritedCount).toBe(12);
    await Promise.all(fans.slice(0, 5).map((fan) => server.client(fan.token).request('clips/unfavorite', { clipId: clip.id })));
    expect((await server.client().request('clips/show', { clipId: clip.id })).favoritedCount).toBe(7);
  });
});

describe('limits from role policies', () => {
  it('clipLimit: TOO_MANY_CLIPS at the limit, also under concurrent creates; CLIP_LIMIT_EXCEEDED once the limit was lowered below the count', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    await setPolicies({ clipLimit: 3 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => api.request('clips/create', { name: `c${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject(e.create.tooManyClips);
    const [clip] = await api.request('clips/list', {});
    await setPolicies({ clipLimit: 2 });
    const note = await post(server, owner!, { text: 'n' });
    await expectApiError(api.request('clips/update', { clipId: clip!.id, name: 'renamed' }), e.update.clipLimitExceeded);
    await expectApiError(api.request('clips/add-note', { clipId: clip!.id, noteId: note.id }), e.addNote.clipLimitExceeded);
    // Deleting and removing stay possible, so the owner can get back under the limit.
    await api.request('clips/delete', { clipId: clip!.id });
    const [next] = await api.request('clips/list', {});
    await api.request('clips/add-note', { clipId: next!.id, noteId: note.id });
  });

  it('noteEachClipsLimit: TOO_MANY_CLIP_NOTES at the limit; CLIP_NOTES_LIMIT_EXCEEDED on create, update and add-note once lowered below a clip\'s notes', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    await setPolicies({ noteEachClipsLimit: 2 });
    const clip = await createClip(server, owner!.token, { name: 'small' });
    const notes = await Promise.all([1, 2, 3].map((i) => post(server, owner!, { text: `n${i}` })));
    await api.request('clips/add-note', { clipId: clip.id, noteId: notes[0]!.id });
    await api.request('clips/add-note', { clipId: clip.id, noteId: notes[1]!.id });
    await expectApiError(api.request('clips/add-note', { clipId: clip.id, noteId: notes[2]!.id }), e.addNote.tooManyClipNotes);
    await setPolicies({ noteEachClipsLimit: 1 });
    await expectApiError(api.request('clips/add-note', { clipId: clip.id, noteId: notes[2]!.id }), e.addNote.clipNotesLimitExceeded);
    await expectApiError(api.request('clips/update', { clipId: clip.id, name: 'x' }), e.update.clipNotesLimitExceeded);
    await expectApiError(api.request('clips/create', { name: 'another' }), e.create.clipNotesLimitExceeded);
    await api.request('clips/remove-note', { clipId: clip.id, noteId: notes[0]!.id });
    expect(await api.request('clips/update', { clipId: clip.id, name: 'x' })).toMatchObject({ name: 'x' });
  });
});

describe('permissions on app tokens', () => {
  it('each endpoint needs its Misskey kind: read:account / write:account, and read:/write:clip-favorite for favourites', async () => {
    const [owner, other] = await createUsers(server, 2);
    const clip = await createClip(server, other!.token, { name: 'public', isPublic: true });
    const own = await createClip(server, owner!.token, { name: 'own' });
    const note = await post(server, owner!, { text: 'n' });
    const readAccount = await server.createAppToken(owner!.id, ['read:account']);
    const writeAccount = await server.createAppToken(owner!.id, ['write:account']);
    const readFav = await server.createAppToken(owner!.id, ['read:clip-favorite']);
    const writeFav = await server.createAppToken(owner!.id, ['write:clip-favorite']);
    const calls: [string, Record<string, unknown>, string, string][] = [
      ['clips/create', { name: 'by app' }, writeAccount, readAccount],
      ['clips/update', { clipId: own.id, name: 'renamed' }, writeAccount, readAccount],
      ['clips/add-note', { clipId: own.id, noteId: note.id }, writeAccount, readAccount],
      ['clips/remove-note', { clipId: own.id, noteId: note.id }, writeAccount, readAccount],
      ['clips/list', {}, readAccount, writeAccount],
      ['clips/show', { clipId: clip.id }, readAccount, writeAccount],
      ['clips/notes', { clipId: clip.id }, readAccount, writeAccount],
      ['clips/favorite', { clipId: clip.id }, writeFav, writeAccount],
      ['clips/my-favorites', {}, readFav, readAccount],
      ['clips/unfavorite', { clipId: clip.id }, writeFav, writeAccount],
      ['clips/delete', { clipId: own.id }, writeAccount, readAccount],
    ];
    for (const [endpoint, params, allowed, refused] of calls) {
      await expectApiError(server.client(refused).request(endpoint as 'clips/list', params as any), e.permissionDenied);
      await server.client(allowed).request(endpoint as 'clips/list', params as any);
    }
    // users/clips and notes/clips declare no kind: any token reads them.
    await server.client(writeFav).request('users/clips', { userId: other!.id });
    await server.client(writeFav).request('notes/clips', { noteId: note.id });
    // Credentials: the writes and the lists of your own need a user.
    await expectApiError(server.client().request('clips/create', { name: 'x' }), e.credentialRequired);
    await expectApiError(server.client().request('clips/list', {}), e.credentialRequired);
    await expectApiError(server.client().request('clips/my-favorites', {}), e.credentialRequired);
  });
});
