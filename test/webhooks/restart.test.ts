import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { exited, freePort, QUICK_JOB_RECOVERY, startMikan } from '../mikan-process.js';
import { databaseUrlOf, withDatabase } from '../database.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers.js';

/**
 * Webhook deliveries and scheduled notes survive `kill -9` of a real Mikan process
 * (`dist/main.js start`) on a database of their own: after a restart the webhook is called again
 * with the same eventId (a receiver can drop the repeat) and the scheduled note is posted once.
 */
const children: ChildProcess[] = [];
const { connection, template } = inject('postgres');
const databaseName = `${template}_restart_${randomBytes(4).toString('hex')}`;
let databaseUrl: string;
let admin: pg.Client;
let db: pg.Client;
let receiver: WebhookReceiver;

beforeAll(async () => {
  admin = new pg.Client(connection);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}" TEMPLATE "${template}"`);
  const own = withDatabase(connection, databaseName);
  databaseUrl = databaseUrlOf(own);
  db = new pg.Client(own);
  await db.connect();
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await receiver?.close();
  await db?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin?.end();
});

const env = (port: number) => ({
  PORT: String(port), DATABASE_URL: databaseUrl, MIKAN_RATE_LIMIT: 'off', MIKAN_ALLOW_PRIVATE_NETWORK: 'on',
  ...QUICK_JOB_RECOVERY,
});

async function api<T>(port: number, endpoint: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

describe('after kill -9 and a restart', () => {
  it('a webhook caught mid-delivery is delivered again with the same eventId, and a scheduled note is posted once', async () => {
    const port = await freePort();
    const first = await startMikan(env(port), children);
    const root = await api<{ id: string; token: string }>(port, 'admin/accounts/create', { username: 'root', password: 'root-password-1' });
    const hook = await api<{ id: string }>(port, 'i/webhooks/create', { i: root.token, name: 'slow', url: `${receiver.url}/slow`, on: ['note'] });
    // A scheduled note due while no process runs.
    const { createdDraft } = await api<{ createdDraft: { id: string } }>(port, 'notes/drafts/create', {
      i: root.token, text: 'scheduled across a restart', scheduledAt: Date.now() + 3000, isActuallyScheduled: true,
    });

    // The receiver never answers the first call: the delivery is in flight when the process dies.
    receiver.hold = (h) => h.path === '/slow' && receiver.received.filter((r) => r.path === '/slow').length === 1;
    await api(port, 'notes/create', { i: root.token, text: 'webhook in flight' });
    const firstCall = await receiver.next((h) => h.path === '/slow');
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(firstCall.body).toMatchObject({ hookId: hook.id, type: 'note', body: { note: { text: 'webhook in flight' } } });

    const second = await startMikan(env(await freePort()), children);
    const notes = async () => (await db.query<{ id: string; text: string }>(`SELECT id, text FROM notes WHERE user_id = $1 AND text = 'scheduled across a restart'`, [root.id])).rows;
    // Posted, then the draft removed (the run's last step).
    await waitFor(async () => (await db.query(`SELECT 1 FROM note_drafts WHERE id = $1`, [createdDraft.id])).rowCount === 0, 60_000);
    expect(await notes()).toHaveLength(1);
    // The same event again (the new process has another port, so `server` differs).
    const again = await receiver.next((h) => h.path === '/slow' && h !== firstCall && h.body.eventId === firstCall.body.eventId);
    expect({ ...again.body, server: null }).toEqual({ ...firstCall.body, server: null });
    // The scheduled note, posted by the new process, is an event of its own.
    await receiver.next((h) => h.path === '/slow' && h.body.body.note.text === 'scheduled across a restart');
    await waitFor(async () => (await db.query(`SELECT latest_status FROM user_webhooks WHERE id = $1`, [hook.id])).rows[0]?.latest_status === 204, 30_000);
    const posted = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE notifiee_id = $1 AND type = 'scheduledNotePosted'`, [root.id]);
    expect(posted.rows[0].n).toBe(1);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 150_000);
});
