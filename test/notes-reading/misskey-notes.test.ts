import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { closeAll, eventually, openStream } from '../streaming/helpers.js';
import { errors, expectApiError } from '../notes/helpers.js';
import { gif, upload } from '../drive/helpers.js';

// Issue 17, "Notes and timelines", and issue 18 defect 2 (privacy settings enforced everywhere).

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterEach(() => closeAll());
afterAll(async () => { await server?.close(); });

type User = Awaited<ReturnType<TestServer['createUser']>>;
const req = (user: User | null, endpoint: string, params: Record<string, unknown> = {}) =>
  server.client(user?.token ?? null).request(endpoint as any, params as any) as Promise<any>;
const post = async (user: User, params: Record<string, unknown>) => (await req(user, 'notes/create', params)).createdNote;
const ids = (notes: any[]) => notes.map((note) => note.id);

function expectHidden(note: any): void {
  expect(note.isHidden).toBe(true);
  expect(note.text).toBeNull();
  expect(note.cw).toBeNull();
  expect(note.files).toEqual([]);
  expect(note.fileIds).toEqual([]);
  expect(note).not.toHaveProperty('poll');
  expect(note).not.toHaveProperty('visibleUserIds');
}

describe('notes/show of a note the viewer may not read', () => {
  it('answers the note packed hidden; only a missing or deleted note is NO_SUCH_NOTE', async () => {
    const [author, stranger, addressee] = [await server.createUser(), await server.createUser(), await server.createUser()];
    const followersOnly = await post(author, { text: 'for followers', cw: 'cw', visibility: 'followers', poll: { choices: ['a', 'b'] } });
    const direct = await post(author, { text: 'for one', visibility: 'specified', visibleUserIds: [addressee.id] });

    for (const viewer of [stranger, null]) {
      const shown = await req(viewer, 'notes/show', { noteId: followersOnly.id });
      expect(shown.id).toBe(followersOnly.id);
      expect(shown.userId).toBe(author.id);
      expectHidden(shown);
      expectHidden(await req(viewer, 'notes/show', { noteId: direct.id }));
    }
    // Who may read it still reads it.
    expect((await req(addressee, 'notes/show', { noteId: direct.id })).text).toBe('for one');

    await req(author, 'notes/delete', { noteId: direct.id });
    await expectApiError(req(addressee, 'notes/show', { noteId: direct.id }), errors.show.noSuchNote);
    await expectApiError(req(stranger, 'notes/show', { noteId: 'aaaaaaaaaaaaaaaa' }), errors.show.noSuchNote);
  });

  it('embeds a reply target the viewer may not read as hidden', async () => {
    const [author, follower, stranger] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await req(follower, 'following/create', { userId: author.id });
    const secret = await post(author, { text: 'secret', visibility: 'followers' });
    const answer = await post(follower, { text: 'public answer', replyId: secret.id, visibility: 'home' });
    const shown = await req(stranger, 'notes/show', { noteId: answer.id });
    expect(shown.text).toBe('public answer');
    expectHidden(shown.reply);
  });
});

describe('timelines and replies to followers-only notes', () => {
  it('home and hybrid leave out a followee\'s reply to a followers-only note the viewer cannot see, even withReplies', async () => {
    const [viewer, replier, author] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await req(replier, 'following/create', { userId: author.id });
    await req(viewer, 'following/create', { userId: replier.id, withReplies: true });
    const secret = await post(author, { text: 'followers only', visibility: 'followers' });
    const open = await post(author, { text: 'public' });
    const hiddenReply = await post(replier, { text: 'reply to secret', replyId: secret.id, visibility: 'home' });
    const shownReply = await post(replier, { text: 'reply to public', replyId: open.id });

    for (const endpoint of ['notes/timeline', 'notes/hybrid-timeline']) {
      const timeline = ids(await req(viewer, endpoint, { limit: 100 }));
      expect(timeline, endpoint).toContain(shownReply.id);
      expect(timeline, endpoint).not.toContain(hiddenReply.id);
    }
    // Once the viewer follows the author, the reply is theirs to see.
    await req(viewer, 'following/create', { userId: author.id });
    expect(ids(await req(viewer, 'notes/timeline', { limit: 100 }))).toContain(hiddenReply.id);
  });

  it('the globalTimeline stream drops replies unless to or by the viewer, to the author\'s own note, or followed withReplies', async () => {
    const [viewer, other, third, withRepliesFollowee] = [await server.createUser(), await server.createUser(), await server.createUser(), await server.createUser()];
    await req(viewer, 'following/create', { userId: withRepliesFollowee.id, withReplies: true });
    const stream = await openStream(server, viewer.token);
    const got: any[] = [];
    stream.useChannel('globalTimeline').on('note', (note: any) => got.push(note));
    const base = await post(third, { text: 'base' });
    const viewerNote = await post(viewer, { text: 'viewer note' });
    await eventually(() => expect(got.map((note) => note.id)).toContain(viewerNote.id));

    await post(other, { text: 'g-unrelated-reply', replyId: base.id });
    await post(other, { text: 'g-reply-to-viewer', replyId: viewerNote.id });
    await post(third, { text: 'g-self-reply', replyId: base.id });
    await post(withRepliesFollowee, { text: 'g-followee-reply', replyId: base.id });
    await post(other, { text: 'g-marker' });
    await eventually(() => expect(got.map((note) => note.text)).toContain('g-marker'));
    const texts = got.map((note) => note.text);
    expect(texts).toEqual(expect.arrayContaining(['g-reply-to-viewer', 'g-self-reply', 'g-followee-reply']));
    expect(texts).not.toContain('g-unrelated-reply');
  });
});

describe('replying to a note of a user one blocks', () => {
  it('is allowed (the block stops the blocked user, not the blocker)', async () => {
    const [blocker, blockee] = [await server.createUser(), await server.createUser()];
    const target = await post(blockee, { text: 'hello' });
    await req(blocker, 'blocking/create', { userId: blockee.id });
    const reply = await post(blocker, { text: 'still answering', replyId: target.id });
    expect(reply.replyId).toBe(target.id);
    const quote = await post(blocker, { text: 'quoting', renoteId: target.id });
    expect(quote.renoteId).toBe(target.id);
    // The blocked user still may not reply to the blocker.
    const own = await post(blocker, { text: 'mine' });
    await expectApiError(req(blockee, 'notes/create', { text: 'no', replyId: own.id }), errors.create.youHaveBeenBlocked);
  });
});

describe('the notes endpoint', () => {
  it('lists public notes with the reply, renote, withFiles and poll filters', async () => {
    const user = await server.createUser();
    const other = await server.createUser();
    const { id: fileId } = await upload(server, user.token, await gif(), { name: 'f.gif' });
    const plain = await post(user, { text: 'plain' });
    const home = await post(user, { text: 'home', visibility: 'home' });
    const localOnly = await post(user, { text: 'local only', localOnly: true });
    const withFile = await post(user, { text: 'file', fileIds: [fileId] });
    const withPoll = await post(user, { text: 'poll', poll: { choices: ['x', 'y'] } });
    const reply = await post(other, { text: 'reply', replyId: plain.id });
    const renote = await post(other, { renoteId: plain.id });
    const renoteOfFile = await post(other, { renoteId: withFile.id });
    const replyToFile = await post(other, { text: 'about the file', replyId: withFile.id });

    const all = ids(await req(null, 'notes', { limit: 100 }));
    expect(all).toEqual(expect.arrayContaining([plain.id, withFile.id, withPoll.id, reply.id, renote.id]));
    expect(all).not.toContain(home.id);
    expect(all).not.toContain(localOnly.id);
    expect(all[0]).toBe(replyToFile.id);

    const replies = ids(await req(null, 'notes', { reply: true, limit: 100 }));
    expect(replies).toContain(reply.id);
    expect(replies).not.toContain(plain.id);
    expect(ids(await req(null, 'notes', { reply: false, limit: 100 }))).not.toContain(reply.id);
    const renotes = ids(await req(null, 'notes', { renote: true, limit: 100 }));
    expect(renotes).toEqual(expect.arrayContaining([renote.id, renoteOfFile.id]));
    expect(renotes).not.toContain(plain.id);
    const files = ids(await req(null, 'notes', { withFiles: true, limit: 100 }));
    expect(files).toEqual(expect.arrayContaining([withFile.id, renoteOfFile.id, replyToFile.id]));
    expect(files).not.toContain(plain.id);
    expect(files).not.toContain(renote.id);
    const withoutFiles = ids(await req(null, 'notes', { withFiles: false, limit: 100 }));
    expect(withoutFiles).toContain(plain.id);
    expect(withoutFiles).not.toContain(renoteOfFile.id);
    expect(ids(await req(null, 'notes', { poll: true, limit: 100 }))).toEqual([withPoll.id]);

    // Paging by id.
    const page = ids(await req(null, 'notes', { untilId: withPoll.id, limit: 2 }));
    expect(page).toEqual([withFile.id, plain.id]);
    await expectApiError(req(null, 'notes', { limit: 101 }), errors.invalidParam);
  });
});

describe('privacy settings are enforced everywhere (issue 18)', () => {
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  it('makeNotesFollowersOnlyBefore makes older notes followers-only to non-followers', async () => {
    const [author, follower, stranger] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await req(follower, 'following/create', { userId: author.id });
    const old = await post(author, { text: 'fobefore-secret words' });
    await req(author, 'i/update', { makeNotesFollowersOnlyBefore: inAnHour() });

    for (const viewer of [stranger, null]) {
      expect(ids(await req(viewer, 'users/notes', { userId: author.id }))).not.toContain(old.id);
      expectHidden(await req(viewer, 'notes/show', { noteId: old.id }));
      expect(ids(await req(viewer, 'notes/local-timeline', { limit: 100 }))).not.toContain(old.id);
      expect(ids(await req(viewer, 'notes', { limit: 100 }))).not.toContain(old.id);
    }
    expect(ids(await req(follower, 'users/notes', { userId: author.id }))).toContain(old.id);
    expect((await req(follower, 'notes/show', { noteId: old.id })).text).toBe('fobefore-secret words');
    expect((await req(author, 'notes/show', { noteId: old.id })).text).toBe('fobefore-secret words');
    // A renote by someone else embeds it hidden for the stranger.
    const renote = await post(follower, { renoteId: old.id });
    expectHidden((await req(stranger, 'notes/show', { noteId: renote.id })).renote);

    // A relative threshold (seconds before now) reads the same way; null lifts it.
    await req(author, 'i/update', { makeNotesFollowersOnlyBefore: -3600 });
    expect(ids(await req(stranger, 'users/notes', { userId: author.id }))).toContain(old.id);
    await req(author, 'i/update', { makeNotesFollowersOnlyBefore: null });
    expect(ids(await req(null, 'users/notes', { userId: author.id }))).toContain(old.id);
  });

  it('makeNotesHiddenBefore hides older notes from everyone but the author', async () => {
    const [author, follower] = [await server.createUser(), await server.createUser()];
    await req(follower, 'following/create', { userId: author.id });
    const old = await post(author, { text: 'hiddenbefore text' });
    await req(author, 'i/update', { makeNotesHiddenBefore: inAnHour() });
    for (const viewer of [follower, null]) {
      expect(ids(await req(viewer, 'users/notes', { userId: author.id }))).not.toContain(old.id);
      expectHidden(await req(viewer, 'notes/show', { noteId: old.id }));
    }
    expect(ids(await req(follower, 'notes/timeline', { limit: 100 }))).not.toContain(old.id);
    expect(ids(await req(author, 'users/notes', { userId: author.id }))).toContain(old.id);
  });

  it('requireSigninToViewContents shows anonymous viewers none of the user\'s notes', async () => {
    const author = await server.createUser();
    const stranger = await server.createUser();
    const note = await post(author, { text: 'signin only text' });
    await req(author, 'i/update', { requireSigninToViewContents: true });
    expect(ids(await req(null, 'users/notes', { userId: author.id }))).toEqual([]);
    expect(ids(await req(null, 'notes/local-timeline', { limit: 100 }))).not.toContain(note.id);
    expect(ids(await req(null, 'notes', { limit: 100 }))).not.toContain(note.id);
    await expectApiError(req(null, 'notes/show', { noteId: note.id }), errors.show.signinRequired);
    expect(ids(await req(stranger, 'users/notes', { userId: author.id }))).toContain(note.id);
  });

  it('notes/search does not match text the viewer cannot read', async () => {
    const admin = await server.createUser({ isAdmin: true } as any);
    await req(admin, 'admin/update-meta', { policies: { canSearchNotes: true } });
    const [author, follower, stranger] = [await server.createUser(), await server.createUser(), await server.createUser()];
    await req(follower, 'following/create', { userId: author.id });
    const old = await post(author, { text: 'zebrafish confidential' });
    const hiddenAuthor = await server.createUser();
    const hiddenOld = await post(hiddenAuthor, { text: 'zebrafish buried' });
    await req(author, 'i/update', { makeNotesFollowersOnlyBefore: inAnHour() });
    await req(hiddenAuthor, 'i/update', { makeNotesHiddenBefore: inAnHour() });

    expect(ids(await req(stranger, 'notes/search', { query: 'zebrafish' }))).toEqual([]);
    expect(ids(await req(follower, 'notes/search', { query: 'zebrafish' }))).toEqual([old.id]);
    expect(ids(await req(hiddenAuthor, 'notes/search', { query: 'zebrafish' }))).toContain(hiddenOld.id);
  });
});
