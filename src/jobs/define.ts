import type { AppContext } from '../context.js';

/**
 * Mikan's background jobs, on pg-boss (docs/decisions.md, "Background jobs").
 *
 * The interface other modules build on:
 *
 *   // src/jobs/kinds/<kind>.ts — one file per kind, listed in src/jobs/registry.ts
 *   export const exportNotes = defineJob<{ userId: string }>('exportNotes', {
 *     queue: 'db', retryLimit: 3, retryDelaySeconds: 30, backoff: true,
 *   }, async (ctx, data, job) => { …; await job.progress(50, 'half way'); … });
 *
 *   // wherever the cause is written, in the same transaction:
 *   await ctx.db.transaction(async (tx) => {
 *     …insert the row…
 *     await enqueueJob(ctx, tx, exportNotes, { userId }, { startAfter, singletonKey });
 *   });
 *
 * A handler may run more than once for one job (a retry after an error, or after the process
 * running it was killed), so it must be idempotent: it claims its work in the database (a
 * conditional UPDATE, a unique row) and writes its effects in the same transaction. A handler that
 * throws is retried with its kind's delay (doubling with `backoff`) until `retryLimit`; then the job
 * stays `failed` — the dead-letter state — until an administrator retries or removes it.
 */

/** Misskey's queues: each job kind belongs to one, and the admin queue endpoints group by them. */
export const QUEUE_NAMES = [
  'system', 'endedPollNotification', 'postScheduledNote', 'deliver', 'inbox', 'db', 'relationship',
  'objectStorage', 'userWebhookDeliver', 'systemWebhookDeliver',
] as const;
export type QueueName = typeof QUEUE_NAMES[number];

export interface JobKindOptions {
  /** The Misskey queue the kind is shown under (admin/queue/*). */
  queue: QueueName;
  /** Retries after the first attempt before the job fails for good (dead letter). */
  retryLimit: number;
  /** Wait before a retry. */
  retryDelaySeconds: number;
  /** Double the wait with each retry (with jitter), up to `retryDelayMaxSeconds`. */
  backoff: boolean;
  retryDelayMaxSeconds?: number;
  /** Jobs of this kind one process runs at once; default MIKAN_JOB_CONCURRENCY. */
  concurrency?: number;
  /** A run longer than this fails (and is retried). Default 15 minutes. */
  timeoutSeconds?: number;
  /** Completed and failed jobs are kept this long for the admin pages, then deleted. Default 7 days. */
  keepSeconds?: number;
}

/** What a handler learns about the job it runs. */
export interface RunningJob {
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Reports progress (0–100) for `mikan jobs` and the admin pages; best effort. */
  progress(percent: number, message?: string): Promise<void>;
  /** Aborted when the process stops and the job's time is up: stop early, the job is run again later. */
  signal: AbortSignal;
}

export type JobHandler<T> = (ctx: AppContext, data: T, job: RunningJob) => Promise<void>;

export interface JobKind<T = unknown> {
  /** The kind's name, unique; also the pg-boss queue its jobs live in. */
  name: string;
  options: JobKindOptions;
  handler: JobHandler<T>;
}

const NAME = /^[A-Za-z][\w.-]*$/;

export function defineJob<T>(name: string, options: JobKindOptions, handler: JobHandler<T>): JobKind<T> {
  if (!NAME.test(name)) throw new Error(`job kind name "${name}" must be letters, digits, '_', '.' or '-'`);
  return { name, options, handler };
}
