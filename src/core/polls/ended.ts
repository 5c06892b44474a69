import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { createNotification } from '../notifications/create.js';

export class PollNotEndedError extends Error {}

/**
 * Sends `pollEnded` for the poll of `noteId`, once: in one transaction it claims the poll
 * (`UPDATE … SET ended_notified_at = now() WHERE ended_notified_at IS NULL … RETURNING`, so a second
 * run — a retry, or the job run again after its process was killed — finds nothing to do) and writes
 * the notifications, to the author and to every local voter (Misskey). If the process dies before
 * the commit, the claim rolls back with the notifications and the job's next run sends them. The
 * author's own notification has no notifier (it is about their poll); the voters' come from the
 * author, so mutes and blocks apply to them. Answers whether this call sent them; throws
 * `PollNotEndedError` when the poll has not ended yet (the job is then retried).
 */
export async function notifyPollEnded(ctx: AppContext, noteId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const { rows: [poll] } = await tx.execute<{ user_id: string; ended: boolean }>(sql`
      SELECT user_id, expires_at <= now() AS ended FROM polls
      WHERE note_id = ${noteId} AND expires_at IS NOT NULL AND ended_notified_at IS NULL
      FOR UPDATE`);
    // Deleted note (the poll went with it), a poll without an end, or already sent: nothing to do.
    if (!poll) return false;
    if (!poll.ended) throw new PollNotEndedError(`the poll of note ${noteId} has not ended yet`);
    await tx.execute(sql`UPDATE polls SET ended_notified_at = now() WHERE note_id = ${noteId}`);
    const { rows: voters } = await tx.execute<{ user_id: string }>(sql`
      SELECT DISTINCT v.user_id FROM poll_votes v JOIN users u ON u.id = v.user_id
      WHERE v.note_id = ${noteId} AND u.host IS NULL AND NOT u.is_deleted`);
    await createNotification(ctx, tx, { notifieeId: poll.user_id, notifierId: null, type: 'pollEnded', noteId });
    for (const voter of voters) {
      if (voter.user_id === poll.user_id) continue;
      await createNotification(ctx, tx, { notifieeId: voter.user_id, notifierId: poll.user_id, type: 'pollEnded', noteId });
    }
    return true;
  });
}

/** Polls still waiting for their `pollEnded` (for the jobs of polls created before jobs existed). */
export async function pendingPollEnds(ctx: AppContext, afterNoteId: string | null, limit: number): Promise<{ noteId: string; expiresAt: Date }[]> {
  const { rows } = await ctx.db.execute<{ note_id: string; expires_at: Date | string }>(sql`
    SELECT note_id, expires_at FROM polls
    WHERE expires_at IS NOT NULL AND ended_notified_at IS NULL
      ${afterNoteId ? sql`AND note_id > ${afterNoteId}` : sql``}
    ORDER BY note_id LIMIT ${limit}`);
  return rows.map((row) => ({ noteId: row.note_id, expiresAt: new Date(row.expires_at) }));
}
