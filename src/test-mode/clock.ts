import type { AppContext } from '../context.js';
import { clockOffset, now, shiftClock } from '../clock.js';
import { JOB_SCHEMA } from '../jobs/queue.js';

/** How long `advanceClock` waits for the jobs that became due before it answers anyway. */
const SETTLE_TIMEOUT_MS = 10_000;

/**
 * Moves the server's clock `ms` forward. Waiting jobs (scheduled notes, poll ends, …) are kept by
 * pg-boss against the database's real time, so they are moved as much earlier; then this waits
 * until the ones that became due have run, so a test can check their effect as soon as this returns.
 */
export async function advanceClock(ctx: AppContext, ms: number): Promise<{ now: string; offsetMs: number }> {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward, by a finite number of milliseconds');
  shiftClock(ms);
  await ctx.database.pool.query(
    `UPDATE ${JOB_SCHEMA}.job SET start_after = start_after - make_interval(secs => $1::double precision / 1000)
     WHERE state IN ('created', 'retry') AND start_after > now()`, [ms]);
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { rows } = await ctx.database.pool.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`);
    if (rows[0]!.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { now: new Date(now()).toISOString(), offsetMs: clockOffset() };
}
