import { eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { jobProgress } from '../db/schema/index.js';

export interface JobProgress { percent: number; message: string | null; updatedAt: Date }

export async function reportJobProgress(ctx: AppContext, jobId: string, percent: number, message?: string): Promise<void> {
  const clamped = Math.max(0, Math.min(100, Number.isFinite(percent) ? percent : 0));
  await ctx.db.insert(jobProgress).values({ jobId, percent: clamped, message: message ?? null })
    .onConflictDoUpdate({ target: jobProgress.jobId, set: { percent: clamped, message: message ?? null, updatedAt: sql`now()` } });
}

export async function clearJobProgress(ctx: AppContext, jobId: string): Promise<void> {
  await ctx.db.delete(jobProgress).where(eq(jobProgress.jobId, jobId));
}

export async function readJobProgress(ctx: AppContext, jobIds: string[]): Promise<Map<string, JobProgress>> {
  if (jobIds.length === 0) return new Map();
  const rows = await ctx.db.select().from(jobProgress).where(inArray(jobProgress.jobId, jobIds));
  return new Map(rows.map((row) => [row.jobId, { percent: row.percent, message: row.message, updatedAt: row.updatedAt }]));
}
