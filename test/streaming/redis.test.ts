import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { closeAll, closed, eventually, opened, openStream, rawSocket, settle, type TestUser } from './helpers.js';
import { RedisBus } from '../../src/bus/redis.js';
import { RedisCache } from '../../src/misc/redis-cache.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
// A prefix of its own, so parallel runs sharing this Redis never hear each other.
const prefix = `mikan-test-${process.pid}-${randomBytes(4).toString('hex')}`;

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer({ redisUrl: REDIS_URL }, { redisPrefix: prefix });
  b = await startTestServer({ redisUrl: REDIS_URL }, { redisPrefix: prefix, database: a.databaseName });
  await a.createUser();
}, 120_000);
afterEach(() => closeAll());
afterAll(async () => {
  await b?.close();
  await a?.close();
});

async function post(server: TestServer, user: TestUser, text: string, visibility: 'public' | 'followers' = 'public'): Promise<void> {
  const response = await server.fetch('/api/notes/create', { json: { i: user.token, text, visibility } });
  expect(response.status).toBe(200);
}

describe('two Mikan processes on one PostgreSQL and Redis', () => {
  it('use the Redis bus and cache', () => {
    expect(a.ctx.bus).toBeInstanceOf(RedisBus);
    expect(b.ctx.cache).toBeInstanceOf(RedisCache);
  });

  it('a note posted through A reaches a timeline connected to B; a follow through A reaches main on B', async () => {
    const [alice, bob] = await Promise.all([a.createUser(), a.createUser()]);
    const stream = await openStream(b, alice.token);
    const home: string[] = [];
    const main: string[] = [];
    stream.useChannel('homeTimeline').on('note', (note) => home.push(note.text ?? ''));
    const mainChannel = stream.useChannel('main');
    mainChannel.on('followed', (user) => main.push(`followed:${user.id}`));
    mainChannel.on('notification', (n) => main.push(`notification:${n.type}`));
    await settle();

    await a.client(bob.token).request('following/create', { userId: alice.id });
    await eventually(() => expect(main.sort()).toEqual([`followed:${bob.id}`, 'notification:follow'].sort()));

    await a.client(alice.token).request('following/create', { userId: bob.id });
    // B learns of the new follow over Redis and reloads alice's state.
    await settle();
    await post(a, bob, 'from A, followers only', 'followers');
    await eventually(() => expect(home).toEqual(['from A, followers only']));

    // A mute made through A silences B's delivery at once.
    await a.client(alice.token).request('mute/create', { userId: bob.id });
    await settle();
    await post(a, bob, 'muted');
    await post(a, alice, 'own note');
    await eventually(() => expect(home).toEqual(['from A, followers only', 'own note']));
  });

  it('a token revoked through A closes its socket on B', async () => {
    const user = await a.createUser();
    const token = await a.createAppToken(user.id, ['read:account']);
    const socket = rawSocket(b, `?i=${token}`);
    await opened(socket);
    const done = closed(socket);
    await a.client(user.token).request('i/revoke-token', { token });
    expect(await done).toMatchObject({ code: 1008, reason: 'credential revoked' });
  });

  it('another prefix hears nothing', async () => {
    const other = new RedisBus(REDIS_URL, `${prefix}-other`);
    const mine = new RedisBus(REDIS_URL, prefix);
    const heard: unknown[] = [];
    const ours: unknown[] = [];
    other.subscribe('probe', (message) => heard.push(message));
    mine.subscribe('probe', (message) => ours.push(message));
    await Promise.all([other.ready(), mine.ready()]);
    await settle();
    a.ctx.bus.publish('probe', { hello: 1 });
    await eventually(() => expect(ours).toEqual([{ hello: 1 }]));
    expect(heard).toEqual([]);
    await other.close();
    await mine.close();
  });

  it('rate-limit counters are shared through the Redis cache', async () => {
    const key = `probe:${randomBytes(4).toString('hex')}`;
    expect((await a.ctx.cache.hit(key, 10_000)).count).toBe(1);
    expect((await b.ctx.cache.hit(key, 10_000)).count).toBe(2);
    await a.ctx.cache.set(`${key}:v`, 'x', 10_000);
    expect(await b.ctx.cache.get(`${key}:v`)).toBe('x');
    await b.ctx.cache.delete(`${key}:v`);
    expect(await a.ctx.cache.get(`${key}:v`)).toBeNull();
  });

  it('instance settings changed through A are in force on B at once (disableRegistration, name)', async () => {
    const admin = await a.createUser({ username: `metaadmin${process.pid}`, isAdmin: true });
    const name = `renamed ${randomBytes(3).toString('hex')}`;
    await a.client(admin.token).request('admin/update-meta', { name, disableRegistration: true });
    try {
      await eventually(async () => expect(((await b.fetch('/api/meta', { json: {} })).body as { name: string }).name).toBe(name));
      const signup = await b.fetch('/api/signup', { json: { username: `late${process.pid}`, password: 'a-good-password-1' } });
      expect(signup.status).toBeGreaterThanOrEqual(400);
      expect(signup.status).toBeLessThan(500);
    } finally {
      await a.client(admin.token).request('admin/update-meta', { disableRegistration: false });
    }
    await eventually(() => expect(b.ctx.meta.get().disableRegistration).toBe(false));
  });
});
