import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: a plain JavaScript module without type declarations
import { ensureServerBuild } from '../scripts/build-server.mjs';

// Mikan runs as in production: the compiled server (dist/), compiled first if src/ changed.
await ensureServerBuild();

/**
 * Upload throughput and server memory for drive/files/create: Mikan in production mode (embedded
 * PostgreSQL, local storage), 1 MB files (sequentially and 4 at a time) and 100 MB files
 * (sequentially), sent as multipart bodies streamed from disk. The server's RSS is sampled from
 * /proc every 20 ms. Usage: node --import tsx bench/drive.ts [--small 100 --large 3]
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const smallCount = option('small', 100);
const largeCount = option('large', 3);
const PORT = 3203;
const origin = `http://127.0.0.1:${PORT}`;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-bench-drive-'));
const MB = 1024 * 1024;
// The embedded PostgreSQL runs as another user when Mikan runs as root: it must be able to enter the directory.
fs.chmodSync(workDir, 0o711);

function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/main.js', 'start'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'production', MIKAN_RATE_LIMIT: 'off', LOG_LEVEL: 'info', MIKAN_DATA_DIR: path.join(workDir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Mikan listening')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function api(endpoint: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${origin}/api/${endpoint}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${endpoint}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function uploadFile(token: string, file: string): Promise<void> {
  const form = new FormData();
  form.append('i', token);
  form.append('force', 'true');
  form.append('file', await fs.openAsBlob(file), path.basename(file));
  const res = await fetch(`${origin}/api/drive/files/create`, { method: 'POST', body: form });
  if (res.status !== 200) throw new Error(`upload: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

interface Row { label: string; files: number; sizeMb: number; seconds: number; rssBefore: number; rssPeak: number }

async function phase(label: string, pid: number, files: string[], concurrency: number, token: string): Promise<Row> {
  global.gc?.();
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, rssMb(pid)); }, 20);
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < files.length) await uploadFile(token, files[next++]!);
  }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const sizeMb = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / MB;
  return { label, files: files.length, sizeMb, seconds, rssBefore, rssPeak };
}

function makeFiles(prefix: string, count: number, size: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(workDir, `${prefix}-${i}.bin`);
    const fd = fs.openSync(file, 'w');
    for (let written = 0; written < size; written += MB) fs.writeSync(fd, randomBytes(Math.min(MB, size - written)));
    fs.closeSync(fd);
    return file;
  });
}

const mikan = await start();
try {
  const admin = await api('admin/accounts/create', { username: 'bench', password: 'bench-password-1' });
  await api('admin/update-meta', { policies: { maxFileSizeMb: 200, driveCapacityMb: 1_000_000, uploadableFileTypes: ['*/*'] } }, admin.token);
  const small = makeFiles('small', smallCount, MB);
  const large = makeFiles('large', largeCount, 100 * MB);
  // Warm-up: JIT, pool connections.
  for (const f of small.slice(0, 5)) await uploadFile(admin.token, f);

  const rows = [
    await phase('1 MB, one at a time', mikan.pid!, small, 1, admin.token),
    await phase('1 MB, 4 at a time', mikan.pid!, small, 4, admin.token),
    await phase('100 MB, one at a time', mikan.pid!, large, 1, admin.token),
  ];
  console.log(`\n${os.cpus().length} cores, Node ${process.version}, local storage\n`);
  console.log('| upload | files | MB | seconds | files/s | MB/s | server RSS before → peak (MB) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.files} | ${Math.round(r.sizeMb)} | ${r.seconds.toFixed(2)} | ${(r.files / r.seconds).toFixed(1)} | ${(r.sizeMb / r.seconds).toFixed(1)} | ${Math.round(r.rssBefore)} → ${Math.round(r.rssPeak)} |`);
  }
} finally {
  await new Promise<void>((resolve) => { mikan.once('exit', () => resolve()); mikan.kill('SIGTERM'); });
  fs.rmSync(workDir, { recursive: true, force: true });
}
