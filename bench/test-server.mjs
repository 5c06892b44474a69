#!/usr/bin/env node
// Measures the test server (docs/test-server.md) against the targets, on an idle machine:
//   node bench/test-server.mjs [--runs 10] [--cycles 1000]
// - ready time of `mikan test-server`, cold (no cached template: initdb and migrations) and warm
//   (the template cached), as min/median/max of --runs starts of the compiled CLI (dist/);
// - `POST /api/reset-db` with a seeded fixture (users, follows, files, notes, clips), min/median/max;
// - RSS over --cycles create-reset cycles (a note created, then reset-db), sampled every 100,
//   with the growth between the first and last sample after warm-up.
// Runs with Mikan's own Node (node_modules/.bin/node when the shell's is older): `npm exec -- node bench/test-server.mjs`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, cycles: { type: 'string', default: '1000' } } });
const runs = Number(values.runs);
const cycles = Number(values.cycles);
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `min ${sorted[0]} / median ${sorted[Math.floor(sorted.length / 2)]} / max ${sorted.at(-1)} ms`;
};

/** Starts `mikan test-server` and answers the milliseconds until it printed its origin (then stops it). */
function startOnce(cacheDir) {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin/mikan.js'), 'test-server'], {
      env: { ...process.env, MIKAN_TEST_SERVER_CACHE: cacheDir }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('MISSKEY_TOKEN=')) {
        const ms = Math.round(performance.now() - began);
        child.kill('SIGTERM');
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('exit', (code) => { if (!out.includes('MISSKEY_TOKEN=')) reject(new Error(`test-server exited with ${code}`)); });
  });
}

const { ensureServerBuild } = await import('../scripts/build-server.mjs');
await ensureServerBuild();

const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-bench-cache-'));
  fs.chmodSync(cacheDir, 0o755);
  try {
    cold.push(await startOnce(cacheDir));
    warm.push(await startOnce(cacheDir));
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}
console.log(`ready, cold (no template):  ${stats(cold)}   target < 3000 ms`);
console.log(`ready, warm (template):     ${stats(warm)}   target < 1000 ms`);

// reset-db and memory: the library entry in this process, the server's own RSS being this process's.
const { startTestServer } = await import('../dist/test-mode.js');
const server = await startTestServer({
  fixtures: {
    users: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`user${i}`, {}])),
    follows: Array.from({ length: 19 }, (_, i) => [`user${i + 1}`, 'user0']),
    files: { pic: { user: 'user0', name: 'a.txt', content: 'x'.repeat(1000) } },
    notes: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`note${i}`, { user: `user${i % 20}`, text: `note ${i}` }])),
    clips: { clip: { user: 'user0', notes: ['note0', 'note20'] } },
  },
});
const post = (endpoint, body = {}) => fetch(`${server.origin}/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const resets = [];
for (let i = 0; i < 50; i++) {
  await post('notes/create', { i: server.fixtures.users.user1.token, text: 'dirty' });
  const began = performance.now();
  const response = await post('reset-db');
  if (response.status !== 204) throw new Error(`reset-db answered ${response.status}`);
  resets.push(Math.round(performance.now() - began));
}
console.log(`reset-db, seeded fixture:   ${stats(resets)}   target < 100 ms`);

const samples = [];
for (let i = 1; i <= cycles; i++) {
  await post('notes/create', { i: server.fixtures.users.user1.token, text: `cycle ${i}` });
  await post('reset-db');
  if (i % 100 === 0) {
    globalThis.gc?.();
    samples.push(Math.round(process.memoryUsage().rss / 1024 / 1024));
  }
}
console.log(`RSS every 100 of ${cycles} create-reset cycles (MiB): ${samples.join(' ')}`);
if (samples.length >= 3) console.log(`growth after warm-up (sample 2 → last): ${samples.at(-1) - samples[1]} MiB`);
await server.close();
