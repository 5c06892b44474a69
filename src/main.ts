#!/usr/bin/env node
import cluster from 'node:cluster';
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { attachDatabase, openDatabase } from './db/postgres.js';
import { reportListening, runPrimary, STOP_GRACE_MS, workerSetup } from './cluster.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { PostgresVersionMismatchError } from './db/embedded.js';

// The application (context, server, endpoints) and the commands are imported when used: a
// cluster's primary, which only runs PostgreSQL and supervises, never loads them, and in the
// compiled bundle they are chunks of their own (scripts/build-server.mjs).

const USAGE = `Usage: mikan [command]

Commands:
  start      start the server (default)
  migrate    apply database migrations and exit
  create-admin --username NAME --password PASSWORD
             create an administrator (the first account becomes the root admin)
  backup DIRECTORY
             write the database and the drive's files into a new directory
  restore DIRECTORY [--force]
             load a backup into an empty MIKAN_DATA_DIR (embedded PostgreSQL)
  jobs [--watch]
             background job queues of a running Mikan: counts, and progress bars of running jobs
  test-server [--port N] [--fixtures FILE] [-- COMMAND...]
             a throwaway Mikan for an app's or SDK's tests (docs/test-server.md)
  help       show this text

Configuration is read from environment variables; see README.md.`;

async function start(config: Config): Promise<void> {
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config, createLogger(config));
  const began = performance.now();
  const [{ closeContext, createContext }, { buildServer }] = await Promise.all([import('./context.js'), import('./server.js')]);
  const worker = cluster.isWorker ? workerSetup() : null;
  const log = worker ? createLogger(config).child({ worker: worker.index }) : createLogger(config);
  const database = worker ? attachDatabase(worker.database.connection, worker.database.embedded) : undefined;
  const ctx = await createContext(config, { log, database });
  const app = await buildServer(ctx);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal} received: finishing in-flight requests, then stopping`);
    // Requests that are not done by the deadline (a client trickling its body, a stuck handler)
    // lose their connection. Stopping the database after that has its own bound; if anything
    // still hangs STOP_GRACE_MS later, the process exits anyway.
    const { shutdownTimeoutMs } = config.limits;
    setTimeout(() => {
      log.warn(`shutdown deadline (${shutdownTimeoutMs} ms) passed: closing the connections still open`);
      app.server.closeAllConnections();
    }, shutdownTimeoutMs).unref();
    setTimeout(() => {
      log.error(`still not stopped ${STOP_GRACE_MS / 1000} s after the shutdown deadline: exiting`);
      process.exit(1);
    }, shutdownTimeoutMs + STOP_GRACE_MS).unref();
    try {
      await app.close();
      await closeContext(ctx);
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (worker) {
    // The primary stops its workers (Ctrl-C reaches the whole group; the primary answers it), and
    // a worker whose primary is gone stops too.
    process.on('SIGINT', () => {});
    process.on('disconnect', () => { if (!stopping) void stop('primary gone'); });
  } else {
    process.on('SIGINT', () => void stop('SIGINT'));
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    log.error({ err: error }, `cannot listen on ${config.host}:${config.port}`);
    await closeContext(ctx);
    process.exit(1);
  }
  if (worker) {
    log.info(`worker ${worker.index} (pid ${process.pid}) ready; started in ${Math.round(performance.now() - began)} ms`);
    reportListening();
    return;
  }
  const where = ctx.database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'external PostgreSQL (DATABASE_URL)';
  log.info(`Mikan listening on ${config.url} (port ${config.port}, ${where}); started in ${Math.round(performance.now() - began)} ms`);
}

async function migrateOnly(config: Config): Promise<void> {
  const log = createLogger(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (m) => log.warn(m) });
  log.info('migrations applied');
  await database.close();
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  if (command === 'test-server') {
    // Reads no environment: its test-only switches exist only behind this command (and the library entry).
    const { runTestServer } = await import('./test-mode/cli.js');
    process.exitCode = await runTestServer(argv.slice(1));
    process.exit();
  }
  const config = loadConfig();
  if (command === 'start') return start(config);
  if (command === 'migrate') return migrateOnly(config);
  if (command === 'create-admin') {
    const { runCreateAdmin } = await import('./cli/create-admin.js');
    process.exitCode = await runCreateAdmin(config, argv.slice(1));
    return;
  }
  if (command === 'backup' || command === 'restore') {
    const { runBackup, runRestore } = await import('./cli/backup.js');
    process.exitCode = await (command === 'backup' ? runBackup : runRestore)(config, argv.slice(1));
    return;
  }
  if (command === 'jobs') {
    const { runJobs } = await import('./cli/jobs.js');
    process.exitCode = await runJobs(config, argv.slice(1));
    return;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  // Errors an operator can act on get their message alone, not a stack trace.
  else if (error instanceof DataDirInUseError || error instanceof PostgresVersionMismatchError) console.error(`Cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
