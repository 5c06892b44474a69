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
