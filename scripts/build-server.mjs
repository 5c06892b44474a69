#!/usr/bin/env node
// Compiles the server's TypeScript (src/, tests excluded) into JavaScript in dist/ with esbuild,
// only when dist/ is missing or was built from other sources. `npm install` builds it (the
// `prepare` script) and `npm start` checks it before every start, so production runs plain
// JavaScript: loading the sources through tsx took about two seconds of every start (a loader
// thread transforming 540 files) and tens of MiB of memory. Development keeps tsx (`npm run dev`,
// the tests through vitest).
//
// dist/ is a bundle: dist/main.js and a few shared chunks beside it hold all of Mikan's modules
// and drizzle-orm; the other packages stay in node_modules. Node's ESM loader resolving, reading
// and linking ~600 modules of Mikan's own and ~110 of drizzle's was most of the start after tsx
// had gone (and Node 24 re-parses drizzle's 179 KB package.json for each of its modules: ~135 MB
// of garbage that stayed as heap). What the bundle changes in the sources, so that they behave
// as they do unbundled:
// - `import.meta.url` in a source file names where that file would be compiled to
//   (src/web/spa.ts → dist/web/spa.js), so paths it resolves from its own location (web/dist,
//   package.json, the migrations) hold;
// - api/registry.ts, which scans the endpoint directory in development, becomes a static index
//   of the endpoint files;
// - the SQL migrations are copied to dist/db/migrations.
// The freshness check is a content hash of the sources, esbuild's version and this script, kept
// in dist/.source-hash, as the web client's is; hashing 540 files costs 50–200 ms, so a start
// first compares the files' count and newest modification time with what the stamp recorded and
// hashes only when they differ.
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

/** Packages bundled into dist/ rather than loaded from node_modules (see the header). */
const BUNDLED_PACKAGES = ['drizzle-orm'];
const ENDPOINTS_DIR = path.join(srcDir, 'api', 'endpoints');
const REGISTRY = path.join(srcDir, 'api', 'registry.ts');

/** The endpoint files, as api/registry.ts finds them at run time in development. */
function endpointFiles() {
  return listFiles(ENDPOINTS_DIR)
    .map((file) => path.relative(ENDPOINTS_DIR, file).split(path.sep).join('/'))
    .filter((file) => isSource(file))
    .sort();
}

/** api/registry.ts for the bundle: the same `loadEndpoints()`, from static imports. */
function staticRegistry() {
  const files = endpointFiles();
  return [
    "import type { Endpoint, NamedEndpoint } from './define.js';",
    ...files.map((file, index) => `import endpoint${index} from './endpoints/${file.replace(/\.ts$/, '.js')}';`),
    `const modules: [string, Endpoint][] = [${files.map((file, index) => `[${JSON.stringify(file.replace(/\.ts$/, ''))}, endpoint${index}]`).join(', ')}];`,
    'const endpoints = modules.map(([name, endpoint]) => ({ name, ...endpoint }) as NamedEndpoint).sort((a, b) => a.name.localeCompare(b.name));',
    'export function loadEndpoints(): Promise<NamedEndpoint[]> { return Promise.resolve(endpoints); }',
  ].join('\n');
}

const mikanSources = {
  name: 'mikan-sources',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.some((name) => args.path === name || args.path.startsWith(`${name}/`)) ? undefined : { external: true }));
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(srcDir + path.sep)) return undefined;
      const compiledPath = path.relative(srcDir, args.path).replace(/\.ts$/, '.js').split(path.sep).join('/');
      let contents = args.path === REGISTRY ? staticRegistry() : await fs.promises.readFile(args.path, 'utf8');
      // Chunks sit beside main.js in dist/, so this is dist/<compiledPath> from any of them.
      contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(compiledPath)}, import.meta.url).href`);
      return { contents, loader: 'ts' };
    });
  },
};

/** Bundles src/ into a fresh directory and swaps it in for dist/. */
export async function buildServer(hash = serverSourceHash()) {
  const { build } = await import('esbuild');
  const began = Date.now();
  const staging = `${serverDistDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  await build({
    // test-mode.js: the package's library entry (package.json "exports", startTestServer).
    entryPoints: { main: path.join(srcDir, 'main.ts'), 'test-mode': path.join(srcDir, 'test-mode', 'index.ts') },
    outdir: staging,
    bundle: true,
    // What main.ts imports lazily (the application, which a cluster's primary never loads; the
    // commands) goes into chunks loaded on demand.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    logLevel: 'warning',
    // Names appear in logs and stack traces as they are written.
    keepNames: true,
    plugins: [mikanSources],
  });
  for (const file of listFiles(srcDir).filter((f) => !f.endsWith('.ts'))) {
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
