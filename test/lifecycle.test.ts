import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callPing, exited, freePort, isAlive, postmasterPid, startMikan } from './mikan-process.js';

/**
 * Mikan as a user starts it: `node dist/main.js start`, the compiled server on the embedded PostgreSQL,
 * in a data directory of its own. Checks start, restart after kill -9, and graceful shutdown.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-life-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  const pid = postmaster();
  if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const start = (port: number) => startMikan({ PORT: String(port), MIKAN_DATA_DIR: dataDir }, children);
const postmaster = () => postmasterPid(dataDir);

describe('running Mikan on the embedded PostgreSQL', () => {
  it('starts, prints its start-up time, and serves the API', async () => {
    const port = await freePort();
    const { child, output } = await start(port);
    expect(output()).toMatch(/started in \d+ ms/);
    expect(await callPing(port)).toBe(200);
    // The embedded server listens on a Unix socket in the data directory, never on TCP.
    expect(fs.readdirSync(path.join(dataDir, 'run'))).toContain('.s.PGSQL.5433');
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('starts again after kill -9 left its PostgreSQL running', async () => {
    const port = await freePort();
    const first = await start(port);
    const leftover = postmaster();
    expect(leftover).not.toBeNull();
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(isAlive(leftover!)).toBe(true);

    const second = await start(port);
    expect(await callPing(port)).toBe(200);
    expect(isAlive(leftover!)).toBe(false);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM, then stops PostgreSQL and exits 0', async () => {
    const port = await freePort();
    const { child } = await start(port);
    const pid = postmaster();

    // A request whose body is still arriving when the signal comes.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/ping', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write('{');
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end('}'), 300);
      }, 200);
    });

    const { status, body } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(body).pong).toBeTypeOf('number');
    expect(await exited(child)).toBe(0);
    expect(isAlive(pid!)).toBe(false);
  });
});
