import type { AppContext } from '../../context.js';
import type { NoteDraftRow } from '../../db/schema/index.js';
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
