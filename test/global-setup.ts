import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, runMigrations, startPostgres } from '../src/db/postgres.js';
import { withDatabase } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { connection: pg.PoolConfig; template: string };
  }
}

/**
 * Starts PostgreSQL once for the whole run (the embedded one in .test-data, or DATABASE_URL's
 * server) and migrates a template database; each test file then copies the template into a
 * database of its own, which is cheap and keeps files isolated.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests of the process itself (lifecycle, cluster, kill -9, backups) run the compiled server as
  // `npm start` does: compile it first if src/ changed since the last build.
  // @ts-expect-error: a plain JavaScript module without type declarations
  const { ensureServerBuild } = await import('../scripts/build-server.mjs') as { ensureServerBuild(options?: { quiet?: boolean }): Promise<string> };
  await ensureServerBuild();
  const dataDir = path.resolve('.test-data', `run-${process.pid}`);
  removeAbandonedRuns(path.resolve('.test-data'));
  const server = await startPostgres({
    databaseUrl: process.env.DATABASE_URL || null,
    // A directory per run: concurrent runs must not stop each other's PostgreSQL.
    dataDir,
    log: (message) => console.error(`[postgres] ${message}`),
  });
  const template = `mikan_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client(server.connection);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  const pools = connect(withDatabase(server.connection, template), 1);
  await runMigrations(pools);
  await pools.end();

  project.provide('postgres', { connection: server.connection, template });

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [template, `${template}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Runs that were killed leave their directory, and maybe their PostgreSQL, behind. */
function removeAbandonedRuns(root: string): void {
  if (!fs.existsSync(root)) return;
  for (const entry of fs.readdirSync(root)) {
    const owner = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!owner || isAlive(owner)) continue;
    const dir = path.join(root, entry);
    try {
      const postmaster = Number(fs.readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (postmaster && isAlive(postmaster)) process.kill(postmaster, 'SIGKILL');
    } catch { /* no server was running */ }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
