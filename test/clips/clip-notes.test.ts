import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteSchema } from '../../src/core/notes/schema.js';
import { expectSchema } from '../accounts/helpers.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createClip, createUsers, e, expectApiError, post, unknownId } from './helpers.js';

/** The notes in clips: add-note, remove-note, clips/notes with the viewer's visibility, blocks and mutes. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

const ids = (notes: { id: string }[]) => notes.map((note) => note.id);

describe('adding and removing notes', () => {
  it('adds notes (lastClippedAt, clippedCount, notesCount move with them), refuses duplicates, removes them', async () => {
    const [owner, author] = await createUsers(server, 2);
    const api = server.client(owner!.token);
    const clip = await createClip(server, owner!.token, { name: 'c', isPublic: true });
    const other = await createClip(server, owner!.token, { name: 'd' });
    const note = await post(server, author!, { text: 'keep this' });
    const before = Date.now();
    await api.request('clips/add-note', { clipId: clip.id, noteId: note.id });
    const shown = await api.request('clips/show', { clipId: clip.id });
    expect(shown.notesCount).toBe(1);
    expect(Date.parse(shown.lastClippedAt!)).toBeGreaterThanOrEqual(before - 1000);
    await expectApiError(api.request('clips/add-note', { clipId: clip.id, noteId: note.id }), e.addNote.alreadyClipped);
    await api.request('clips/add-note', { clipId: other.id, noteId: note.id });
    expect((await api.request('notes/show', { noteId: note.id })).clippedCount).toBe(2);

    await api.request('clips/remove-note', { clipId: clip.id, noteId: note.id });
    expect((await api.request('notes/show', { noteId: note.id })).clippedCount).toBe(1);
    expect(await api.request('clips/notes', { clipId: clip.id })).toEqual([]);
    expect((await api.request('clips/show', { clipId: clip.id })).notesCount).toBe(0);
    // Not in the clip (any more): no error, as in Misskey; the count does not go below.
    await api.request('clips/remove-note', { clipId: clip.id, noteId: note.id });
    expect((await api.request('notes/show', { noteId: note.id })).clippedCount).toBe(1);
    // Deleting a clip unclips its notes.
    await api.request('clips/delete', { clipId: other.id });
    expect((await api.request('notes/show', { noteId: note.id })).clippedCount).toBe(0);
  });

  it('NO_SUCH_NOTE for an unknown note and for a note the owner cannot see; removing works while the note is in the clip', async () => {
    const [owner, author] = await createUsers(server, 2);
    const api = server.client(owner!.token);
    const clip = await createClip(server, owner!.token);
    await expectApiError(api.request('clips/add-note', { clipId: clip.id, noteId: unknownId }), e.addNote.noSuchNote);
    await expectApiError(api.request('clips/remove-note', { clipId: clip.id, noteId: unknownId }), e.removeNote.noSuchNote);
    await expectApiError(api.request('clips/add-note', { clipId: unknownId, noteId: unknownId }), e.addNote.noSuchClip);
    await expectApiError(api.request('clips/remove-note', { clipId: unknownId, noteId: unknownId }), e.removeNote.noSuchClip);
    const followersOnly = await post(server, author!, { text: 'followers', visibility: 'followers' });
    const specified = await post(server, author!, { text: 'dm', visibility: 'specified', visibleUserIds: [] });
    await expectApiError(api.request('clips/add-note', { clipId: clip.id, noteId: followersOnly.id }), e.addNote.noSuchNote);
    await expectApiError(api.request('clips/add-note', { clipId: clip.id, noteId: specified.id }), e.addNote.noSuchNote);
    await expectApiError(api.request('clips/remove-note', { clipId: clip.id, noteId: specified.id }), e.removeNote.noSuchNote);
    // Following the author makes the followers-only note clippable; a later block hides it, but it can still be removed.
    await api.request('following/create', { userId: author!.id });
    await api.request('clips/add-note', { clipId: clip.id, noteId: followersOnly.id });
    await server.client(author!.token).request('blocking/create', { userId: owner!.id });
    expect(await api.request('clips/notes', { clipId: clip.id })).toEqual([]);
    await api.request('clips/remove-note', { clipId: clip.id, noteId: followersOnly.id });
    expect((await api.request('clips/show', { clipId: clip.id })).notesCount).toBe(0);
  });

  it('a deleted note leaves every clip', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    const clip = await createClip(server, owner!.token);
    const note = await post(server, owner!, { text: 'short-lived' });
    await api.request('clips/add-note', { clipId: clip.id, noteId: note.id });
    await api.request('notes/delete', { noteId: note.id });
    expect(await api.request('clips/notes', { clipId: clip.id })).toEqual([]);
    expect((await api.request('clips/show', { clipId: clip.id })).notesCount).toBe(0);
  });
});

describe('clips/notes', () => {
  it('pages by note id (sinceId/untilId/sinceDate/untilDate/limit) and searches the text', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner!.token);
    const clip = await createClip(server, owner!.token, { isPublic: true });
    const notes = [];
    for (const text of ['apple pie', 'banana', 'Apple tart', 'cherry']) {
      notes.push(await post(server, owner!, { text }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Clipped in another order than posted: the clip's notes come by note id, as Misskey's do.
    for (const note of [notes[2], notes[0], notes[3], notes[1]]) await api.request('clips/add-note', { clipId: clip.id, noteId: note.id });
    const all = await api.request('clips/notes', { clipId: clip.id });
    for (const note of all) expectSchema(NoteSchema, note);
    expect(ids(all)).toEqual(ids([...notes].reverse()));
    expect(ids(await api.request('clips/notes', { clipId: clip.id, limit: 2 }))).toEqual([notes[3].id, notes[2].id]);
    expect(ids(await api.request('clips/notes', { clipId: clip.id, untilId: notes[2].id }))).toEqual([notes[1].id, notes[0].id]);
    // Only a lower bound: oldest first.
    expect(ids(await api.request('clips/notes', { clipId: clip.id, sinceId: notes[1].id }))).toEqual([notes[2].id, notes[3].id]);
    expect(ids(await api.request('clips/notes', { clipId: clip.id, untilDate: Date.parse(notes[1].createdAt) }))).toEqual([notes[0].id]);
    expect(ids(await api.request('clips/notes', { clipId: clip.id, sinceDate: Date.parse(notes[2].createdAt) }))).toEqual([notes[3].id]);
    expect(ids(await api.request('clips/notes', { clipId: clip.id, search: 'apple' }))).toEqual([notes[2].id, notes[0].id]);
    expect(ids(await api.request('clips/notes', { clipId: clip.id, search: 'apple  tart' }))).toEqual([notes[2].id]);
    expect(await api.request('clips/notes', { clipId: clip.id, search: '100%' })).toEqual([]);
    await expectApiError(api.request('clips/notes', { clipId: clip.id, limit: 101 }), e.invalidParam);
  });

  it('shows each viewer only the notes they may read: followers-only and specified notes, blocks both ways, mutes', async () => {
    const [owner, author, follower, stranger, blocked, blocker, muter] = await createUsers(server, 7);
    const api = server.client(owner!.token);
    await api.request('following/create', { userId: author!.id });
    await server.client(follower!.token).request('following/create', { userId: author!.id });
    const open = await post(server, author!, { text: 'public' });
    const followers = await post(server, author!, { text: 'followers', visibility: 'followers' });
    const specified = await post(server, author!, { text: 'to owner', visibility: 'specified', visibleUserIds: [owner!.id] });
    const own = await post(server, owner!, { text: 'the owner\'s own' });
    const clip = await createClip(server, owner!.token, { isPublic: true });
    for (const note of [open, followers, specified, own]) await api.request('clips/add-note', { clipId: clip.id, noteId: note.id });

    const seenBy = async (token: string | null) => ids(await server.client(token).request('clips/notes', { clipId: clip.id }));
    expect(await seenBy(owner!.token)).toEqual([own.id, specified.id, followers.id, open.id]);
    expect(await seenBy(follower!.token)).toEqual([own.id, followers.id, open.id]);
    expect(await seenBy(stranger!.token)).toEqual([own.id, open.id]);
    expect(await seenBy(null)).toEqual([own.id, open.id]);

    await server.client(blocked!.token).request('blocking/create', { userId: author!.id });
    expect(await seenBy(blocked!.token)).toEqual([own.id]);
    await server.client(author!.token).request('blocking/create', { userId: blocker!.id });
    expect(await seenBy(blocker!.token)).toEqual([own.id]);
    await server.client(muter!.token).request('mute/create', { userId: author!.id });
    expect(await seenBy(muter!.token)).toEqual([own.id]);
    await server.client(muter!.token).request('mute/create', { userId: owner!.id });
    expect(await seenBy(muter!.token)).toEqual([]);
    // The clip itself stays readable to them all: it is the notes that are filtered.
    expect((await server.client(muter!.token).request('clips/show', { clipId: clip.id })).notesCount).toBe(4);
  });
});
