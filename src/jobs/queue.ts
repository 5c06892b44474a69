import { clockOffset } from '../clock.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import { PgBoss, fromDrizzle, type Queue } from 'pg-boss';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/tx.js';
import type { JobKind } from './define.js';
import { clearJobProgress, reportJobProgress } from './progress.js';

/** pg-boss keeps its tables in this schema of Mikan's database (created by `runMigrations`). */
export const JOB_SCHEMA = 'pgboss';

export interface JobQueueSettings {
  /** Jobs of one kind a process runs at once, unless the kind says otherwise (MIKAN_JOB_CONCURRENCY). */
  concurrency: number;
  /** How often an idle worker looks for due jobs; new jobs wake it at once (LISTEN/NOTIFY). */
  pollingSeconds: number;
  /** A running job's process proves it is alive this often ×½; a job silent for this long is run again. */
  heartbeatSeconds: number;
  /** How often a process looks for jobs whose process died (and does pg-boss's upkeep). */
  superviseSeconds: number;
  /** At shutdown, running jobs get this long to finish; then they are handed back to the queue. */
  shutdownTimeoutMs: number;
}

export interface EnqueueOptions {
  /** Run no earlier than this (a poll's end, a scheduled note). */
  startAfter?: Date;
  /**
   * At most one job of this kind with this key waits or runs at a time: enqueuing another while one
   * does is a no-op (answers null). A job that completed or failed for good no longer holds its key.
   */
  singletonKey?: string;
}

/** The one queue of a process: enqueues from any module, and runs jobs once `work` is called. */
export class JobQueue {
  readonly boss: PgBoss;
  readonly kinds: ReadonlyMap<string, JobKind<any>>;
  private working = false;
  private stopping: Promise<void> | null = null;

  constructor(connection: pg.PoolConfig, kinds: readonly JobKind<any>[], readonly settings: JobQueueSettings, private readonly log: Logger) {
    this.kinds = new Map(kinds.map((kind) => [kind.name, kind]));
    if (this.kinds.size !== kinds.length) throw new Error('two job kinds share a name');
    const { connectionString, host, port, user, password, database, ssl, options } = connection;
    this.boss = new PgBoss({
      connectionString, host, port, user, database, ssl, options,
      password: typeof password === 'string' ? password : undefined,
      schema: JOB_SCHEMA,
      application_name: 'mikan-jobs',
      max: 4,
      // `runMigrations` installs and upgrades the schema; a process only checks it.
      migrate: false,
      useListenNotify: true,
      superviseIntervalSeconds: settings.superviseSeconds,
      // Mikan has no cron-scheduled jobs (yet): no timekeeper.
      schedule: false,
    });
    this.boss.on('error', (error) => log.warn({ err: error, source: 'jobs' }, 'job queue error'));
  }

  /** Connects and makes sure every kind has its queue with its current retry settings. */
  async start(): Promise<void> {
    await this.boss.start();
    for (const kind of this.kinds.values()) {
      const options = queueOptions(kind, this.settings);
      if (await this.boss.getQueue(kind.name)) await this.boss.updateQueue(kind.name, options);
      else await this.boss.createQueue(kind.name, { ...options, policy: 'exclusive' });
    }
  }

  /**
   * Adds a job in `executor`'s transaction (or alone, on the pool): it exists exactly when the write
   * that caused it commits. Answers the job's id, or null when `singletonKey` found one already.
   */
  async enqueue<T>(executor: Executor, kind: JobKind<T>, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.kinds.has(kind.name)) throw new Error(`job kind "${kind.name}" is not in src/jobs/registry.ts`);
    const id = randomUUID();
    return this.boss.send(kind.name, data as object, {
      id,
      // The `exclusive` policy allows one waiting-or-running job per key; a job without a key of
      // its own is keyed by its id, so it never collides.
      singletonKey: options.singletonKey ?? id,
      // pg-boss compares with the database's real time; the server's clock may be ahead (test mode).
      ...(options.startAfter ? { startAfter: new Date(options.startAfter.getTime() - clockOffset()) } : {}),
      db: fromDrizzle(executor, sql),
    });
  }

  /** Starts running jobs of every kind in this process. */
  async work(ctx: AppContext): Promise<void> {
    if (this.working) return;
    this.working = true;
    for (const kind of this.kinds.values()) {
      await this.boss.work<unknown>(kind.name, {
        localConcurrency: kind.options.concurrency ?? this.settings.concurrency,
        pollingIntervalSeconds: this.settings.pollingSeconds,
        notifyPollingIntervalSeconds: this.settings.pollingSeconds,
      }, async ([job]) => {
        const attempt = job!.retryCount + 1;
        await kind.handler(ctx, job!.data, {
          id: job!.id,
          attempt,
          signal: job!.signal,
          progress: (percent, message) => reportJobProgress(ctx, job!.id, percent, message).catch((error: unknown) => {
            this.log.debug({ err: error, job: job!.id }, 'job progress not recorded');
          }),
        });
        await clearJobProgress(ctx, job!.id).catch(() => {});
      });
    }
  }

  /**
   * Stops taking jobs; running ones get `shutdownTimeoutMs` to finish, then are failed back to the
   * queue (they count an attempt and run again, here after a restart or in another process).
   */
  stop(): Promise<void> {
    this.stopping ??= this.boss.stop({ graceful: true, timeout: this.settings.shutdownTimeoutMs });
    return this.stopping;
  }
}

function queueOptions(kind: JobKind<any>, settings: JobQueueSettings): Omit<Queue, 'name' | 'policy'> {
  const { retryLimit, retryDelaySeconds, backoff, retryDelayMaxSeconds, timeoutSeconds, keepSeconds } = kind.options;
  return {
    retryLimit,
    retryDelay: retryDelaySeconds,
    retryBackoff: backoff,
    ...(retryDelayMaxSeconds !== undefined ? { retryDelayMax: retryDelayMaxSeconds } : {}),
    expireInSeconds: timeoutSeconds ?? 15 * 60,
    deleteAfterSeconds: keepSeconds ?? 7 * 24 * 60 * 60,
    heartbeatSeconds: settings.heartbeatSeconds,
  };
}

/**
 * Installs pg-boss's schema, or upgrades it to this pg-boss's version, on `pool`. Part of Mikan's
 * migrations, so one process migrates (the primary, `mikan migrate`, the test template) and the
 * others find it ready.
 */
export async function migrateJobSchema(pool: pg.Pool): Promise<void> {
  const installer = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  await installer.start();
  await installer.stop({ graceful: false, close: false });
}
