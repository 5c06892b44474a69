// The home timeline statement as PostgreSQL runs it for Mikan: on the prepared-statement pool,
// whose sessions force generic plans (src/db/postgres.ts). Prints the generic plan with
// EXPLAIN (ANALYZE, BUFFERS) and times the statement alone, many viewers in turn on one
// connection, so the embedded PostgreSQL and an external one can be compared on the same data.
//
//   node --import tsx bench/timeline-plans.ts                         (the instance bench/notes.ts seeded)
//   DATABASE_URL=postgres://…/db MIKAN_DATA_DIR=… node --import tsx bench/timeline-plans.ts
//
// Seed first with bench/notes.ts (same DATABASE_URL / MIKAN_DATA_DIR). `--jit` turns PostgreSQL's
// JIT back on for this session (Mikan's sessions run with jit=off) to show what it costs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { closeContext, createContext } from '../src/context.js';
import { homeTimeline } from '../src/core/timelines/timelines.js';
import type { AuthUser } from '../src/core/auth/authenticate.js';

const dataDir = process.env.MIKAN_DATA_DIR ?? path.join(os.tmpdir(), 'mikan-bench-notes');
const seeded = JSON.parse(fs.readFileSync(path.join(dataDir, 'bench-seed.json'), 'utf8')) as { users: AuthUser[] };
const ctx = await createContext(loadConfig({ ...process.env, MIKAN_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' }));
const pool = ctx.database.preparedPool;

/** The statement and parameters one home timeline call sends. */
async function capture(viewer: AuthUser): Promise<{ text: string; values: unknown[] }> {
  const original = pool.query.bind(pool);
  let captured: { text: string; values: unknown[] } | null = null;
  (pool as any).query = (config: any, values?: unknown[]) => {
    captured ??= { text: config.text ?? config, values: config.values ?? values ?? [] };
    return original(config, values as any);
  };
  try { await homeTimeline(ctx, viewer, { limit: 10 }); } finally { (pool as any).query = original; }
  return captured!;
}

const client = await pool.connect();
try {
  if (process.argv.includes('--jit')) await client.query('SET jit = on');
  const { rows: [{ server_version: version }] } = await client.query('SHOW server_version');
  const { rows: [{ plan_cache_mode: mode }] } = await client.query('SHOW plan_cache_mode');
  const { rows: [{ jit }] } = await client.query('SHOW jit');
  console.log(`PostgreSQL ${version}, plan_cache_mode ${mode}, jit ${jit}`);
  const viewer = seeded.users[Math.floor(seeded.users.length / 2)]!;
  const { text, values } = await capture(viewer);
  const types = values.map((value) => (typeof value === 'number' ? 'int' : 'varchar'));
  await client.query(`PREPARE home_timeline_plan(${types.join(', ')}) AS ${text}`);
  const literal = (value: unknown) => (typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`);
  const execute = (params: unknown[]) => `EXECUTE home_timeline_plan(${params.map(literal).join(', ')})`;
  for (let i = 0; i < 6; i++) await client.query(execute(values));
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${execute(values)}`);
  console.log(rows.map((row: any) => row['QUERY PLAN']).join('\n'));

  // Many viewers in turn: each call's parameters are that viewer's id where the captured call had the first one's.
  const viewers = seeded.users.slice(0, 300);
  const paramsFor = (user: AuthUser) => values.map((value) => (value === viewer.id ? user.id : value));
  for (const user of viewers) await client.query(execute(paramsFor(user)));
  const began = process.hrtime.bigint();
  for (const user of viewers) await client.query(execute(paramsFor(user)));
  const perCall = Number(process.hrtime.bigint() - began) / 1e6 / viewers.length;
  console.log(`\n${viewers.length} viewers in turn: ${perCall.toFixed(3)} ms per call (round trip on one connection)`);
} finally {
  client.release();
  await closeContext(ctx);
}
