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

export interface LoadUser { id: string; token: string }

/** What a write load was told succeeded (acknowledged with a 2xx) and how many calls failed. */
export interface LoadRecord {
  acknowledgedNotes: Set<string>;
  /** Notes whose deletion was sent (acknowledged or not: an unanswered one may have committed). */
  deletionsSent: Set<string>;
  /** The note each acknowledged reply, renote or quote hangs off (deleting that takes it too). */
  parentOf: Map<string, string>;
  requests: number;
  failures: number;
  /** Failures of calls sent after `recover()` (an error storm once the server is back is a defect). */
  failuresAfterRecovery: number;
  firstFailure: string | null;
  recover(): void;
  stop(): Promise<void>;
}

/**
 * Concurrent writers (one per user) mixing every write that moves a counter: notes, replies,
 * renotes and quotes (renoteCount counts renoting users), reactions and their removal, follows
 * and unfollows, note deletions. Runs until `stop()`; calls that fail are counted, not thrown,
 * so the load carries on through a fault.
 */
export function startWriteLoad(port: number, users: LoadUser[], seed = 18): LoadRecord {
  let state = seed;
  const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const record: LoadRecord = {
    acknowledgedNotes: new Set(), deletionsSent: new Set(), parentOf: new Map(), requests: 0, failures: 0, failuresAfterRecovery: 0, firstFailure: null,
    recover() { recovered = true; this.failuresAfterRecovery = 0; this.firstFailure = null; },
    stop: async () => { running = false; await Promise.all(writers); },
  };
  let running = true;
  let recovered = false;
  const liveNotes: string[] = [];
  const call = async (endpoint: string, body: Record<string, unknown>) => {
    record.requests++;
    // Counted against recovery only when sent after it: one sent while the server was down may end later.
    const sentAfterRecovery = recovered;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/${endpoint}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      // 4xx from the race of two writers (already reacted, already deleted, already following) is the load's own doing.
      if (response.status >= 500) throw new Error(`${endpoint}: ${response.status} ${text.slice(0, 200)}`);
      return response.ok ? (text ? JSON.parse(text) : null) : undefined;
    } catch (error) {
      record.failures++;
      if (sentAfterRecovery) record.failuresAfterRecovery++;
      record.firstFailure ??= String(error);
      return undefined;
    }
  };
  const acknowledge = (id: string, parent: string | undefined) => {
    record.acknowledgedNotes.add(id);
    if (parent) record.parentOf.set(id, parent);
    liveNotes.push(id);
  };
  const writer = async (me: LoadUser) => {
    while (running) {
      const roll = random();
      const target = liveNotes.length > 0 ? pick(liveNotes) : null;
      if (roll < 0.35 || !target) {
        const body: Record<string, unknown> = { i: me.token, text: `load ${record.requests}` };
        if (target && roll < 0.15) body.replyId = target;
        const created = await call('notes/create', body);
        if (created?.createdNote) acknowledge(created.createdNote.id, body.replyId as string | undefined);
      } else if (roll < 0.45) {
        const created = await call('notes/create', roll < 0.42 ? { i: me.token, renoteId: target } : { i: me.token, renoteId: target, text: 'quote' });
        if (created?.createdNote) acknowledge(created.createdNote.id, target);
      } else if (roll < 0.65) {
        await call('notes/reactions/create', { i: me.token, noteId: target, reaction: pick(['👍', '❤', '🎉']) });
      } else if (roll < 0.72) {
        await call('notes/reactions/delete', { i: me.token, noteId: target });
      } else if (roll < 0.82) {
        await call('following/create', { i: me.token, userId: pick(users.filter((u) => u !== me)).id });
      } else if (roll < 0.9) {
        await call('following/delete', { i: me.token, userId: pick(users.filter((u) => u !== me)).id });
      } else {
        // Deletes take replies, renotes and quotes with them (counts adjusted in the same transaction).
        record.deletionsSent.add(target);
        await call('notes/delete', { i: me.token, noteId: target });
      }
    }
  };
  const writers = users.map(writer);
  return record;
}

/** Acknowledged notes that are gone although neither they nor a note they hang off was being deleted. */
export async function lostNotes(client: pg.Client, record: LoadRecord): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM notes WHERE id = ANY($1)', [[...record.acknowledgedNotes]]);
  const present = new Set(rows.map((row) => row.id));
  const mayBeGone = (id: string): boolean => {
    for (let at: string | undefined = id; at; at = record.parentOf.get(at)) if (record.deletionsSent.has(at)) return true;
    return false;
  };
  return [...record.acknowledgedNotes].filter((id) => !present.has(id) && !mayBeGone(id));
}

/**
 * Every stored counter compared with a COUNT(*) of the rows it counts; the rows where they differ
 * (empty when all are exact).
 */
export async function counterDrift(client: pg.Client): Promise<string[]> {
  const queries = {
    notesCount: `SELECT u.id, u.notes_count AS stored, (SELECT count(*) FROM notes n WHERE n.user_id = u.id)::int AS counted FROM users u`,
    followersCount: `SELECT u.id, u.followers_count AS stored, (SELECT count(*) FROM followings f WHERE f.followee_id = u.id)::int AS counted FROM users u`,
    followingCount: `SELECT u.id, u.following_count AS stored, (SELECT count(*) FROM followings f WHERE f.follower_id = u.id)::int AS counted FROM users u`,
    repliesCount: `SELECT n.id, n.replies_count AS stored, (SELECT count(*) FROM notes r WHERE r.reply_id = n.id)::int AS counted FROM notes n`,
    // A renote counts once per renoting user (src/core/notes/create.ts).
    renoteCount: `SELECT n.id, n.renote_count AS stored, (SELECT count(DISTINCT r.user_id) FROM notes r WHERE r.renote_id = n.id)::int AS counted FROM notes n`,
    reactions: `SELECT n.id, n.reactions::text AS stored, coalesce((SELECT jsonb_object_agg(reaction, c) FROM (SELECT reaction, count(*)::int AS c FROM note_reactions r WHERE r.note_id = n.id GROUP BY reaction) g), '{}'::jsonb)::text AS counted FROM notes n`,
  };
  const drift: string[] = [];
  for (const [counter, query] of Object.entries(queries)) {
    const { rows } = await client.query<{ id: string; stored: unknown; counted: unknown }>(query);
    for (const row of rows) {
      // Reactions: jsonb text compares equal when the same keys hold the same counts (zero counts are removed).
      const stored = counter === 'reactions' ? JSON.stringify(sortKeys(JSON.parse(String(row.stored)))) : row.stored;
      const counted = counter === 'reactions' ? JSON.stringify(sortKeys(JSON.parse(String(row.counted)))) : row.counted;
      if (stored !== counted) drift.push(`${counter} of ${row.id}: stored ${stored}, rows ${counted}`);
    }
  }
  return drift;
}

function sortKeys(value: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(value).filter(([, count]) => count !== 0).sort(([a], [b]) => a.localeCompare(b)));
}
