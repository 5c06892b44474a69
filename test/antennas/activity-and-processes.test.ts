import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints, entities } from 'misskey-js';
import { startTestServer, type TestServer } from '../harness.js';
import { closeAll, eventually, openStream, settle, sleep } from '../streaming/helpers.js';
import type { TestUser } from '../social/helpers.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `mikan-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const THRESHOLD_MS = 1500;

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  // Two processes on one PostgreSQL and Redis, with antennas that go inactive after 1.5 s unused.
  a = await startTestServer({ redisUrl: REDIS_URL, deactivateAntennaThresholdMs: THRESHOLD_MS }, { redisPrefix: prefix });
  b = await startTestServer({ redisUrl: REDIS_URL, deactivateAntennaThresholdMs: THRESHOLD_MS }, { redisPrefix: prefix, database: a.databaseName });
}, 120_000);
afterEach(() => closeAll());
afterAll(async () => {
  await b?.close();
  await a?.close();
});

function params(overrides: Record<string, unknown>): Endpoints['antennas/create']['req'] {
  return {
    name: 'antenna', src: 'all', keywords: [['mikan']], excludeKeywords: [], users: [],
    caseSensitive: false, withReplies: false, withFile: false, ...overrides,
  } as unknown as Endpoints['antennas/create']['req'];
}

async function post(server: TestServer, user: TestUser, text: string): Promise<entities.Note> {
  return (await server.client(user.token).request('notes/create', { text })).createdNote;
}

async function collected(server: TestServer, owner: TestUser, antennaId: string): Promise<string[]> {
  return (await server.client(owner.token).request('antennas/notes', { antennaId })).map((note) => note.id);
}

describe('an antenna unused for a while (Misskey: deactivateAntennaThreshold, 7 days)', () => {
  it('stops collecting and says isActive: false; antennas/notes makes it collect again, and so does an edit', async () => {
    const [owner, author] = await Promise.all([a.createUser(), a.createUser()]);
    const api = a.client(owner.token);
    const antenna = await api.request('antennas/create', params({ keywords: [['sloe']] }));
    expect(antenna.isActive).toBe(true);
    const early = await post(a, author, 'sloe early');
    await sleep(THRESHOLD_MS + 300);
    expect((await api.request('antennas/show', { antennaId: antenna.id })).isActive).toBe(false);
    expect((await api.request('antennas/list', {}))[0]!.isActive).toBe(false);
    await post(a, author, 'sloe while inactive');
    await post(b, author, 'sloe while inactive, other process');

    // Opening it is a use: it is active again, in both processes, and collects from now on.
    expect(await collected(a, owner, antenna.id)).toEqual([early.id]);
    expect((await api.request('antennas/show', { antennaId: antenna.id })).isActive).toBe(true);
    await settle();
    const onA = await post(a, author, 'sloe on A');
    const onB = await post(b, author, 'sloe on B');
    expect(await collected(a, owner, antenna.id)).toEqual([onB.id, onA.id, early.id]);

    await sleep(THRESHOLD_MS + 300);
    expect((await api.request('antennas/show', { antennaId: antenna.id })).isActive).toBe(false);
    await api.request('antennas/update', { antennaId: antenna.id, name: 'edited' });
    expect((await api.request('antennas/show', { antennaId: antenna.id })).isActive).toBe(true);
    await settle();
    const afterEdit = await post(b, author, 'sloe after the edit');
    expect((await collected(a, owner, antenna.id))[0]).toBe(afterEdit.id);
  });
});

describe('two processes', () => {
  it("keep one index: an antenna made or changed through A matches notes posted through B, and A's stream hears them", async () => {
    const [owner, author] = await Promise.all([a.createUser(), a.createUser()]);
    // B's index is loaded before the antenna exists: only the bus can tell it.
    await post(b, author, 'warming B up');
    const antenna = await a.client(owner.token).request('antennas/create', params({ keywords: [['rowan']] }));
    const stream = await openStream(a, owner.token);
    const live: string[] = [];
    stream.useChannel('antenna', { antennaId: antenna.id }).on('note', (note) => live.push(note.id));
    await settle();
    const first = await post(b, author, 'rowan berries');
    await eventually(() => expect(live).toEqual([first.id]));

    await a.client(owner.token).request('antennas/update', { antennaId: antenna.id, keywords: [['elder']] });
    await settle();
    await post(b, author, 'rowan again');
    const second = await post(b, author, 'elder flowers');
    await eventually(() => expect(live).toEqual([first.id, second.id]));
    expect(await collected(b, owner, antenna.id)).toEqual([second.id, first.id]);

    await a.client(owner.token).request('antennas/delete', { antennaId: antenna.id });
    await settle();
    await post(b, author, 'elder after delete');
    await settle();
    expect(live).toEqual([first.id, second.id]);
  });
});
