import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { closeAll, closed, eventually, frames, joinRaw, opened, openStream, rawSocket, refusal, settle, sleep, type TestUser } from './helpers.js';
import { LIMITS } from '../../src/streaming/connection.js';
import { setSuspended } from '../../src/core/users/account.js';
import { publishBroadcast } from '../../src/bus/topics.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  await server.createUser(); // the first account becomes the administrator
  [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
  moderator = await server.createUser({ isModerator: true });
});
afterEach(() => closeAll());
afterAll(async () => { await server.close(); });

describe('upgrade', () => {
  it('accepts anonymous sockets and tokens in ?i= or Authorization: Bearer', async () => {
    await opened(rawSocket(server));
    await opened(rawSocket(server, `?i=${alice.token}`));
    await opened(rawSocket(server, '', { authorization: `Bearer ${alice.token}` }));
    const stream = await openStream(server, alice.token);
    expect(stream.state).toBe('connected');
  });

  it('refuses an unknown token with 401 at upgrade', async () => {
    expect(await refusal(rawSocket(server, '?i=not-a-token'))).toBe(401);
    expect(await refusal(rawSocket(server, '', { authorization: 'Bearer not-a-token' }))).toBe(401);
  });

  it('refuses a repeated ?i= with 401 instead of connecting anonymously', async () => {
    expect(await refusal(rawSocket(server, `?i=${alice.token}&i=${alice.token}`))).toBe(401);
    expect(await refusal(rawSocket(server, '?i=a&i=b'))).toBe(401);
  });

  it('refuses an app token without read:account with 401, accepts one with it', async () => {
    const without = await server.createAppToken(alice.id, ['write:notes']);
    expect(await refusal(rawSocket(server, `?i=${without}`))).toBe(401);
    const withIt = await server.createAppToken(alice.id, ['read:account']);
    await opened(rawSocket(server, `?i=${withIt}`));
  });

  it('refuses a suspended account with 403', async () => {
    const suspended = await server.createUser();
    await setSuspended(server.ctx, suspended.id, true);
    expect(await refusal(rawSocket(server, `?i=${suspended.token}`))).toBe(403);
  });
});

describe('frames', () => {
  it('answers ping with pong and ignores heartbeats, malformed frames and unknown types', async () => {
    const socket = rawSocket(server, `?i=${alice.token}`);
    const received = frames(socket);
    await opened(socket);
    socket.send('h');
    socket.send('{not json');
    socket.send('null');
    socket.send('[1,2]');
    socket.send(JSON.stringify({ type: 42 }));
    socket.send(JSON.stringify({ type: 'noSuchType', body: {} }));
    socket.send(JSON.stringify({ type: 'connect', body: 'x' }));
    socket.send(JSON.stringify({ type: 'connect', body: { channel: 'noSuchChannel', id: 'a', pong: true } }));
    socket.send(JSON.stringify({ type: 'connect', body: { channel: '__proto__', id: 'b', pong: true } }));
    socket.send(JSON.stringify({ type: 'ch', body: { id: 'nothing', type: 'x' } }));
    socket.send(JSON.stringify({ type: 'subNote', body: { id: 12 } }));
    socket.send('ping');
    await eventually(() => expect(received).toContain('pong'));
    // Still open and working.
    expect(await joinRaw(socket, received, 'main', 'm1')).toBe(true);
    expect(received.filter((frame) => typeof frame === 'object' && (frame as { body?: { id?: string } }).body?.id !== 'm1')).toEqual([]);
  });

  it('disconnects a client that floods the server (1008)', async () => {
    const socket = rawSocket(server, `?i=${alice.token}`);
    await opened(socket);
    const done = closed(socket);
    for (let i = 0; i < LIMITS.burst + 100; i++) socket.send(JSON.stringify({ type: 'ch', body: { id: 'x', type: 'y' } }));
    expect((await done).code).toBe(1008);
  });

  it('closes on a frame larger than the limit (1009)', async () => {
    const socket = rawSocket(server);
    await opened(socket);
    const done = closed(socket);
    socket.send('x'.repeat(70 * 1024));
    expect((await done).code).toBe(1009);
  });

  it('disconnects a client that stops reading once too much is queued for it (1013)', async () => {
    const saved = LIMITS.maxBufferedBytes;
    LIMITS.maxBufferedBytes = 256 * 1024;
    try {
      const reader = await server.createUser();
      const socket = rawSocket(server, `?i=${reader.token}`);
      await opened(socket);
      socket.pause();
      const held = () => [...server.app.streaming.connections].some((connection) => connection.user?.id === reader.id);
      expect(held()).toBe(true);
      const filler = 'x'.repeat(32 * 1024);
      await eventually(() => {
        for (let i = 0; i < 16; i++) publishBroadcast(server.ctx, 'emojiAdded', { filler });
        expect(held()).toBe(false);
      }, 10_000);
      const done = closed(socket);
      socket.resume();
      expect((await done).code).toBe(1013);
    } finally {
      LIMITS.maxBufferedBytes = saved;
    }
  });

  it('captures at most the limit of notes per socket', async () => {
    const saved = LIMITS.capturedNotes;
    LIMITS.capturedNotes = 2;
    try {
      const [author, watcher, reactor] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await server.client(author.token).request('notes/create', { text: `capture ${i}` }) as any).createdNote.id);
      const stream = await openStream(server, watcher.token);
      const reacted: string[] = [];
      stream.on('noteUpdated', (event) => { if (event.type === 'reacted') reacted.push(event.id); });
      for (const id of ids) stream.send('subNote', { id });
      await settle();
      for (const noteId of ids) await server.client(reactor.token).request('notes/reactions/create', { noteId, reaction: '👍' });
      await eventually(() => expect(reacted.sort()).toEqual(ids.slice(0, 2).sort()));
      await settle();
      expect(reacted).toHaveLength(2);
      // Releasing one frees a place.
      stream.send('unsubNote', { id: ids[0] });
      stream.send('subNote', { id: ids[2] });
      await settle();
      await server.client(reactor.token).request('notes/reactions/delete', { noteId: ids[2] });
      await server.client(reactor.token).request('notes/reactions/create', { noteId: ids[2], reaction: '🎉' });
      await eventually(() => expect(reacted.filter((id) => id === ids[2])).toHaveLength(1));
    } finally {
      LIMITS.capturedNotes = saved;
    }
  });

  it('caps channels per socket at 32', async () => {
    const socket = rawSocket(server, `?i=${alice.token}`);
    const received = frames(socket);
    await opened(socket);
    for (let i = 0; i < LIMITS.channels; i++) socket.send(JSON.stringify({ type: 'connect', body: { channel: 'localTimeline', id: `c${i}`, pong: true } }));
    await eventually(() => expect(received.filter((f) => (f as { type?: string }).type === 'connected')).toHaveLength(LIMITS.channels));
    expect(await joinRaw(socket, received, 'localTimeline', 'one-too-many')).toBe(false);
    socket.send(JSON.stringify({ type: 'disconnect', body: { id: 'c0' } }));
    expect(await joinRaw(socket, received, 'localTimeline', 'after-leaving-one')).toBe(true);
  });
});

describe('channel permissions', () => {
  it('main, homeTimeline, hybridTimeline, drive need a credential; localTimeline, globalTimeline, hashtag, serverStats do not', async () => {
    const socket = rawSocket(server);
    const received = frames(socket);
    await opened(socket);
    for (const channel of ['main', 'homeTimeline', 'hybridTimeline', 'drive', 'admin']) {
      expect(await joinRaw(socket, received, channel, `anon-${channel}`), channel).toBe(false);
    }
    expect(await joinRaw(socket, received, 'localTimeline', 'l')).toBe(true);
    expect(await joinRaw(socket, received, 'globalTimeline', 'g')).toBe(true);
    expect(await joinRaw(socket, received, 'hashtag', 'h', { q: [['mikan']] })).toBe(true);
    expect(await joinRaw(socket, received, 'serverStats', 's')).toBe(true);
  });

  it('app tokens need the channel kind; admin is for moderators and never for app tokens', async () => {
    const token = await server.createAppToken(moderator.id, ['read:account']);
    const app = rawSocket(server, `?i=${token}`);
    const appFrames = frames(app);
    await opened(app);
    expect(await joinRaw(app, appFrames, 'main', 'm')).toBe(true);
    expect(await joinRaw(app, appFrames, 'admin', 'a')).toBe(false);

    const native = rawSocket(server, `?i=${moderator.token}`);
    const nativeFrames = frames(native);
    await opened(native);
    expect(await joinRaw(native, nativeFrames, 'admin', 'a')).toBe(true);

    const plain = rawSocket(server, `?i=${bob.token}`);
    const plainFrames = frames(plain);
    await opened(plain);
    expect(await joinRaw(plain, plainFrames, 'admin', 'a')).toBe(false);
  });

  it('the timeline role policies apply as on HTTP: ltlAvailable for local and hybrid, gtlAvailable for global; administrators always may', async () => {
    const admin = await server.createUser({ isAdmin: true });
    const policies = server.ctx.meta.get().policies;
    await server.ctx.meta.update({ policies: { ...(policies as object), ltlAvailable: false, gtlAvailable: false } });
    try {
      const anonymous = rawSocket(server);
      const anonymousFrames = frames(anonymous);
      const user = rawSocket(server, `?i=${bob.token}`);
      const userFrames = frames(user);
      const root = rawSocket(server, `?i=${admin.token}`);
      const rootFrames = frames(root);
      await Promise.all([opened(anonymous), opened(user), opened(root)]);
      const timelines = ['localTimeline', 'hybridTimeline', 'globalTimeline'];
      // A refusal is silence, so every attempt waits out joinRaw's timeout: try them all at once.
      expect(await Promise.all([
        ...['localTimeline', 'globalTimeline'].map((channel) => joinRaw(anonymous, anonymousFrames, channel, `anonymous-${channel}`)),
        ...timelines.map((channel) => joinRaw(user, userFrames, channel, `user-${channel}`)),
        ...timelines.map((channel) => joinRaw(root, rootFrames, channel, `admin-${channel}`)),
        joinRaw(user, userFrames, 'homeTimeline', 'home'),
      ])).toEqual([false, false, false, false, false, true, true, true, true]);
      await server.ctx.meta.update({ policies: { ...(policies as object), ltlAvailable: true, gtlAvailable: false } });
      expect(await Promise.all([
        joinRaw(user, userFrames, 'localTimeline', 'local-again'),
        joinRaw(user, userFrames, 'hybridTimeline', 'hybrid-again'),
        joinRaw(user, userFrames, 'globalTimeline', 'global-still-off'),
      ])).toEqual([true, true, false]);
    } finally {
      await server.ctx.meta.update({ policies });
    }
  });

  it('shared channels join once per socket; hashtag needs a well-formed q', async () => {
    const socket = rawSocket(server, `?i=${alice.token}`);
    const received = frames(socket);
    await opened(socket);
    expect(await joinRaw(socket, received, 'main', 'm1')).toBe(true);
    expect(await joinRaw(socket, received, 'main', 'm2')).toBe(false);
    expect(await joinRaw(socket, received, 'hashtag', 'h1', { q: 'mikan' })).toBe(false);
    expect(await joinRaw(socket, received, 'hashtag', 'h2', { q: [[]] })).toBe(false);
    expect(await joinRaw(socket, received, 'hashtag', 'h3', { q: [[1]] })).toBe(false);
  });
});

describe('serverStats channel', () => {
  it('sends nothing while machine stats are disabled; once enabled, stats every 2 s and statsLog on requestLog', async () => {
    const stream = await openStream(server, null);
    const channel = stream.useChannel('serverStats');
    const stats: any[] = [];
    const logs: any[][] = [];
    channel.on('stats', (sample) => stats.push(sample));
    channel.on('statsLog', (log) => logs.push(log));
    await sleep(2300);
    expect(stats).toEqual([]);
    await server.ctx.meta.update({ enableServerMachineStats: true });
    try {
      await eventually(() => expect(stats.length).toBeGreaterThanOrEqual(1), 4000);
      const sample = stats[0];
      expect(sample.cpu).toBeGreaterThanOrEqual(0);
      expect(sample.cpu).toBeLessThanOrEqual(1);
      expect(sample.mem.used).toBeGreaterThan(0);
      expect(sample.mem.active).toBeGreaterThan(0);
      for (const value of [sample.net.rx, sample.net.tx, sample.fs.r, sample.fs.w]) expect(value).toBeGreaterThanOrEqual(0);
      channel.send('requestLog', { id: 'log-1', length: 1 });
      await eventually(() => expect(logs).toHaveLength(1));
      expect(logs[0]).toHaveLength(1);
      expect(Object.keys(logs[0]![0]).sort()).toEqual(['cpu', 'fs', 'mem', 'net']);
    } finally {
      await server.ctx.meta.update({ enableServerMachineStats: false });
    }
  });
});

describe('instance-wide events', () => {
  it('a broadcast reaches every socket, anonymous or signed in, as a top-level message', async () => {
    const [anonymous, signedIn] = await Promise.all([openStream(server, null), openStream(server, alice.token)]);
    const got: [string, unknown][] = [];
    anonymous.on('emojiAdded', (body) => got.push(['anonymous', body]));
    signedIn.on('emojiAdded', (body) => got.push(['signedIn', body]));
    const emoji = { emoji: { id: 'e1', name: 'mikan', category: null, aliases: [], url: 'https://example.com/mikan.png' } };
    publishBroadcast(server.ctx, 'emojiAdded', emoji);
    await eventually(() => expect(got.sort()).toEqual([['anonymous', emoji], ['signedIn', emoji]]));
  });
});

describe('connection life', () => {
  it('misskey-js reconnects after the server drops the socket and rejoins its channels', async () => {
    const stream = await openStream(server, alice.token);
    const main = stream.useChannel('main');
    const events: string[] = [];
    main.on('meUpdated', (me) => events.push(me.name ?? ''));
    await settle();
    const disconnected = new Promise<void>((resolve) => stream.once('_disconnected_', () => resolve()));
    const reconnected = new Promise<void>((resolve) => stream.once('_connected_', () => resolve()));
    for (const connection of server.app.streaming.connections) if (connection.user?.id === alice.id) connection.socket.terminate();
    await disconnected;
    await reconnected;
    await settle();
    await server.client(alice.token).request('i/update', { name: 'after reconnect' });
    await eventually(() => expect(events).toEqual(['after reconnect']));
  });

  it('closes a socket as soon as its token is revoked or its account suspended; other sockets stay', async () => {
    const [owner, other] = await Promise.all([server.createUser(), server.createUser()]);
    const appToken = await server.createAppToken(owner.id, ['read:account']);
    const keptToken = await server.createAppToken(owner.id, ['read:account']);
    const revoked = rawSocket(server, `?i=${appToken}`);
    const kept = rawSocket(server, `?i=${keptToken}`);
    const native = rawSocket(server, `?i=${owner.token}`);
    const bystander = rawSocket(server, `?i=${other.token}`);
    await Promise.all([opened(revoked), opened(kept), opened(native), opened(bystander)]);
    const revokedClosed = closed(revoked);
    await server.client(owner.token).request('i/revoke-token', { token: appToken });
    expect(await revokedClosed).toMatchObject({ code: 1008, reason: 'credential revoked' });
    await settle();
    for (const socket of [kept, native, bystander]) expect(socket.readyState).toBe(socket.OPEN);
    // misskey-js would reconnect: the dead token is refused at upgrade.
    expect(await refusal(rawSocket(server, `?i=${appToken}`))).toBe(401);

    const keptClosed = closed(kept);
    const nativeClosed = closed(native);
    await setSuspended(server.ctx, owner.id, true);
    try {
      expect((await keptClosed).code).toBe(1008);
      expect((await nativeClosed).code).toBe(1008);
      await settle();
      expect(bystander.readyState).toBe(bystander.OPEN);
    } finally {
      await setSuspended(server.ctx, owner.id, false);
    }
  });

  it('i/regenerate-token tells main myTokenRegenerated, then closes the old token\'s sockets', async () => {
    const user = await server.createUser({ password: 'regenerate-me-1' });
    const socket = rawSocket(server, `?i=${user.token}`);
    const received = frames(socket);
    await opened(socket);
    expect(await joinRaw(socket, received, 'main', 'main')).toBe(true);
    const done = closed(socket);
    await server.client(user.token).request('i/regenerate-token', { password: 'regenerate-me-1' });
    expect(await done).toMatchObject({ code: 1008, reason: 'credential revoked' });
    expect(received.filter((frame: any) => frame.type === 'channel')).toEqual([
      { type: 'channel', body: { id: 'main', type: 'myTokenRegenerated', body: null } },
    ]);
  });

  it('closes every socket with 1001 when the server shuts down', async () => {
    const other = await startTestServer();
    const user = await other.createUser();
    const socket = rawSocket(other, `?i=${user.token}`);
    await opened(socket);
    const done = closed(socket);
    await other.close();
    expect((await done).code).toBe(1001);
  });
});
