import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/postgres.js';
import type { JobKind, QueueName } from './define.js';
import { readJobProgress, type JobProgress } from './progress.js';
import { JOB_SCHEMA } from './queue.js';

/**
 * What operators see of the queues (admin/queue/* and `mikan jobs`), in Misskey's (BullMQ's) terms:
 * a Misskey queue gathers the job kinds that name it; pg-boss's states map to BullMQ's —
 * created/retry before their time: `delayed`, after it: `waiting`; active: `active`; completed:
 * `completed`; failed (retries used up: the dead-letter state): `failed`.
 */

export const JOB_STATES = ['active', 'waiting', 'delayed', 'completed', 'failed', 'paused'] as const;
export type JobState = typeof JOB_STATES[number];

export interface QueueCounts { waiting: number; active: number; completed: number; failed: number; delayed: number; paused: number }

export interface JobView {
  id: string;
  queue: QueueName;
  kind: string;
  state: JobState;
  data: unknown;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Runs so far (the current one included). */
  attempts: number;
  maxAttempts: number;
  /** The last error, for a job that failed or waits for a retry. */
  error: { message: string; stack: string | null } | null;
  output: unknown;
  progress: JobProgress | null;
}

/** What reading and managing the queues needs: a server's `ctx`, or `mikan jobs`'s connection. */
export interface JobsReader { db: Db; jobs: { kinds: ReadonlyMap<string, JobKind<any>>; boss?: { retry(name: string, id: string): Promise<unknown>; deleteJob(name: string, id: string): Promise<unknown> } } }

const table = sql.raw(`${JOB_SCHEMA}.job`);

function kindsOf(ctx: JobsReader, queue: QueueName): string[] {
  return [...ctx.jobs.kinds.values()].filter((kind) => kind.options.queue === queue).map((kind) => kind.name);
}

const inKinds = (kinds: string[]) => sql`name IN (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})`;

function stateCondition(state: JobState): SQL {
  switch (state) {
    case 'waiting': return sql`state IN ('created', 'retry') AND start_after <= now()`;
    case 'delayed': return sql`state IN ('created', 'retry') AND start_after > now()`;
    case 'active': return sql`state = 'active'`;
    case 'completed': return sql`state = 'completed'`;
    case 'failed': return sql`state = 'failed'`;
    case 'paused': return sql`false`;
  }
}

export async function queueCounts(ctx: JobsReader, queue: QueueName): Promise<QueueCounts> {
  const counts: QueueCounts = { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, paused: 0 };
  const kinds = kindsOf(ctx, queue);
  if (kinds.length === 0) return counts;
  const { rows } = await ctx.db.execute<{ state: string; due: boolean; count: string }>(sql`
    SELECT state, start_after <= now() AS due, count(*) AS count FROM ${table}
    WHERE ${inKinds(kinds)} GROUP BY 1, 2`);
  for (const row of rows) {
    const n = Number(row.count);
    if (row.state === 'created' || row.state === 'retry') counts[row.due ? 'waiting' : 'delayed'] += n;
    else if (row.state === 'active' || row.state === 'completed' || row.state === 'failed') counts[row.state] += n;
  }
  return counts;
}

type JobRow = {
  id: string; name: string; state: string; due: boolean; data: unknown; output: unknown;
  retry_count: number; retry_limit: number;
  created_on: Date | string; start_after: Date | string; started_on: Date | string | null; completed_on: Date | string | null;
};

const columns = sql`id, name, state, start_after <= now() AS due, data, output, retry_count, retry_limit, created_on, start_after, started_on, completed_on`;
const date = (value: Date | string | null) => value === null ? null : new Date(value);

function viewOf(row: JobRow, queue: QueueName, progress: JobProgress | null): JobView {
  const state: JobState = row.state === 'created' || row.state === 'retry' ? (row.due ? 'waiting' : 'delayed')
    : row.state === 'active' || row.state === 'completed' ? row.state : 'failed';
  const failedOutput = (row.state === 'failed' || row.state === 'retry') && row.output && typeof row.output === 'object' ? row.output as { message?: unknown; stack?: unknown } : null;
  return {
    id: row.id,
    queue,
    kind: row.name,
    state,
    data: row.data,
    createdAt: new Date(row.created_on),
    startAfter: new Date(row.start_after),
    startedAt: date(row.started_on),
    finishedAt: row.state === 'completed' || row.state === 'failed' ? date(row.completed_on) : null,
    attempts: row.retry_count + (row.state === 'active' || row.state === 'completed' || row.state === 'failed' ? 1 : 0),
    maxAttempts: row.retry_limit + 1,
    error: failedOutput ? { message: String(failedOutput.message ?? ''), stack: typeof failedOutput.stack === 'string' ? failedOutput.stack : null } : null,
    output: row.state === 'completed' ? row.output ?? null : null,
    progress,
  };
}

async function withProgress(ctx: JobsReader, rows: JobRow[], queue: QueueName): Promise<JobView[]> {
  const progress = await readJobProgress(ctx, rows.filter((row) => row.state === 'active').map((row) => row.id));
  return rows.map((row) => viewOf(row, queue, progress.get(row.id) ?? null));
}

/** Jobs of `queue` in any of `states`, newest first; `search` matches the kind, the id or the data's text. */
export async function listJobs(ctx: JobsReader, queue: QueueName, states: readonly JobState[], options: { search?: string; limit?: number } = {}): Promise<JobView[]> {
  const kinds = kindsOf(ctx, queue);
  if (kinds.length === 0 || states.length === 0) return [];
  const search = options.search ? `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await ctx.db.execute<JobRow>(sql`
    SELECT ${columns} FROM ${table}
    WHERE ${inKinds(kinds)} AND (${sql.join(states.map(stateCondition), sql` OR `)})
      ${search ? sql`AND (name ILIKE ${search} OR id::text ILIKE ${search} OR data::text ILIKE ${search})` : sql``}
    ORDER BY created_on DESC LIMIT ${options.limit ?? 50}`);
  return withProgress(ctx, rows, queue);
}

/** Active jobs of every queue (for `mikan jobs`). */
export async function activeJobs(ctx: JobsReader, limit = 20): Promise<JobView[]> {
  const queueOf = new Map([...ctx.jobs.kinds.values()].map((kind) => [kind.name, kind.options.queue]));
  if (queueOf.size === 0) return [];
  const { rows } = await ctx.db.execute<JobRow>(sql`
    SELECT ${columns} FROM ${table} WHERE ${inKinds([...queueOf.keys()])} AND state = 'active'
    ORDER BY started_on LIMIT ${limit}`);
  const progress = await readJobProgress(ctx, rows.map((row) => row.id));
  return rows.map((row) => viewOf(row, queueOf.get(row.name)!, progress.get(row.id) ?? null));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findJobRow(ctx: JobsReader, queue: QueueName, jobId: string): Promise<JobRow | null> {
  const kinds = kindsOf(ctx, queue);
  if (kinds.length === 0 || !UUID.test(jobId)) return null;
  const { rows: [row] } = await ctx.db.execute<JobRow>(sql`SELECT ${columns} FROM ${table} WHERE ${inKinds(kinds)} AND id = ${jobId}`);
  return row ?? null;
}

export async function showJob(ctx: JobsReader, queue: QueueName, jobId: string): Promise<JobView | null> {
  const row = await findJobRow(ctx, queue, jobId);
  return row ? (await withProgress(ctx, [row], queue))[0]! : null;
}

/** Runs a failed job again (its attempts start over); answers false when there is no such job. */
export async function retryJob(ctx: JobsReader, queue: QueueName, jobId: string): Promise<boolean> {
  const row = await findJobRow(ctx, queue, jobId);
  if (!row) return false;
  await ctx.jobs.boss!.retry(row.name, row.id);
  return true;
}

/** Deletes a job whatever its state (a running one is dropped from the queue; its handler finishes). */
export async function removeJob(ctx: JobsReader, queue: QueueName, jobId: string): Promise<boolean> {
  const row = await findJobRow(ctx, queue, jobId);
  if (!row) return false;
  await ctx.jobs.boss!.deleteJob(row.name, row.id);
  return true;
}

/** Makes every delayed job of `queue` due now. Answers how many. */
export async function promoteJobs(ctx: JobsReader, queue: QueueName): Promise<number> {
  const kinds = kindsOf(ctx, queue);
  if (kinds.length === 0) return 0;
  const { rowCount } = await ctx.db.execute(sql`
    UPDATE ${table} SET start_after = now() WHERE ${inKinds(kinds)} AND ${stateCondition('delayed')}`);
  return rowCount ?? 0;
}

/** Deletes the jobs of `queue` in `state` (`*`: every state but active). Answers how many. */
export async function clearJobs(ctx: JobsReader, queue: QueueName, state: JobState | '*'): Promise<number> {
  const kinds = kindsOf(ctx, queue);
  if (kinds.length === 0 || state === 'active' || state === 'paused') return 0;
  const condition = state === '*' ? sql`state <> 'active'` : stateCondition(state);
  const { rowCount } = await ctx.db.execute(sql`DELETE FROM ${table} WHERE ${inKinds(kinds)} AND ${condition}`);
  return rowCount ?? 0;
}

/**
 * Delayed jobs of a federation queue counted by remote host, most first (Misskey's
 * `admin/queue/deliver-delayed` and `inbox-delayed`). `hostField` is the JSON path of a URL in the
 * job's data whose host counts: `to` for deliveries, `signature.keyId` for inbox jobs.
 */
export async function delayedJobsByHost(ctx: JobsReader, queue: QueueName, hostField: readonly string[]): Promise<[string, number][]> {
  const kinds = kindsOf(ctx, queue);
  if (kinds.length === 0) return [];
  const url = sql`data #>> ${`{${hostField.join(',')}}`}`;
  const { rows } = await ctx.db.execute<{ host: string; count: string }>(sql`
    SELECT host, count(*) AS count FROM (
      SELECT lower(substring(${url} from '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^/?#]+)')) AS host
      FROM ${table} WHERE ${inKinds(kinds)} AND ${stateCondition('delayed')}
    ) delayed WHERE host IS NOT NULL GROUP BY host ORDER BY 2 DESC, 1`);
  return rows.map((row) => [row.host, Number(row.count)]);
}

/**
 * A job's log lines (Misskey's `admin/queue/show-job-logs`, BullMQ's `job.log`). Mikan's handlers
 * keep no free-form log: the lines are the job's history as the queue recorded it — created, due,
 * attempts, its progress message, its error or its result — oldest first. Null: no such job.
 */
export async function jobLog(ctx: JobsReader, queue: QueueName, jobId: string): Promise<string[] | null> {
  const job = await showJob(ctx, queue, jobId);
  if (!job) return null;
  const at = (date: Date) => date.toISOString();
  const lines = [`${at(job.createdAt)} created (${job.kind})`];
  if (job.startAfter.getTime() > job.createdAt.getTime() + 1000) lines.push(`${at(job.startAfter)} due`);
  if (job.startedAt) lines.push(`${at(job.startedAt)} attempt ${Math.max(1, job.attempts)} of ${job.maxAttempts} started`);
  if (job.progress) lines.push(`${at(job.progress.updatedAt)} progress ${Math.round(job.progress.percent)}%${job.progress.message ? `: ${job.progress.message}` : ''}`);
  if (job.error) {
    lines.push(job.state === 'failed' && job.finishedAt
      ? `${at(job.finishedAt)} failed for good: ${job.error.message}`
      : `${at(job.startAfter)} retry due (the last attempt failed: ${job.error.message})`);
  }
  if (job.state === 'completed' && job.finishedAt) lines.push(`${at(job.finishedAt)} completed${job.output != null ? `: ${JSON.stringify(job.output)}` : ''}`);
  return lines;
}
