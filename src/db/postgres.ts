import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema/index.js';
import { startEmbeddedPostgres } from './embedded.js';

export type Db = NodePgDatabase<typeof schema>;

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** Where the pool connects; tests use it to create sibling databases. */
  connection: pg.PoolConfig;
  embedded: boolean;
  close(): Promise<void>;
}

type Log = (message: string) => void;

/** Starts the embedded PostgreSQL unless `databaseUrl` names an external one. */
export async function startPostgres(options: { databaseUrl: string | null; dataDir: string; log: Log }): Promise<{ connection: pg.PoolConfig; stop(): Promise<void>; embedded: boolean }> {
  if (options.databaseUrl) {
    return { connection: { connectionString: options.databaseUrl }, stop: async () => {}, embedded: false };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir, options.log);
  return { ...embedded, embedded: true };
}

export function connect(connection: pg.PoolConfig, poolSize = 20): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ ...connection, max: poolSize, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return { pool, db: drizzle(pool, { schema }) };
}

export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Opens (and for the embedded server, starts) the database and brings its schema up to date. */
export async function openDatabase(options: { databaseUrl: string | null; dataDir: string; log: Log; migrate?: boolean }): Promise<Database> {
  const server = await startPostgres(options);
  const { db, pool } = connect(server.connection);
  try {
    if (options.migrate !== false) await runMigrations(db);
  } catch (error) {
    await pool.end();
    await server.stop();
    throw error;
  }
  return {
    db,
    pool,
    connection: server.connection,
    embedded: server.embedded,
    async close() {
      await pool.end();
      await server.stop();
    },
  };
}
