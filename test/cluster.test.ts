import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Stream } from 'misskey-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPing, exited, freePort, isAlive, postmasterPid, startMikan, type MikanProcess } from './mikan-process.js';
import { eventually } from './streaming/helpers.js';

/**
 * `MIKAN_WORKERS=2` as a user runs it: one primary with the embedded PostgreSQL, two workers
 * sharing the port and talking through Redis (the CI machine has it on 127.0.0.1:6379).
 */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-cluster-'));
const children: ChildProcess[] = [];
const streams: Stream[] = [];
let port: number;
let mikan: MikanProcess;

/** The primary's worker processes (its other child is the embedded PostgreSQL). */
function workerPids(): number[] {
  const pid = mikan.child.pid!;
  const listed = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  const children = listed ? listed.split(/\s+/).map(Number) : [];
  return children.filter((child) => {
    try { return fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('dist/main.js'); } catch { return false; }
  });
}

async function api<T>(endpoint: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * `ws` throws (uncaught) when a socket still connecting is closed without an error listener, which
 * misskey-js's reconnecting socket does when a connection attempt times out; browsers do not throw.
 */
class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

/** A stream on `localTimeline`; `received` collects note texts, `drops` counts lost connections. */
async function localTimeline(token: string) {
  const stream = new Stream(`http://127.0.0.1:${port}`, { token }, { WebSocket: QuietWebSocket });
  streams.push(stream);
  const state = { received: [] as string[], drops: 0, connected: true };
  stream.on('_disconnected_', () => { state.drops++; state.connected = false; });
  stream.on('_connected_', () => { state.connected = true; });
  await new Promise<void>((resolve) => stream.once('_connected_', () => resolve()));
  stream.useChannel('localTimeline').on('note', (note) => state.received.push(note.text ?? ''));
  return state;
}

beforeAll(async () => {
  port = await freePort();
  mikan = await startMikan({
    PORT: String(port), MIKAN_DATA_DIR: dataDir, MIKAN_WORKERS: '2', REDIS_URL,
    MIKAN_REDIS_PREFIX: `mikan-cluster-${process.pid}-${randomBytes(4).toString('hex')}`, MIKAN_RATE_LIMIT: 'off',
  }, children);
}, 90_000);

afterAll(() => {
  for (const stream of streams) stream.close();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  const pid = postmasterPid(dataDir);
  if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('MIKAN_WORKERS=2 on the embedded PostgreSQL', () => {
  it('announces the server once both workers listen, and serves from them', async () => {
    expect(mikan.output()).toMatch(/Mikan listening on .*2 worker processes, embedded PostgreSQL/);
    // Each process writes its own log lines: the workers' may reach the pipe after the primary's.
    await eventually(() => expect(mikan.output().match(/worker \d \(pid \d+\) ready/g)).toHaveLength(2));
    expect(workerPids()).toHaveLength(2);
    expect(await callPing(port)).toBe(200);
  });

  it('a note posted through one worker reaches streams held by both; a killed worker is replaced and its clients come back', async () => {
    const meta = await api<{ requireSetup?: boolean }>('meta', {});
    if (meta.requireSetup) await api('admin/accounts/create', { username: 'root', password: 'root-password-1' });
    const poster = await api<{ token: string }>('signup', { username: 'poster', password: 'poster-password-1' });
    const viewer = await api<{ token: string }>('signup', { username: 'viewer', password: 'viewer-password-1' });
    // Connections go to the workers in turn, so these six are spread over both.
    const clients: Awaited<ReturnType<typeof localTimeline>>[] = [];
    for (let i = 0; i < 6; i++) clients.push(await localTimeline(viewer.token));
    await new Promise((resolve) => setTimeout(resolve, 300));

    await api('notes/create', { i: poster.token, text: 'to every worker' });
    await eventually(() => { for (const client of clients) expect(client.received).toEqual(['to every worker']); });

    const [victim, survivor] = workerPids();
    process.kill(victim!, 'SIGKILL');
    await eventually(() => {
      const pids = workerPids();
      expect(pids).toHaveLength(2);
      expect(pids).toContain(survivor);
      expect(pids).not.toContain(victim);
    }, 15_000);
    expect(await callPing(port)).toBe(200);
    // Only the clients of the killed worker lost their connection: both workers held some.
    const dropped = clients.filter((client) => client.drops > 0).length;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(clients.length);

    // misskey-js reconnects and re-joins its channels; every client hears the next note again. (A
    // reconnection handed to the killed worker before the primary saw it die is lost; the client
    // retries after its 4 s connection timeout.)
    await eventually(() => { for (const client of clients) expect(client.connected).toBe(true); }, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api('notes/create', { i: poster.token, text: 'after the restart' });
    await eventually(() => { for (const client of clients) expect(client.received).toEqual(['to every worker', 'after the restart']); }, 10_000);
  }, 60_000);

  it('SIGTERM stops the workers, then PostgreSQL, and exits 0', async () => {
    const workers = workerPids();
    const postgres = postmasterPid(dataDir);
    mikan.child.kill('SIGTERM');
    expect(await exited(mikan.child)).toBe(0);
    for (const pid of workers) expect(isAlive(pid)).toBe(false);
    expect(isAlive(postgres!)).toBe(false);
    expect(mikan.output()).toMatch(/SIGTERM received: stopping 2 workers/);
  }, 40_000);
});

describe('MIKAN_WORKERS without Redis', () => {
  it('refuses to start, naming what is missing', async () => {
    const { REDIS_URL: _redis, ...env } = process.env;
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['dist/main.js', 'start'], { env: { ...env, MIKAN_WORKERS: '2', MIKAN_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => { output += chunk; });
    expect(await exited(child)).toBe(1);
    expect(output).toMatch(/Configuration error: MIKAN_WORKERS=2 needs REDIS_URL/);
  });
});
