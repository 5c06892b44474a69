import cluster, { type Worker } from 'node:cluster';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type pg from 'pg';
import type { Config } from './config.js';
import { connect, runMigrations, startPostgres } from './db/postgres.js';

/**
 * `MIKAN_WORKERS=N`: one primary process and N workers sharing the port (Node's `cluster`; the
 * primary hands each new connection to the next worker). Node runs JavaScript on one core; the
 * workers use the others. The primary starts the embedded PostgreSQL (when there is no
 * DATABASE_URL), migrates once, and tells the workers where the database is; it serves nothing
 * itself. Workers share streaming events, rate limits and caches through Redis (config requires
 * REDIS_URL), exactly as separate Mikan processes behind a load balancer do.
 */

/** How the primary hands its workers the database it opened (a pg connection config, JSON). */
export const WORKER_DATABASE_ENV = 'MIKAN_WORKER_DATABASE';
const WORKER_INDEX_ENV = 'MIKAN_WORKER_INDEX';

/** What a worker tells its primary. */
export type WorkerMessage = { type: 'listening' };

/** A worker that died is replaced after this long; more deaths than this within a minute stop Mikan. */
const RESTART_DELAY_MS = 1000;
const MAX_RESTARTS_PER_MINUTE = 5;
/** On shutdown, workers still running after this are killed. */
const STOP_TIMEOUT_MS = 30_000;

export interface WorkerSetup {
  index: number;
  database: { connection: pg.PoolConfig; embedded: boolean };
}

/** In a worker: which one it is and the database its primary opened. */
export function workerSetup(env: NodeJS.ProcessEnv = process.env): WorkerSetup {
  const database = JSON.parse(env[WORKER_DATABASE_ENV] ?? 'null') as WorkerSetup['database'] | null;
  if (!database?.connection) throw new Error(`${WORKER_DATABASE_ENV} is missing: workers are started by the primary`);
  return { index: Number(env[WORKER_INDEX_ENV]), database };
}

/** In a worker, once it listens: the primary counts workers ready before announcing the server. */
export function reportListening(): void {
  process.send?.({ type: 'listening' } satisfies WorkerMessage);
}

/** Runs the primary until a signal stops it (exit 0) or workers cannot be kept running (exit 1). */
export async function runPrimary(config: Config, log: Logger): Promise<void> {
  const began = performance.now();
  const server = await startPostgres({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (message) => log.warn({ source: 'postgres' }, message) });
  try {
    const pools = connect(server.connection, 1);
    try { await runMigrations(pools); } finally { await pools.end(); }
  } catch (error) {
    await server.stop();
    throw error;
  }

  const env = { [WORKER_DATABASE_ENV]: JSON.stringify({ connection: server.connection, embedded: server.embedded }) };
  const workers = new Map<Worker, number>();
  const restarts: number[] = [];
  let ready = 0;
  let started = false;
  let stopping = false;

  const fork = (index: number) => {
    const worker = cluster.fork({ ...env, [WORKER_INDEX_ENV]: String(index) });
    workers.set(worker, index);
    worker.on('message', (message: WorkerMessage) => {
      if (message?.type !== 'listening' || started) return;
      if (++ready === config.workers) {
        started = true;
        const database = server.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'external PostgreSQL (DATABASE_URL)';
        log.info(`Mikan listening on ${config.url} (port ${config.port}, ${config.workers} worker processes, ${database}); started in ${Math.round(performance.now() - began)} ms`);
      }
    });
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      if (!started) {
        log.error(`worker ${index} exited (${signal ?? code}) while starting; stopping`);
        void shutdown(1);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
        log.error(`workers died ${restarts.length} times in a minute; stopping`);
        void shutdown(1);
        return;
      }
      log.warn(`worker ${index} exited (${signal ?? code}); starting another`);
      setTimeout(() => { if (!stopping) fork(index); }, RESTART_DELAY_MS);
    });
  };

  const shutdown = async (exitCode: number) => {
    stopping = true;
    const running = [...workers.keys()];
    const exited = running.map((worker) => new Promise<void>((resolve) => {
      if (worker.isDead()) resolve(); else worker.once('exit', () => resolve());
    }));
    // Each worker finishes its in-flight requests and closes its streaming sockets (1001).
    for (const worker of running) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => { for (const worker of running) worker.process.kill('SIGKILL'); }, STOP_TIMEOUT_MS);
    await Promise.all(exited);
    clearTimeout(timer);
    try {
      await server.stop();
      if (exitCode === 0) log.info('stopped cleanly');
    } catch (error) {
      log.error({ err: error }, 'error while stopping PostgreSQL');
      exitCode = 1;
    }
    process.exit(exitCode);
  };

  const onSignal = (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting at once`);
      for (const worker of workers.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    log.info(`${signal} received: stopping ${workers.size} workers, then PostgreSQL`);
    void shutdown(0);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  for (let index = 1; index <= config.workers; index++) fork(index);
}
