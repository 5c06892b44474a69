import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

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
