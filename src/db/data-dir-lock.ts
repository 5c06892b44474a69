import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * One Mikan per data directory. The embedded PostgreSQL in a data directory belongs to the Mikan
 * process that started it; a second process must not start, stop or clean up after it.
 *
 * The lock is a listening Unix socket, which the kernel removes when the process dies however it
 * dies (kill -9 included), so a dead owner never leaves a stale lock behind. On Linux the socket
 * lives in the abstract namespace, named after the data directory's device and inode: binding it
 * is atomic, so two processes starting together cannot both win. Elsewhere (macOS) it is a socket
 * file inside the data directory; a file left by a dead owner refuses connections and is replaced.
 * Whoever connects is told the owner's pid, for the message. Reasons and limits: docs/decisions.md.
 */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly ownerPid: number | null) {
    super(`MIKAN_DATA_DIR ${dataDir} is in use by another Mikan${ownerPid ? ` (pid ${ownerPid})` : ''}: stop it first, or give this one another MIKAN_DATA_DIR`);
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'mikan.lock.sock';

function lockAddress(dataDir: string): { address: string; file: string | null } {
  if (process.platform === 'linux') {
    const { dev, ino } = fs.statSync(dataDir);
    return { address: `\0mikan-data-dir-${dev}-${ino}`, file: null };
  }
  const file = path.join(dataDir, LOCK_FILE);
  return { address: file, file };
}

function listen(server: net.Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error);
    server.once('error', onError);
    server.listen(address, () => {
      server.removeListener('error', onError);
      resolve(null);
    });
  });
}

/** Connects to the lock: the owner's pid if one answers, null if nobody listens (a stale file). */
function askOwner(address: string): Promise<{ alive: boolean; pid: number | null }> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(address);
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('end', () => resolve({ alive: true, pid: Number.parseInt(answer, 10) || null }));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ alive: error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT', pid: null }));
  });
}

/** Takes the data directory for this process's lifetime, or throws DataDirInUseError. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const { address, file } = lockAddress(dataDir);
  for (let attempt = 0; ; attempt++) {
    const server = net.createServer((socket) => socket.end(`${process.pid}\n`));
    const error = await listen(server, address);
    if (!error) {
      // The lock must not keep the event loop alive on its own.
      server.unref();
      return { release: () => new Promise((resolve) => server.close(() => resolve())) };
    }
    if (error.code !== 'EADDRINUSE') throw error;
    const owner = await askOwner(address);
    if (owner.alive || !file || attempt > 0) throw new DataDirInUseError(dataDir, owner.pid);
    // A socket file whose owner died: nobody listens on it any more.
    fs.rmSync(file, { force: true });
  }
}
