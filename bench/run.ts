import { start, stop } from './process.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
// @ts-expect-error: a plain JavaScript module without type declarations
import { ensureServerBuild } from '../scripts/build-server.mjs';

// Mikan runs as in production: the compiled server (dist/), compiled first if src/ changed.
await ensureServerBuild();

/**
 * POST /api/meta and /api/ping against Mikan in production mode, beside a bare Fastify that answers
 * a fixed JSON body (the floor), one after the other on this machine. Prints requests/s, p50/p99
 * latency and the Mikan/floor ratio. Usage: npm run bench [-- --duration 10 --connections 50]
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const duration = option('duration', 10);
const connections = option('connections', 50);

const MIKAN_PORT = 3201;
const FLOOR_PORT = 3202;
const dataDir = process.env.MIKAN_DATA_DIR ?? path.join(os.tmpdir(), 'mikan-bench');

interface Row { target: string; rps: number; p50: number; p99: number }

async function measure(target: string, url: string): Promise<Row> {
  const options = { url, method: 'POST' as const, body: '{}', headers: { 'content-type': 'application/json' }, connections, pipelining: 1 };
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, pool connections, caches
  const result = await autocannon({ ...options, duration });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { target, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

fs.mkdirSync(dataDir, { recursive: true });
const mikan = await start(['dist/main.js', 'start'], {
  PORT: String(MIKAN_PORT), HOST: '127.0.0.1', NODE_ENV: 'production', MIKAN_RATE_LIMIT: 'off', LOG_LEVEL: 'info', MIKAN_DATA_DIR: dataDir,
}, 'Mikan listening');
// Measure the usual case, an instance that has been set up (a fresh one checks for its first user on every `meta`).
const metaBefore = await (await fetch(`http://127.0.0.1:${MIKAN_PORT}/api/meta`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { requireSetup?: boolean };
if (metaBefore.requireSetup) {
  await fetch(`http://127.0.0.1:${MIKAN_PORT}/api/admin/accounts/create`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }),
  });
}
const floor = await start(['--import', 'tsx', 'bench/floor.ts'], { PORT: String(FLOOR_PORT) }, 'floor listening');

try {
  const rows: Row[] = [];
  rows.push(await measure('floor (bare Fastify, fixed JSON)', `http://127.0.0.1:${FLOOR_PORT}/api/ping`));
  rows.push(await measure('Mikan POST /api/meta', `http://127.0.0.1:${MIKAN_PORT}/api/meta`));
  rows.push(await measure('Mikan POST /api/ping', `http://127.0.0.1:${MIKAN_PORT}/api/ping`));
  const floorRps = rows[0].rps;
  console.log(`\n${os.cpus().length} cores, ${connections} connections, ${duration} s per target, Node ${process.version}\n`);
  console.log('| target | requests/s | p50 ms | p99 ms | ratio to floor |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(`| ${row.target} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${(row.rps / floorRps).toFixed(2)} |`);
  }
} finally {
  await stop(mikan);
  await stop(floor);
}
