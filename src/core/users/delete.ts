import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followings, followRequests, noteReactions, notes } from '../../db/schema/index.js';
import { publishNoteStream } from '../../bus/topics.js';
import { decodeReaction } from '../reactions/normalize.js';
import { deleteNotes } from '../notes/delete.js';
import { deleteFilesWhere, filesOfUser } from '../moderation/drive.js';
import { removeFollowing } from '../following/follow.js';
import { announceFollowChange } from '../following/events.js';
import { relationsChanged, usersChanged } from '../cache/caches.js';

/** Rows deleted per transaction: small enough that a kill loses little and locks stay short. */
const NOTE_BATCH = 100;
const REACTION_BATCH = 200;

export interface DeletionProgress { (step: string, done: number): Promise<void> }

/**
 * The slow part of deleting an account (Misskey's DeleteAccountProcessor), run by the durable
 * `deleteAccount` job after the account was marked deleted and its tokens revoked: its reactions
 * (the reacted notes' counts lowered), its notes (with the replies, renotes and quotes hanging off
 * them; counts of others' notes lowered), its drive files, its follows both ways and pending
 * follow requests (counts of the other side lowered). Every step works in small committed batches
 * and looks at what is left, so a run killed part-way is simply run again and finishes the work.
 * The `users` row stays as Misskey's deleted-user shell (`isDeleted`, the name reserved).
 */
export async function purgeDeletedAccount(ctx: AppContext, userId: string, progress: DeletionProgress = async () => {}): Promise<void> {
  // Reactions on others' notes: each row and its count go in one transaction.
  let reactions = 0;
  for (;;) {
    const removed = await ctx.db.transaction(async (tx) => {
      const batch = await tx.select({ id: noteReactions.id }).from(noteReactions)
        .where(eq(noteReactions.userId, userId)).orderBy(asc(noteReactions.id)).limit(REACTION_BATCH);
      if (batch.length === 0) return [];
      const rows = await tx.delete(noteReactions)
        .where(sql`${noteReactions.id} IN (${sql.join(batch.map((row) => sql`${row.id}`), sql`, `)})`)
        .returning({ noteId: noteReactions.noteId, reaction: noteReactions.reaction });
      for (const row of rows) {
        await tx.execute(sql`UPDATE notes SET reactions = (CASE WHEN COALESCE((reactions ->> ${row.reaction})::int, 0) <= 1 THEN reactions - ${row.reaction}
          ELSE jsonb_set(reactions, ARRAY[${row.reaction}]::text[], to_jsonb((reactions ->> ${row.reaction})::int - 1)) END) WHERE id = ${row.noteId}`);
      }
      return rows;
    });
    if (removed.length === 0) break;
    for (const row of removed) publishNoteStream(ctx, row.noteId, 'unreacted', { reaction: decodeReaction(row.reaction).reaction, userId });
    reactions += removed.length;
    await progress('reactions', reactions);
  }

  // Notes, oldest first, a batch per transaction (deleteNotes keeps every count exact).
  let deletedNotes = 0;
  let cursor = '';
  for (;;) {
    const batch = await ctx.db.select({ id: notes.id }).from(notes)
      .where(and(eq(notes.userId, userId), gt(notes.id, cursor))).orderBy(asc(notes.id)).limit(NOTE_BATCH);
    if (batch.length === 0) break;
    cursor = batch.at(-1)!.id;
    deletedNotes += (await deleteNotes(ctx, batch.map((row) => row.id))).length;
    await progress('notes', deletedNotes);
  }

  await deleteFilesWhere(ctx, filesOfUser(userId), null, (deleted) => progress('files', deleted));

  // Follows both ways, one pair per transaction (the counts of the other side move with the row).
  const follows = await ctx.db.select({ followerId: followings.followerId, followeeId: followings.followeeId }).from(followings)
    .where(or(eq(followings.followerId, userId), eq(followings.followeeId, userId)));
  const others = new Set<string>();
  for (const pair of follows) {
    const removed = await ctx.db.transaction((tx) => removeFollowing(tx, pair.followerId, pair.followeeId));
    if (removed) announceFollowChange(ctx, 'unfollow', pair.followerId, pair.followeeId);
    others.add(pair.followerId === userId ? pair.followeeId : pair.followerId);
  }
  await ctx.db.delete(followRequests).where(or(eq(followRequests.followerId, userId), eq(followRequests.followeeId, userId)));
  await progress('follows', follows.length);
  if (others.size > 0) relationsChanged(ctx, userId, ...others);
  usersChanged(ctx, userId);
}
