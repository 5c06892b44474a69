import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { mutings, renoteMutings, type MutingRow, type RenoteMutingRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { paginate, type Page } from '../pagination.js';
import { relationsChanged } from '../cache/caches.js';

/** A mute counts only while it has not expired; expiry is decided at read time, no sweeper needed. */
export const muteIsActive = or(isNull(mutings.expiresAt), gt(mutings.expiresAt, sql`now()`));

/**
 * Mutes `muteeId` until `expiresAt` (forever when null). An expired row for the same pair is
 * replaced. False when an active mute already exists.
 */
export async function mute(ctx: AppContext, muterId: string, muteeId: string, expiresAt: Date | null): Promise<boolean> {
  const inserted = await ctx.db.insert(mutings).values({ id: genId(), muterId, muteeId, expiresAt })
    .onConflictDoUpdate({
      target: [mutings.muterId, mutings.muteeId],
      set: { id: genId(), expiresAt, createdAt: sql`now()` },
      setWhere: lte(mutings.expiresAt, sql`now()`),
    })
    .returning({ id: mutings.id });
  if (inserted.length > 0) relationsChanged(ctx, muterId);
  return inserted.length > 0;
}

/** Ends a mute; false when there was no active one (an expired row is cleaned up all the same). */
export async function unmute(ctx: AppContext, muterId: string, muteeId: string): Promise<boolean> {
  const deleted = await ctx.db.delete(mutings)
    .where(and(eq(mutings.muterId, muterId), eq(mutings.muteeId, muteeId)))
    .returning({ expiresAt: mutings.expiresAt });
  if (deleted.length > 0) relationsChanged(ctx, muterId);
  return deleted.some((row) => row.expiresAt == null || row.expiresAt.getTime() > Date.now());
}

export async function listMutings(ctx: AppContext, muterId: string, page: Page & { limit: number }): Promise<MutingRow[]> {
  const { where, orderBy } = paginate(mutings.id, page);
  return ctx.db.select().from(mutings).where(and(eq(mutings.muterId, muterId), muteIsActive, where)).orderBy(orderBy).limit(page.limit);
}

/** Hides `muteeId`'s renotes from the muter; false when already so. */
export async function muteRenotes(ctx: AppContext, muterId: string, muteeId: string): Promise<boolean> {
  const inserted = await ctx.db.insert(renoteMutings).values({ id: genId(), muterId, muteeId })
    .onConflictDoNothing().returning({ id: renoteMutings.id });
  if (inserted.length > 0) relationsChanged(ctx, muterId);
  return inserted.length > 0;
}

export async function unmuteRenotes(ctx: AppContext, muterId: string, muteeId: string): Promise<boolean> {
  const deleted = await ctx.db.delete(renoteMutings)
    .where(and(eq(renoteMutings.muterId, muterId), eq(renoteMutings.muteeId, muteeId))).returning({ id: renoteMutings.id });
  if (deleted.length > 0) relationsChanged(ctx, muterId);
  return deleted.length > 0;
}

export async function listRenoteMutings(ctx: AppContext, muterId: string, page: Page & { limit: number }): Promise<RenoteMutingRow[]> {
  const { where, orderBy } = paginate(renoteMutings.id, page);
  return ctx.db.select().from(renoteMutings).where(and(eq(renoteMutings.muterId, muterId), where)).orderBy(orderBy).limit(page.limit);
}
