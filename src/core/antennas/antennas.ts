import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { antennas, userLists, type AntennaRow, type AntennaSource } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { policiesOf } from '../roles/policies.js';
import { antennasChanged } from './antenna-index.js';
import type { Antenna } from './schema.js';

/** What `antennas/create` takes (and `antennas/update`, every field optional there). */
export interface AntennaInput {
  name: string;
  src: AntennaSource;
  userListId?: string | null;
  keywords: string[][];
  excludeKeywords: string[][];
  users: string[];
  caseSensitive: boolean;
  localOnly?: boolean;
  excludeBots?: boolean;
  withReplies: boolean;
  withFile: boolean;
  excludeNotesInSensitiveChannel?: boolean;
}

/**
 * Whether the antenna collects notes: it does while it was used (created, edited or opened with
 * `antennas/notes`) within `deactivateAntennaThresholdMs` (Misskey's `deactivateAntennaThreshold`,
 * 7 days by default; 0: always).
 */
export function isAntennaActive(ctx: AppContext, lastUsedAt: Date | number, now = Date.now()): boolean {
  const threshold = ctx.config.deactivateAntennaThresholdMs;
  if (threshold === 0) return true;
  return now - (typeof lastUsedAt === 'number' ? lastUsedAt : lastUsedAt.getTime()) < threshold;
}

/** Misskey's `Antenna` entity. `hasUnreadNote` is always false and `notify` false, as Misskey now sends them. */
export function packAntenna(ctx: AppContext, row: AntennaRow): Antenna {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    name: row.name,
    keywords: row.keywords,
    excludeKeywords: row.excludeKeywords,
    src: row.src,
    userListId: row.userListId,
    users: row.users,
    caseSensitive: row.caseSensitive,
    localOnly: row.localOnly,
    excludeBots: row.excludeBots,
    withReplies: row.withReplies,
    withFile: row.withFile,
    isActive: isAntennaActive(ctx, row.lastUsedAt),
    hasUnreadNote: false,
    notify: false,
    excludeNotesInSensitiveChannel: row.excludeNotesInSensitiveChannel,
  };
}

/** Misskey's rule: an antenna needs at least one non-empty word, to collect or to exclude. */
export function hasNoKeyword(keywords: readonly string[][], excludeKeywords: readonly string[][]): boolean {
  return keywords.flat().every((word) => word === '') && excludeKeywords.flat().every((word) => word === '');
}

export async function findOwnAntenna(ctx: AppContext, ownerId: string, antennaId: string): Promise<AntennaRow | null> {
  const [row] = await ctx.db.select().from(antennas).where(and(eq(antennas.id, antennaId), eq(antennas.userId, ownerId))).limit(1);
  return row ?? null;
}

export function listOwnAntennas(ctx: AppContext, ownerId: string): Promise<AntennaRow[]> {
  return ctx.db.select().from(antennas).where(eq(antennas.userId, ownerId)).orderBy(asc(antennas.id));
}

export async function countAntennas(executor: Executor, ownerId: string): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(antennas).where(eq(antennas.userId, ownerId));
  return row?.n ?? 0;
}

/** Serialises one owner's antenna writes, so two concurrent creates cannot both pass the limit. */
async function lockOwner(executor: Executor, ownerId: string): Promise<void> {
  await executor.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`antennas:${ownerId}`}, 0))`);
}

async function ownsList(executor: Executor, ownerId: string, listId: string): Promise<boolean> {
  const [row] = await executor.select({ id: userLists.id }).from(userLists).where(and(eq(userLists.id, listId), eq(userLists.userId, ownerId))).limit(1);
  return row !== undefined;
}

export type CreateAntennaResult = { antenna: AntennaRow } | { error: 'emptyKeyword' | 'tooManyAntennas' | 'noSuchUserList' };

/** `antennas/create`, with Misskey's checks in its order: a keyword, the `antennaLimit` policy, the list. */
export async function createAntenna(ctx: AppContext, ownerId: string, input: AntennaInput): Promise<CreateAntennaResult> {
  if (hasNoKeyword(input.keywords, input.excludeKeywords)) return { error: 'emptyKeyword' };
  const { antennaLimit } = await policiesOf(ctx, ownerId);
  const result = await ctx.db.transaction(async (tx): Promise<CreateAntennaResult> => {
    await lockOwner(tx, ownerId);
    if (await countAntennas(tx, ownerId) >= antennaLimit) return { error: 'tooManyAntennas' };
    if (input.userListId != null && !await ownsList(tx, ownerId, input.userListId)) return { error: 'noSuchUserList' };
    const now = new Date();
    const [row] = await tx.insert(antennas).values({
      id: genId(now.getTime()),
      createdAt: now,
      lastUsedAt: now,
      userId: ownerId,
      name: input.name,
      src: input.src,
      userListId: input.userListId ?? null,
      keywords: input.keywords,
      excludeKeywords: input.excludeKeywords,
      users: input.users,
      caseSensitive: input.caseSensitive,
      localOnly: input.localOnly ?? false,
      excludeBots: input.excludeBots ?? false,
      withReplies: input.withReplies,
      withFile: input.withFile,
      excludeNotesInSensitiveChannel: input.excludeNotesInSensitiveChannel ?? false,
    }).returning();
    return { antenna: row! };
  });
  if ('antenna' in result) await antennasChanged(ctx, [result.antenna.id]);
  return result;
}

export type UpdateAntennaResult = { antenna: AntennaRow } | { error: 'emptyKeyword' | 'noSuchAntenna' | 'noSuchUserList' | 'antennaLimitExceeded' };

/**
 * `antennas/update`: changes the fields given and, as Misskey, counts as a use (the antenna is
 * active again). Refused while the owner holds more antennas than a (since lowered) `antennaLimit`
 * allows, as the fork does.
 */
export async function updateAntenna(ctx: AppContext, ownerId: string, antennaId: string, input: Partial<AntennaInput>): Promise<UpdateAntennaResult> {
  if (input.keywords && input.excludeKeywords && hasNoKeyword(input.keywords, input.excludeKeywords)) return { error: 'emptyKeyword' };
  const antenna = await findOwnAntenna(ctx, ownerId, antennaId);
  if (!antenna) return { error: 'noSuchAntenna' };
  if (input.userListId != null && !await ownsList(ctx.db, ownerId, input.userListId)) return { error: 'noSuchUserList' };
  const { antennaLimit } = await policiesOf(ctx, ownerId);
  if (await countAntennas(ctx.db, ownerId) > antennaLimit) return { error: 'antennaLimitExceeded' };
  const patch: Partial<AntennaRow> = { lastUsedAt: new Date() };
  for (const key of ['name', 'src', 'userListId', 'keywords', 'excludeKeywords', 'users', 'caseSensitive', 'localOnly', 'excludeBots', 'withReplies', 'withFile', 'excludeNotesInSensitiveChannel'] as const) {
    if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
  }
  const [row] = await ctx.db.update(antennas).set(patch).where(and(eq(antennas.id, antenna.id), eq(antennas.userId, ownerId))).returning();
  if (!row) return { error: 'noSuchAntenna' };
  await antennasChanged(ctx, [row.id]);
  return { antenna: row };
}

/** `antennas/delete`: its collected notes go with it. False when the caller has no such antenna. */
export async function deleteAntenna(ctx: AppContext, ownerId: string, antennaId: string): Promise<boolean> {
  const deleted = await ctx.db.delete(antennas).where(and(eq(antennas.id, antennaId), eq(antennas.userId, ownerId))).returning({ id: antennas.id });
  if (deleted.length === 0) return false;
  await antennasChanged(ctx, [antennaId]);
  return true;
}

/**
 * Opening an antenna (`antennas/notes`) is a use: an inactive antenna collects again from now on.
 * The time is written at most every so often (a tenth of the threshold, at most an hour), so reading
 * an antenna is not a write plus an index reload in every process each time.
 */
export async function markAntennaUsed(ctx: AppContext, antenna: AntennaRow): Promise<void> {
  const threshold = ctx.config.deactivateAntennaThresholdMs;
  const refreshAfterMs = threshold === 0 ? 3_600_000 : Math.min(3_600_000, Math.floor(threshold / 10));
  const now = Date.now();
  if (now - antenna.lastUsedAt.getTime() < refreshAfterMs) return;
  await ctx.db.update(antennas).set({ lastUsedAt: new Date(now) }).where(eq(antennas.id, antenna.id));
  antenna.lastUsedAt = new Date(now);
  // Every process's index must learn the new time (an inactive antenna collects again; an active
  // one must not be taken for stale by a process that loaded it long ago).
  await antennasChanged(ctx, [antenna.id]);
}
