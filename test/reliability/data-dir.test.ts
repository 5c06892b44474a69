import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { callPing, exited, freePort, isAlive, postmasterPid, startMikan } from '../mikan-process.js';
import { api, signUpUsers, Workspace } from './helpers.js';

/**
 * One Mikan per data directory (src/db/data-dir-lock.ts), and a clear refusal when the embedded
 * PostgreSQL's data was written by another major version.
 */
const workspace = new Workspace();
afterAll(() => workspace.cleanUp());

/** Runs a Mikan command to its end: exit code and output. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const child = spawn(process.execPath, ['dist/main.js', ...args], { env: { ...inherited, HOST: '127.0.0.1', NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  workspace.children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return exited(child).then((code) => ({ code, output }));
}

describe('a second Mikan on the same data directory', () => {
  it('is refused with a clear message and exit 1, and the running one keeps its database', async () => {
    const dataDir = workspace.dataDir('lock');
    const port = await freePort();
    const first = await startMikan({ PORT: String(port), MIKAN_DATA_DIR: dataDir, MIKAN_RATE_LIMIT: 'off' }, workspace.children);
    const [alice] = await signUpUsers(port, 'lock', 1);
    const postgres = postmasterPid(dataDir)!;

    const second = await run(['start'], { PORT: String(await freePort()), MIKAN_DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`Cannot start: MIKAN_DATA_DIR ${dataDir} is in use by another Mikan (pid ${first.child.pid})`);
    expect(second.output).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace

    // The first server's PostgreSQL was left alone: it still reads and writes.
    expect(isAlive(postgres)).toBe(true);
    expect(await callPing(port)).toBe(200);
    await api(port, 'notes/create', { i: alice!.token, text: 'still here' });
    expect((await api<{ notesCount: number }>(port, 'users/show', { userId: alice!.id })).notesCount).toBe(1);

    // Commands that would start the embedded PostgreSQL are refused the same way.
    const migrate = await run(['migrate'], { MIKAN_DATA_DIR: dataDir });
    expect(migrate.code).toBe(1);
    expect(migrate.output).toContain('is in use by another Mikan');
    expect(await callPing(port)).toBe(200);

    // Once the owner is gone (even by kill -9) the directory is free again.
    first.child.kill('SIGKILL');
    await exited(first.child);
    const third = await startMikan({ PORT: String(port), MIKAN_DATA_DIR: dataDir }, workspace.children);
    expect((await api<{ notesCount: number }>(port, 'users/show', { userId: alice!.id })).notesCount).toBe(1);
    third.child.kill('SIGTERM');
    expect(await exited(third.child)).toBe(0);
  }, 90_000);

  it('is refused while a cluster primary (MIKAN_WORKERS=2) holds it', async () => {
    const dataDir = workspace.dataDir('lock-cluster');
    const port = await freePort();
    const primary = await startMikan({
      PORT: String(port), MIKAN_DATA_DIR: dataDir, MIKAN_WORKERS: '2', REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      MIKAN_REDIS_PREFIX: `mikan-lock-${process.pid}`,
    }, workspace.children);
    const second = await run(['start'], { PORT: String(await freePort()), MIKAN_DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`is in use by another Mikan (pid ${primary.child.pid})`);
    expect(await callPing(port)).toBe(200);
    primary.child.kill('SIGTERM');
    expect(await exited(primary.child)).toBe(0);
  }, 90_000);
});

describe('the embedded PostgreSQL major version', () => {
  it('a data directory written by another major version is refused with the way to upgrade, not a crash', async () => {
    const dataDir = workspace.dataDir('pg-version');
    const port = await freePort();
    const mikan = await startMikan({ PORT: String(port), MIKAN_DATA_DIR: dataDir }, workspace.children);
    mikan.child.kill('SIGTERM');
    expect(await exited(mikan.child)).toBe(0);

    const versionFile = path.join(dataDir, 'postgres', 'PG_VERSION');
    const shipped = Number(fs.readFileSync(versionFile, 'utf8'));
    fs.writeFileSync(versionFile, `${shipped - 1}\n`);
    const refused = await run(['start'], { PORT: String(port), MIKAN_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`was written by PostgreSQL ${shipped - 1}, but this Mikan runs PostgreSQL ${shipped}`);
    expect(refused.output).toContain('mikan backup');
    expect(refused.output).not.toMatch(/at .*\.ts:\d+/);
    expect(postmasterPid(dataDir)).toBeNull();
  }, 60_000);
});
