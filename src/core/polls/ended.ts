import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { createNotification } from '../notifications/create.js';

/** Polls handled per transaction; the sweeper loops until a batch comes back short. */
const BATCH = 100;

/**
 * Sends `pollEnded` for polls whose time is up, once each: in one transaction it claims up to
 * `BATCH` of them (`UPDATE … SET ended_notified_at = now() … RETURNING`, rows picked with
 * `FOR UPDATE SKIP LOCKED`, so two processes never claim the same poll and neither waits for the
 * other) and writes the notifications — to the author and to every local voter (Misskey). If the
 * process dies before the commit, the claim rolls back with the notifications and the next sweep
 * (in any process) takes the poll again. The author's own notification has no notifier (it is about
 * their poll); the voters' come from the author, so mutes and blocks apply to them. Answers how
 * many polls were handled.
 */
export async function notifyEndedPolls(ctx: AppContext, limit = BATCH): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { rows: ended } = await tx.execute<{ note_id: string; user_id: string }>(sql`
      UPDATE polls SET ended_notified_at = now()
      WHERE note_id IN (
        SELECT note_id FROM polls
        WHERE expires_at IS NOT NULL AND ended_notified_at IS NULL AND expires_at <= now()
        ORDER BY expires_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING note_id, user_id`);
    if (ended.length === 0) return 0;
    const noteIds = ended.map((poll) => poll.note_id);
    const { rows: voters } = await tx.execute<{ note_id: string; user_id: string }>(sql`
      SELECT DISTINCT v.note_id, v.user_id FROM poll_votes v JOIN users u ON u.id = v.user_id
      WHERE v.note_id IN (${sql.join(noteIds.map((id) => sql`${id}`), sql`, `)})
        AND u.host IS NULL AND NOT u.is_deleted`);
    for (const poll of ended) {
      await createNotification(ctx, tx, { notifieeId: poll.user_id, notifierId: null, type: 'pollEnded', noteId: poll.note_id });
      for (const voter of voters) {
        if (voter.note_id !== poll.note_id || voter.user_id === poll.user_id) continue;
        await createNotification(ctx, tx, { notifieeId: voter.user_id, notifierId: poll.user_id, type: 'pollEnded', noteId: poll.note_id });
      }
    }
    return ended.length;
  });
}

export interface Sweeper { stop(): Promise<void> }

/**
 * The durable job behind `pollEnded`: every `intervalMs` it sends what is due (see
 * `notifyEndedPolls`). Nothing is kept in memory between sweeps, so a restart loses nothing and
 * several processes may each run one. `stop` waits for a sweep in progress.
 */
export function startPollEndSweeper(ctx: AppContext, intervalMs: number): Sweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const sweep = async () => {
    try {
      while (!stopped && await notifyEndedPolls(ctx) === BATCH) { /* more are due */ }
    } catch (error) {
      if (!stopped) ctx.log.warn({ err: error }, 'poll end sweep failed; retrying next interval');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweep().finally(() => { running = null; schedule(); });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
