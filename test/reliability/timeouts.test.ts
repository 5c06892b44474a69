import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPing, exited, freePort, isAlive, postmasterPid, startMikan, type MikanProcess } from '../mikan-process.js';
import { closedByServer, connectRaw, Workspace } from './helpers.js';

/**
 * Clients that open a request and never finish it (slow loris) are cut off by the timeouts, one
 * address cannot hold more than its share of connections, and such clients do not hold up
 * shutdown past its deadline. The limits are set small here; their defaults are in README.
 */
const workspace = new Workspace();
const dataDir = workspace.dataDir('timeouts');
const HEADERS_TIMEOUT_MS = 1_000;
const IDLE_TIMEOUT_MS = 1_500;
const SHUTDOWN_TIMEOUT_MS = 1_500;
let port: number;
let mikan: MikanProcess;

beforeAll(async () => {
  port = await freePort();
  mikan = await startMikan({
    PORT: String(port), MIKAN_DATA_DIR: dataDir,
    MIKAN_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), MIKAN_REQUEST_TIMEOUT_MS: '60000', MIKAN_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
    MIKAN_KEEP_ALIVE_TIMEOUT_MS: '1000', MIKAN_MAX_CONNECTIONS_PER_IP: '5', MIKAN_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  }, workspace.children);
}, 120_000);
afterAll(() => workspace.cleanUp());

describe('timeouts', () => {
  it('a client that sends part of its headers is answered 408 and disconnected', async () => {
    const socket = await connectRaw(port);
    socket.write('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app');
    const received = await closedByServer(socket);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a client that sends its headers and part of its body is disconnected once it goes silent', async () => {
    const socket = await connectRaw(port);
    socket.write('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"i":');
    const received = await closedByServer(socket);
    // No response: the request never completed, and the server did not wait for it.
    expect(received).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('an idle keep-alive connection is closed; a streaming connection idle for longer is not', async () => {
    const idle = await connectRaw(port);
    idle.write('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    expect(await closedByServer(idle)).toMatch(/^HTTP\/1\.1 200/);

    const stream = new WebSocket(`ws://127.0.0.1:${port}/streaming`);
    await new Promise((resolve, reject) => { stream.once('open', resolve); stream.once('error', reject); });
    let closed = false;
    stream.once('close', () => { closed = true; });
    // Past the idle timeout twice over with nothing sent: still open, and it still answers.
    await new Promise((resolve) => setTimeout(resolve, 2 * IDLE_TIMEOUT_MS + 500));
    expect(closed).toBe(false);
    const pong = new Promise((resolve) => stream.once('pong', resolve));
    stream.ping();
    await pong;
    stream.close();
  });

  it('one client address holds at most MIKAN_MAX_CONNECTIONS_PER_IP connections; others are unaffected', async () => {
    // 127.0.0.2 is loopback too, but not the trusted local proxy (127.0.0.1), whose connections are not capped.
    const held = await Promise.all(Array.from({ length: 5 }, () => connectRaw(port, '127.0.0.2')));
    for (const socket of held) socket.write('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n');
    const extra = await connectRaw(port, '127.0.0.2');
    const extraClosed = closedByServer(extra);
    extra.write('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    expect(await extraClosed).toBe('');
    // Another address is served meanwhile.
    const other = await fetch(`http://127.0.0.1:${port}/api/ping`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(other.status).toBe(200);
    // Once those close (the server learns it when their FIN arrives), the address may connect again.
    await Promise.all(held.map((socket) => { const done = closedByServer(socket); socket.destroy(); return done; }));
    for (let attempt = 0; ; attempt++) {
      const again = await connectRaw(port, '127.0.0.2');
      const answer = closedByServer(again);
      again.end('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
      const received = await answer;
      if (received === '' && attempt < 20) continue;
      expect(received).toMatch(/^HTTP\/1\.1 200/);
      break;
    }
  });

  it('SIGTERM with a slow client trickling its body: the process exits by the shutdown deadline', async () => {
    const postgres = postmasterPid(dataDir)!;
    const socket = await connectRaw(port);
    socket.on('error', () => {});
    socket.write('POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"i":"');
    // A byte every 200 ms keeps the connection from going idle.
    const trickle = setInterval(() => socket.write('a'), 200);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const began = performance.now();
      mikan.child.kill('SIGTERM');
      expect(await exited(mikan.child), mikan.output()).toBe(0);
      const took = performance.now() - began;
      expect(took).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 100);
      // Not the 60 s the request timeout would allow the client; the bound leaves room for a loaded machine.
      expect(took).toBeLessThan(15_000);
      expect(mikan.output()).toContain('shutdown deadline (1500 ms) passed');
      expect(isAlive(postgres)).toBe(false);
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  }, 30_000);
});

describe('npm start', () => {
  it('is the server process: SIGTERM to npm stops Mikan and its PostgreSQL', async () => {
    const npmDataDir = workspace.dataDir('npm-start');
    const npmPort = await freePort();
    const npm = await startMikan({ PORT: String(npmPort), MIKAN_DATA_DIR: npmDataDir }, workspace.children, ['npm', 'start', '--silent']);
    expect(await callPing(npmPort)).toBe(200);
    const postgres = postmasterPid(npmDataDir)!;
    const server = serverPid(npm.child.pid!);
    expect(server).not.toBeNull();
    npm.child.kill('SIGTERM');
    await exited(npm.child);
    // The server got the signal and stopped cleanly (it did not outlive npm as an orphan).
    await waitFor(() => !isAlive(server!) && !isAlive(postgres));
    expect(npm.output()).toContain('SIGTERM received');
    expect(npm.output()).toContain('stopped cleanly');
  }, 120_000);
});

/** The node process running Mikan under npm: npm's descendant whose command line is scripts/start.mjs. */
function serverPid(npmPid: number): number | null {
  const queue = [npmPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    let children: number[] = [];
    try { children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { /* gone */ }
    for (const child of children) {
      try { if (fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('scripts/start.mjs')) return child; } catch { /* gone */ }
      queue.push(child);
    }
  }
  return null;
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const began = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() - began > timeoutMs) throw new Error('condition not met in time');
  }
}
