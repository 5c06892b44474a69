import { pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Progress a running job reported (`job.progress(…)` in src/jobs): pg-boss has no such field. One
 * row per job while it runs, removed when it completes; `mikan jobs` and admin/queue/* read it.
 */
export const jobProgress = pgTable('job_progress', {
  jobId: uuid('job_id').primaryKey(),
  /** 0–100. */
  percent: real('percent').notNull(),
  message: text('message'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
