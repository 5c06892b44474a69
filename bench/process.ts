import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * Starts `node <command>` and resolves once its output contains `readyText`. With
 * `BENCH_SERVER_LOG=<file>` the child's whole output is also written to that file.
 */
export function start(command: string[], env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const log = process.env.BENCH_SERVER_LOG ? fs.createWriteStream(process.env.BENCH_SERVER_LOG) : null;
    const onData = (chunk: Buffer) => {
      log?.write(chunk);
      output += chunk;
      if (output.includes(readyText)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

/** SIGTERM, resolved when the process has exited. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Environment for `--server-workers N`: Mikan as N worker processes (MIKAN_WORKERS), which need
 * Redis (REDIS_URL, default the machine's 127.0.0.1:6379) under a prefix of this run's own.
 */
export function workersEnv(workers: number): Record<string, string> {
  if (workers <= 1) return {};
  return { MIKAN_WORKERS: String(workers), REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', MIKAN_REDIS_PREFIX: `mikan-bench-${process.pid}` };
}

/** The fields of `/proc/PID/stat` after the command name (index 11 = utime, 12 = stime, 13/14 = reaped children's). */
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The process's children now running (none if it is gone). */
function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds (user + system) and RSS of one process, from /proc. */
export function processStats(pid: number): { cpu: number; rssMb: number } {
  const fields = statFields(pid);
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpu: ticks / 100, rssMb: rss / 1024 };
}

/**
 * CPU seconds of a process and all its descendants, living or ended: its own time, the time of the
 * children it has reaped (cutime + cstime) and the time of the children still running. Unlike a
 * sum over the processes alive at each reading, it never goes back when a child exits.
 */
export function processTreeCpu(pid: number): number {
  const fields = statFields(pid);
  let seconds = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  for (const child of childPids(pid)) {
    try { seconds += processTreeCpu(child); } catch { /* exited meanwhile: counted in cutime from now on */ }
  }
  return seconds;
}

/**
 * CPU seconds and RSS of Mikan: the process started and, with workers, its worker processes (its
 * `node` children; the embedded PostgreSQL is counted apart). A worker that exited is not counted.
 */
export function mikanStats(pid: number): { cpu: number; rssMb: number } {
  const total = processStats(pid);
  for (const child of childPids(pid)) {
    try {
      if (fs.readFileSync(`/proc/${child}/comm`, 'utf8').trim() !== 'node') continue;
      const stats = processStats(child);
      total.cpu += stats.cpu;
      total.rssMb += stats.rssMb;
    } catch { /* exited meanwhile */ }
  }
  return total;
}
