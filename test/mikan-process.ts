import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../src/config.js';
import { closeContext, createContext, type AppContext } from '../src/context.js';
import { connect } from '../src/db/postgres.js';
import { databaseUrlOf, withDatabase } from './database.js';

/** Mikan as a user starts it (`node dist/main.js start`, the compiled server), for tests of the process itself. */

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The embedded PostgreSQL's postmaster in `dataDir`, if one is running or left its pid file. */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Settings under which a Mikan process finds the jobs of a killed one soon: 10 s after their last
 * heartbeat (the least pg-boss allows), looking every second, polling every half second.
 */
export const QUICK_JOB_RECOVERY = { MIKAN_JOB_HEARTBEAT_SECONDS: '10', MIKAN_JOB_SUPERVISE_SECONDS: '1', MIKAN_JOB_POLL_SECONDS: '0.5' };

export interface MikanProcess { child: ChildProcess; output: () => string }

/**
 * Starts Mikan with `env` over this process's environment (DATABASE_URL removed unless given:
 * the embedded PostgreSQL is the default a user gets) and resolves once it says it listens.
 * `command`: another way to start it (`npm start`).
 */
export async function startMikan(env: Record<string, string>, children: ChildProcess[], command: string[] = [process.execPath, 'dist/main.js', 'start']): Promise<MikanProcess> {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...inherited, HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

export async function callPing(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/ping`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return res.status;
}

/**
 * A database of the test file's own (a copy of the migrated template) for Mikan processes started
 * on it, with an in-process context on the same database for seeding and checking (it runs no
 * jobs: only the processes do), and a data directory per file. Everything, and any process still
 * running, goes after the file.
 */
export function useProcessDatabase(prefix: string): { readonly ctx: AppContext; readonly databaseUrl: string; readonly dataDir: string; readonly children: ChildProcess[] } {
  const children: ChildProcess[] = [];
  let ctx: AppContext | undefined;
  let admin: pg.Client | undefined;
  let name = '';
  let databaseUrl = '';
  beforeAll(async () => {
    const { connection, template } = inject('postgres');
    name = `${template}_${randomBytes(6).toString('hex')}`;
    admin = new pg.Client(connection);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    const target = withDatabase(connection, name);
    databaseUrl = databaseUrlOf(target);
    const pools = connect(target, 4);
    ctx = await createContext({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }) }, {
      database: { ...pools, connection: target, embedded: false, async close() { await pools.end(); } },
    });
  }, 60_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await ctx?.jobs.stop().catch(() => {});
    if (ctx) await closeContext(ctx).catch(() => {});
    await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end();
    await rm(`/tmp/mikan-${prefix}-${name}`, { recursive: true, force: true });
  });
  return {
    get ctx() { return ctx!; },
    get databaseUrl() { return databaseUrl; },
    get dataDir() { return `/tmp/mikan-${prefix}-${name}`; },
    children,
  };
}
