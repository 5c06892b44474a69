import { and, desc, eq, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { clipFavorites, clips, type ClipRow } from '../../db/schema/index.js';
import { foreignKeyViolation } from '../../db/errors.js';
import { genId } from '../../misc/id.js';
import { findReadableClip } from './clips.js';

/**
 * Favourites of clips. The unique (user, clip) pair decides races, and counts are read from these
 * rows (pack.ts), so concurrent favourites keep them exact. The owner may favourite their own clip,
 * as in Misskey.
 */

export async function favoriteClip(ctx: AppContext, userId: string, clipId: string): Promise<'ok' | 'noSuchClip' | 'alreadyFavorited'> {
  const clip = await findReadableClip(ctx, clipId, userId);
  if (!clip) return 'noSuchClip';
  try {
    const inserted = await ctx.db.insert(clipFavorites).values({ id: genId(), userId, clipId: clip.id })
      .onConflictDoNothing().returning({ id: clipFavorites.id });
    return inserted.length > 0 ? 'ok' : 'alreadyFavorited';
  } catch (error) {
    // The clip was deleted between the read and the insert.
    if (foreignKeyViolation(error)) return 'noSuchClip';
    throw error;
  }
}

/**
 * Takes a favourite back. A favourite of a clip that has become private since can still be taken
 * back; otherwise a clip the user cannot read is `noSuchClip`, as if it did not exist.
 */
export async function unfavoriteClip(ctx: AppContext, userId: string, clipId: string): Promise<'ok' | 'noSuchClip' | 'notFavorited'> {
  const removed = await ctx.db.delete(clipFavorites)
    .where(and(eq(clipFavorites.userId, userId), eq(clipFavorites.clipId, clipId))).returning({ id: clipFavorites.id });
  if (removed.length > 0) return 'ok';
  return await findReadableClip(ctx, clipId, userId) ? 'notFavorited' : 'noSuchClip';
}

/**
 * `clips/my-favorites`: the clips the user favourited, newest favourite first — those they can still
 * read (a clip made private by its owner drops out, as private clips are nobody else's business).
 */
export async function listFavoriteClips(ctx: AppContext, userId: string): Promise<ClipRow[]> {
  const rows = await ctx.db.select({ clip: clips }).from(clipFavorites).innerJoin(clips, eq(clips.id, clipFavorites.clipId))
    .where(and(eq(clipFavorites.userId, userId), or(eq(clips.isPublic, true), eq(clips.userId, userId))))
    .orderBy(desc(clipFavorites.id));
  return rows.map((row) => row.clip);
}
