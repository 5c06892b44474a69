import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { Stream } from 'misskey-js';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, freePort, startMikan } from '../mikan-process.js';
import { eventually } from '../streaming/helpers.js';
import { signUpUsers, startWriteLoad, Workspace } from './helpers.js';

/**
 * Redis restarted under load with MIKAN_WORKERS=2 (a redis-server of this test's own, on a free
 * port, nothing saved; never the machine's): the workers stay up, streaming recovers (a
 * subscriber that was connected before hears notes posted through either worker afterwards), and
 * the shared caches still learn of changes (a token revoked through one worker is refused by both).
 */
const workspace = new Workspace();
let redis: ChildProcess | null = null;
const streams: Stream[] = [];
afterAll(async () => {
  for (const stream of streams) stream.close();
  await workspace.cleanUp();
  if (redis && redis.exitCode === null) { redis.kill('SIGKILL'); await exited(redis); }
});

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => { output += chunk; if (output.includes('Ready to accept connections')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
}

/** A call on a connection of its own, so that calls in turn reach both workers. */
function freshCall(port: number, endpoint: string, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: `/api/${endpoint}`, method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode!, text }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

describe('Redis restarted under load, MIKAN_WORKERS=2', () => {
  it('streaming and cache invalidation recover on their own', async () => {
    const redisPort = await freePort();
    redis = await startRedis(redisPort);
    const port = await freePort();
    const mikan = await startMikan({
      PORT: String(port), MIKAN_DATA_DIR: workspace.dataDir('redis-restart'), MIKAN_WORKERS: '2',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`, MIKAN_RATE_LIMIT: 'off',
    }, workspace.children);
    const users = await signUpUsers(port, 'rr', 4);
    const [poster, viewer] = users;

    // Subscribers on both workers (connections go to the workers in turn).
    const subscribers: { received: string[] }[] = [];
    for (let i = 0; i < 4; i++) {
      const stream = new Stream(`http://127.0.0.1:${port}`, { token: viewer!.token }, { WebSocket: QuietWebSocket });
      streams.push(stream);
      await new Promise<void>((resolve) => stream.once('_connected_', () => resolve()));
      const state = { received: [] as string[] };
      stream.useChannel('localTimeline').on('note', (note) => state.received.push(note.text ?? ''));
      subscribers.push(state);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await freshCall(port, 'notes/create', { i: poster!.token, text: 'before' });
    await eventually(() => { for (const s of subscribers) expect(s.received).toContain('before'); }, 10_000);

    const load = startWriteLoad(port, users.slice(2));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    redis.kill('SIGKILL');
    await exited(redis);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    redis = await startRedis(redisPort);
    const up = Date.now();

    // Streaming: notes posted through either worker after the restart reach every subscriber.
    let attempt = 0;
    await eventually(async () => {
      const text = `after ${attempt++}`;
      await freshCall(port, 'notes/create', { i: poster!.token, text });
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const s of subscribers) expect(s.received).toContain(text);
    }, 20_000);
    const streamingBackMs = Date.now() - up;
    load.recover();
    const atRecovery = load.requests;
    for (let i = 0; i < 4; i++) await freshCall(port, 'notes/create', { i: poster!.token, text: `settled ${i}` });
    await eventually(() => { for (const s of subscribers) for (let i = 0; i < 4; i++) expect(s.received).toContain(`settled ${i}`); }, 10_000);

    // Caches: the viewer's token is known (cached) by both workers, then regenerated through one.
    for (let i = 0; i < 4; i++) expect((await freshCall(port, 'i', { i: viewer!.token })).status).toBe(200);
    const regenerated = await freshCall(port, 'i/regenerate-token', { i: viewer!.token, password: `${viewer!.username}-password` });
    expect(regenerated.status, regenerated.text).toBe(204);
    for (let i = 0; i < 4; i++) expect((await freshCall(port, 'i', { i: viewer!.token })).status).toBe(401);

    await load.stop();
    console.log(`Redis down ~2 s; every subscriber heard a new note ${streamingBackMs} ms after Redis was back; ${load.requests - atRecovery} writes after, ${load.failuresAfterRecovery} failed; ${load.failures} failed in all of ${load.requests}`);
    expect(load.failuresAfterRecovery, load.firstFailure ?? '').toBe(0);
    expect(mikan.child.exitCode).toBeNull();
    expect(mikan.output()).not.toMatch(/worker \d+ exited/);
  }, 150_000);
});
