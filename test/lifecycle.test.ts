import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Mikan as a user starts it: `node --import tsx src/main.ts start` on the embedded PostgreSQL,
 * in a data directory of its own. Checks start, restart after kill -9, and graceful shutdown.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-life-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function postmasterPid(): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function startMikan(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const env = { ...inherited, PORT: String(port), HOST: '127.0.0.1', MIKAN_DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'production' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Mikan did not start in 60 s:\n${output}`)), 60_000);
    const check = () => { if (output.includes('Mikan listening')) { clearTimeout(timer); resolve(); } };
    child.stdout!.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Mikan exited with ${code}:\n${output}`)); });
  });
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function callPing(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/ping`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return res.status;
}

describe('running Mikan on the embedded PostgreSQL', () => {
  it('starts, prints its start-up time, and serves the API', async () => {
    const port = await freePort();
    const { child, output } = await startMikan(port);
    expect(output()).toMatch(/started in \d+ ms/);
    expect(await callPing(port)).toBe(200);
    // The embedded server listens on a Unix socket in the data directory, never on TCP.
    expect(fs.readdirSync(path.join(dataDir, 'run'))).toContain('.s.PGSQL.5433');
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('starts again after kill -9 left its PostgreSQL running', async () => {
    const port = await freePort();
    const first = await startMikan(port);
    const leftover = postmasterPid();
    expect(leftover).not.toBeNull();
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(isAlive(leftover!)).toBe(true);

    const second = await startMikan(port);
    expect(await callPing(port)).toBe(200);
    expect(isAlive(leftover!)).toBe(false);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM, then stops PostgreSQL and exits 0', async () => {
    const port = await freePort();
    const { child } = await startMikan(port);
    const pid = postmasterPid();

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
