import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { machineInfo } from '../server-info/server-info.js';

/** `admin/server-info`: the host and the database, real figures (Misskey's shape). */
export async function adminServerInfo(ctx: AppContext) {
  const [machine, version] = await Promise.all([
    machineInfo(ctx),
    ctx.db.execute<{ version: string }>(sql`SELECT version() AS version`),
  ]);
  return {
    ...machine,
    os: os.platform(),
    node: process.version,
    psql: version.rows[0]?.version ?? '?',
    net: { interface: defaultInterface() },
  };
}

/** The first external interface (Misskey asks `systeminformation` for the default route's; this is its usual answer). */
function defaultInterface(): string {
  for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
    if (addresses?.some((address) => !address.internal)) return name;
  }
  return Object.keys(os.networkInterfaces())[0] ?? '?';
}

/**
 * `admin/get-table-stats`: each table with live rows (statistics collector, as cheap as Misskey's
 * `reltuples`) and total size on disk, indexes and TOAST included. Tables outside `public` (the job
 * queue's) are named `schema.table`.
 */
export async function tableStats(ctx: AppContext): Promise<Record<string, { count: number; size: number }>> {
  const { rows } = await ctx.db.execute<{ schema: string; table: string; count: string; size: string }>(sql`
    SELECT schemaname AS schema, relname AS table, n_live_tup AS count, pg_total_relation_size(relid) AS size
    FROM pg_stat_user_tables ORDER BY schemaname, relname`);
  const stats: Record<string, { count: number; size: number }> = {};
  for (const row of rows) stats[row.schema === 'public' ? row.table : `${row.schema}.${row.table}`] = { count: Number(row.count), size: Number(row.size) };
  return stats;
}

/** `admin/get-index-stats`: the indexes (Misskey lists `pg_indexes`), with their definition, size and use count. */
export async function indexStats(ctx: AppContext): Promise<{ tablename: string; indexname: string; indexdef: string; size: number; scans: number }[]> {
  const { rows } = await ctx.db.execute<{ tablename: string; indexname: string; indexdef: string; size: string; scans: string | null }>(sql`
    SELECT i.tablename, i.indexname, i.indexdef,
      pg_relation_size(format('%I.%I', i.schemaname, i.indexname)::regclass) AS size,
      s.idx_scan AS scans
    FROM pg_indexes i
    LEFT JOIN pg_stat_user_indexes s ON s.schemaname = i.schemaname AND s.indexrelname = i.indexname
    WHERE i.schemaname = 'public'
    ORDER BY i.tablename, i.indexname`);
  return rows.map((row) => ({ tablename: row.tablename, indexname: row.indexname, indexdef: row.indexdef, size: Number(row.size), scans: Number(row.scans ?? 0) }));
}
