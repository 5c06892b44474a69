import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { mikanStats, processStats, processTreeCpu, start, stop, workersEnv } from './process.js';
// @ts-expect-error: a plain JavaScript module without type declarations
import { ensureServerBuild } from '../scripts/build-server.mjs';

// Mikan runs as in production: the compiled server (dist/), compiled first if src/ changed.
await ensureServerBuild();

/**
 * Streaming fan-out: N WebSocket clients on `homeTimeline` / `localTimeline` (half each) while
 * notes are posted at a fixed rate through `notes/create`. Reports connections held, delivery
 * latency from the `notes/create` call to receipt (p50/p99), deliveries vs expected, and the Mikan
 * process's CPU and RSS, the CPU of the clients (this process) and of PostgreSQL.
 *
 *   node --import tsx bench/streaming.ts --clients 5000 --rate 50 --duration 20 --users 200
 *
 * `--warmup S` (default 3) posts for S seconds first, unmeasured. `--server-workers N` runs Mikan as N
 * worker processes (MIKAN_WORKERS, over the machine's Redis); its CPU and RSS are then their sum.
 *
 * Clients are spread over `--users` accounts (each signs up once: password hashing makes 5,000
 * sign-ups slow); every account follows the posters, so every note reaches every client.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const clients = option('clients', 1000);
const serverWorkers = option('server-workers', 1);
const workerCount = option('workers', 1);
const rate = option('rate', 50);
const duration = option('duration', 20);
// Seconds of posting at the same rate before the measured run (its notes carry no benchmark marker):
// the first second after the clients connect pays for compiling the delivery path and loading
// every viewer's state, which is start-up, not the steady state measured.
const warmup = option('warmup', 3);
const userCount = Math.min(option('users', 200), clients);
const posterCount = option('posters', 5);
const PORT = option('port', 3211);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = process.env.MIKAN_DATA_DIR ?? path.join(os.tmpdir(), 'mikan-bench-streaming');
const flag = (name: string) => args.includes(`--${name}`);
const accountsFile = path.join(dataDir, 'bench-accounts.json');
const profileDir = path.join(os.tmpdir(), 'mikan-bench-prof');

async function api(endpoint: string, body: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${base}/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)));
}

/** CPU seconds of the embedded PostgreSQL: its postmaster and every backend, ended ones included. */
function postgresCpu(): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return processTreeCpu(pid);
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!);

fs.mkdirSync(dataDir, { recursive: true });
// BENCH_NODE_FLAGS: more flags for the server's node (`--trace-gc`, `--max-semi-space-size=…`).
const nodeFlags = [...(flag('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
const mikan = await start([...nodeFlags, 'dist/main.js', 'start'], {
  PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'production', MIKAN_RATE_LIMIT: 'off', LOG_LEVEL: 'info', MIKAN_DATA_DIR: dataDir,
  ...workersEnv(serverWorkers),
}, 'Mikan listening');
try {
  type Account = { id: string; token: string };
  let accounts: { posters: Account[]; viewers: Account[] } | null = null;
  if (flag('reuse') && fs.existsSync(accountsFile)) {
    accounts = JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
    if (accounts!.posters.length !== posterCount || accounts!.viewers.length !== userCount) {
      throw new Error(`--reuse: ${accountsFile} holds ${accounts!.posters.length} posters and ${accounts!.viewers.length} viewers`);
    }
  }
  if (!accounts) {
    const run = Date.now().toString(36);
    const meta = await api('meta', {});
    if (meta.requireSetup) await api('admin/accounts/create', { username: 'bench', password: 'bench-password-1' });
    console.log(`signing up ${posterCount} posters and ${userCount} viewers...`);
    const signup = async (username: string) => (await api('signup', { username, password: 'bench-password-1' })) as Account;
    const posters: Account[] = [];
    for (let i = 0; i < posterCount; i++) posters.push(await signup(`p${run}${i}`));
    const viewers: Account[] = new Array(userCount);
    await inBatches([...Array(userCount).keys()], 10, async (i) => {
      viewers[i] = await signup(`v${run}${i}`);
      for (const poster of posters) await api('following/create', { i: viewers[i]!.token, userId: poster.id });
    });
    accounts = { posters, viewers };
    fs.writeFileSync(accountsFile, JSON.stringify(accounts));
  }
  const { posters, viewers } = accounts;

  console.log(`connecting ${clients} clients in ${workerCount} worker threads...`);
  // Clients live in worker threads so that receiving millions of frames never delays the posting
  // loop here (the two share no event loop). Latencies use Date.now(), shared by all threads.
  const workers: Worker[] = [];
  const results: { latencies: Float64Array; latencySeqs: Int32Array; fanout: Float64Array; received: number; open: number; unexpectedCloses: number }[] = [];
  await Promise.all(Array.from({ length: workerCount }, (_, w) => new Promise<void>((resolve, reject) => {
    const mine = Array.from({ length: clients }, (_, i) => i).filter((i) => i % workerCount === w);
    // Plain JavaScript: worker threads do not inherit the tsx loader.
    const worker = new Worker(new URL('./streaming-clients.mjs', import.meta.url), {
      workerData: { base, expectedDeliveries: mine.length * rate * duration, clients: mine.map((i) => ({ token: viewers[i % userCount]!.token, channel: i % 2 === 0 ? 'homeTimeline' : 'localTimeline' })) },
    });
    workers.push(worker);
    worker.on('message', (message) => {
      if (message.type === 'connected') resolve();
      if (message.type === 'result') results[w] = message;
    });
    worker.on('error', reject);
  })));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const openBefore = clients;
  console.log(`${openBefore} connected; posting ${rate} notes/s for ${duration} s...`);

  /** Posts `total` notes at `rate` a second; `onSend` sees each just before its `notes/create` call. */
  const postAtRate = async (total: number, text: (n: number) => string, onSend: (n: number) => void = () => {}) => {
    const began = performance.now();
    const posts: Promise<void>[] = [];
    let n = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * rate));
        while (n < due) {
          const seq = n++;
          const poster = posters[seq % posters.length]!;
          onSend(seq);
          const t0 = performance.now();
          posts.push(api('notes/create', { i: poster.token, text: text(seq) })
            .then(() => { createTimes.push(performance.now() - t0); }, () => { postErrors++; }));
        }
        if (n >= total) { clearInterval(tick); resolve(); }
      }, 5);
    });
    await Promise.all(posts);
  };
  let postErrors = 0;
  let createTimes: number[] = [];
  if (warmup > 0) {
    await postAtRate(rate * warmup, (n) => `warm-up ${n} ${'lorem ipsum '.repeat(8)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    createTimes = [];
  }

  const before = mikanStats(mikan.pid!);
  const clientsBefore = processStats(process.pid);
  const postgresBefore = postgresCpu();
  const startedAt = performance.now();
  const total = rate * duration;
  await postAtRate(total, (n) => `bench#${n}# ${'lorem ipsum '.repeat(8)}`, (n) => {
    const sentAtMs = Date.now();
    for (const worker of workers) worker.postMessage({ type: 'sent', seq: n, at: sentAtMs });
  });
  const postedAt = performance.now();
  console.log(`posted ${total} notes (${postErrors} errors) in ${((postedAt - startedAt) / 1000).toFixed(1)} s`);
  // Let the last deliveries arrive, then collect.
  const expected = total * openBefore;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const elapsed = (performance.now() - startedAt) / 1000;
  const after = mikanStats(mikan.pid!);
  const clientsAfter = processStats(process.pid);
  const postgresAfter = postgresCpu();
  for (const worker of workers) worker.postMessage({ type: 'finish', expectedPerClient: total });
  await new Promise<void>((resolve) => {
    const check = setInterval(() => { if (results.filter(Boolean).length === workerCount) { clearInterval(check); resolve(); } }, 100);
  });
  const received = results.reduce((sum, r) => sum + r.received, 0);
  const openAfter = results.reduce((sum, r) => sum + r.open, 0);
  const unexpectedCloses = results.reduce((sum, r) => sum + r.unexpectedCloses, 0);
  // NaN: a delivery that reached its thread before the note's send time did (not counted).
  const concat = (parts: Float64Array[]) => {
    const all = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) { all.set(part, at); at += part.length; }
    return all.filter((value) => !Number.isNaN(value));
  };
  const latencies = concat(results.map((r) => r.latencies));
  const fanoutLatencies = concat(results.map((r) => r.fanout));
  // p99 of the notes posted in each second of the run: a hiccup shows as one bad second, a limit as all.
  const bySecond = Array.from({ length: duration }, () => [] as number[]);
  for (const r of results) {
    r.latencySeqs.forEach((seq, i) => { if (!Number.isNaN(r.latencies[i])) bySecond[Math.min(duration - 1, Math.floor(seq / rate))]!.push(r.latencies[i]!); });
  }
  const secondP99 = bySecond.map((values) => percentile(Float64Array.from(values).sort(), 99).toFixed(0));
  const sorted = latencies.sort();
  const fanoutSorted = fanoutLatencies.sort();
  const createSorted = Float64Array.from(createTimes).sort();
  const postingSeconds = (postedAt - startedAt) / 1000;
  const row = {
    clients, connectedBefore: openBefore, connectedAfter: openAfter, unexpectedCloses,
    notesPerSecond: rate, seconds: duration, postErrors,
    delivered: received, expected, deliveredRatio: (received / expected).toFixed(4),
    achievedNotesPerSecond: (total / postingSeconds).toFixed(1),
    createP50ms: percentile(createSorted, 50).toFixed(1), createP99ms: percentile(createSorted, 99).toFixed(1),
    p50ms: percentile(sorted, 50).toFixed(1), p90ms: percentile(sorted, 90).toFixed(1), p99ms: percentile(sorted, 99).toFixed(1), maxMs: (sorted[sorted.length - 1] ?? NaN).toFixed(1),
    fanoutP50ms: percentile(fanoutSorted, 50).toFixed(1), fanoutP99ms: percentile(fanoutSorted, 99).toFixed(1),
    mikanCpuPercent: (((after.cpu - before.cpu) / elapsed) * 100).toFixed(0), mikanRssMb: after.rssMb.toFixed(0),
    clientsCpuPercent: (((clientsAfter.cpu - clientsBefore.cpu) / elapsed) * 100).toFixed(0),
    postgresCpuPercent: (((postgresAfter - postgresBefore) / elapsed) * 100).toFixed(0),
  };
  console.log(`create→receipt p99 of the notes posted in each second: ${secondP99.join(' ')} ms`);
  console.log(`\n${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(JSON.stringify(row, null, 2));
  console.log('\n| clients held | notes/s asked (achieved) | delivered/expected | notes/create p50/p99 ms | create→receipt p50/p99 ms | createdAt→receipt p50/p99 ms | Mikan CPU | clients CPU | PostgreSQL CPU | Mikan RSS |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| ${openAfter}/${clients} | ${rate} (${row.achievedNotesPerSecond}) | ${row.deliveredRatio} | ${row.createP50ms}/${row.createP99ms} | ${row.p50ms}/${row.p99ms} | ${row.fanoutP50ms}/${row.fanoutP99ms} | ${row.mikanCpuPercent}% | ${row.clientsCpuPercent}% | ${row.postgresCpuPercent}% | ${row.mikanRssMb} MB |`);
  await Promise.all(workers.map((worker) => worker.terminate()));
} finally {
  await stop(mikan);
}
