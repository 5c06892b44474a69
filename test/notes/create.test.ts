import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveFiles } from '../../src/db/schema/index.js';
import { genId } from '../../src/misc/id.js';
import { startTestServer, type TestServer } from '../harness.js';
import { createUsers, errors, expectApiError, post, type TestUser } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); }, 180_000);
afterAll(async () => { await server?.close(); });

async function addFile(user: TestUser, type = 'image/png'): Promise<string> {
  const id = genId();
  await server.ctx.db.insert(driveFiles).values({ id, userId: user.id, name: 'a.png', type, md5: '0'.repeat(32), size: 10, accessKey: `key-${id}` });
  return id;
}

async function userRow(user: TestUser) {
  return server.client(user.token).request('i', {});
}

describe('notes/create and notes/show', () => {
  it('posts a note and shows it to anyone', async () => {
    const [alice] = await createUsers(server, 1);
    const note = await post(server, alice, { text: '  hello #Mikan :wave: world  ' });
    expect(note).toMatchObject({
      text: 'hello #Mikan :wave: world', userId: alice.id, visibility: 'public', localOnly: false,
      renoteCount: 0, repliesCount: 0, reactionCount: 0, reactions: {}, reactionEmojis: {}, fileIds: [], files: [], tags: ['mikan'],
      replyId: null, renoteId: null, cw: null, reactionAcceptance: null,
    });
    expect(note.user).toMatchObject({ id: alice.id, username: alice.username });
    const shown = await server.client().request('notes/show', { noteId: note.id });
    expect(shown).toMatchObject({ id: note.id, text: note.text });
    expect((await userRow(alice)).notesCount).toBe(1);
  });

  it('needs a credential and write:notes', async () => {
    const [alice] = await createUsers(server, 1);
    await expectApiError(server.client().request('notes/create', { text: 'x' }), errors.credentialRequired);
    const readOnly = await server.createAppToken(alice.id, ['read:account']);
    await expectApiError(server.client(readOnly).request('notes/create', { text: 'x' }), errors.permissionDenied);
    const writer = await server.createAppToken(alice.id, ['write:notes']);
    const { createdNote } = await server.client(writer).request('notes/create', { text: 'by app' });
    expect(createdNote.text).toBe('by app');
  });

  it('rejects empty notes, too long text and bad params with INVALID_PARAM', async () => {
    const [alice] = await createUsers(server, 1);
    await expectApiError(server.client(alice.token).request('notes/create', {}), errors.invalidParam);
    await expectApiError(server.client(alice.token).request('notes/create', { text: '   ' }), errors.invalidParam);
    await expectApiError(server.client(alice.token).request('notes/create', { text: 'x'.repeat(3001) }), errors.invalidParam);
    await expectApiError(server.client(alice.token).request('notes/create', { text: 'x', visibility: 'nope' as any }), errors.invalidParam);
    await expectApiError(server.client(alice.token).request('notes/create', { text: 'x', poll: { choices: ['only one'] } }), errors.invalidParam);
    expect((await post(server, alice, { text: 'x'.repeat(3000) })).text).toHaveLength(3000);
  });

  it('shows NO_SUCH_NOTE for unknown ids and SIGNIN_REQUIRED when the author demands it', async () => {
    await expectApiError(server.client().request('notes/show', { noteId: 'aaaaaaaaaaaaaaaa' }), errors.show.noSuchNote);
    const [alice] = await createUsers(server, 1);
    const note = await post(server, alice, { text: 'members only' });
    await server.ctx.database.pool.query('UPDATE users SET require_signin_to_view_contents = true WHERE id = $1', [alice.id]);
    await expectApiError(server.client().request('notes/show', { noteId: note.id }), errors.show.signinRequired);
  });

  it('replies: counts, thread, visibility downgrade, and the reply rules', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const root = await post(server, alice, { text: 'root', visibility: 'home' });
    const reply = await post(server, bob, { text: 'reply', replyId: root.id });
    expect(reply).toMatchObject({ replyId: root.id, visibility: 'home' });
    expect(reply.reply).toMatchObject({ id: root.id, text: 'root' });
    expect(reply.mentions).toEqual([alice.id]);
    const shown = await server.client().request('notes/show', { noteId: root.id });
    expect(shown.repliesCount).toBe(1);

    await expectApiError(server.client(bob.token).request('notes/create', { text: 'x', replyId: 'aaaaaaaaaaaaaaaa' }), errors.create.noSuchReplyTarget);
    const pure = await post(server, bob, { renoteId: root.id });
    expect(pure.renoteId).toBe(root.id);
    await expectApiError(server.client(alice.token).request('notes/create', { text: 'x', replyId: pure.id }), errors.create.cannotReplyToPureRenote);

    const secret = await post(server, alice, { text: 'followers', visibility: 'followers' });
    await expectApiError(server.client(bob.token).request('notes/create', { text: 'x', replyId: secret.id }), errors.create.cannotReplyToInvisibleNote);

    const direct = await post(server, alice, { text: 'dm', visibility: 'specified', visibleUserIds: [bob.id] });
    await expectApiError(server.client(bob.token).request('notes/create', { text: 'x', replyId: direct.id }), errors.create.cannotReplyToSpecified);
    const directReply = await post(server, bob, { text: 'dm back', replyId: direct.id, visibility: 'specified' });
    expect(directReply.visibleUserIds).toEqual([alice.id]);
  });

  it('renotes and quotes: counts once per user, visibility rules, pure renotes cannot be renoted', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const note = await post(server, alice, { text: 'renote me' });
    const renote = await post(server, bob, { renoteId: note.id });
    expect(renote).toMatchObject({ text: null, renoteId: note.id });
    expect(renote.renote).toMatchObject({ id: note.id, text: 'renote me' });
    await post(server, bob, { renoteId: note.id });
    const quote = await post(server, carol, { text: 'quoting', renoteId: note.id });
    expect(quote.renote.id).toBe(note.id);
    expect((await server.client().request('notes/show', { noteId: note.id })).renoteCount).toBe(2);

    await expectApiError(server.client(carol.token).request('notes/create', { renoteId: renote.id }), errors.create.cannotReRenote);
    // A quote may be renoted.
    expect((await post(server, alice, { renoteId: quote.id })).renote.renote.id).toBe(note.id);
    await expectApiError(server.client(carol.token).request('notes/create', { renoteId: 'aaaaaaaaaaaaaaaa' }), errors.create.noSuchRenoteTarget);

    const followersOnly = await post(server, alice, { text: 'f', visibility: 'followers' });
    await expectApiError(server.client(bob.token).request('notes/create', { renoteId: followersOnly.id }), errors.create.cannotRenoteDueToVisibility);
    // Your own followers note: allowed, and the renote is followers-only too.
    expect((await post(server, alice, { renoteId: followersOnly.id })).visibility).toBe('followers');
    const direct = await post(server, alice, { text: 'd', visibility: 'specified' });
    await expectApiError(server.client(alice.token).request('notes/create', { renoteId: direct.id }), errors.create.cannotRenoteDueToVisibility);

    const home = await post(server, alice, { text: 'h', visibility: 'home' });
    expect((await post(server, bob, { renoteId: home.id })).visibility).toBe('home');
    const localOnly = await post(server, alice, { text: 'l', localOnly: true });
    expect((await post(server, bob, { renoteId: localOnly.id })).localOnly).toBe(true);
  });

  it('a block stops replies, renotes and quotes', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const note = await post(server, alice, { text: 'no bob' });
    await server.client(alice.token).request('blocking/create', { userId: bob.id });
    await expectApiError(server.client(bob.token).request('notes/create', { text: 'r', replyId: note.id }), errors.create.youHaveBeenBlocked);
    await expectApiError(server.client(bob.token).request('notes/create', { renoteId: note.id }), errors.create.youHaveBeenBlocked);
    await expectApiError(server.client(bob.token).request('notes/create', { text: 'q', renoteId: note.id }), errors.create.youHaveBeenBlocked);
  });

  it('polls: expiresAt, expiredAfter, already expired', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const at = Date.now() + 3_600_000;
    const note = await post(server, alice, { text: 'poll', poll: { choices: ['a', 'b'], multiple: true, expiresAt: at } });
    expect(note.poll).toEqual({ multiple: true, expiresAt: new Date(at).toISOString(), choices: [
      { text: 'a', votes: 0, isVoted: false }, { text: 'b', votes: 0, isVoted: false },
    ] });
    expect(note.hasPoll).toBe(true);
    const after = await post(server, alice, { poll: { choices: ['x', 'y', 'z'], expiredAfter: 60_000 } });
    expect(Date.parse(after.poll.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    const open = await post(server, alice, { poll: { choices: ['x', 'y'] } });
    expect(open.poll.expiresAt).toBeNull();
    await expectApiError(server.client(alice.token).request('notes/create', { poll: { choices: ['a', 'b'], expiresAt: Date.now() - 1000 } }), errors.create.cannotCreateAlreadyExpiredPoll);
    // Seen by someone else: same poll, not voted.
    const shown = await server.client(bob.token).request('notes/show', { noteId: note.id });
    expect(shown.poll?.choices.map((c) => c.isVoted)).toEqual([false, false]);
  });

  it('files: own files only, in order; NO_SUCH_FILE otherwise; mediaIds works too', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const first = await addFile(alice);
    const second = await addFile(alice, 'video/mp4');
    const note = await post(server, alice, { fileIds: [second, first] });
    expect(note.fileIds).toEqual([second, first]);
    expect(note.files.map((f: any) => f.id)).toEqual([second, first]);
    expect(note.text).toBeNull();
    expect((await post(server, alice, { mediaIds: [first] })).fileIds).toEqual([first]);
    const bobs = await addFile(bob);
    await expectApiError(server.client(alice.token).request('notes/create', { fileIds: [bobs] }), errors.create.noSuchFile);
    await expectApiError(server.client(alice.token).request('notes/create', { fileIds: ['aaaaaaaaaaaaaaaa'] }), errors.create.noSuchFile);
  });

  it('channels do not exist: NO_SUCH_CHANNEL', async () => {
    const [alice] = await createUsers(server, 1);
    await expectApiError(server.client(alice.token).request('notes/create', { text: 'x', channelId: 'aaaaaaaaaaaaaaaa' }), errors.create.noSuchChannel);
  });

  it('mentions: local users resolved, limit from the mentionLimit policy', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const note = await post(server, alice, { text: `hi @${bob.username} and @${carol.username} and @nobody and @x@remote.example` });
    expect([...note.mentions].sort()).toEqual([bob.id, carol.id].sort());
    expect((await post(server, alice, { text: `@${bob.username}`, noExtractMentions: true })).mentions).toBeUndefined();
    const policies = server.ctx.meta.get().policies;
    await server.ctx.meta.update({ policies: { ...(policies as object), mentionLimit: 1 } });
    try {
      await expectApiError(server.client(alice.token).request('notes/create', { text: `@${bob.username} @${carol.username}` }), errors.create.containsTooManyMentions);
    } finally {
      await server.ctx.meta.update({ policies });
    }
  });

  it('specified notes: recipients see them, everyone else gets the note hidden', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const note = await post(server, alice, { text: 'for bob', visibility: 'specified', visibleUserIds: [bob.id] });
    expect(note.visibleUserIds).toEqual([bob.id]);
    expect((await server.client(bob.token).request('notes/show', { noteId: note.id })).text).toBe('for bob');
    for (const client of [server.client(carol.token), server.client()]) {
      const hidden = await client.request('notes/show', { noteId: note.id });
      expect(hidden).toMatchObject({ id: note.id, isHidden: true, text: null });
      expect(hidden).not.toHaveProperty('visibleUserIds');
    }
  });

  it('canPublicNote=false turns public notes into home notes', async () => {
    const [alice] = await createUsers(server, 1);
    const policies = server.ctx.meta.get().policies;
    await server.ctx.meta.update({ policies: { ...(policies as object), canPublicNote: false } });
    try {
      expect((await post(server, alice, { text: 'x' })).visibility).toBe('home');
    } finally {
      await server.ctx.meta.update({ policies });
    }
  });

  it('hides an embedded reply the viewer may not read (isHidden shell)', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    await server.client(bob.token).request('following/create', { userId: alice.id });
    const secret = await post(server, alice, { text: 'followers only', visibility: 'followers' });
    const reply = await post(server, bob, { text: 'public reply', replyId: secret.id, visibility: 'public' });
    // The reply to a non-public note is downgraded to home.
    expect(reply.visibility).toBe('home');
    const seenByCarol = await server.client(carol.token).request('notes/show', { noteId: reply.id });
    expect(seenByCarol.reply).toMatchObject({ id: secret.id, isHidden: true, text: null, files: [], fileIds: [] });
    const seenByBob = await server.client(bob.token).request('notes/show', { noteId: reply.id });
    expect(seenByBob.reply).toMatchObject({ id: secret.id, text: 'followers only' });
    expect(seenByBob.reply?.isHidden).toBeUndefined();
  });
});
