import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { exited, freePort, QUICK_JOB_RECOVERY, startMikan } from '../mikan-process.js';
import { databaseUrlOf, withDatabase } from '../database.js';
import { waitFor } from '../notes-interactions/helpers.js';

/**
 * A job survives `kill -9` of the process running it: real Mikan processes (`dist/main.js start`) on
 * a database of their own. The poll-end job is caught mid-run (its transaction waits for a row lock
 * this test holds), the process is killed, and a new one runs the job again: the poll's author is
 * notified exactly once.
 */
const children: ChildProcess[] = [];
const { connection, template } = inject('postgres');
const databaseName = `${template}_kill_${randomBytes(4).toString('hex')}`;
let databaseUrl: string;
let admin: pg.Client;
let db: pg.Client;

beforeAll(async () => {
  admin = new pg.Client(connection);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}" TEMPLATE "${template}"`);
  const own = withDatabase(connection, databaseName);
  databaseUrl = databaseUrlOf(own);
  db = new pg.Client(own);
  await db.connect();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await db?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin?.end();
});

const env = (port: number) => ({
  PORT: String(port), DATABASE_URL: databaseUrl, MIKAN_RATE_LIMIT: 'off', ...QUICK_JOB_RECOVERY,
});

async function api<T>(port: number, endpoint: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

describe('a job whose process is killed', () => {
  it('runs again after a restart, and its effect happens exactly once', async () => {
    const port = await freePort();
    const first = await startMikan(env(port), children);
    const root = await api<{ id: string; token: string }>(port, 'admin/accounts/create', { username: 'root', password: 'root-password-1' });
    const { createdNote } = await api<{ createdNote: { id: string } }>(port, 'notes/create', { i: root.token, text: 'ends', poll: { choices: ['a', 'b'], expiredAfter: 60_000 } });
    const job = async () => (await db.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM pgboss.job WHERE name = 'endedPollNotification' AND singleton_key = $1`, [createdNote.id])).rows;
    const notified = async () => Number((await db.query(
      `SELECT count(*) FROM notifications WHERE notifiee_id = $1 AND type = 'pollEnded' AND note_id = $2`, [root.id, createdNote.id])).rows[0].count);
    expect(await job()).toMatchObject([{ state: 'created' }]);

    // The poll ends now; this test holds its row, so the job's transaction waits for it, mid-run.
    await db.query(`UPDATE polls SET expires_at = now() - interval '1 second' WHERE note_id = $1`, [createdNote.id]);
    const locker = new pg.Client(withDatabase(connection, databaseName));
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM polls WHERE note_id = $1 FOR UPDATE', [createdNote.id]);
    await db.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'endedPollNotification' AND singleton_key = $1`, [createdNote.id]);
    await waitFor(async () => (await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE '%FROM polls%FOR UPDATE%'`, [databaseName])).rowCount, 30_000);
    expect(await job()).toMatchObject([{ state: 'active', retry_count: 0 }]);

    first.child.kill('SIGKILL');
    await exited(first.child);
    await locker.query('ROLLBACK');
    await locker.end();
    // The killed process's transaction never commits.
    expect(await notified()).toBe(0);
    expect(await job()).toMatchObject([{ state: 'active' }]);

    const second = await startMikan(env(await freePort()), children);
    // pg-boss notices the lapsed heartbeat in its own maintenance round, up to about a minute late,
    // then waits out the retry delay: measured 70 s from the kill to the retry on an idle machine.
    await waitFor(async () => (await job())[0]?.state === 'completed', 150_000);
    expect(await notified()).toBe(1);
    expect((await job())[0]!.retry_count).toBeGreaterThanOrEqual(1);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 240_000);
});
