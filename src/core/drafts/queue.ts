import type { AppContext } from '../../context.js';
import type { NoteDraftRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { postScheduledNote } from './post-scheduled.js';

/**
 * Queues the posting of a scheduled draft at its time, with the write that scheduled it.
 * Until the durable queue (src/jobs) is merged: a timer in this process, after the commit.
 */
export async function scheduleDraftPosting(ctx: AppContext, _executor: Executor, draft: NoteDraftRow): Promise<void> {
  const delay = Math.max(0, draft.scheduledAt!.getTime() - Date.now());
  setTimeout(() => {
    void postScheduledNote(ctx, { noteDraftId: draft.id }).catch((error) => ctx.log.warn({ err: error, draftId: draft.id }, 'scheduled note failed'));
  }, delay + 50).unref();
}
