import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema/index.js';
import { startEmbeddedPostgres, type EmbeddedOptions } from './embedded.js';
import { migrateJobSchema } from '../jobs/queue.js';

export type Db = NodePgDatabase<typeof schema>;

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Pools {
  db: Db;
  pool: pg.Pool;
  /**
   * For named prepared statements only (`src/db/prepared.ts`): its sessions plan each statement
   * once (a generic plan) instead of re-planning it for every call's values, which PostgreSQL's
   * default does for statements like the timelines, where planning cost more than running.
   */
  preparedDb: Db;
  preparedPool: pg.Pool;
  /** Closes both pools. */
  end(): Promise<void>;
}

export interface Database extends Pools {
  /** Where the pool connects; tests use it to create sibling databases. */
  connection: pg.PoolConfig;
  embedded: boolean;
  close(): Promise<void>;
}

type Log = (message: string) => void;

/** Starts the embedded PostgreSQL unless `databaseUrl` names an external one. */
export async function startPostgres(options: { databaseUrl: string | null; dataDir: string; log: Log; embedded?: EmbeddedOptions }): Promise<{ connection: pg.PoolConfig; stop(): Promise<void>; embedded: boolean }> {
  if (options.databaseUrl) {
    return { connection: { connectionString: options.databaseUrl }, stop: async () => {}, embedded: false };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir, options.log, options.embedded);
  return { ...embedded, embedded: true };
}

/**
 * A generic plan does not know the LIMIT (a placeholder), so PostgreSQL costs it as a tenth of the
 * table: on a large `notes`, that made two parallel workers look worth starting for a ten-row page
 * (25 ms instead of 0.4). Hot statements are short index walks: no parallel workers.
 */
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0';

/**
 * No JIT compilation, on every session. PostgreSQL built with LLVM (Debian's and most distributions'
 * packages; the embedded binaries are built without it) compiles a statement whose estimated cost
 * passes `jit_above_cost`, and a generic plan's cost, with its LIMIT unknown, passes it on a
 * table of a few hundred thousand notes: the home timeline then spent 30–300 ms compiling for a
 * 0.3 ms walk, on every call (bench/timeline-plans.ts). Mikan's statements are short index walks;
 * JIT pays off only for long analytical scans, which Mikan does not run.
 */
const NO_JIT = '-c jit=off';

export function connect(connection: pg.PoolConfig, poolSize = 20): Pools {
  const open = (options: string) => {
    const pool = new pg.Pool({ ...connection, max: poolSize, idleTimeoutMillis: 30_000, options });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // Nor a dropped connection that is checked out (a transaction between two statements, a query
    // under way): the pool takes its own listener off a client it hands out, and a socket that
    // dies then emits 'error' on the client, which unheard is an uncaught exception that ends the
    // process (PostgreSQL restarted under load did exactly that). The statement under way, or the
    // next one, rejects with the error; the pool drops the client when it is released.
    pool.on('connect', (client) => client.on('error', () => {}));
    return pool;
  };
  const pool = open([connection.options, NO_JIT].filter(Boolean).join(' '));
  const preparedPool = open([connection.options, NO_JIT, GENERIC_PLANS].filter(Boolean).join(' '));
  return {
    pool,
    db: drizzle(pool, { schema }),
    preparedPool,
    preparedDb: drizzle(preparedPool, { schema }),
    end: async () => { await Promise.all([pool.end(), preparedPool.end()]); },
  };
}

/** Mikan's tables (drizzle's migrations), then pg-boss's schema for background jobs (src/jobs). */
export async function runMigrations(pools: { db: Db; pool: pg.Pool }): Promise<void> {
  await migrate(pools.db, { migrationsFolder: MIGRATIONS_FOLDER });
  await migrateJobSchema(pools.pool);
}

/** Opens (and for the embedded server, starts) the database and brings its schema up to date. */
export async function openDatabase(options: { databaseUrl: string | null; dataDir: string; log: Log; migrate?: boolean; embedded?: EmbeddedOptions }): Promise<Database> {
  const server = await startPostgres(options);
  const pools = connect(server.connection);
  try {
    if (options.migrate !== false) await runMigrations(pools);
  } catch (error) {
    await pools.end();
    await server.stop();
    throw error;
  }
  return {
    ...pools,
    connection: server.connection,
    embedded: server.embedded,
    async close() {
      await pools.end();
      await server.stop();
    },
  };
}

/**
 * A database another process started and migrated (a cluster worker's, `src/cluster.ts`): only the
 * pools are this process's; closing ends them and leaves the server running.
 */
export function attachDatabase(connection: pg.PoolConfig, embedded: boolean): Database {
  const pools = connect(connection);
  return { ...pools, connection, embedded, close: () => pools.end() };
}
