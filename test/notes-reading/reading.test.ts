import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteSchema } from '../../src/core/notes/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectSchema } from '../accounts/helpers.js';
import { createUsers, errors, expectApiError, post, type TestUser } from '../notes/helpers.js';

const e = {
  renotesNoSuchNote: { code: 'NO_SUCH_NOTE', id: '12908022-2e21-46cd-ba6a-3edaf6093f46' },
  conversationNoSuchNote: { code: 'NO_SUCH_NOTE', id: 'e1035875-9551-45ec-afa8-1ded1fcb53c8' },
  usersNotesNoSuchUser: { code: 'NO_SUCH_USER', id: '27e494ba-2ac2-48e8-893b-10d4d8c2387b' },
  searchUnavailable: { code: 'UNAVAILABLE', id: '0b44998d-77aa-4427-80d0-d2c9b8523011' },
};
const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); }, 180_000);
afterAll(async () => { await server?.close(); });

function call(user: TestUser | null, endpoint: string, params: Record<string, unknown>): Promise<any> {
  return server.client(user?.token ?? null).request(endpoint as any, params as any);
}
const ids = (notes: { id: string }[]) => notes.map((note) => note.id);

describe('notes/children, notes/replies, notes/renotes', () => {
  it('children are replies and quotes (not pure renotes); replies are only replies; renotes are every renote', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const parent = await post(server, alice, { text: 'parent' });
    const reply = await post(server, bob, { text: 'a reply', replyId: parent.id });
    const quote = await post(server, bob, { text: 'a quote', renoteId: parent.id });
    const pure = await post(server, bob, { renoteId: parent.id });
    const grandchild = await post(server, alice, { text: 'deeper', replyId: reply.id });

    const children = await call(null, 'notes/children', { noteId: parent.id });
    expect(ids(children)).toEqual([quote.id, reply.id]);
    for (const note of children) expectSchema(NoteSchema, note);
    expect(ids(await call(null, 'notes/replies', { noteId: parent.id }))).toEqual([reply.id]);
    expect(ids(await call(null, 'notes/replies', { noteId: reply.id }))).toEqual([grandchild.id]);
    expect(ids(await call(null, 'notes/renotes', { noteId: parent.id }))).toEqual([pure.id, quote.id]);
    expect(ids(await call(alice, 'notes/renotes', { noteId: parent.id, userId: alice.id }))).toEqual([]);
    // A note with nothing under it, or an unknown one: empty lists, as Misskey.
    expect(await call(null, 'notes/children', { noteId: unknownId })).toEqual([]);
    expect(await call(null, 'notes/replies', { noteId: unknownId })).toEqual([]);
  });

  it('pages by id and by limit', async () => {
    const [alice] = await createUsers(server, 1);
    const parent = await post(server, alice, { text: 'parent' });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await post(server, alice, { text: `r${i}`, replyId: parent.id }));
    const newestFirst = ids(replies).reverse();
    expect(ids(await call(null, 'notes/replies', { noteId: parent.id, limit: 2 }))).toEqual(newestFirst.slice(0, 2));
    expect(ids(await call(null, 'notes/children', { noteId: parent.id, untilId: newestFirst[1], limit: 2 }))).toEqual(newestFirst.slice(2, 4));
    // Only a lower bound: oldest first, so a client can walk forward.
    expect(ids(await call(null, 'notes/replies', { noteId: parent.id, sinceId: replies[2].id }))).toEqual([replies[3].id, replies[4].id]);
    await expectApiError(call(null, 'notes/replies', { noteId: parent.id, limit: 101 }), errors.invalidParam);
    await expectApiError(call(null, 'notes/children', { noteId: 'not an id!' }), errors.invalidParam);
  });

  it('drops replies by muted users for the muter, but not for others', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const parent = await post(server, alice, { text: 'parent' });
    const reply = await post(server, bob, { text: 'noise', replyId: parent.id });
    await call(carol, 'mute/create', { userId: bob.id });
    expect(ids(await call(carol, 'notes/replies', { noteId: parent.id }))).toEqual([]);
    expect(ids(await call(alice, 'notes/replies', { noteId: parent.id }))).toEqual([reply.id]);
  });

  it('notes/renotes answers NO_SUCH_NOTE for unknown notes and notes you may not see', async () => {
    const [alice, bob] = await createUsers(server, 2);
    await expectApiError(call(null, 'notes/renotes', { noteId: unknownId }), e.renotesNoSuchNote);
    const secret = await post(server, alice, { text: 'followers only', visibility: 'followers' });
    await expectApiError(call(bob, 'notes/renotes', { noteId: secret.id }), e.renotesNoSuchNote);
    expect(await call(alice, 'notes/renotes', { noteId: secret.id })).toEqual([]);
  });
});

describe('notes/conversation', () => {
  it('lists the ancestors nearest first, with limit and offset', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const root = await post(server, alice, { text: 'root' });
    const a = await post(server, bob, { text: 'a', replyId: root.id });
    const b = await post(server, alice, { text: 'b', replyId: a.id });
    const c = await post(server, bob, { text: 'c', replyId: b.id });
    expect(ids(await call(null, 'notes/conversation', { noteId: c.id }))).toEqual([b.id, a.id, root.id]);
    expect(ids(await call(null, 'notes/conversation', { noteId: c.id, limit: 2 }))).toEqual([b.id, a.id]);
    expect(ids(await call(null, 'notes/conversation', { noteId: c.id, offset: 1 }))).toEqual([a.id, root.id]);
    expect(ids(await call(null, 'notes/conversation', { noteId: c.id, offset: 1, limit: 1 }))).toEqual([a.id]);
    expect(await call(null, 'notes/conversation', { noteId: root.id })).toEqual([]);
    await expectApiError(call(null, 'notes/conversation', { noteId: unknownId }), e.conversationNoSuchNote);
    await expectApiError(call(null, 'notes/conversation', { noteId: c.id, offset: -1 }), errors.invalidParam);
  });

  it('shows an ancestor you may not read as a hidden shell, and refuses a note you may not read', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const secret = await post(server, alice, { text: 'for followers', visibility: 'followers' });
    const open = await post(server, alice, { text: 'public reply', replyId: secret.id });
    const [shell] = await call(carol, 'notes/conversation', { noteId: open.id });
    expect(shell).toMatchObject({ id: secret.id, isHidden: true, text: null });
    await call(bob, 'following/create', { userId: alice.id });
    const [shown] = await call(bob, 'notes/conversation', { noteId: open.id });
    expect(shown).toMatchObject({ id: secret.id, text: 'for followers' });
    expect(shown.isHidden ?? false).toBe(false);
    await expectApiError(call(carol, 'notes/conversation', { noteId: secret.id }), e.conversationNoSuchNote);
  });
});

describe('notes/mentions', () => {
  it('lists notes mentioning you and direct notes to you; filters by visibility and following', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const mention = await post(server, bob, { text: `hi @${alice.username}` });
    const direct = await post(server, carol, { text: 'psst', visibility: 'specified', visibleUserIds: [alice.id] });
    await post(server, bob, { text: 'no mention here' });
    expect(ids(await call(alice, 'notes/mentions', {}))).toEqual([direct.id, mention.id]);
    expect(ids(await call(alice, 'notes/mentions', { visibility: 'specified' }))).toEqual([direct.id]);
    expect(ids(await call(alice, 'notes/mentions', { following: true }))).toEqual([]);
    await call(alice, 'following/create', { userId: bob.id });
    expect(ids(await call(alice, 'notes/mentions', { following: true }))).toEqual([mention.id]);
    expect(await call(bob, 'notes/mentions', {})).toEqual([]);
  });

  it('needs a credential and read:account', async () => {
    const [alice] = await createUsers(server, 1);
    await expectApiError(call(null, 'notes/mentions', {}), errors.credentialRequired);
    const token = await server.createAppToken(alice.id, ['write:notes']);
    await expectApiError(server.client(token).request('notes/mentions', {}), errors.permissionDenied);
    const allowed = await server.createAppToken(alice.id, ['read:account']);
    expect(await server.client(allowed).request('notes/mentions', {})).toEqual([]);
  });
});

describe('users/notes', () => {
  it('filters replies (self-replies stay), renotes, files and pages by id and date', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const other = await post(server, bob, { text: 'bob' });
    const first = await post(server, alice, { text: 'first' });
    const selfReply = await post(server, alice, { text: 'thread', replyId: first.id });
    const replyToBob = await post(server, alice, { text: 'to bob', replyId: other.id });
    const renote = await post(server, alice, { renoteId: other.id });
    const quote = await post(server, alice, { text: 'quoting', renoteId: other.id });

    expect(ids(await call(null, 'users/notes', { userId: alice.id }))).toEqual([quote.id, renote.id, selfReply.id, first.id]);
    expect(ids(await call(null, 'users/notes', { userId: alice.id, withReplies: true }))).toEqual([quote.id, renote.id, replyToBob.id, selfReply.id, first.id]);
    expect(ids(await call(null, 'users/notes', { userId: alice.id, withRenotes: false }))).toEqual([quote.id, selfReply.id, first.id]);
    expect(await call(null, 'users/notes', { userId: alice.id, withFiles: true })).toEqual([]);
    expect(ids(await call(null, 'users/notes', { userId: alice.id, limit: 1, untilId: renote.id }))).toEqual([selfReply.id]);
    expect(ids(await call(null, 'users/notes', { userId: alice.id, sinceId: selfReply.id }))).toEqual([renote.id, quote.id]);
    const untilDate = Date.parse(first.createdAt) + 1;
    expect(ids(await call(null, 'users/notes', { userId: alice.id, untilDate }))).toContain(first.id);
    expect(ids(await call(null, 'users/notes', { userId: alice.id, sinceDate: Date.parse(quote.createdAt) + 1 }))).toEqual([]);
    for (const note of await call(null, 'users/notes', { userId: alice.id })) expectSchema(NoteSchema, note);
  });

  it('answers NO_SUCH_USER for unknown users and INVALID_PARAM for bad params', async () => {
    await expectApiError(call(null, 'users/notes', { userId: unknownId }), e.usersNotesNoSuchUser);
    await expectApiError(call(null, 'users/notes', {}), errors.invalidParam);
    await expectApiError(call(null, 'users/notes', { userId: unknownId, withReplies: 'yes' }), errors.invalidParam);
  });

  it('still shows a muted author on their own page', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const note = await post(server, alice, { text: 'hello' });
    await call(bob, 'mute/create', { userId: alice.id });
    expect(ids(await call(bob, 'users/notes', { userId: alice.id }))).toEqual([note.id]);
  });
});

describe('notes/search', () => {
  it('is UNAVAILABLE unless the canSearchNotes policy allows it', async () => {
    await expectApiError(call(null, 'notes/search', { query: 'anything' }), e.searchUnavailable);
  });

  it('finds notes by text, case-insensitively, with user/host filters, paging and offset', async () => {
    await server.ctx.meta.update({ policies: { ...server.ctx.meta.policies, canSearchNotes: true } });
    try {
      const [alice, bob] = await createUsers(server, 2);
      const word = `kumquat${Date.now()}`;
      const a1 = await post(server, alice, { text: `I like ${word} jam` });
      const b1 = await post(server, bob, { text: `${word.toUpperCase()}!` });
      const a2 = await post(server, alice, { text: `more ${word}` });
      await post(server, alice, { text: 'unrelated' });
      const found = await call(null, 'notes/search', { query: word });
      expect(ids(found)).toEqual([a2.id, b1.id, a1.id]);
      for (const note of found) expectSchema(NoteSchema, note);
      expect(ids(await call(null, 'notes/search', { query: word, userId: alice.id }))).toEqual([a2.id, a1.id]);
      expect(ids(await call(null, 'notes/search', { query: word, limit: 1, offset: 1 }))).toEqual([b1.id]);
      expect(ids(await call(null, 'notes/search', { query: word, untilId: b1.id }))).toEqual([a1.id]);
      expect(ids(await call(null, 'notes/search', { query: word, host: '.' }))).toHaveLength(3);
      expect(await call(null, 'notes/search', { query: word, host: 'elsewhere.example' })).toEqual([]);
      // LIKE wildcards in the query are literal characters.
      expect(await call(null, 'notes/search', { query: `${word.slice(0, 4)}%${word.slice(5)}` })).toEqual([]);
      await expectApiError(call(null, 'notes/search', {}), errors.invalidParam);
    } finally {
      await server.ctx.meta.update({ policies: { ...server.ctx.meta.policies, canSearchNotes: false } });
    }
  });
});

describe('notes/search-by-tag', () => {
  it('finds notes by one tag or an OR of ANDs, with reply/renote/poll filters', async () => {
    const [alice] = await createUsers(server, 1);
    const t = `t${Date.now()}`;
    const ab = await post(server, alice, { text: `#${t}a #${t}B both` });
    const a = await post(server, alice, { text: `#${t}a only` });
    const c = await post(server, alice, { text: `#${t}c`, poll: { choices: ['x', 'y'] } });
    const reply = await post(server, alice, { text: `#${t}a reply`, replyId: c.id });

    expect(ids(await call(null, 'notes/search-by-tag', { tag: `${t}a` }))).toEqual([reply.id, a.id, ab.id]);
    // Tags are matched case-insensitively, as stored.
    expect(ids(await call(null, 'notes/search-by-tag', { tag: `${t}b`.toUpperCase() }))).toEqual([ab.id]);
    expect(ids(await call(null, 'notes/search-by-tag', { query: [[`${t}a`, `${t}b`], [`${t}c`]] }))).toEqual([c.id, ab.id]);
    expect(ids(await call(null, 'notes/search-by-tag', { tag: `${t}a`, reply: false }))).toEqual([a.id, ab.id]);
    expect(ids(await call(null, 'notes/search-by-tag', { tag: `${t}a`, reply: true }))).toEqual([reply.id]);
    expect(ids(await call(null, 'notes/search-by-tag', { query: [[`${t}a`], [`${t}c`]], poll: true }))).toEqual([c.id]);
    expect(ids(await call(null, 'notes/search-by-tag', { query: [[`${t}a`], [`${t}c`]], poll: false, limit: 1 }))).toEqual([reply.id]);
    expect(await call(null, 'notes/search-by-tag', { tag: `${t}a`, renote: true })).toEqual([]);
    expect(await call(null, 'notes/search-by-tag', { tag: `${t}a`, withFiles: true })).toEqual([]);
    await expectApiError(call(null, 'notes/search-by-tag', {}), errors.invalidParam);
    await expectApiError(call(null, 'notes/search-by-tag', { query: 'x' }), errors.invalidParam);
  });
});

describe('notes/featured', () => {
  it('ranks recent public notes reacted to or renoted by others, newest first; own reactions do not count', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const liked = await post(server, alice, { text: 'liked' });
    const renoted = await post(server, alice, { text: 'renoted' });
    const selfLiked = await post(server, alice, { text: 'self liked' });
    const home = await post(server, alice, { text: 'home', visibility: 'home' });
    const reply = await post(server, alice, { text: 'reply', replyId: liked.id });
    await call(bob, 'notes/reactions/create', { noteId: liked.id, reaction: '👍' });
    await call(carol, 'notes/reactions/create', { noteId: liked.id, reaction: '👍' });
    await post(server, bob, { renoteId: renoted.id });
    await call(alice, 'notes/reactions/create', { noteId: selfLiked.id, reaction: '👍' });
    await call(bob, 'notes/reactions/create', { noteId: home.id, reaction: '👍' });
    await call(bob, 'notes/reactions/create', { noteId: reply.id, reaction: '👍' });

    const featured = ids(await call(null, 'notes/featured', {}));
    expect(featured).toEqual(expect.arrayContaining([liked.id, renoted.id]));
    expect(featured).not.toContain(selfLiked.id);
    expect(featured).not.toContain(home.id);
    expect(featured).not.toContain(reply.id);
    expect(featured.indexOf(renoted.id)).toBeLessThan(featured.indexOf(liked.id));
    expect(ids(await call(null, 'notes/featured', { untilId: renoted.id }))).toContain(liked.id);
    expect(ids(await call(null, 'notes/featured', { untilId: renoted.id }))).not.toContain(renoted.id);
    expect(await call(null, 'notes/featured', { limit: 1 })).toHaveLength(1);
    // A GET works too (Misskey's allowGet), cached for anonymous callers.
    const res = await server.fetch('/api/notes/featured?limit=5', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    await expectApiError(call(null, 'notes/featured', { limit: 0 }), errors.invalidParam);
  });
});

describe('reference', () => {
  it('describes every reading endpoint in /api.json and through `endpoint`', async () => {
    const names = ['notes/children', 'notes/replies', 'notes/renotes', 'notes/conversation', 'notes/mentions', 'notes/featured', 'notes/search',
      'notes/search-by-tag', 'users/notes', 'hashtags/list', 'hashtags/search', 'hashtags/show', 'hashtags/trend', 'hashtags/users'];
    const spec = await server.fetch('/api.json', { method: 'GET' });
    expect(spec.status).toBe(200);
    for (const name of names) {
      expect(spec.body.paths[`/${name}`], name).toBeDefined();
      const described = await server.fetch('/api/endpoint', { json: { endpoint: name } });
      expect(described.status, name).toBe(200);
      expect(Array.isArray(described.body.params), name).toBe(true);
    }
    const byTag = await server.fetch('/api/endpoint', { json: { endpoint: 'notes/search-by-tag' } });
    expect(byTag.body.params.map((p: any) => p.name)).toEqual(expect.arrayContaining(['tag', 'query', 'reply', 'limit']));
  });
});
