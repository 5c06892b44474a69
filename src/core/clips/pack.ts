import { and, count, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { clipFavorites, clipNotes, type ClipRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { Clip } from './schema.js';

/**
 * Clips as misskey-js `Clip`, in order. A fixed number of queries for any number of clips: owners,
 * favourite counts, note counts, and the viewer's own favourites. Counts are read from the rows
 * themselves, so concurrent favourites can never leave them wrong.
 */
export async function packClips(ctx: AppContext, rows: readonly ClipRow[], viewer: AuthUser | null): Promise<Clip[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [owners, favoriteCounts, noteCounts, mine] = await Promise.all([
    findUsersForPacking(ctx, [...new Set(rows.map((row) => row.userId))]),
    ctx.db.select({ clipId: clipFavorites.clipId, n: count() }).from(clipFavorites)
      .where(inArray(clipFavorites.clipId, ids)).groupBy(clipFavorites.clipId),
    ctx.db.select({ clipId: clipNotes.clipId, n: count() }).from(clipNotes)
      .where(inArray(clipNotes.clipId, ids)).groupBy(clipNotes.clipId),
    viewer
      ? ctx.db.select({ clipId: clipFavorites.clipId }).from(clipFavorites)
        .where(and(eq(clipFavorites.userId, viewer.id), inArray(clipFavorites.clipId, ids)))
      : Promise.resolve([]),
  ]);
  const favorited = new Map(favoriteCounts.map((row) => [row.clipId, row.n]));
  const noted = new Map(noteCounts.map((row) => [row.clipId, row.n]));
  const myFavorites = new Set(mine.map((row) => row.clipId));
  return rows.flatMap((row) => {
    const owner = owners.get(row.userId);
    if (!owner) return [];
    const packed: Clip = {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastClippedAt: row.lastClippedAt?.toISOString() ?? null,
      userId: row.userId,
      user: packUserLite(ctx, owner, viewer),
      name: row.name,
      description: row.description,
      isPublic: row.isPublic,
      favoritedCount: favorited.get(row.id) ?? 0,
      notesCount: noted.get(row.id) ?? 0,
    };
    if (viewer) packed.isFavorited = myFavorites.has(row.id);
    return [packed];
  });
}

export async function packClip(ctx: AppContext, row: ClipRow, viewer: AuthUser | null): Promise<Clip> {
  const [packed] = await packClips(ctx, [row], viewer);
  if (!packed) throw new Error(`clip ${row.id}: its owner is gone`);
  return packed;
}
