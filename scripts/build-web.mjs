#!/usr/bin/env node
// Builds the web client (web/) into web/dist with Vite, only when web/dist is missing or was built
// from other sources. `npm start` and `npm test` run it first, so a fresh clone serves a current
// client after `npm install && npm start`, and later starts skip the build (hashing the sources
// takes a few milliseconds). `--force` always builds (`npm run build`).
//
// The check is a content hash of the sources, the build tools' versions and this script, written
// to web/dist/.source-hash: unlike modification times it survives checkouts, copies and clock skew.
// Builds go to a temporary directory swapped in at the end, under a lock directory, so concurrent
// runs (test files in parallel) neither build twice nor serve a half-written directory.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const webDir = path.join(root, 'web');
export const distDir = path.join(webDir, 'dist');
const stampFile = path.join(distDir, '.source-hash');
const lockDir = path.join(webDir, '.build-lock');

/** Files and directories (relative to the repository) whose content makes the client. */
const SOURCES = ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/src', 'web/public', 'src/api/permissions.ts', 'src/core/users/langs.ts', 'scripts/build-web.mjs'];
/** Packages whose version changes the output. */
const TOOLS = ['vite', '@vitejs/plugin-vue', 'vue', 'vue-router', 'misskey-js', 'mfm-js'];

function listFiles(relative) {
  const absolute = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(absolute);
  } catch {
    return [];
  }
  if (stat.isFile()) return [relative];
  if (!stat.isDirectory()) return [];
  return fs.readdirSync(absolute).sort().flatMap((name) => listFiles(path.join(relative, name)));
}

function toolVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'missing';
  }
}

/** The hash of everything the build depends on. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(listFiles).sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  for (const tool of TOOLS) hash.update(`${tool}@${toolVersion(tool)}\0`);
  return hash.digest('hex');
}

function isCurrent(hash) {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim() === hash && fs.existsSync(path.join(distDir, 'index.html'));
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock(fn) {
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a build that died (its process is gone, or it is very old) is taken over.
      let holder = NaN;
      try { holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = true;
      if (Number.isInteger(holder) && holder > 0) {
        try { process.kill(holder, 0); } catch (e) { alive = e.code === 'EPERM'; }
      }
      let age = 0;
      try { age = Date.now() - fs.statSync(lockDir).mtimeMs; } catch { continue; }
      if (!alive || age > 10 * 60_000) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > 5 * 60_000) throw new Error(`web client build: waited 5 minutes for ${lockDir} (another build?)`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Brotli and gzip copies of the text assets, served to browsers that accept them. */
function precompress(directory) {
  for (const name of fs.readdirSync(directory)) {
    const file = path.join(directory, name);
    if (fs.statSync(file).isDirectory()) {
      precompress(file);
      continue;
    }
    if (!/\.(js|css|svg|html|json|txt|map)$/.test(name)) continue;
    const data = fs.readFileSync(file);
    if (data.length < 1024) continue;
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  }
}

/**
 * Makes sure web/dist is built from the current sources. Resolves to whether it built.
 * @param {{ force?: boolean, log?: (message: string) => void }} [options]
 */
export async function ensureWebBuild(options = {}) {
  const { force = false, log = (message) => console.log(message) } = options;
  if (!force && isCurrent(sourceHash())) return false;
  return withLock(async () => {
    // Sources are hashed again under the lock: another process may have just built them.
    const hash = sourceHash();
    if (!force && isCurrent(hash)) return false;
    const began = Date.now();
    const temporary = path.join(webDir, `.dist-${process.pid}-${Date.now()}`);
    const { build } = await import('vite');
    try {
      await build({
        configFile: path.join(webDir, 'vite.config.ts'),
        root: webDir,
        logLevel: 'warn',
        mode: 'production',
        build: { outDir: temporary, emptyOutDir: true },
      });
      precompress(temporary);
      fs.writeFileSync(path.join(temporary, '.source-hash'), `${hash}\n`);
      const previous = path.join(webDir, `.dist-old-${process.pid}`);
      if (fs.existsSync(distDir)) fs.renameSync(distDir, previous);
      fs.renameSync(temporary, distDir);
      fs.rmSync(previous, { recursive: true, force: true });
    } finally {
      fs.rmSync(temporary, { recursive: true, force: true });
    }
    log(`web client built into ${path.relative(process.cwd(), distDir) || distDir} in ${Date.now() - began} ms`);
    return true;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureWebBuild({ force: process.argv.includes('--force') }).catch((error) => {
    console.error('Building the web client failed:', error);
    process.exit(1);
  });
}
