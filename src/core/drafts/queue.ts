import { and, asc, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { noteDrafts, type NoteDraftRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { postScheduledNoteJob } from '../../jobs/kinds/post-scheduled-note.js';

/**
 * Queues the posting of a scheduled draft at its time, in the transaction that scheduled it. The
 * key holds one job per draft and time: scheduling again for the same time adds none, a new time
 * adds one (the job for the old time then finds the draft not due and posts nothing).
 */
export async function scheduleDraftPosting(ctx: AppContext, executor: Executor, draft: NoteDraftRow): Promise<void> {
  const at = draft.scheduledAt!;
  await enqueueJob(ctx, executor, postScheduledNoteJob, { noteDraftId: draft.id }, { startAfter: at, singletonKey: `${draft.id}:${at.getTime()}` });
}

/**
 * At start, every scheduled draft gets its job again: the key makes this a no-op where the job is
 * waiting or running, and brings back the ones a restored backup (which holds no queued jobs) lost.
 */
export async function enqueuePendingScheduledNotes(ctx: AppContext): Promise<void> {
  let after = '';
  for (;;) {
    const batch = await ctx.db.select().from(noteDrafts)
      .where(and(eq(noteDrafts.isActuallyScheduled, true), gt(noteDrafts.id, after)))
      .orderBy(asc(noteDrafts.id)).limit(500);
    for (const draft of batch) if (draft.scheduledAt) await scheduleDraftPosting(ctx, ctx.db, draft);
    if (batch.length < 500) return;
    after = batch.at(-1)!.id;
  }
}
