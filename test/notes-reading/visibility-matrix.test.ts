/**
 * THE visibility matrix: notes in every visibility (plus a public `localOnly` note) × every kind of
 * viewer × every endpoint that returns notes. Each row says which of the author's notes that viewer
 * must see through that endpoint; anything else seen is a leak and fails the row.
 *
 * Viewers: the author; a follower; a stranger (signed in, not following); the recipient of the
 * `specified` notes; a user the author blocks; a user who blocks the author; an anonymous visitor.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { post, type TestUser } from '../notes/helpers.js';

type Kind = 'public' | 'home' | 'followers' | 'specified' | 'localOnly';
type ViewerKey = 'author' | 'follower' | 'stranger' | 'recipient' | 'blockedByAuthor' | 'blockerOfAuthor' | 'anonymous';

const KINDS: Kind[] = ['public', 'home', 'followers', 'specified', 'localOnly'];
const VIEWERS: ViewerKey[] = ['author', 'follower', 'stranger', 'recipient', 'blockedByAuthor', 'blockerOfAuthor', 'anonymous'];

/** What each viewer may read of the author's notes, whatever the endpoint. */
const VISIBLE_TO: Record<ViewerKey, Kind[]> = {
  author: ['public', 'home', 'followers', 'specified', 'localOnly'],
  follower: ['public', 'home', 'followers', 'localOnly'],
  stranger: ['public', 'home', 'localOnly'],
  recipient: ['public', 'home', 'specified', 'localOnly'],
  blockedByAuthor: [],
  blockerOfAuthor: [],
  anonymous: ['public', 'home'],
};

/** Post parameters for one kind of note (the specified ones go to the recipient). */
function kindParams(kind: Kind, recipientId: string): Record<string, unknown> {
  if (kind === 'localOnly') return { visibility: 'public', localOnly: true };
  if (kind === 'specified') return { visibility: 'specified', visibleUserIds: [recipientId] };
  return { visibility: kind };
}

let server: TestServer;
let word: string;
let users: Record<Exclude<ViewerKey, 'anonymous'>, TestUser>;
/** The notes each endpoint looks for, by kind. */
const plain = {} as Record<Kind, any>;
const replies = {} as Record<Kind, any>;
const renotes = {} as Record<Kind, any>;
/** A reply (public where allowed, else specified to the recipient) to each plain note: the conversation start. */
const children = {} as Record<Kind, any>;
/** For each mentioned viewer, one note per kind mentioning them. */
const mentions = {} as Record<ViewerKey, Record<Kind, any>>;
let parent: any;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
  await server.ctx.meta.update({ policies: { ...server.ctx.meta.policies, canSearchNotes: true } });
  word = `mtx${Date.now().toString(36)}`;
  // Sequential: ids (and so the order of everything) follow creation.
  users = {
    author: await server.createUser(),
    follower: await server.createUser(),
    stranger: await server.createUser(),
    recipient: await server.createUser(),
    blockedByAuthor: await server.createUser(),
    blockerOfAuthor: await server.createUser(),
  };
  const api = (user: TestUser) => server.client(user.token);
  await api(users.follower).request('following/create', { userId: users.author.id });
  await api(users.author).request('blocking/create', { userId: users.blockedByAuthor.id });
  await api(users.blockerOfAuthor).request('blocking/create', { userId: users.author.id });

  const author = users.author;
  const recipient = users.recipient.id;
  parent = await post(server, author, { text: `${word} parent` });
  for (const kind of KINDS) {
    plain[kind] = await post(server, author, { text: `${word} plain ${kind} #${word}`, ...kindParams(kind, recipient) });
    replies[kind] = await post(server, author, { text: `${word} reply ${kind}`, replyId: parent.id, ...kindParams(kind, recipient) });
    renotes[kind] = await post(server, author, { renoteId: parent.id, ...kindParams(kind, recipient) });
    const childVisibility = kind === 'specified' ? kindParams('specified', recipient) : { visibility: 'public' };
    children[kind] = await post(server, author, { text: `${word} child of ${kind}`, replyId: plain[kind].id, ...childVisibility });
  }
  for (const viewer of ['follower', 'stranger', 'recipient', 'blockedByAuthor', 'blockerOfAuthor'] as const) {
    mentions[viewer] = {} as Record<Kind, any>;
    for (const kind of KINDS) {
      const params = kind === 'specified' ? { visibility: 'specified', visibleUserIds: [users[viewer].id] } : kindParams(kind, recipient);
      mentions[viewer][kind] = await post(server, author, { text: `@${users[viewer].username} ${word} mention ${kind}`, ...params });
    }
  }
  // Reactions by others put the public notes into notes/featured; non-public ones must never appear.
  for (const kind of KINDS) {
    const reactor = kind === 'specified' ? users.recipient : users.follower;
    await api(reactor).request('notes/reactions/create', { noteId: plain[kind].id, reaction: '👍' });
  }
}, 300_000);
afterAll(async () => { await server?.close(); });

function client(viewer: ViewerKey) {
  return server.client(viewer === 'anonymous' ? null : users[viewer].token);
}

/** The kinds of `set` present in `notes` with readable content (a hidden shell does not count). */
function seenKinds(notes: any[], set: Record<Kind, any>): Kind[] {
  return KINDS.filter((kind) => notes.some((note) => note.id === set[kind].id && note.isHidden !== true && (note.text != null || note.renoteId != null)));
}

/**
 * The kinds of `set` present in a list at all. A list must not even carry a hidden shell of a note
 * the viewer may not read (that reveals it exists and leaves holes in pages), so any row counts.
 */
function listedKinds(notes: any[], set: Record<Kind, any>): Kind[] {
  return KINDS.filter((kind) => notes.some((note) => note.id === set[kind].id));
}

interface EndpointRow {
  endpoint: string;
  /** Anonymous callers are refused (credential required): the anonymous row expects that. */
  credential?: boolean;
  /** What the endpoint returns of the author's notes for this viewer (which kinds it shows). */
  seen: (viewer: ViewerKey) => Promise<Kind[]>;
  /** Kinds this viewer MUST see through this endpoint. Default: everything they may read. */
  mustSee?: (viewer: ViewerKey) => Kind[];
  /** Kinds this viewer MAY see (never more). Default: everything they may read. */
  maySee?: (viewer: ViewerKey) => Kind[];
}

const only = (allowed: Kind[]) => (viewer: ViewerKey) => VISIBLE_TO[viewer].filter((kind) => allowed.includes(kind));
const list = (endpoint: string, params: Record<string, unknown>, set: () => Record<Kind, any>) =>
  async (viewer: ViewerKey) => listedKinds(await client(viewer).request(endpoint as any, params as any) as any[], set());

const ROWS: EndpointRow[] = [
  {
    endpoint: 'notes/show',
    seen: async (viewer) => {
      const shown = await Promise.all(KINDS.map((kind) => client(viewer).request('notes/show', { noteId: plain[kind].id }).catch(() => null)));
      // An unreadable note is answered hidden (Misskey): only readable ones count as seen.
      return seenKinds(shown.filter((note: any) => note && !note.isHidden), plain);
    },
  },
  { endpoint: 'users/notes', seen: (viewer) => list('users/notes', { userId: users.author.id, limit: 100 }, () => plain)(viewer) },
  {
    endpoint: 'notes/timeline',
    credential: true,
    seen: list('notes/timeline', { limit: 100 }, () => plain),
    // Home: the author's own notes and the followed author's notes; nobody else's home shows them.
    mustSee: (viewer) => (viewer === 'author' || viewer === 'follower' ? only(['public', 'home', 'followers', 'localOnly'])(viewer) : []),
    maySee: (viewer) => (viewer === 'author' || viewer === 'follower' || viewer === 'recipient' ? VISIBLE_TO[viewer] : []),
  },
  {
    endpoint: 'notes/local-timeline',
    seen: list('notes/local-timeline', { limit: 100 }, () => plain),
    mustSee: only(['public', 'localOnly']),
    maySee: only(['public', 'localOnly']),
  },
  {
    endpoint: 'notes/hybrid-timeline',
    credential: true,
    seen: list('notes/hybrid-timeline', { limit: 100 }, () => plain),
    mustSee: (viewer) => (viewer === 'author' || viewer === 'follower' ? only(['public', 'home', 'followers', 'localOnly'])(viewer) : only(['public', 'localOnly'])(viewer)),
  },
  {
    endpoint: 'notes/global-timeline',
    seen: list('notes/global-timeline', { limit: 100 }, () => plain),
    mustSee: only(['public']),
    maySee: only(['public', 'localOnly']),
  },
  { endpoint: 'notes/children', seen: (viewer) => list('notes/children', { noteId: parent.id, limit: 100 }, () => replies)(viewer) },
  { endpoint: 'notes/replies', seen: (viewer) => list('notes/replies', { noteId: parent.id, limit: 100 }, () => replies)(viewer) },
  {
    endpoint: 'notes/renotes',
    // A parent the viewer may not read answers NO_SUCH_NOTE: nothing seen.
    seen: async (viewer) => listedKinds(await client(viewer).request('notes/renotes', { noteId: parent.id, limit: 100 })
      .catch((error) => { expect(error.code).toBe('NO_SUCH_NOTE'); return []; }) as any[], renotes),
  },
  {
    endpoint: 'notes/conversation',
    seen: async (viewer) => {
      const seen: Kind[] = [];
      for (const kind of KINDS) {
        const chain = await client(viewer).request('notes/conversation', { noteId: children[kind].id }).catch(() => []) as any[];
        if (seenKinds(chain, plain).includes(kind)) seen.push(kind);
      }
      return seen;
    },
  },
  {
    endpoint: 'notes/mentions',
    credential: true,
    seen: async (viewer) => (viewer === 'author' ? [] : listedKinds(await client(viewer).request('notes/mentions', { limit: 100 }) as any[], mentions[viewer])),
    // Being mentioned (or addressed) lets you read any visibility, unless a block stands between you.
    mustSee: (viewer) => (viewer === 'author' || viewer === 'blockedByAuthor' || viewer === 'blockerOfAuthor' ? [] : viewer === 'anonymous' ? [] : KINDS),
    maySee: (viewer) => (viewer === 'author' || viewer === 'blockedByAuthor' || viewer === 'blockerOfAuthor' ? [] : KINDS),
  },
  { endpoint: 'notes/search', seen: (viewer) => list('notes/search', { query: `${word} plain`, limit: 100 }, () => plain)(viewer) },
  { endpoint: 'notes/search-by-tag', seen: (viewer) => list('notes/search-by-tag', { tag: word, limit: 100 }, () => plain)(viewer) },
  {
    endpoint: 'notes/featured',
    seen: list('notes/featured', { limit: 100 }, () => plain),
    mustSee: only(['public', 'localOnly']),
    maySee: only(['public', 'localOnly']),
  },
];

const endpointExists = (name: string) => existsSync(new URL(`../../src/api/endpoints/${name}.ts`, import.meta.url));

for (const row of ROWS) {
  describe.skipIf(!endpointExists(row.endpoint))(row.endpoint, () => {
    it.each(VIEWERS)('%s', async (viewer) => {
      if (row.credential && viewer === 'anonymous') {
        await expect(client(viewer).request(row.endpoint as any, {} as any)).rejects.toMatchObject({ code: 'CREDENTIAL_REQUIRED' });
        return;
      }
      const seen = await row.seen(viewer);
      const must = (row.mustSee ?? ((v) => VISIBLE_TO[v]))(viewer);
      const may = (row.maySee ?? ((v) => VISIBLE_TO[v]))(viewer);
      // Never more than the viewer may read through this endpoint (a leak otherwise)...
      expect(seen.filter((kind) => !may.includes(kind)), `${row.endpoint} leaks to ${viewer}`).toEqual([]);
      // ...and everything the endpoint is for.
      expect(seen.filter((kind) => must.includes(kind)).sort(), `${row.endpoint} hides from ${viewer}`).toEqual([...must].sort());
    });
  });
}

describe('embedded notes: the reply or renote inside a packed note', () => {
  type Outcome = 'readable' | 'hidden' | 'noOuter';
  /**
   * Each case: an outer note and the note it embeds (as `reply` or `renote`), and per viewer
   * whether the embedded target reads in full, comes as a hidden shell, or the outer note itself is
   * refused. (A public reply to a followers-only note stays public; a quote of one becomes
   * followers-only and anything answering a localOnly note becomes localOnly, as in Misskey.)
   */
  const cases: { name: string; outer: () => any; field: 'reply' | 'renote'; target: () => any; expect: Record<ViewerKey, Outcome> }[] = [
    {
      name: "the author's public reply to their followers-only note",
      outer: () => children.followers, field: 'reply', target: () => plain.followers,
      expect: { author: 'readable', follower: 'readable', stranger: 'hidden', recipient: 'hidden', blockedByAuthor: 'noOuter', blockerOfAuthor: 'noOuter', anonymous: 'hidden' },
    },
    {
      name: "the follower's public reply to the author's public note",
      outer: () => followerReply, field: 'reply', target: () => plain.public,
      expect: { author: 'readable', follower: 'readable', stranger: 'readable', recipient: 'readable', blockedByAuthor: 'hidden', blockerOfAuthor: 'hidden', anonymous: 'readable' },
    },
    {
      name: "the follower's public quote of the author's public note",
      outer: () => followerQuote, field: 'renote', target: () => plain.public,
      expect: { author: 'readable', follower: 'readable', stranger: 'readable', recipient: 'readable', blockedByAuthor: 'hidden', blockerOfAuthor: 'hidden', anonymous: 'readable' },
    },
    {
      name: "the author's quote of their followers-only note",
      outer: () => authorQuote, field: 'renote', target: () => plain.followers,
      expect: { author: 'readable', follower: 'readable', stranger: 'noOuter', recipient: 'noOuter', blockedByAuthor: 'noOuter', blockerOfAuthor: 'noOuter', anonymous: 'noOuter' },
    },
    {
      name: "the author's reply to their localOnly note",
      outer: () => children.localOnly, field: 'reply', target: () => plain.localOnly,
      expect: { author: 'readable', follower: 'readable', stranger: 'readable', recipient: 'readable', blockedByAuthor: 'noOuter', blockerOfAuthor: 'noOuter', anonymous: 'noOuter' },
    },
  ];
  let followerReply: any;
  let followerQuote: any;
  let authorQuote: any;
  beforeAll(async () => {
    followerReply = await post(server, users.follower, { text: `${word} follower reply`, replyId: plain.public.id });
    followerQuote = await post(server, users.follower, { text: `${word} follower quote`, renoteId: plain.public.id });
    authorQuote = await post(server, users.author, { text: `${word} quoting my followers note`, renoteId: plain.followers.id });
  });

  for (const c of cases) {
    it.each(VIEWERS)(`${c.name}, seen by %s`, async (viewer) => {
      const outcome = c.expect[viewer];
      const request = client(viewer).request('notes/show', { noteId: c.outer().id });
      if (outcome === 'noOuter') {
        // The outer note exists, so it is answered, hidden (Misskey's notes/show).
        await expect(request).resolves.toMatchObject({ id: c.outer().id, isHidden: true, text: null });
        return;
      }
      const embedded = (await request as any)[c.field];
      expect(embedded.id).toBe(c.target().id);
      if (outcome === 'readable') {
        expect(embedded.text).toBe(c.target().text);
        expect(embedded.isHidden ?? false).toBe(false);
      } else {
        expect(embedded).toMatchObject({ isHidden: true, text: null, cw: null });
        expect(embedded.files ?? []).toEqual([]);
        expect(embedded.poll ?? null).toBeNull();
      }
      // The same note inside a list is packed the same way.
      const outer = c.outer();
      const listed: any[] = outer.userId === users.author.id
        ? await client(viewer).request('users/notes', { userId: outer.userId, withReplies: true, limit: 100 }) as any[]
        : await client(viewer).request('notes/children', { noteId: c.target().id, limit: 100 }).catch(() => []) as any[];
      const inList = listed.find((note) => note.id === outer.id);
      if (inList) expect(inList[c.field]?.isHidden ?? false).toBe(outcome === 'hidden');
      else expect(outcome === 'hidden' && outer.userId !== users.author.id, 'the outer note is missing from the list').toBe(true);
    });
  }
});
