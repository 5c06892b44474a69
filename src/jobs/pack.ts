import { Type, type Static } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { QUEUE_NAMES, type QueueName } from './define.js';
import { queueCounts, type JobView, type QueueCounts } from './admin.js';
import { JOB_SCHEMA } from './queue.js';

/** The admin queue endpoints' entities, shaped as misskey-js's (`QueueJob`, `QueueCount`, `QueueMetrics`). */

export const QueueNameSchema = Type.Union(QUEUE_NAMES.map((name) => Type.Literal(name)));

export const QueueCountSchema = Type.Object({
  waiting: Type.Integer(), active: Type.Integer(), completed: Type.Integer(), failed: Type.Integer(), delayed: Type.Integer(),
});

export const QueueMetricsSchema = Type.Object({
  meta: Type.Object({ count: Type.Integer(), prevTS: Type.Number(), prevCount: Type.Integer() }),
  /** Jobs per minute over the last hour, newest minute first (BullMQ's metrics). */
  data: Type.Array(Type.Integer()),
  count: Type.Integer(),
});

export const QueueJobSchema = Type.Object({
  id: Type.String(),
  /** The job kind (BullMQ's job name). */
  name: Type.String(),
  data: Type.Any(),
  // misskey-js types it as an empty record; BullMQ's options object in fact.
  opts: Type.Unsafe<Record<string, never>>(Type.Object({ attempts: Type.Integer(), delay: Type.Optional(Type.Integer()) }, { additionalProperties: true })),
  timestamp: Type.Number(),
  processedOn: Type.Optional(Type.Number()),
  processedBy: Type.Optional(Type.String()),
  finishedOn: Type.Optional(Type.Number()),
  progress: Type.Any(),
  attempts: Type.Integer(),
  delay: Type.Number(),
  failedReason: Type.String(),
  stacktrace: Type.Array(Type.String()),
  returnValue: Type.Any(),
  isFailed: Type.Boolean(),
});
export type PackedQueueJob = Static<typeof QueueJobSchema>;

export function packQueueJob(job: JobView): PackedQueueJob {
  const delay = Math.max(0, job.startAfter.getTime() - job.createdAt.getTime());
  return {
    id: job.id,
    name: job.kind,
    data: job.data ?? {},
    opts: { attempts: job.maxAttempts, ...(delay > 0 ? { delay } : {}) } as unknown as Record<string, never>,
    timestamp: job.createdAt.getTime(),
    ...(job.startedAt ? { processedOn: job.startedAt.getTime() } : {}),
    ...(job.finishedAt ? { finishedOn: job.finishedAt.getTime() } : {}),
    // BullMQ's progress is a number or an object; a job that reported a message gives both.
    progress: job.progress ? (job.progress.message ? { percent: job.progress.percent, message: job.progress.message } : job.progress.percent) : (job.state === 'completed' ? 100 : 0),
    attempts: job.attempts,
    delay,
    failedReason: job.error?.message ?? '',
    stacktrace: job.error?.stack ? [job.error.stack] : [],
    returnValue: job.output ?? null,
    isFailed: job.state === 'failed',
  };
}

export const QueueCountsSchema = Type.Record(Type.String(), Type.Integer());

/** Completed and failed jobs per minute over the last hour, from the jobs pg-boss keeps. */
async function queueMetrics(ctx: AppContext, queue: QueueName): Promise<{ completed: Static<typeof QueueMetricsSchema>; failed: Static<typeof QueueMetricsSchema> }> {
  const kinds = [...ctx.jobs.kinds.values()].filter((kind) => kind.options.queue === queue).map((kind) => kind.name);
  const empty = () => Array.from({ length: 60 }, () => 0);
  const series = { completed: empty(), failed: empty() };
  if (kinds.length > 0) {
    const { rows } = await ctx.db.execute<{ state: 'completed' | 'failed'; minute: number; count: string }>(sql`
      SELECT state, floor(extract(epoch FROM now() - completed_on) / 60)::int AS minute, count(*) AS count
      FROM ${sql.raw(`${JOB_SCHEMA}.job`)}
      WHERE name IN (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})
        AND state IN ('completed', 'failed') AND completed_on > now() - interval '60 minutes'
      GROUP BY 1, 2`);
    for (const row of rows) if (row.minute >= 0 && row.minute < 60) series[row.state][row.minute] += Number(row.count);
  }
  const metrics = (data: number[]) => {
    const count = data.reduce((sum, n) => sum + n, 0);
    return { meta: { count, prevTS: Date.now(), prevCount: 0 }, data, count };
  };
  return { completed: metrics(series.completed), failed: metrics(series.failed) };
}

export const QueueSummarySchema = Type.Object({
  name: QueueNameSchema,
  counts: QueueCountsSchema,
  isPaused: Type.Boolean(),
  metrics: Type.Object({ completed: QueueMetricsSchema, failed: QueueMetricsSchema }),
});

/** BullMQ's count names, as Misskey's queue pages read them. */
function bullCounts(counts: QueueCounts): Record<string, number> {
  return { ...counts, prioritized: 0, 'waiting-children': 0 };
}

export async function packQueueSummary(ctx: AppContext, queue: QueueName): Promise<Static<typeof QueueSummarySchema>> {
  const [counts, metrics] = await Promise.all([queueCounts(ctx, queue), queueMetrics(ctx, queue)]);
  return { name: queue, counts: bullCounts(counts), isPaused: false, metrics };
}

export const QueueStatsSchema = Type.Composite([QueueSummarySchema, Type.Object({
  qualifiedName: Type.String(),
  /** The store behind the queue: Misskey reports Redis; Mikan's queue lives in PostgreSQL. */
  db: Type.Object({
    version: Type.String(),
    mode: Type.Union([Type.Literal('cluster'), Type.Literal('standalone'), Type.Literal('sentinel')]),
    runId: Type.String(),
    processId: Type.String(),
    port: Type.Number(),
    os: Type.String(),
    uptime: Type.Number(),
    memory: Type.Object({ total: Type.Number(), used: Type.Number(), fragmentationRatio: Type.Number(), peak: Type.Number() }),
    clients: Type.Object({ blocked: Type.Number(), connected: Type.Number() }),
  }),
})]);

export async function packQueueStats(ctx: AppContext, queue: QueueName): Promise<Static<typeof QueueStatsSchema>> {
  const summary = await packQueueSummary(ctx, queue);
  const { rows: [server] } = await ctx.db.execute<{ version: string; pid: number; port: number; uptime: number; system_id: string; connected: string; blocked: string; size: string }>(sql`
    SELECT current_setting('server_version') AS version, pg_backend_pid() AS pid,
      current_setting('port')::int AS port,
      extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS uptime,
      extract(epoch FROM pg_postmaster_start_time())::text AS system_id,
      (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) AS connected,
      (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock') AS blocked,
      pg_database_size(current_database()) AS size`);
  return {
    ...summary,
    qualifiedName: `${JOB_SCHEMA}:${queue}`,
    db: {
      version: `PostgreSQL ${server!.version}`,
      mode: 'standalone',
      runId: server!.system_id,
      processId: String(server!.pid),
      port: server!.port,
      os: process.platform,
      uptime: Math.round(server!.uptime),
      memory: { total: Number(server!.size), used: Number(server!.size), fragmentationRatio: 1, peak: Number(server!.size) },
      clients: { blocked: Number(server!.blocked), connected: Number(server!.connected) },
    },
  };
}

/** Misskey declares no error for a job id it does not know (it answers 500); Mikan's own. */
export const NO_SUCH_JOB = { message: 'No such job.', code: 'NO_SUCH_JOB', id: '8c8d8a5e-2f6b-4b53-9f0e-5b7c1b6f4a2d', httpStatusCode: 400 };
