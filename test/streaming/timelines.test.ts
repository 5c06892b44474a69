import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Stream } from 'misskey-js';
import { startTestServer, type TestServer } from '../harness.js';
import { closeAll, eventually, openStream, settle, type TestUser } from './helpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.createUser();
});
afterEach(() => closeAll());
afterAll(async () => { await server.close(); });

/** Posts a note as `user` through the API; answers its id. */
async function post(user: TestUser, note: Record<string, unknown>): Promise<string> {
  const { createdNote } = await server.client(user.token).request('notes/create', note as never) as { createdNote: { id: string } };
  return createdNote.id;
}

type Timeline = 'homeTimeline' | 'localTimeline' | 'hybridTimeline' | 'globalTimeline';

/** Received notes' texts per channel of one stream. */
async function watch(token: string | null, channels: Timeline[], params: Record<string, unknown> = {}): Promise<{ stream: Stream; got: Record<string, any[]> }> {
  const stream = await openStream(server, token);
  const got: Record<string, any[]> = {};
  for (const name of channels) {
    got[name] = [];
    stream.useChannel(name, Object.keys(params).length > 0 ? params : {}).on('note', (note: any) => got[name]!.push(note));
  }
  await settle();
  return { stream, got };
}

const texts = (notes: any[] | undefined) => (notes ?? []).map((note) => note.text ?? `renote:${note.renote?.text}`);

/** Waits until every watcher has seen the marker note, so anything else they would get has arrived. */
async function markerSeen(watchers: Record<string, any[]>[], marker: string, channel: Timeline = 'localTimeline'): Promise<void> {
  await eventually(() => {
    for (const got of watchers) expect(texts(got[channel])).toContain(marker);
  });
}

describe('visibility matrix, live', () => {
  it('delivers each visibility exactly to those notes/show would show it to', async () => {
    const [author, follower, stranger, blocked, addressee] = await Promise.all(Array.from({ length: 5 }, () => server.createUser()));
    await server.client(follower.token).request('following/create', { userId: author.id });
    await server.client(addressee.token).request('following/create', { userId: author.id });
    await server.client(author.token).request('blocking/create', { userId: blocked.id });
    const all: Timeline[] = ['homeTimeline', 'localTimeline', 'hybridTimeline', 'globalTimeline'];
    const open: Timeline[] = ['localTimeline', 'globalTimeline'];
    const [f, s, b, a, anon] = await Promise.all([
      watch(follower.token, all), watch(stranger.token, all), watch(blocked.token, open), watch(addressee.token, all), watch(null, open),
    ]);

    await post(author, { text: 'm-public', visibility: 'public' });
    await post(author, { text: 'm-home', visibility: 'home' });
    await post(author, { text: 'm-followers', visibility: 'followers' });
    await post(author, { text: 'm-specified', visibility: 'specified', visibleUserIds: [addressee.id] });
    await post(author, { text: 'm-localonly', visibility: 'public', localOnly: true });
    const marker = await server.createUser();
    await post(marker, { text: 'marker-1' });
    await markerSeen([f.got, s.got, a.got, anon.got], 'marker-1');
    await settle();

    const own = (got: Record<string, any[]>, channel: Timeline) => texts(got[channel]).filter((text) => text.startsWith('m-'));
    expect(own(f.got, 'homeTimeline')).toEqual(['m-public', 'm-home', 'm-followers', 'm-localonly']);
    expect(own(f.got, 'hybridTimeline')).toEqual(['m-public', 'm-home', 'm-followers', 'm-localonly']);
    expect(own(f.got, 'localTimeline')).toEqual(['m-public', 'm-localonly']);
    expect(own(f.got, 'globalTimeline')).toEqual(['m-public', 'm-localonly']);

    expect(own(a.got, 'homeTimeline')).toEqual(['m-public', 'm-home', 'm-followers', 'm-specified', 'm-localonly']);

    expect(own(s.got, 'homeTimeline')).toEqual([]);
    expect(own(s.got, 'hybridTimeline')).toEqual(['m-public', 'm-localonly']);
    expect(own(s.got, 'localTimeline')).toEqual(['m-public', 'm-localonly']);

    expect(own(b.got, 'localTimeline')).toEqual([]);
    expect(own(b.got, 'globalTimeline')).toEqual([]);
    expect(texts(b.got.localTimeline)).toContain('marker-1');

    expect(own(anon.got, 'localTimeline')).toEqual(['m-public']);
    expect(own(anon.got, 'globalTimeline')).toEqual(['m-public']);

    // The packed note is the API's Note.
    const packed = f.got.homeTimeline!.find((note) => note.text === 'm-followers');
    expect(packed).toMatchObject({ userId: author.id, visibility: 'followers', user: { id: author.id } });
  });

  it('follows, blocks and mutes made after connecting take effect at once', async () => {
    const [author, viewer] = await Promise.all([server.createUser(), server.createUser()]);
    const w = await watch(viewer.token, ['homeTimeline', 'localTimeline']);
    await post(author, { text: 'before-follow', visibility: 'home' });
    await server.client(viewer.token).request('following/create', { userId: author.id });
    await settle();
    await post(author, { text: 'after-follow', visibility: 'home' });
    await eventually(() => expect(texts(w.got.homeTimeline)).toEqual(['after-follow']));

    await server.client(viewer.token).request('mute/create', { userId: author.id });
    await settle();
    await post(author, { text: 'while-muted' });
    await server.client(viewer.token).request('mute/delete', { userId: author.id });
    await settle();
    await post(author, { text: 'after-unmute' });
    await eventually(() => expect(texts(w.got.localTimeline)).toContain('after-unmute'));
    expect(texts(w.got.localTimeline)).not.toContain('while-muted');
    expect(texts(w.got.homeTimeline)).not.toContain('while-muted');

    await server.client(author.token).request('blocking/create', { userId: viewer.id });
    await settle();
    await post(author, { text: 'after-block' });
    const marker = await server.createUser();
    await post(marker, { text: 'marker-2' });
    await markerSeen([w.got], 'marker-2');
    await settle();
    expect(texts(w.got.localTimeline)).not.toContain('after-block');
  });
  it('no note channel delivers notes of users the viewer blocks, is blocked by or mutes, nor notes embedding them', async () => {
    const [viewer, blocked, blocker, muted, plain, neutral] = await Promise.all(Array.from({ length: 6 }, () => server.createUser()));
    const me = server.client(viewer.token);
    for (const user of [blocked, blocker, muted, plain]) await me.request('following/create', { userId: user.id });
    const list = await me.request('users/lists/create', { name: 'shade' });
    for (const user of [blocked, blocker, muted, plain]) await me.request('users/lists/push', { listId: list.id, userId: user.id });
    const fromBlocked = await post(blocked, { text: '#shade from-blocked' });
    const fromBlocker = await post(blocker, { text: '#shade from-blocker' });
    const fromMuted = await post(muted, { text: '#shade from-muted' });
    const fromNeutral = await post(neutral, { text: 'from-neutral' });
    await me.request('blocking/create', { userId: blocked.id });
    await server.client(blocker.token).request('blocking/create', { userId: viewer.id });
    await me.request('mute/create', { userId: muted.id });

    const stream = await openStream(server, viewer.token);
    const got: Record<string, string[]> = {};
    const join = (key: string, channel: Timeline | 'hashtag' | 'userList', params: Record<string, unknown>) => {
      got[key] = [];
      (stream.useChannel(channel, params as never) as any).on('note', (note: any) => got[key]!.push(texts([note])[0]));
    };
    join('home', 'homeTimeline', {});
    join('local', 'localTimeline', { withReplies: true });
    join('hybrid', 'hybridTimeline', { withReplies: true });
    join('global', 'globalTimeline', {});
    join('hashtag', 'hashtag', { q: [['shade']] });
    join('list', 'userList', { listId: list.id });
    await settle();

    await post(blocked, { text: '#shade live-blocked' });
    await post(blocker, { text: '#shade live-blocker' });
    await post(muted, { text: '#shade live-muted' });
    await post(plain, { renoteId: fromBlocked });
    await post(plain, { renoteId: fromMuted });
    await post(plain, { renoteId: fromBlocker, text: '#shade quote-of-blocker' });
    await post(plain, { replyId: fromMuted, text: '#shade reply-to-muted' });
    await post(plain, { replyId: fromBlocked, text: '#shade reply-to-blocked' });
    // Controls: the same shapes around an unrelated user do arrive.
    await post(plain, { replyId: fromNeutral, text: '#shade reply-to-neutral' });
    await post(plain, { renoteId: fromNeutral });
    await post(plain, { text: '#shade marker-shade' });
    await eventually(() => { for (const key of Object.keys(got)) expect(got[key]).toContain('#shade marker-shade'); });
    await settle();

    const forbidden = /blocked|blocker|muted/;
    for (const [key, received] of Object.entries(got)) {
      expect(received.filter((text) => forbidden.test(text)), key).toEqual([]);
    }
    expect(got.local).toEqual(['#shade reply-to-neutral', 'renote:from-neutral', '#shade marker-shade']);
    expect(got.hashtag).toEqual(['#shade reply-to-neutral', '#shade marker-shade']);
    expect(got.home).toEqual(['renote:from-neutral', '#shade marker-shade']);
    expect(got.list).toEqual(['renote:from-neutral', '#shade marker-shade']);
  });
});

describe('timeline params', () => {
  it('withRenotes: false drops pure renotes (quotes stay); renote-muted users\' renotes are dropped', async () => {
    const [author, renoter, viewer] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    const original = await post(author, { text: 'original' });
    const plain = await watch(viewer.token, ['localTimeline']);
    const noRenotes = await watch(viewer.token, ['localTimeline'], { withRenotes: false });
    await post(renoter, { renoteId: original });
    await post(renoter, { renoteId: original, text: 'quote' });
    await post(renoter, { text: 'marker-3' });
    await markerSeen([plain.got, noRenotes.got], 'marker-3');
    expect(texts(plain.got.localTimeline)).toEqual(['renote:original', 'quote', 'marker-3']);
    expect(texts(noRenotes.got.localTimeline)).toEqual(['quote', 'marker-3']);
    expect(plain.got.localTimeline![0].renote).toMatchObject({ id: original, text: 'original' });

    await server.client(viewer.token).request('renote-mute/create', { userId: renoter.id });
    const after = await watch(viewer.token, ['localTimeline']);
    await post(renoter, { renoteId: original });
    await post(renoter, { text: 'marker-4' });
    await markerSeen([after.got], 'marker-4');
    expect(texts(after.got.localTimeline)).toEqual(['marker-4']);
  });

  it('withFiles: true only delivers notes with files', async () => {
    const [author, viewer] = await Promise.all([server.createUser(), server.createUser()]);
    const files = await watch(viewer.token, ['localTimeline'], { withFiles: true });
    const plain = await watch(viewer.token, ['localTimeline']);
    await post(author, { text: 'no-files' });
    await post(author, { text: 'marker-5' });
    await markerSeen([plain.got], 'marker-5');
    await settle();
    expect(files.got.localTimeline).toEqual([]);
  });

  it('replies follow the HTTP rule: to oneself, to or by the viewer, or withReplies', async () => {
    const [x, y, viewer] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    const byX = await post(x, { text: 'x-root' });
    const byViewer = await post(viewer, { text: 'viewer-root' });
    const without = await watch(viewer.token, ['localTimeline']);
    const withReplies = await watch(viewer.token, ['localTimeline'], { withReplies: true });
    const anon = await watch(null, ['localTimeline']);
    await post(y, { text: 'y-to-x', replyId: byX });
    await post(x, { text: 'x-to-self', replyId: byX });
    await post(y, { text: 'y-to-viewer', replyId: byViewer });
    await post(y, { text: 'marker-6' });
    await markerSeen([without.got, withReplies.got, anon.got], 'marker-6');
    expect(texts(without.got.localTimeline)).toEqual(['x-to-self', 'y-to-viewer', 'marker-6']);
    expect(texts(withReplies.got.localTimeline)).toEqual(['y-to-x', 'x-to-self', 'y-to-viewer', 'marker-6']);
    expect(texts(anon.got.localTimeline)).toEqual(['x-to-self', 'marker-6']);
  });

  it('a reply to a note the viewer may not see is not delivered', async () => {
    const [author, follower, viewer] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    await server.client(follower.token).request('following/create', { userId: author.id });
    const secret = await post(author, { text: 'secret', visibility: 'followers' });
    const w = await watch(viewer.token, ['localTimeline'], { withReplies: true });
    await post(follower, { text: 'reply-to-secret', replyId: secret });
    await post(follower, { text: 'marker-7' });
    await markerSeen([w.got], 'marker-7');
    expect(texts(w.got.localTimeline)).toEqual(['marker-7']);
  });
});

describe('hashtag channel', () => {
  it('matches AND-groups joined by OR, case-insensitively', async () => {
    const [author, viewer] = await Promise.all([server.createUser(), server.createUser()]);
    const stream = await openStream(server, viewer.token);
    const got: string[] = [];
    stream.useChannel('hashtag', { q: [['Mikan', 'live'], ['orange']] }).on('note', (note: any) => got.push(note.text));
    await settle();
    await post(author, { text: 'only #mikan' });
    await post(author, { text: 'both #mikan #LIVE' });
    await post(author, { text: 'fruit #orange' });
    await post(author, { text: 'secret #orange', visibility: 'followers' });
    await eventually(() => expect(got).toEqual(['both #mikan #LIVE', 'fruit #orange']));
    await settle();
    expect(got).toEqual(['both #mikan #LIVE', 'fruit #orange']);
  });
});

describe('note capture', () => {
  it('subNote delivers reactions of a visible note; unsubNote stops; invisible notes cannot be captured', async () => {
    const [author, viewer, reactor, muted] = await Promise.all(Array.from({ length: 4 }, () => server.createUser()));
    const noteId = await post(author, { text: 'capture me' });
    const secret = await post(author, { text: 'followers only', visibility: 'followers' });
    await server.client(viewer.token).request('mute/create', { userId: muted.id });
    const stream = await openStream(server, viewer.token);
    const events: any[] = [];
    stream.on('noteUpdated', (event) => events.push(event));
    stream.send('subNote', { id: noteId });
    stream.send('sn', { id: secret });
    await settle();
    await server.client(reactor.token).request('notes/reactions/create', { noteId, reaction: '👍' });
    await server.client(muted.token).request('notes/reactions/create', { noteId, reaction: '👍' });
    await server.client(reactor.token).request('notes/reactions/create', { noteId: secret, reaction: '👍' }).catch(() => {});
    await eventually(() => expect(events).toEqual([{ id: noteId, type: 'reacted', body: expect.objectContaining({ reaction: '👍', userId: reactor.id }) }]));
    await server.client(reactor.token).request('notes/reactions/delete', { noteId });
    await eventually(() => expect(events.map((event) => event.type)).toEqual(['reacted', 'unreacted']));
    stream.send('unsubNote', { id: noteId });
    await settle();
    await server.client(reactor.token).request('notes/reactions/create', { noteId, reaction: '🎉' });
    await settle();
    expect(events).toHaveLength(2);
  });

  it('a captured note stops sending events once the viewer may no longer see it (blocked, unfollowed)', async () => {
    const [author, viewer, reactor, follower] = await Promise.all(Array.from({ length: 4 }, () => server.createUser()));
    await server.client(viewer.token).request('following/create', { userId: author.id });
    await server.client(follower.token).request('following/create', { userId: author.id });
    const open = await post(author, { text: 'public, then blocked' });
    const secret = await post(author, { text: 'followers, then unfollowed', visibility: 'followers' });
    const stream = await openStream(server, viewer.token);
    const events: [string, string][] = [];
    stream.on('noteUpdated', (event) => events.push([event.id, event.type]));
    stream.send('subNote', { id: open });
    stream.send('subNote', { id: secret });
    await settle();
    // One reacting user per note: notes/reactions/delete allows one call per 3 s per user.
    const reactorOf = (noteId: string) => (noteId === open ? reactor : follower);
    const react = (noteId: string, reaction: string) => server.client(reactorOf(noteId).token).request('notes/reactions/create', { noteId, reaction });
    const unreact = (noteId: string) => server.client(reactorOf(noteId).token).request('notes/reactions/delete', { noteId });
    await react(open, '👍');
    await react(secret, '👍');
    await eventually(() => expect(events.sort()).toEqual([[open, 'reacted'], [secret, 'reacted']].sort()));

    await server.client(viewer.token).request('following/delete', { userId: author.id });
    await settle();
    await unreact(secret);
    await unreact(open);
    await eventually(() => expect(events.filter(([id]) => id === open)).toEqual([[open, 'reacted'], [open, 'unreacted']]));
    await settle();
    expect(events.filter(([id]) => id === secret)).toEqual([[secret, 'reacted']]);

    await server.client(author.token).request('blocking/create', { userId: viewer.id });
    await settle();
    await react(open, '🎉');
    await server.client(author.token).request('notes/delete', { noteId: open });
    await settle();
    expect(events.filter(([id]) => id === open)).toEqual([[open, 'reacted'], [open, 'unreacted']]);
  });

  it('pollVoted and deleted reach capturers; deleted ends the capture', async () => {
    const [author, voter] = await Promise.all([server.createUser(), server.createUser()]);
    const noteId = await post(author, { text: 'vote', poll: { choices: ['a', 'b'] } });
    const stream = await openStream(server, voter.token);
    const events: any[] = [];
    stream.on('noteUpdated', (event) => events.push(event));
    stream.send('s', { id: noteId });
    await settle();
    await server.client(voter.token).request('notes/polls/vote', { noteId, choice: 1 });
    await eventually(() => expect(events).toEqual([{ id: noteId, type: 'pollVoted', body: { choice: 1, userId: voter.id } }]));
    await server.client(author.token).request('notes/delete', { noteId });
    await eventually(() => expect(events.map((event) => event.type)).toEqual(['pollVoted', 'deleted']));
    expect(typeof events[1].body.deletedAt).toBe('string');
  });

  it('a renote is packed per viewer: myReaction is the viewer\'s own', async () => {
    const [author, reactor, other, renoter] = await Promise.all(Array.from({ length: 4 }, () => server.createUser()));
    const noteId = await post(author, { text: 'reacted original' });
    await server.client(reactor.token).request('notes/reactions/create', { noteId, reaction: '👍' });
    const r = await watch(reactor.token, ['localTimeline']);
    const o = await watch(other.token, ['localTimeline']);
    const anon = await watch(null, ['localTimeline']);
    await post(renoter, { renoteId: noteId });
    await eventually(() => {
      expect(r.got.localTimeline![0]?.renote).toMatchObject({ id: noteId, myReaction: '👍' });
      expect(o.got.localTimeline![0]?.renote).toMatchObject({ id: noteId, myReaction: null });
      expect(anon.got.localTimeline![0]?.renote?.id).toBe(noteId);
    });
    expect(anon.got.localTimeline![0].renote.myReaction).toBeUndefined();
  });
});

describe('userList channel', () => {
  it('delivers notes of list members only, with userAdded/userRemoved; only the owner may join', async () => {
    const [owner, member, outsider, intruder] = await Promise.all(Array.from({ length: 4 }, () => server.createUser()));
    const list = await server.client(owner.token).request('users/lists/create', { name: 'live' });
    await server.client(owner.token).request('users/lists/push', { listId: list.id, userId: member.id });

    const intruderStream = await openStream(server, intruder.token);
    const stolen: unknown[] = [];
    intruderStream.useChannel('userList', { listId: list.id }).on('note', (note) => stolen.push(note));

    const stream = await openStream(server, owner.token);
    const got: string[] = [];
    const changes: string[] = [];
    const channel = stream.useChannel('userList', { listId: list.id });
    channel.on('note', (note: any) => got.push(note.text));
    (channel as any).on('userAdded', (user: any) => changes.push(`added:${user.id}`));
    (channel as any).on('userRemoved', (user: any) => changes.push(`removed:${user.id}`));
    await settle();

    await post(member, { text: 'from member' });
    await post(outsider, { text: 'from outsider' });
    await eventually(() => expect(got).toEqual(['from member']));

    await server.client(owner.token).request('users/lists/push', { listId: list.id, userId: outsider.id });
    await eventually(() => expect(changes).toEqual([`added:${outsider.id}`]));
    await post(outsider, { text: 'outsider, now a member' });
    await eventually(() => expect(got).toEqual(['from member', 'outsider, now a member']));

    await server.client(owner.token).request('users/lists/pull', { listId: list.id, userId: member.id });
    await eventually(() => expect(changes).toEqual([`added:${outsider.id}`, `removed:${member.id}`]));
    await post(member, { text: 'after removal' });
    await post(outsider, { text: 'marker-8' });
    await eventually(() => expect(got).toContain('marker-8'));
    expect(got).not.toContain('after removal');
    expect(stolen).toEqual([]);
  });
});

describe('drive channel', () => {
  it('delivers the user\'s own file and folder events only, in order', async () => {
    const [owner, other] = await Promise.all([server.createUser(), server.createUser()]);
    const mine = await openStream(server, owner.token);
    const theirs = await openStream(server, other.token);
    const got: [string, unknown][] = [];
    const leaked: unknown[] = [];
    const events = ['fileCreated', 'fileUpdated', 'fileDeleted', 'folderCreated', 'folderUpdated', 'folderDeleted'] as const;
    const channel = mine.useChannel('drive');
    const spy = theirs.useChannel('drive');
    for (const type of events) {
      (channel as any).on(type, (body: any) => got.push([type, typeof body === 'string' ? body : body.name]));
      (spy as any).on(type, (body: unknown) => leaked.push(body));
    }
    await settle();
    const api = server.client(owner.token);
    const form = new FormData();
    form.append('i', owner.token);
    form.append('name', 'live.txt');
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'live.txt');
    const response = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const file = await response.json() as { id: string };
    const folder = await api.request('drive/folders/create', { name: 'box' });
    await api.request('drive/files/update', { fileId: file.id, name: 'renamed.txt' });
    await api.request('drive/folders/update', { folderId: folder.id, name: 'crate' });
    await api.request('drive/files/delete', { fileId: file.id });
    await api.request('drive/folders/delete', { folderId: folder.id });
    await eventually(() => expect(got).toEqual([
      ['fileCreated', 'live.txt'], ['folderCreated', 'box'], ['fileUpdated', 'renamed.txt'], ['folderUpdated', 'crate'],
      ['fileDeleted', file.id], ['folderDeleted', folder.id],
    ]));
    await settle();
    expect(leaked).toEqual([]);
  });
});
