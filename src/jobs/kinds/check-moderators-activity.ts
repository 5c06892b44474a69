import type { AppContext } from '../../context.js';
import { checkModeratorsActivity } from '../../core/moderation/inactive-moderators.js';
import { defineJob } from '../define.js';
import { enqueueJob } from '../enqueue.js';

/** The next 00:00 UTC after `now` (Misskey runs this check daily at midnight). */
export function nextMidnightUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Queues the check for the next midnight, unless one is already queued for it: the key names the
 * day, so every process calling this at start, and the day's run queuing the next, make one job.
 */
export async function scheduleModeratorsActivityCheck(ctx: AppContext, now = new Date()): Promise<void> {
  const at = nextMidnightUtc(now);
  await enqueueJob(ctx, ctx.db, checkModeratorsActivityJob, { scheduled: true }, { startAfter: at, singletonKey: `daily:${at.toISOString().slice(0, 10)}` });
}

/**
 * Daily: Misskey's moderator inactivity check (src/core/moderation/inactive-moderators.ts). A
 * scheduled run first queues tomorrow's (so a failing check does not end the chain); a run queued
 * by hand (`{ scheduled: false }`, tests) does only the check.
 */
export const checkModeratorsActivityJob = defineJob<{ scheduled?: boolean }>('checkModeratorsActivity', {
  queue: 'system',
  retryLimit: 3,
  retryDelaySeconds: 60,
  backoff: true,
}, async (ctx, data) => {
  if (data.scheduled) await scheduleModeratorsActivityCheck(ctx);
  await checkModeratorsActivity(ctx);
});
