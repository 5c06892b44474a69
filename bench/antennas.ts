import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { closeContext, createContext } from '../src/context.js';
import { createLocalUser } from '../src/core/users/create.js';
import { mikanStats, start, stop } from './process.js';
// @ts-expect-error: a plain JavaScript module without type declarations
import { ensureServerBuild } from '../scripts/build-server.mjs';

// Mikan runs as in production: the compiled server (dist/), compiled first if src/ changed.
await ensureServerBuild();

/**
 * What antennas cost a post: `notes/create` with no antenna, then with 1,000 active antennas
 * (most not matching the posted text, one in twenty matching it, with the `all`, `home` and `users`
 * sources), then with none again. Prints requests/s, latency and Mikan's CPU per request for each
 * run, and the load average (the machine is shared).
 * Usage: node --import tsx bench/antennas.ts [--antennas 1000 --users 200 --duration 10 --connections 20]
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ANTENNAS = option('antennas', 1000);
const USERS = option('users', 100);
const duration = option('duration', 10);
const connections = option('connections', 20);
const PORT = 3213;
/** Each note names one of these topics; a matching antenna waits for one of them. */
const TOPICS = 20;
const dataDir = process.env.MIKAN_DATA_DIR ?? path.join(os.tmpdir(), 'mikan-bench-antennas');
const url = (endpoint: string) => `http://127.0.0.1:${PORT}/api/${endpoint}`;

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const seedCtx = await createContext(loadConfig({ ...process.env, MIKAN_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' }));
const users: { id: string; username: string; token: string }[] = [];
for (let i = 0; i < USERS; i++) {
  const { user, token } = await createLocalUser(seedCtx, { username: `poster${i}` });
  users.push({ id: user.id, username: user.username, token });
}
// Room for the antennas: `ANTENNAS / USERS` each (the default antennaLimit is 5).
await seedCtx.meta.update({ policies: { antennaLimit: Math.max(5, Math.ceil(ANTENNAS / USERS)) } });
await closeContext(seedCtx);

async function call(endpoint: string, body: Record<string, unknown>): Promise<any> {
  const response = await fetch(url(endpoint), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const mikan = await start(['dist/main.js', 'start'], {
  PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'production', MIKAN_RATE_LIMIT: 'off', LOG_LEVEL: 'info', MIKAN_DATA_DIR: dataDir,
}, 'Mikan listening');

interface Row { label: string; rps: number; p50: number; p99: number; cpuMsPerRequest: number; load: string }

async function measure(label: string): Promise<Row> {
  const random = () => users[Math.floor(Math.random() * users.length)]!.token;
  const options = {
    url: url('notes/create'), method: 'POST' as const, headers: { 'content-type': 'application/json' }, connections, pipelining: 1,
    requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify({ i: random(), text: `bench note topic${Math.floor(Math.random() * TOPICS)} ${Math.random()}` }) }) }],
  };
  await autocannon({ ...options, amount: users.length * 2 }); // warm: every poster active, caches filled
  const before = mikanStats(mikan.pid!).cpu;
  const result = await autocannon({ ...options, duration });
  const cpu = mikanStats(mikan.pid!).cpu - before;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    label, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    cpuMsPerRequest: (cpu * 1000) / result.requests.total, load: os.loadavg().map((n) => n.toFixed(1)).join(' '),
  };
}

try {
  const rows: Row[] = [];
  // Followees for the `home` antennas: every poster follows a few posters.
  for (const [index, user] of users.entries()) {
    for (let k = 1; k <= 5; k++) await call('following/create', { i: user.token, userId: users[(index + k * 7) % users.length]!.id });
  }
  // A first run only warms the JIT and PostgreSQL's caches: without it the first measured run is
  // the slowest whatever it measures (seen: 0.82 ms then 0.69 ms per request with no antennas both times).
  await measure('warm-up');
  rows.push(await measure('no antennas'));

  // The antennas: one in twenty waits for a topic (so a note matches about 2.5 of them), in turn
  // from every poster (`all`), the owner's followees (`home`) and two named posters (`users`); the
  // others wait for words nobody posts.
  const created: { id: string; token: string }[] = [];
  let matching = 0;
  for (let i = 0; i < ANTENNAS; i++) {
    const owner = users[i % users.length]!;
    const matches = i % 20 === 0;
    const src = matches ? (['all', 'home', 'users'] as const)[matching++ % 3]! : 'all';
    const antenna = await call('antennas/create', {
      i: owner.token, name: `antenna ${i}`, src, keywords: matches ? [[`topic${i % TOPICS}`]] : [[`word${i}`], [`other${i}`, 'bench']],
      excludeKeywords: [], users: src === 'users' ? [`@${users[0]!.username}`, `@${users[1]!.username}`] : [],
      caseSensitive: false, withReplies: false, withFile: false,
    });
    created.push({ id: antenna.id, token: owner.token });
  }
  rows.push(await measure(`${ANTENNAS} active antennas (${matching} waiting for a topic)`));

  for (const antenna of created) await call('antennas/delete', { i: antenna.token, antennaId: antenna.id });
  rows.push(await measure('no antennas (again)'));

  console.log(`\n${os.cpus().length} cores, Node ${process.version}, ${USERS} posters, ${connections} connections, ${duration} s per run\n`);
  console.log('| notes/create | requests/s | p50 ms | p99 ms | Mikan CPU ms / request | load average (1, 5, 15 min) |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const row of rows) console.log(`| ${row.label} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${row.cpuMsPerRequest.toFixed(2)} | ${row.load} |`);
} finally {
  await stop(mikan);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
