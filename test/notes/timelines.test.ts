import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveFiles, userListMemberships, userLists } from '../../src/db/schema/index.js';
import { genId } from '../../src/misc/id.js';
import { homeTimelineTuning } from '../../src/core/timelines/timelines.js';
import { spyOnQueries, startTestServer, type TestServer } from '../harness.js';
import { createUsers, errors, expectApiError, post, type TestUser } from './helpers.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); }, 180_000);
afterAll(async () => { await server?.close(); });

const ids = (notes: { id: string }[]) => notes.map((n) => n.id);
const follow = (a: TestUser, b: TestUser, withReplies = false) => server.client(a.token).request('following/create', { userId: b.id, withReplies });

async function withPolicies(patch: Record<string, unknown>, run: () => Promise<void>) {
  const policies = server.ctx.meta.get().policies;
  await server.ctx.meta.update({ policies: { ...(policies as object), ...patch } });
  try { await run(); } finally { await server.ctx.meta.update({ policies }); }
}

// The home timeline has two strategies (src/core/timelines/timelines.ts): every case runs under each.
describe.each([
  { strategy: 'walk', sourcesMax: 0 },
  { strategy: 'sources', sourcesMax: Number.POSITIVE_INFINITY },
])('notes/timeline (home), $strategy', ({ sourcesMax }) => {
  const defaultMax = homeTimelineTuning.sourcesMax;
  beforeAll(() => { homeTimelineTuning.sourcesMax = sourcesMax; });
  afterAll(() => { homeTimelineTuning.sourcesMax = defaultMax; });

  it('packs a page in a fixed number of queries, with replies, renotes, what renotes reply to and renote, and my reactions', async () => {
    const [me, friend, other] = await createUsers(server, 3);
    await follow(me, friend);
    const root = await post(server, other, { text: 'root' });
    const answer = await post(server, other, { text: 'answer', replyId: root.id });
    const quoted = await post(server, other, { text: 'quoted' });
    const quote = await post(server, other, { text: 'quote', renoteId: quoted.id });
    const friendsRoot = await post(server, friend, { text: 'thread' });
    await post(server, friend, { text: 'replying', replyId: friendsRoot.id });
    const renoteOfAnswer = await post(server, friend, { renoteId: answer.id });
    const renoteOfQuote = await post(server, friend, { renoteId: quote.id });
    const plain = await post(server, friend, { text: 'plain' });
    await server.client(me.token).request('notes/reactions/create', { noteId: plain.id, reaction: '👍' });
    await server.client(me.token).request('notes/reactions/create', { noteId: answer.id, reaction: '🎉' });
    await server.client(other.token).request('notes/reactions/create', { noteId: quote.id, reaction: '🎉' });

    await server.client(me.token).request('notes/timeline', {}); // caches (credential, relations, authors) warm
    const spy = spyOnQueries(server.ctx);
    let timeline;
    try {
      timeline = await server.client(me.token).request('notes/timeline', {});
      // The page, the embedded targets (two levels) and the viewer's reactions.
      expect(spy.count()).toBeLessThanOrEqual(4);
    } finally {
      spy.restore();
    }
    const byId = new Map(timeline.map((note) => [note.id, note]));
    expect(byId.get(plain.id)?.myReaction).toBe('👍');
    expect(byId.get(renoteOfAnswer.id)?.renote?.myReaction).toBe('🎉');
    expect(byId.get(renoteOfAnswer.id)?.renote?.reply?.text).toBe('root');
    expect(byId.get(renoteOfQuote.id)?.renote?.renote?.text).toBe('quoted');
    expect(byId.get(renoteOfQuote.id)?.renote?.myReaction).toBeNull();
    expect(timeline.find((note) => note.text === 'replying')?.reply?.text).toBe('thread');
  });

  it('shows own notes and followed users\' notes by visibility, replies by withReplies', async () => {
    const [me, followed, followedWithReplies, stranger] = await createUsers(server, 4);
    await follow(me, followed);
    await follow(me, followedWithReplies, true);
    const own = await post(server, me, { text: 'own', visibility: 'home' });
    const pub = await post(server, followed, { text: 'public' });
    const home = await post(server, followed, { text: 'home', visibility: 'home' });
    const fol = await post(server, followed, { text: 'followers', visibility: 'followers' });
    const dmOther = await post(server, followed, { text: 'dm other', visibility: 'specified', visibleUserIds: [stranger.id] });
    const dmMe = await post(server, followed, { text: 'dm me', visibility: 'specified', visibleUserIds: [me.id] });
    const strangerNote = await post(server, stranger, { text: 'stranger' });
    const replyToStranger = await post(server, followed, { text: 'r', replyId: strangerNote.id });
    const replyToSelf = await post(server, followed, { text: 'self thread', replyId: pub.id });
    const replyToMe = await post(server, followed, { text: 'to me', replyId: own.id });
    const replyWithReplies = await post(server, followedWithReplies, { text: 'r2', replyId: strangerNote.id });

    const timeline = await server.client(me.token).request('notes/timeline', { limit: 100 });
    const seen = new Set(ids(timeline));
    for (const note of [own, pub, home, fol, dmMe, replyToSelf, replyToMe, replyWithReplies]) expect(seen.has(note.id)).toBe(true);
    for (const note of [dmOther, strangerNote, replyToStranger]) expect(seen.has(note.id)).toBe(false);
    // Newest first.
    expect(ids(timeline)).toEqual([...ids(timeline)].sort().reverse());
  });

  it('withRenotes, withFiles, includeMyRenotes and paging', async () => {
    const [me, other] = await createUsers(server, 2);
    await follow(me, other);
    const fileId = genId();
    await server.ctx.db.insert(driveFiles).values({ id: fileId, userId: other.id, name: 'a', type: 'image/png', md5: '0'.repeat(32), size: 1, accessKey: `k${fileId}` });
    const plain = await post(server, other, { text: 'plain' });
    const withFile = await post(server, other, { fileIds: [fileId] });
    const renote = await post(server, other, { renoteId: plain.id });
    const quote = await post(server, other, { text: 'q', renoteId: plain.id });
    const myRenote = await post(server, me, { renoteId: plain.id });

    const all = ids(await server.client(me.token).request('notes/timeline', {}));
    expect(all).toEqual([myRenote.id, quote.id, renote.id, withFile.id, plain.id]);
    expect(ids(await server.client(me.token).request('notes/timeline', { withRenotes: false }))).toEqual([quote.id, withFile.id, plain.id]);
    expect(ids(await server.client(me.token).request('notes/timeline', { withFiles: true }))).toEqual([withFile.id]);
    expect(ids(await server.client(me.token).request('notes/timeline', { includeMyRenotes: false }))).not.toContain(myRenote.id);
    expect(ids(await server.client(me.token).request('notes/timeline', { limit: 2 }))).toEqual([myRenote.id, quote.id]);
    expect(ids(await server.client(me.token).request('notes/timeline', { untilId: quote.id, limit: 2 }))).toEqual([renote.id, withFile.id]);
    expect(ids(await server.client(me.token).request('notes/timeline', { sinceId: withFile.id, untilId: myRenote.id }))).toEqual([quote.id, renote.id]);
    expect(ids(await server.client(me.token).request('notes/timeline', { sinceId: renote.id }))).toEqual([quote.id, myRenote.id]);
    const atQuote = Date.parse(quote.createdAt);
    expect(ids(await server.client(me.token).request('notes/timeline', { untilDate: atQuote + 1 }))).toContain(quote.id);
    expect(ids(await server.client(me.token).request('notes/timeline', { untilDate: atQuote }))).not.toContain(quote.id);
  });

  it('leaves out blocked and muted users and renote-muted renotes', async () => {
    const [me, blocker, muted, renoteMuted, blocked] = await createUsers(server, 5);
    for (const u of [blocker, muted, renoteMuted, blocked]) await follow(me, u);
    const blockerNote = await post(server, blocker, { text: 'b' });
    await server.client(blocker.token).request('blocking/create', { userId: me.id });
    const blockedNote = await post(server, blocked, { text: 'c' });
    await server.client(me.token).request('blocking/create', { userId: blocked.id });
    const mutedNote = await post(server, muted, { text: 'm' });
    await server.client(me.token).request('mute/create', { userId: muted.id });
    const rnTarget = await post(server, me, { text: 'target' });
    const pureRenote = await post(server, renoteMuted, { renoteId: rnTarget.id });
    const quote = await post(server, renoteMuted, { text: 'quote', renoteId: rnTarget.id });
    await server.client(me.token).request('renote-mute/create', { userId: renoteMuted.id });

    const seen = ids(await server.client(me.token).request('notes/timeline', { limit: 100 }));
    expect(seen).not.toContain(blockerNote.id);
    expect(seen).not.toContain(blockedNote.id);
    expect(seen).not.toContain(mutedNote.id);
    expect(seen).not.toContain(pureRenote.id);
    expect(seen).toContain(quote.id);
    expect(seen).toContain(rnTarget.id);
  });

  it('needs a credential and read:account', async () => {
    const [me] = await createUsers(server, 1);
    await expectApiError(server.client().request('notes/timeline', {}), errors.credentialRequired);
    const token = await server.createAppToken(me.id, ['write:notes']);
    await expectApiError(server.client(token).request('notes/timeline', {}), errors.permissionDenied);
    await expectApiError(server.client(me.token).request('notes/timeline', { limit: 101 }), errors.invalidParam);
  });
});

describe('notes/local-timeline, hybrid-timeline, global-timeline', () => {
  it('local: public notes only; replies by withReplies; localOnly hidden from anonymous', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const pub = await post(server, alice, { text: 'ltl public' });
    const home = await post(server, alice, { text: 'ltl home', visibility: 'home' });
    const fol = await post(server, alice, { text: 'ltl followers', visibility: 'followers' });
    const localOnly = await post(server, alice, { text: 'ltl local only', localOnly: true });
    const reply = await post(server, bob, { text: 'ltl reply', replyId: pub.id });

    const anon = ids(await server.client().request('notes/local-timeline', { limit: 100 }));
    expect(anon).toContain(pub.id);
    expect(anon).not.toContain(home.id);
    expect(anon).not.toContain(fol.id);
    expect(anon).not.toContain(localOnly.id);
    expect(anon).not.toContain(reply.id);
    const signedIn = ids(await server.client(bob.token).request('notes/local-timeline', { limit: 100 }));
    expect(signedIn).toContain(localOnly.id);
    expect(ids(await server.client().request('notes/local-timeline', { limit: 100, withReplies: true }))).toContain(reply.id);
  });

  it('local and hybrid are refused when ltlAvailable is off, global when gtlAvailable is off', async () => {
    const [me] = await createUsers(server, 1);
    await withPolicies({ ltlAvailable: false }, async () => {
      await expectApiError(server.client().request('notes/local-timeline', {}), errors.ltlDisabled);
      await expectApiError(server.client(me.token).request('notes/hybrid-timeline', {}), errors.stlDisabled);
    });
    await withPolicies({ gtlAvailable: false }, async () => {
      await expectApiError(server.client().request('notes/global-timeline', {}), errors.gtlDisabled);
    });
  });

  it('hybrid: followed users\' non-public notes plus local public notes', async () => {
    const [me, followed, stranger] = await createUsers(server, 3);
    await follow(me, followed);
    const fol = await post(server, followed, { text: 'stl followers', visibility: 'followers' });
    const strangerPub = await post(server, stranger, { text: 'stl public' });
    const strangerHome = await post(server, stranger, { text: 'stl home', visibility: 'home' });
    const seen = ids(await server.client(me.token).request('notes/hybrid-timeline', { limit: 100 }));
    expect(seen).toContain(fol.id);
    expect(seen).toContain(strangerPub.id);
    expect(seen).not.toContain(strangerHome.id);
    await expectApiError(server.client().request('notes/hybrid-timeline', {}), errors.credentialRequired);
  });

  it('global: every public note, renotes filterable', async () => {
    const [alice] = await createUsers(server, 1);
    const pub = await post(server, alice, { text: 'gtl' });
    const home = await post(server, alice, { text: 'gtl home', visibility: 'home' });
    const renote = await post(server, alice, { renoteId: pub.id });
    const seen = ids(await server.client().request('notes/global-timeline', { limit: 100 }));
    expect(seen).toContain(pub.id);
    expect(seen).toContain(renote.id);
    expect(seen).not.toContain(home.id);
    expect(ids(await server.client().request('notes/global-timeline', { limit: 100, withRenotes: false }))).not.toContain(renote.id);
  });
});

describe('notes/user-list-timeline', () => {
  it('shows list members\' notes to the list owner; NO_SUCH_LIST for others\' lists', async () => {
    const [me, member, memberWithReplies, outsider] = await createUsers(server, 4);
    const listId = genId();
    await server.ctx.db.insert(userLists).values({ id: listId, userId: me.id, name: 'list' });
    await server.ctx.db.insert(userListMemberships).values([
      { id: genId(), userListId: listId, userListUserId: me.id, userId: member.id, withReplies: false },
      { id: genId(), userListId: listId, userListUserId: me.id, userId: memberWithReplies.id, withReplies: true },
    ]);
    const outsiderNote = await post(server, outsider, { text: 'outsider' });
    const memberNote = await post(server, member, { text: 'member' });
    const memberReply = await post(server, member, { text: 'reply', replyId: outsiderNote.id });
    const memberFollowers = await post(server, member, { text: 'followers', visibility: 'followers' });
    const replyWithReplies = await post(server, memberWithReplies, { text: 'reply2', replyId: outsiderNote.id });

    const seen = ids(await server.client(me.token).request('notes/user-list-timeline', { listId, limit: 100 }));
    expect(seen).toEqual([replyWithReplies.id, memberNote.id]);
    expect(seen).not.toContain(memberReply.id);
    expect(seen).not.toContain(memberFollowers.id);
    await expectApiError(server.client(outsider.token).request('notes/user-list-timeline', { listId }), errors.noSuchList);
    await expectApiError(server.client(me.token).request('notes/user-list-timeline', { listId: 'aaaaaaaaaaaaaaaa' }), errors.noSuchList);
  });
});
