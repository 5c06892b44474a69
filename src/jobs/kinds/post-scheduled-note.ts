import { defineJob } from '../define.js';
import { postScheduledNote, type ScheduledNoteJob } from '../../core/drafts/post-scheduled.js';

/**
 * Posts a scheduled draft at its time (enqueued with the draft's write, startAfter: scheduledAt).
 * postScheduledNote is idempotent (the note id is reserved on the draft), so a run repeated after
 * a crash or a retry posts nothing twice.
 */
export const postScheduledNoteJob = defineJob<ScheduledNoteJob>('postScheduledNote', {
  queue: 'postScheduledNote',
  retryLimit: 10,
  retryDelaySeconds: 5,
  backoff: true,
  retryDelayMaxSeconds: 600,
}, async (ctx, job) => {
  await postScheduledNote(ctx, job);
});
