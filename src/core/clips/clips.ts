import { and, count, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { clipNotes, clips, notes, type ClipRow } from '../../db/schema/index.js';
import type { Executor, Tx } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { paginate, type Page } from '../pagination.js';
import { policiesOf } from '../roles/policies.js';

/**
 * Clips (Misskey's `clips/*`). A private clip exists for its owner only: every read takes the
 * viewer and finds either their own clip or a public one, so others get `NO_SUCH_CLIP` exactly as
 * for a clip that does not exist. Limits come from the owner's role policies: `clipLimit` (clips per
 * user) and `noteEachClipsLimit` (notes per clip). The fork's `*_LIMIT_EXCEEDED` errors refuse
 * writes while the owner is over a limit that was lowered since.
 */

/** Serialises the clip writes of one owner, so concurrent creates and adds cannot overshoot the limits. */
export async function lockClipOwner(tx: Tx, ownerId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`clips:${ownerId}`}, 0))`);
}

export async function countClips(db: Executor, ownerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(clips).where(eq(clips.userId, ownerId));
  return row?.n ?? 0;
}

export async function countClipNotes(db: Executor, clipId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(clipNotes).where(eq(clipNotes.clipId, clipId));
  return row?.n ?? 0;
}

/** Whether one of the owner's clips holds more notes than the policy now allows. */
async function hasOverfullClip(db: Executor, ownerId: string, limit: number): Promise<boolean> {
  const rows = await db.select({ clipId: clipNotes.clipId }).from(clipNotes)
    .innerJoin(clips, eq(clips.id, clipNotes.clipId))
    .where(eq(clips.userId, ownerId))
    .groupBy(clipNotes.clipId).having(gt(count(), limit)).limit(1);
  return rows.length > 0;
}

/** A clip the viewer may read: their own, or any public clip. Null for everything else. */
export async function findReadableClip(ctx: AppContext, clipId: string, viewerId: string | null): Promise<ClipRow | null> {
  const [clip] = await ctx.db.select().from(clips).where(and(eq(clips.id, clipId),
    viewerId ? or(eq(clips.isPublic, true), eq(clips.userId, viewerId)) : eq(clips.isPublic, true))).limit(1);
  return clip ?? null;
}

export async function findOwnClip(ctx: AppContext, clipId: string, ownerId: string): Promise<ClipRow | null> {
  const [clip] = await ctx.db.select().from(clips).where(and(eq(clips.id, clipId), eq(clips.userId, ownerId))).limit(1);
  return clip ?? null;
}

/**
 * `clips/list`: the owner's clips, public and private, newest first. Without a `limit` all of them
 * (the fork's endpoint has no paging; upstream's takes these bounds, which page as everywhere).
 */
export async function listOwnClips(ctx: AppContext, ownerId: string, page: Page & { limit?: number }): Promise<ClipRow[]> {
  const { where, orderBy } = paginate(clips.id, page);
  const query = ctx.db.select().from(clips).where(and(eq(clips.userId, ownerId), where)).orderBy(orderBy).$dynamic();
  return page.limit !== undefined ? query.limit(page.limit) : query;
}

/** `users/clips`: a user's public clips (Misskey: public ones only, even to their owner). */
export async function listPublicClipsOf(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<ClipRow[]> {
  const { where, orderBy } = paginate(clips.id, page);
  return ctx.db.select().from(clips).where(and(eq(clips.userId, userId), eq(clips.isPublic, true), where))
    .orderBy(orderBy).limit(page.limit);
}

export interface ClipFields { name: string; isPublic?: boolean; description?: string | null }

export type CreateClipResult = { clip: ClipRow } | { error: 'tooManyClips' | 'clipNotesLimitExceeded' };

/** A new clip within the owner's `clipLimit` (none of their clips may be over `noteEachClipsLimit`). */
export async function createClip(ctx: AppContext, ownerId: string, fields: ClipFields): Promise<CreateClipResult> {
  const policies = await policiesOf(ctx, ownerId);
  return ctx.db.transaction(async (tx): Promise<CreateClipResult> => {
    await lockClipOwner(tx, ownerId);
    if (await countClips(tx, ownerId) >= policies.clipLimit) return { error: 'tooManyClips' };
    if (await hasOverfullClip(tx, ownerId, policies.noteEachClipsLimit)) return { error: 'clipNotesLimitExceeded' };
    const [clip] = await tx.insert(clips).values({
      id: genId(), userId: ownerId, name: fields.name, isPublic: fields.isPublic ?? false, description: fields.description ?? null,
    }).returning();
    return { clip: clip! };
  });
}

export type UpdateClipResult = { clip: ClipRow } | { error: 'clipLimitExceeded' | 'clipNotesLimitExceeded' };

/** Renames, describes, publishes or hides a clip. Refused while the owner is over a (lowered) limit, as the fork does. */
export async function updateClip(ctx: AppContext, clip: ClipRow, change: Partial<ClipFields>): Promise<UpdateClipResult> {
  const policies = await policiesOf(ctx, clip.userId);
  if (await countClips(ctx.db, clip.userId) > policies.clipLimit) return { error: 'clipLimitExceeded' };
  if (await countClipNotes(ctx.db, clip.id) > policies.noteEachClipsLimit) return { error: 'clipNotesLimitExceeded' };
  const patch: Partial<Pick<ClipRow, 'name' | 'isPublic' | 'description'>> = {};
  if (change.name !== undefined) patch.name = change.name;
  if (change.isPublic !== undefined) patch.isPublic = change.isPublic;
  if (change.description !== undefined) patch.description = change.description;
  if (Object.keys(patch).length === 0) return { clip };
  const [updated] = await ctx.db.update(clips).set(patch).where(eq(clips.id, clip.id)).returning();
  return { clip: updated ?? clip };
}

/**
 * Deletes a clip with its notes and favourites (cascade). Each of its notes is clipped once less
 * (`clippedCount`), in the same transaction, so the counts stay exact.
 */
export async function deleteClip(ctx: AppContext, clip: ClipRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const held = await tx.delete(clipNotes).where(eq(clipNotes.clipId, clip.id)).returning({ noteId: clipNotes.noteId });
    if (held.length > 0) {
      await tx.update(notes).set({ clippedCount: sql`greatest(${notes.clippedCount} - 1, 0)` })
        .where(inArray(notes.id, held.map((row) => row.noteId)));
    }
    await tx.delete(clips).where(eq(clips.id, clip.id));
  });
}
