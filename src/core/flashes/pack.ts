import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { flashLikes, type FlashRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { Flash } from './schema.js';

/** Plays as misskey-js `Flash`, in order: one query for the owners, one for the viewer's likes. */
export async function packFlashes(ctx: AppContext, rows: readonly FlashRow[], viewer: AuthUser | null): Promise<Flash[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [owners, mine] = await Promise.all([
    findUsersForPacking(ctx, [...new Set(rows.map((row) => row.userId))]),
    viewer
      ? ctx.db.select({ flashId: flashLikes.flashId }).from(flashLikes).where(and(eq(flashLikes.userId, viewer.id), inArray(flashLikes.flashId, ids)))
      : Promise.resolve([]),
  ]);
  const liked = new Set(mine.map((row) => row.flashId));
  return rows.flatMap((row) => {
    const owner = owners.get(row.userId);
    if (!owner) return [];
    const packed: Flash = {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      userId: row.userId,
      user: packUserLite(ctx, owner, viewer),
      title: row.title,
      summary: row.summary,
      script: row.script,
      visibility: row.visibility,
      likedCount: row.likedCount,
    };
    if (viewer) packed.isLiked = liked.has(row.id);
    return [packed];
  });
}

export async function packFlash(ctx: AppContext, row: FlashRow, viewer: AuthUser | null): Promise<Flash> {
  const [packed] = await packFlashes(ctx, [row], viewer);
  if (!packed) throw new Error(`flash ${row.id}: its owner is gone`);
  return packed;
}
