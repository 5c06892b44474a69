#!/usr/bin/env node
// Start time as a user sees it: from spawning the real `npm start` command to the first answered
// request (`POST /api/meta` → 200). The first run is cold (an empty MIKAN_DATA_DIR: PostgreSQL's
// initdb and the migrations included), the next --runs are warm starts on that same data
// directory. Each process is stopped with SIGTERM and waited for before the next starts.
//
//   node bench/start.mjs [--runs 10] [--workers N] [--command "npm start"]
//
// Prints every run and min/median/max of the warm ones, and the idle RSS of the server processes
// 2 s after the first answer (the process tree under npm, summed).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option('runs', '10'));
const workers = Number(option('workers', '1'));
const command = option('command', 'npm start').split(' ');
const port = 39_000 + (process.pid % 1000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-start-bench-'));
const env = {
  ...process.env,
  PORT: String(port),
  MIKAN_DATA_DIR: dataDir,
  NODE_ENV: 'production',
  ...(workers > 1 ? { MIKAN_WORKERS: String(workers), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', MIKAN_REDIS_PREFIX: `mikan-start-bench-${process.pid}` } : {}),
};
delete env.DATABASE_URL;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function answered() {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/meta`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The RSS of a process and all its descendants, in MiB. */
function treeRssMiB(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch { /* gone */ }
  }
  const rss = (p) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  const node = [];
  const walk = (p) => {
    let comm = '';
    try { comm = fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim(); } catch { /* gone */ }
    if (comm === 'node' || comm === 'MainThread') node.push(rss(p));
    for (const child of children.get(p) ?? []) walk(child);
  };
  walk(pid);
  return node;
}

async function once(label) {
  const began = performance.now();
  const child = spawn(command[0], command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exited = false;
  child.on('exit', () => { exited = true; });
  while (!(await answered())) {
    if (exited) throw new Error(`${label}: exited before answering:\n${output}`);
    if (performance.now() - began > 120_000) throw new Error(`${label}: no answer in 120 s:\n${output}`);
    await sleep(5);
  }
  const ms = performance.now() - began;
  await sleep(2000);
  const rss = treeRssMiB(child.pid);
  const stopped = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await stopped;
  // The embedded PostgreSQL is stopped by the server; give its postmaster a moment to be gone.
  for (let i = 0; i < 200 && fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')); i++) await sleep(25);
  console.log(`${label}: first answer after ${ms.toFixed(0)} ms; node RSS 2 s later: ${rss.map((m) => m.toFixed(0)).join(' + ')} MiB`);
  return { ms, rss };
}

const results = [];
try {
  await once('cold (empty data directory)');
  for (let i = 1; i <= runs; i++) results.push(await once(`warm ${i}`));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const times = results.map((r) => r.ms).sort((a, b) => a - b);
const rss = results.map((r) => r.rss.reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
const median = (list) => list[Math.floor(list.length / 2)];
console.log(`warm starts (${times.length}): min ${times[0].toFixed(0)} ms, median ${median(times).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
console.log(`idle node RSS: min ${rss[0].toFixed(0)} MiB, median ${median(rss).toFixed(0)} MiB, max ${rss.at(-1).toFixed(0)} MiB`);
