import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { flashLikes, flashes, type FlashRow, type FlashVisibility } from '../../db/schema/index.js';
import { foreignKeyViolation } from '../../db/errors.js';
import { genId } from '../../misc/id.js';
import { paginate, type Page } from '../pagination.js';

/**
 * Plays (Misskey's `flash/*`). A private Play exists for its owner only: every read takes the viewer
 * and finds either their own Play or a public one, so others get `NO_SUCH_FLASH` exactly as for a
 * Play that does not exist. Mikan stores the AiScript; it never runs it (docs/decisions.md).
 */

const readableBy = (viewerId: string | null) =>
  viewerId ? or(eq(flashes.visibility, 'public'), eq(flashes.userId, viewerId)) : eq(flashes.visibility, 'public');

/** A Play the viewer may read: their own, or any public one. Null for everything else. */
export async function findReadableFlash(ctx: AppContext, flashId: string, viewerId: string | null): Promise<FlashRow | null> {
  const [flash] = await ctx.db.select().from(flashes).where(and(eq(flashes.id, flashId), readableBy(viewerId))).limit(1);
  return flash ?? null;
}

export interface FlashFields { title: string; summary: string; script: string; permissions: string[]; visibility?: FlashVisibility }

export async function createFlash(ctx: AppContext, ownerId: string, fields: FlashFields): Promise<FlashRow> {
  const now = new Date();
  const [flash] = await ctx.db.insert(flashes).values({
    id: genId(), userId: ownerId, title: fields.title, summary: fields.summary, script: fields.script,
    permissions: fields.permissions, visibility: fields.visibility ?? 'public', createdAt: now, updatedAt: now,
  }).returning();
  return flash!;
}

/** Why a change to a Play was refused: the endpoints' declared errors. */
export type FlashRefusal = 'noSuchFlash' | 'accessDenied';

/**
 * Changes the given fields of the owner's Play. Someone else's public Play is `accessDenied`;
 * someone else's private one does not exist for them (`noSuchFlash`).
 */
export async function updateFlash(ctx: AppContext, userId: string, flashId: string, change: Partial<FlashFields>): Promise<{ flash: FlashRow } | { error: FlashRefusal }> {
  const flash = await findReadableFlash(ctx, flashId, userId);
  if (!flash) return { error: 'noSuchFlash' };
  if (flash.userId !== userId) return { error: 'accessDenied' };
  const patch: Partial<FlashRow> = { updatedAt: new Date() };
  for (const key of ['title', 'summary', 'script', 'permissions', 'visibility'] as const) {
    if (change[key] !== undefined) (patch as Record<string, unknown>)[key] = change[key];
  }
  const [updated] = await ctx.db.update(flashes).set(patch).where(eq(flashes.id, flash.id)).returning();
  return updated ? { flash: updated } : { error: 'noSuchFlash' };
}

/** Deletes the owner's Play with its likes (cascade). */
export async function deleteFlash(ctx: AppContext, userId: string, flashId: string): Promise<'ok' | FlashRefusal> {
  const flash = await findReadableFlash(ctx, flashId, userId);
  if (!flash) return 'noSuchFlash';
  if (flash.userId !== userId) return 'accessDenied';
  await ctx.db.delete(flashes).where(eq(flashes.id, flash.id));
  return 'ok';
}

/**
 * Likes a Play someone else made. The unique (user, Play) pair decides races; `likedCount` moves in
 * the same transaction as the like row, so it stays exact.
 */
export async function likeFlash(ctx: AppContext, userId: string, flashId: string): Promise<'ok' | 'noSuchFlash' | 'yourFlash' | 'alreadyLiked'> {
  const flash = await findReadableFlash(ctx, flashId, userId);
  if (!flash) return 'noSuchFlash';
  if (flash.userId === userId) return 'yourFlash';
  try {
    return await ctx.db.transaction(async (tx) => {
      const inserted = await tx.insert(flashLikes).values({ id: genId(), userId, flashId: flash.id })
        .onConflictDoNothing().returning({ id: flashLikes.id });
      if (inserted.length === 0) return 'alreadyLiked' as const;
      await tx.update(flashes).set({ likedCount: sql`${flashes.likedCount} + 1` }).where(eq(flashes.id, flash.id));
      return 'ok' as const;
    });
  } catch (error) {
    // The Play was deleted between the read and the insert.
    if (foreignKeyViolation(error)) return 'noSuchFlash';
    throw error;
  }
}

/** Takes a like back (also of a Play made private since). */
export async function unlikeFlash(ctx: AppContext, userId: string, flashId: string): Promise<'ok' | 'noSuchFlash' | 'notLiked'> {
  const removed = await ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(flashLikes).where(and(eq(flashLikes.userId, userId), eq(flashLikes.flashId, flashId))).returning({ id: flashLikes.id });
    if (rows.length > 0) {
      await tx.update(flashes).set({ likedCount: sql`greatest(${flashes.likedCount} - 1, 0)` }).where(eq(flashes.id, flashId));
    }
    return rows.length > 0;
  });
  if (removed) return 'ok';
  return await findReadableFlash(ctx, flashId, userId) ? 'notLiked' : 'noSuchFlash';
}

/** `flash/featured`: public Plays, most liked first (Misskey), by offset. */
export async function listFeaturedFlashes(ctx: AppContext, offset: number, limit: number): Promise<FlashRow[]> {
  return ctx.db.select().from(flashes).where(eq(flashes.visibility, 'public'))
    .orderBy(desc(flashes.likedCount), desc(flashes.id)).offset(offset).limit(limit);
}

/** `flash/my`: the owner's Plays, public and private. */
export async function listOwnFlashes(ctx: AppContext, ownerId: string, page: Page & { limit: number }): Promise<FlashRow[]> {
  const { where, orderBy } = paginate(flashes.id, page);
  return ctx.db.select().from(flashes).where(and(eq(flashes.userId, ownerId), where)).orderBy(orderBy).limit(page.limit);
}

/** `users/flashs`: a user's Plays the viewer may read (the owner sees their private ones too). */
export async function listFlashesOf(ctx: AppContext, userId: string, viewerId: string | null, page: Page & { limit: number }): Promise<FlashRow[]> {
  const { where, orderBy } = paginate(flashes.id, page);
  return ctx.db.select().from(flashes).where(and(eq(flashes.userId, userId), readableBy(viewerId), where)).orderBy(orderBy).limit(page.limit);
}

/** `flash/my-likes`: the likes (with their Play) of Plays the user can still read, paged by like id. */
export async function listLikedFlashes(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<{ id: string; flash: FlashRow }[]> {
  const { where, orderBy } = paginate(flashLikes.id, page);
  const rows = await ctx.db.select({ id: flashLikes.id, flash: flashes }).from(flashLikes).innerJoin(flashes, eq(flashes.id, flashLikes.flashId))
    .where(and(eq(flashLikes.userId, userId), readableBy(userId), where)).orderBy(orderBy).limit(page.limit);
  return rows;
}

/** `flash/search`: Plays the viewer may read whose title or summary contains the query (case-insensitive). */
export async function searchFlashes(ctx: AppContext, query: string, viewerId: string | null, page: Page & { limit: number }): Promise<FlashRow[]> {
  const { where, orderBy } = paginate(flashes.id, page);
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return ctx.db.select().from(flashes)
    .where(and(readableBy(viewerId), or(ilike(flashes.title, pattern), ilike(flashes.summary, pattern)), where))
    .orderBy(orderBy).limit(page.limit);
}
