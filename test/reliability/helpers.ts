import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postmasterPid } from '../mikan-process.js';

/**
 * Shared by the reliability suites: real Mikan processes (test/mikan-process.ts) in data
 * directories of their own, and the raw sockets and SQL the checks need.
 */

/** Processes and data directories of one test file, all removed by `cleanUp` (afterAll). */
export class Workspace {
  readonly children: ChildProcess[] = [];
  private readonly dirs: string[] = [];
  private readonly cleanups: (() => void | Promise<void>)[] = [];

  dataDir(name: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mikan-${name}-`));
    // Enterable by the postgres user (which runs PostgreSQL when the tests run as root) when a data directory is made inside it.
    fs.chmodSync(dir, 0o755);
    this.dirs.push(dir);
    return dir;
  }

  onCleanUp(fn: () => void | Promise<void>): void {
    this.cleanups.push(fn);
  }

  async cleanUp(): Promise<void> {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const fn of this.cleanups.reverse()) await fn();
    for (const dir of this.dirs) {
      const pid = postmasterPid(dir);
      if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  }
}

export async function api<T = unknown>(port: number, endpoint: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** The first account (administrator) if the instance has none, then `count` users signed up. */
export async function signUpUsers(port: number, prefix: string, count: number): Promise<{ id: string; token: string; username: string }[]> {
  const meta = await api<{ requireSetup?: boolean }>(port, 'meta', {});
  if (meta.requireSetup) await api(port, 'admin/accounts/create', { username: 'root', password: 'root-password-1' });
  const users = [];
  for (let i = 0; i < count; i++) {
    const username = `${prefix}${i}`;
    const { id, token } = await api<{ id: string; token: string }>(port, 'signup', { username, password: `${username}-password` });
    users.push({ id, token, username });
  }
  return users;
}

/** SQL on the embedded PostgreSQL of a data directory (through its socket and password file). */
export async function embeddedSql<T>(dataDir: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: path.join(dataDir, 'run'), port: 5433, user: 'postgres', database: 'postgres',
    password: fs.readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim(),
  });
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}

/** A raw TCP connection to Mikan, optionally from another loopback address (127.0.0.2 ...). */
export function connectRaw(port: number, localAddress?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with everything the server sent once it closes the connection. */
export function closedByServer(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => { received += chunk; });
    socket.on('error', () => {});
    socket.once('close', () => resolve(received));
  });
}
