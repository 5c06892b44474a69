import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { homeTimelineTuning } from '../../src/core/timelines/timelines.js';
import { closeAll, eventually, openStream, settle } from '../streaming/helpers.js';
import { channelErrors as e, createChannel, expectApiError, post, type TestUser } from './helpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
});
afterEach(() => closeAll());
afterAll(() => server?.close());

const ids = (notes: { id: string }[]) => notes.map((note) => note.id);

describe('notes/create into a channel', () => {
  it('posts public, local-only, for nobody in particular, and packs the channel', async () => {
    const [owner, poster, someone] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    const channel = await createChannel(server, owner, { color: '#abcdef' });
    const note = await post(server, poster, { text: 'hello channel', channelId: channel.id, visibility: 'specified', visibleUserIds: [someone.id], localOnly: false });
    expect(note).toMatchObject({ visibility: 'public', localOnly: true, channelId: channel.id });
    expect(note.visibleUserIds).toBeUndefined();
    expect(note.channel).toEqual({ id: channel.id, name: channel.name, color: '#abcdef', isSensitive: false, allowRenoteToExternal: true, userId: owner.id });
    // Any signed-in user reads it; anonymous visitors do not, as for every local-only note (docs/decisions.md).
    const shown = await server.client(someone.token).request('notes/show', { noteId: note.id });
    expect(shown.text).toBe('hello channel');
    expect(shown.channel?.id).toBe(channel.id);
    const anonymous = await server.client().request('notes/show', { noteId: note.id }).catch((error) => error);
    expect(anonymous.text ?? null).toBeNull();

    await post(server, poster, { text: 'again', channelId: channel.id });
    await post(server, owner, { text: 'owner too', channelId: channel.id });
    const counted = await server.client().request('channels/show', { channelId: channel.id });
    expect(counted).toMatchObject({ notesCount: 3, usersCount: 2 });
    expect(counted.lastNotedAt).not.toBeNull();
  });

  it('a reply goes into the channel of the note it answers (and out of it)', async () => {
    const [owner, replier] = await Promise.all([server.createUser(), server.createUser()]);
    const channel = await createChannel(server, owner);
    const inChannel = await post(server, owner, { text: 'topic', channelId: channel.id });
    const reply = await post(server, replier, { text: 'answer', replyId: inChannel.id });
    expect(reply.channelId).toBe(channel.id);
    const outside = await post(server, owner, { text: 'not in a channel' });
    const pulledOut = await post(server, replier, { text: 'answer', replyId: outside.id, channelId: channel.id });
    expect(pulledOut.channelId).toBeUndefined();
  });

  it('renotes a channel note outside only when the channel allows it (CANNOT_RENOTE_OUTSIDE_OF_CHANNEL)', async () => {
    const [owner, renoter] = await Promise.all([server.createUser(), server.createUser()]);
    const closed = await createChannel(server, owner, { allowRenoteToExternal: false });
    const open = await createChannel(server, owner);
    const closedNote = await post(server, owner, { text: 'stays here', channelId: closed.id });
    const openNote = await post(server, owner, { text: 'may travel', channelId: open.id });
    await expectApiError(post(server, renoter, { renoteId: closedNote.id }), e.notesCreate.cannotRenoteOutsideOfChannel);
    await expectApiError(post(server, renoter, { renoteId: closedNote.id, channelId: open.id }), e.notesCreate.cannotRenoteOutsideOfChannel);
    await expectApiError(post(server, renoter, { text: 'quote', renoteId: closedNote.id }), e.notesCreate.cannotRenoteOutsideOfChannel);
    const inside = await post(server, renoter, { renoteId: closedNote.id, channelId: closed.id });
    expect(inside).toMatchObject({ channelId: closed.id, renoteId: closedNote.id });
    const outside = await post(server, renoter, { renoteId: openNote.id });
    expect(outside.channelId).toBeUndefined();
    expect(outside.renote.channel).toMatchObject({ id: open.id, allowRenoteToExternal: true });
  });
});

describe('where channel notes appear', () => {
  let owner: TestUser;
  let author: TestUser;
  let follower: TestUser;
  let channelFollower: TestUser;
  let channel: any;
  let sensitive: any;
  let channelNote: any;
  let sensitiveNote: any;
  let plainNote: any;

  beforeAll(async () => {
    [owner, author, follower, channelFollower] = await Promise.all([server.createUser(), server.createUser(), server.createUser(), server.createUser()]);
    channel = await createChannel(server, owner);
    sensitive = await createChannel(server, owner, { isSensitive: true });
    await server.client(follower.token).request('following/create', { userId: author.id });
    await server.client(channelFollower.token).request('channels/follow', { channelId: channel.id });
    await server.client(channelFollower.token).request('channels/follow', { channelId: sensitive.id });
    plainNote = await post(server, author, { text: 'plain' });
    channelNote = await post(server, author, { text: 'in channel', channelId: channel.id });
    sensitiveNote = await post(server, author, { text: 'in sensitive channel', channelId: sensitive.id });
  });

  it.each([
    { strategy: 'walk', sourcesMax: 0 },
    { strategy: 'sources', sourcesMax: Number.POSITIVE_INFINITY },
  ])('home ($strategy) and hybrid: only for followers of the channel, whoever wrote the note', async ({ sourcesMax }) => {
    const defaultMax = homeTimelineTuning.sourcesMax;
    homeTimelineTuning.sourcesMax = sourcesMax;
    try { await homeAndHybrid(); } finally { homeTimelineTuning.sourcesMax = defaultMax; }
  });

  async function homeAndHybrid() {
    const followerHome = ids(await server.client(follower.token).request('notes/timeline', {}));
    expect(followerHome).toContain(plainNote.id);
    expect(followerHome).not.toContain(channelNote.id);
    const channelHome = ids(await server.client(channelFollower.token).request('notes/timeline', {}));
    expect(channelHome).toEqual(expect.arrayContaining([channelNote.id, sensitiveNote.id]));
    expect(channelHome).not.toContain(plainNote.id);
    const hybrid = ids(await server.client(channelFollower.token).request('notes/hybrid-timeline', {}));
    expect(hybrid).toEqual(expect.arrayContaining([channelNote.id, plainNote.id]));
    expect(ids(await server.client(follower.token).request('notes/hybrid-timeline', {}))).not.toContain(channelNote.id);
  }

  it('local, global and list timelines: never', async () => {
    for (const viewer of [null, channelFollower]) {
      const client = server.client(viewer?.token);
      for (const endpoint of ['notes/local-timeline', 'notes/global-timeline'] as const) {
        const timeline = ids(await client.request(endpoint as 'notes/local-timeline', { limit: 100 }));
        expect(timeline).toContain(plainNote.id);
        expect(timeline).not.toContain(channelNote.id);
      }
    }
    const list = await server.client(channelFollower.token).request('users/lists/create', { name: 'authors' });
    await server.client(channelFollower.token).request('users/lists/push', { listId: list.id, userId: author.id });
    const listTimeline = ids(await server.client(channelFollower.token).request('notes/user-list-timeline', { listId: list.id }));
    expect(listTimeline).toContain(plainNote.id);
    expect(listTimeline).not.toContain(channelNote.id);
  });

  it('users/notes: only withChannelNotes, and sensitive channels only to the author', async () => {
    const client = server.client(follower.token);
    expect(ids(await client.request('users/notes', { userId: author.id }))).toEqual([plainNote.id]);
    expect(ids(await client.request('users/notes', { userId: author.id, withChannelNotes: true }))).toEqual([channelNote.id, plainNote.id]);
    expect(ids(await server.client().request('users/notes', { userId: author.id, withChannelNotes: true }))).toEqual([plainNote.id]);
    expect(ids(await server.client(author.token).request('users/notes', { userId: author.id, withChannelNotes: true })))
      .toEqual([sensitiveNote.id, channelNote.id, plainNote.id]);
  });

  it('channels/timeline: the channel\'s notes, newest first, paged; blocks apply', async () => {
    const other = await post(server, owner, { text: 'owner speaks', channelId: channel.id });
    const reader = server.client(follower.token);
    const timeline = await reader.request('channels/timeline', { channelId: channel.id });
    expect(ids(timeline)).toEqual([other.id, channelNote.id]);
    expect(ids(await reader.request('channels/timeline', { channelId: channel.id, untilId: other.id }))).toEqual([channelNote.id]);
    expect(ids(await reader.request('channels/timeline', { channelId: channel.id, limit: 1 }))).toEqual([other.id]);
    expect(ids(await reader.request('channels/timeline', { channelId: channel.id, sinceId: channelNote.id }))).toEqual([other.id]);
    // Channel notes are local-only: anonymous visitors read none of them.
    expect(await server.client().request('channels/timeline', { channelId: channel.id })).toEqual([]);
    const blocker = await server.createUser();
    await server.client(blocker.token).request('blocking/create', { userId: owner.id });
    expect(ids(await server.client(blocker.token).request('channels/timeline', { channelId: channel.id }))).toEqual([channelNote.id]);
  });

  it('a muted channel leaves the home timeline, not the channel\'s own timeline; unmuting brings it back', async () => {
    const viewer = await server.createUser();
    const client = server.client(viewer.token);
    await client.request('channels/follow', { channelId: channel.id });
    expect(ids(await client.request('notes/timeline', {}))).toContain(channelNote.id);
    await client.request('channels/mute/create', { channelId: channel.id });
    expect(ids(await client.request('notes/timeline', {}))).not.toContain(channelNote.id);
    expect(ids(await client.request('notes/hybrid-timeline', {}))).not.toContain(channelNote.id);
    expect(ids(await client.request('users/notes', { userId: author.id, withChannelNotes: true }))).not.toContain(channelNote.id);
    expect(ids(await client.request('channels/timeline', { channelId: channel.id }))).toContain(channelNote.id);
    await client.request('channels/mute/delete', { channelId: channel.id });
    expect(ids(await client.request('notes/timeline', {}))).toContain(channelNote.id);
  });
});

describe('streaming', () => {
  it('the channel stream delivers the channel\'s notes only, packed with their channel', async () => {
    const [owner, viewer, blocked] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    await server.client(viewer.token).request('blocking/create', { userId: blocked.id });
    const channel = await createChannel(server, owner);
    const elsewhere = await createChannel(server, owner);
    const got: any[] = [];
    const anonymous: any[] = [];
    const stream = await openStream(server, viewer.token);
    stream.useChannel('channel', { channelId: channel.id }).on('note', (note) => got.push(note));
    (await openStream(server, null)).useChannel('channel', { channelId: channel.id }).on('note', (note) => anonymous.push(note));
    await settle();
    await post(server, blocked, { text: 'from someone blocked', channelId: channel.id });
    await post(server, owner, { text: 'not here', channelId: elsewhere.id });
    await post(server, owner, { text: 'not in a channel' });
    const note = await post(server, viewer, { text: 'live', channelId: channel.id });
    await eventually(() => expect(got.map((n) => n.id)).toEqual([note.id]));
    expect(got[0].channel).toMatchObject({ id: channel.id, name: channel.name });
    expect(anonymous).toEqual([]);
  });

  it('home streams carry followed channels\' notes (not muted ones), local streams none', async () => {
    const [owner, channelFollower, muter] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    const channel = await createChannel(server, owner);
    await server.client(channelFollower.token).request('channels/follow', { channelId: channel.id });
    await server.client(muter.token).request('channels/follow', { channelId: channel.id });
    await server.client(muter.token).request('channels/mute/create', { channelId: channel.id });
    const got = { home: [] as string[], hybrid: [] as string[], local: [] as string[], muted: [] as string[] };
    const followerStream = await openStream(server, channelFollower.token);
    followerStream.useChannel('homeTimeline').on('note', (note) => got.home.push(note.text!));
    followerStream.useChannel('hybridTimeline').on('note', (note) => got.hybrid.push(note.text!));
    followerStream.useChannel('localTimeline').on('note', (note) => got.local.push(note.text!));
    const muterStream = await openStream(server, muter.token);
    muterStream.useChannel('homeTimeline').on('note', (note) => got.muted.push(note.text!));
    await settle();
    await post(server, owner, { text: 'channel news', channelId: channel.id });
    await post(server, channelFollower, { text: 'marker' });
    await eventually(() => expect(got.home).toEqual(['channel news', 'marker']));
    await eventually(() => expect(got.local).toEqual(['marker']));
    expect(got.hybrid).toEqual(['channel news', 'marker']);
    expect(got.muted).toEqual([]);
  });
});
