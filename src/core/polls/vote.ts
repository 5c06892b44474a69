import { now } from '../../clock.js';
import { foreignKeyViolation } from '../../db/errors.js';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { polls, pollVotes } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { publishNoteStream } from '../../bus/topics.js';
import type { AuthUser } from '../auth/authenticate.js';
import { findActionableNote } from '../reactions/reactions.js';

export type VoteError = 'noSuchNote' | 'youHaveBeenBlocked' | 'noPoll' | 'alreadyExpired' | 'invalidChoice' | 'alreadyVoted';

class Refused extends Error {
  constructor(readonly reason: VoteError) { super(reason); }
}

/**
 * Votes in a note's poll (Misskey's order of refusals: note, block, poll, expiry, choice, double
 * vote). The vote and the count move in one transaction that starts by locking the poll row with
 * the increment itself, so votes of one poll are serialised: an expired poll or a second vote
 * (any second choice in a single-choice poll, the same choice in a multiple one) is refused even
 * when requests race, and no increment is lost.
 */
export async function votePoll(ctx: AppContext, user: AuthUser, noteId: string, choice: number): Promise<VoteError | null> {
  const found = await findActionableNote(ctx, noteId, user);
  if (typeof found === 'string') return found;
  if (!found.hasPoll) return 'noPoll';
  try {
    await ctx.db.transaction(async (tx) => {
      const [poll] = await tx.select().from(polls).where(eq(polls.noteId, found.id)).for('update');
      if (!poll) throw new Refused('noPoll');
      if (poll.expiresAt && poll.expiresAt.getTime() < now()) throw new Refused('alreadyExpired');
      if (!Number.isInteger(choice) || choice < 0 || choice >= poll.choices.length) throw new Refused('invalidChoice');
      const mine = await tx.select({ choice: pollVotes.choice }).from(pollVotes)
        .where(and(eq(pollVotes.noteId, found.id), eq(pollVotes.userId, user.id)));
      if (mine.length > 0 && (!poll.multiple || mine.some((vote) => vote.choice === choice))) throw new Refused('alreadyVoted');
      await tx.insert(pollVotes).values({ id: genId(), noteId: found.id, userId: user.id, choice });
      // PostgreSQL arrays are 1-based.
      const index = choice + 1;
      await tx.execute(sql`UPDATE ${polls} SET votes[${index}::int] = votes[${index}::int] + 1 WHERE ${polls.noteId} = ${found.id}`);
    });
  } catch (error) {
    if (error instanceof Refused) return error.reason;
    if (foreignKeyViolation(error)) return 'noSuchNote';
    throw error;
  }
  publishNoteStream(ctx, found.id, 'pollVoted', { choice, userId: user.id });
  return null;
}
