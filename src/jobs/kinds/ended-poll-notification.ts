import type { AppContext } from '../../context.js';
import { defineJob } from '../define.js';
import { enqueueJob } from '../enqueue.js';
import { notifyPollEnded, pendingPollEnds } from '../../core/polls/ended.js';

/**
 * `pollEnded` notifications for one poll, enqueued with the note (startAfter: the poll's end,
 * singletonKey: the note id). Idempotent: `notifyPollEnded` claims the poll before it writes.
 */
export const endedPollNotification = defineJob<{ noteId: string }>('endedPollNotification', {
  queue: 'endedPollNotification',
  retryLimit: 10,
  retryDelaySeconds: 5,
  backoff: true,
  retryDelayMaxSeconds: 600,
}, async (ctx, { noteId }) => {
  await notifyPollEnded(ctx, noteId);
});

/**
 * Polls created before their end was a job (the old interval sweep) get their job at start; the
 * singletonKey makes this a no-op for polls whose job is waiting or running.
 */
export async function enqueuePendingPollEnds(ctx: AppContext): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const batch = await pendingPollEnds(ctx, after, 500);
    for (const poll of batch) {
      await enqueueJob(ctx, ctx.db, endedPollNotification, { noteId: poll.noteId }, { startAfter: poll.expiresAt, singletonKey: poll.noteId });
    }
    if (batch.length < 500) return;
    after = batch.at(-1)!.noteId;
  }
}
