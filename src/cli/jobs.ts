import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Config } from '../config.js';
import * as schema from '../db/schema/index.js';
import { QUEUE_NAMES } from '../jobs/define.js';
import { JOB_KINDS } from '../jobs/registry.js';
import { activeJobs, queueCounts, type JobsReader } from '../jobs/admin.js';

/**
 * `mikan jobs [--watch]`: the queues with their counts, and a progress bar for each running job that
 * reports progress. Reads the database of a running Mikan (DATABASE_URL, or the embedded
 * PostgreSQL's socket in MIKAN_DATA_DIR, which runs while the server does); changes nothing.
 */
export async function runJobs(config: Config, args: string[]): Promise<number> {
  const connection = connectionOf(config);
  if (!connection) {
    console.error(`No running Mikan found: the embedded PostgreSQL is not running in ${config.dataDir} (start Mikan, or set DATABASE_URL).`);
    return 1;
  }
  const pool = new pg.Pool({ ...connection, max: 2 });
  const reader: JobsReader = { db: drizzle(pool, { schema }), jobs: { kinds: new Map(JOB_KINDS.map((kind) => [kind.name, kind])) } };
  try {
    if (!args.includes('--watch')) {
      process.stdout.write(await render(reader));
      return 0;
    }
    let stopped = false;
    process.on('SIGINT', () => { stopped = true; });
    while (!stopped) {
      process.stdout.write(`\x1b[H\x1b[2J${await render(reader)}\n(refreshing every second; Ctrl-C stops)\n`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return 0;
  } finally {
    await pool.end();
  }
}

function connectionOf(config: Config): pg.PoolConfig | null {
  if (config.databaseUrl) return { connectionString: config.databaseUrl };
  const socketDir = path.join(config.dataDir, 'run');
  if (!fs.existsSync(path.join(socketDir, '.s.PGSQL.5433'))) return null;
  const password = fs.readFileSync(path.join(config.dataDir, 'postgres.password'), 'utf8').trim();
  return { host: socketDir, port: 5433, user: 'postgres', password, database: 'postgres' };
}

export function progressBar(percent: number, width = 30): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.max(0, Math.min(100, percent)).toFixed(0).padStart(3)}%`;
}

async function render(reader: JobsReader): Promise<string> {
  const lines = [`${'queue'.padEnd(22)}${['waiting', 'active', 'delayed', 'completed', 'failed'].map((h) => h.padStart(10)).join('')}`];
  for (const queue of QUEUE_NAMES) {
    const counts = await queueCounts(reader, queue);
    lines.push(`${queue.padEnd(22)}${[counts.waiting, counts.active, counts.delayed, counts.completed, counts.failed].map((n) => String(n).padStart(10)).join('')}`);
  }
  const running = await activeJobs(reader);
  lines.push('', running.length === 0 ? 'No job is running.' : 'Running:');
  for (const job of running) {
    const since = job.startedAt ? `${Math.round((Date.now() - job.startedAt.getTime()) / 1000)} s` : '';
    const bar = job.progress ? `${progressBar(job.progress.percent)} ${job.progress.message ?? ''}` : '(no progress reported)';
    lines.push(`  ${job.kind} ${job.id} attempt ${job.attempts}/${job.maxAttempts} ${since}`, `    ${bar}`);
  }
  return `${lines.join('\n')}\n`;
}
