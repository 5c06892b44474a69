#!/usr/bin/env node
// Compiles the server's TypeScript (src/, tests excluded) into JavaScript in dist/, file by file
// with esbuild, only when dist/ is missing or was built from other sources. `npm install` builds it
// (the `prepare` script) and `npm start` checks it before every start, so production runs plain
// JavaScript: loading the sources through tsx took about two seconds of every start (a loader
// thread transforming 540 files) and tens of MiB of memory. Development keeps tsx (`npm run dev`,
// the tests through vitest).
//
// dist/ mirrors src/ at the same depth below the repository (src/web/spa.ts → dist/web/spa.js), so
// paths the code resolves from its own location (web/dist, package.json, the endpoint directory)
// hold in both. The SQL migrations are copied along. The freshness check is a content hash of the
// sources, esbuild's version and this script, kept in dist/.source-hash, as the web client's is;
// hashing 540 files costs 50–200 ms, so a start first compares the files' count and newest
// modification time with what the stamp recorded and hashes only when they differ.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const srcDir = path.join(root, 'src');
export const serverDistDir = path.join(root, 'dist');
const stampFile = path.join(serverDistDir, '.source-hash');
export const serverEntry = path.join(serverDistDir, 'main.js');

const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts');

function listFiles(directory) {
  return fs.readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function esbuildVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
  } catch {
    return 'missing';
  }
}

/** The hash of everything the build depends on: every non-test file under src/, this script, esbuild's version. */
export function serverSourceHash() {
  const hash = createHash('sha256');
  for (const file of listFiles(srcDir)) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(`${path.relative(root, file).split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  hash.update(`esbuild@${esbuildVersion()}`);
  return hash.digest('hex');
}

/** The cheap fingerprint: how many files src/ has and the newest modification time among them. */
function quickFingerprint() {
  let newest = 0;
  let count = 0;
  for (const entry of fs.readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    count++;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  newest = Math.max(newest, fs.statSync(fileURLToPath(import.meta.url)).mtimeMs);
  return `${count}:${newest}`;
}

/** What dist/.source-hash recorded: the content hash, and the fingerprint seen when it was last checked. */
function readStamp() {
  try {
    const [hash, fingerprint] = fs.readFileSync(stampFile, 'utf8').trim().split('\n');
    return { hash, fingerprint: fingerprint ?? null };
  } catch {
    return null;
  }
}

/** Compiles src/ into a fresh directory and swaps it in for dist/. */
export async function buildServer(hash = serverSourceHash()) {
  const { build } = await import('esbuild');
  const began = Date.now();
  const staging = `${serverDistDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const files = listFiles(srcDir);
  await build({
    entryPoints: files.filter(isSource),
    outdir: staging,
    outbase: srcDir,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    logLevel: 'warning',
    // Names appear in logs and stack traces as they are written.
    keepNames: true,
  });
  await vendorBundles(build, staging);
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    const target = path.join(staging, path.relative(srcDir, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(path.join(staging, '.source-hash'), `${hash}\n${quickFingerprint()}\n`);
  // A concurrent build of the same sources may have swapped its copy in meanwhile: either is right.
  const old = `${serverDistDir}.old-${process.pid}`;
  if (fs.existsSync(serverDistDir)) fs.renameSync(serverDistDir, old);
  try {
    fs.renameSync(staging, serverDistDir);
  } catch (error) {
    if (!fs.existsSync(serverDistDir)) throw error;
    fs.rmSync(staging, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
  return Date.now() - began;
}

/**
 * Packages bundled into dist/vendor/ and imported from there instead of node_modules. drizzle-orm
 * is ~110 small modules under a 179 KB package.json, and Node 24 parses a module's package.json
 * again for each module it loads (to know its "type"): loading drizzle from node_modules allocated
 * ~135 MB of short-lived objects, which left the heap, and the idle process, 150 MB larger. One
 * bundle (split into shared chunks, so each subpath's classes stay one class) costs 2 MB.
 */
const VENDORED = ['drizzle-orm'];

/** Bundles the vendored packages' subpaths that the compiled code imports, and points the imports at them. */
async function vendorBundles(build, outdir) {
  const outputs = listFiles(outdir).filter((file) => file.endsWith('.js'));
  const pattern = new RegExp(`(from |import\\()"((?:${VENDORED.join('|')})(?:/[^"]*)?)"`, 'g');
  const specifiers = new Set();
  for (const file of outputs) for (const match of fs.readFileSync(file, 'utf8').matchAll(pattern)) specifiers.add(match[2]);
  if (specifiers.size === 0) return;
  const vendorDir = path.join(outdir, 'vendor');
  const entryOf = (specifier) => (VENDORED.includes(specifier) ? `${specifier}/index` : specifier);
  await build({
    entryPoints: Object.fromEntries([...specifiers].map((specifier) => [entryOf(specifier), specifier])),
    outdir: vendorDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    logLevel: 'warning',
    // Their own dependencies (pg) stay in node_modules.
    plugins: [{
      name: 'only-vendored',
      setup(plugin) {
        plugin.onResolve({ filter: /^[^./]/ }, (args) => (VENDORED.some((name) => args.path === name || args.path.startsWith(`${name}/`)) ? undefined : { external: true }));
      },
    }],
  });
  for (const file of outputs) {
    const source = fs.readFileSync(file, 'utf8');
    const rewritten = source.replace(pattern, (_, prefix, specifier) => {
      let relative = path.relative(path.dirname(file), path.join(vendorDir, `${entryOf(specifier)}.js`)).split(path.sep).join('/');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return `${prefix}"${relative}"`;
    });
    if (rewritten !== source) fs.writeFileSync(file, rewritten);
  }
}

/** Builds dist/ if it is missing or stale; returns the entry point to import. */
export async function ensureServerBuild({ quiet = false } = {}) {
  const stamp = readStamp();
  const fingerprint = quickFingerprint();
  if (stamp && stamp.fingerprint === fingerprint && fs.existsSync(serverEntry)) return pathToFileURL(serverEntry).href;
  const hash = serverSourceHash();
  if (stamp?.hash === hash && fs.existsSync(serverEntry)) {
    // Touched (a checkout, a copy) but unchanged: remember the new fingerprint.
    fs.writeFileSync(stampFile, `${hash}\n${fingerprint}\n`);
  } else {
    const ms = await buildServer(hash);
    if (!quiet) console.error(`server compiled into dist/ in ${ms} ms`);
  }
  return pathToFileURL(serverEntry).href;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--force')) console.error(`server compiled into dist/ in ${await buildServer()} ms`);
  else await ensureServerBuild();
}
