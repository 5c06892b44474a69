import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { closeContext, createContext } from '../src/context.js';
import { createLocalUser } from '../src/core/users/create.js';
import { runExport } from '../src/core/exports/run.js';
import { driveFiles, notes, userExports } from '../src/db/schema/index.js';
import { genId } from '../src/misc/id.js';

/**
 * i/export-notes for one user with many notes, seeded straight into the database, run in this
 * process as its job runs it: time, and this process's RSS (sampled every 20 ms) before and at peak.
 *
 * Usage: node --import tsx bench/export-notes.ts [--notes 100000]
 * Uses a fresh embedded PostgreSQL under $TMPDIR/mikan-bench-export (removed first).
 */
const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const NOTES = arg('notes', 100_000);
const dataDir = path.join(os.tmpdir(), 'mikan-bench-export');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const config = loadConfig({ ...process.env, MIKAN_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
const ctx = await createContext(config);
try {
  const { user } = await createLocalUser(ctx, { username: 'exporter' });
  const start = Date.now() - NOTES * 1000;
  for (let done = 0; done < NOTES; done += 5000) {
    const rows = Array.from({ length: Math.min(5000, NOTES - done) }, (_, i) => {
      const n = done + i;
      return {
        id: genId(start + n * 1000), userId: user.id, visibility: 'public' as const,
        text: `note ${n}: ${'lorem ipsum dolor sit amet '.repeat(1 + (n % 8))}#bench`, tags: ['bench'],
      };
    });
    await ctx.db.insert(notes).values(rows);
  }
  console.log(`seeded ${NOTES} notes`);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const began = performance.now();
  await runExport(ctx, { exportId: genId(), userId: user.id, entity: 'note' }, { progress: () => undefined });
  const seconds = (performance.now() - began) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const [record] = await ctx.db.select().from(userExports).where(eq(userExports.userId, user.id));
  const [file] = await ctx.db.select().from(driveFiles).where(eq(driveFiles.id, record!.fileId));
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`exported ${NOTES} notes in ${seconds.toFixed(1)} s; file ${mb(file!.size)} MB; RSS ${mb(baseline)} MB before, ${mb(peak)} MB peak (+${mb(peak - baseline)} MB)`);
} finally {
  await closeContext(ctx);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
