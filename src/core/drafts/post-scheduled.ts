import { now } from '../../clock.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { noteDrafts, notes } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { createNote, NoteCreateError } from '../notes/create.js';
import { createNotification } from '../notifications/create.js';
import { findUserById } from '../users/read.js';
import { noteInputOf } from './drafts.js';

export interface ScheduledNoteJob { noteDraftId: string }

/** A note with this id exists: the draft was posted by an earlier run that stopped before cleaning up. */
async function noteExists(ctx: AppContext, id: string): Promise<boolean> {
  const [row] = await ctx.db.select({ id: notes.id }).from(notes).where(eq(notes.id, id));
  return row != null;
}

/**
 * Posts a scheduled draft when its time has come (the `postScheduledNote` job), exactly once in
 * effect however often the job runs or is retried: the note's id is reserved on the draft before
 * posting, so a run after a crash finds the note already there and only finishes up (deletes the
 * draft and notifies `scheduledNotePosted`, in one transaction). A draft that was deleted,
 * unscheduled or moved later is left alone (a later job posts it). A note that can no longer be
 * posted (the replied-to note is gone, …) unschedules the draft and notifies
 * `scheduledNotePostFailed`, as Misskey does.
 */
export async function postScheduledNote(ctx: AppContext, job: ScheduledNoteJob): Promise<void> {
  const [reserved] = await ctx.db.update(noteDrafts)
    .set({ postingNoteId: genId() })
    .where(and(eq(noteDrafts.id, job.noteDraftId), eq(noteDrafts.isActuallyScheduled, true), isNull(noteDrafts.postingNoteId)))
    .returning();
  const [draft] = reserved ? [reserved] : await ctx.db.select().from(noteDrafts).where(eq(noteDrafts.id, job.noteDraftId));
  if (!draft || !draft.isActuallyScheduled || draft.postingNoteId == null) return;
  if (draft.scheduledAt && draft.scheduledAt.getTime() > now()) {
    // Rescheduled to later since this job was queued: give the reservation back.
    if (reserved) await ctx.db.update(noteDrafts).set({ postingNoteId: null }).where(eq(noteDrafts.id, draft.id));
    return;
  }
  const noteId = draft.postingNoteId;
  const author = await findUserById(ctx, draft.userId);
  if (!author || author.isSuspended || author.isDeleted) return;

  if (!await noteExists(ctx, noteId)) {
    try {
      const me = { id: author.id, username: author.username, host: author.host, isAdmin: author.isAdmin, isModerator: author.isModerator, isSuspended: author.isSuspended };
      await createNote(ctx, me, noteInputOf(draft), { id: noteId });
    } catch (error) {
      if (error instanceof NoteCreateError) {
        await ctx.db.transaction(async (tx) => {
          await tx.update(noteDrafts).set({ isActuallyScheduled: false, postingNoteId: null }).where(eq(noteDrafts.id, draft.id));
          await createNotification(ctx, tx, { notifieeId: draft.userId, type: 'scheduledNotePostFailed', noteDraftId: draft.id });
        });
        ctx.log.info({ draftId: draft.id, reason: error.reason }, 'scheduled note could not be posted');
        return;
      }
      // Another run posted it at the same moment (unique id).
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx.delete(noteDrafts).where(eq(noteDrafts.id, draft.id)).returning({ id: noteDrafts.id });
    if (deleted.length > 0) await createNotification(ctx, tx, { notifieeId: draft.userId, type: 'scheduledNotePosted', noteId });
  });
}
