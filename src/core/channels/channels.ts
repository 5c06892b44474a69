import { and, asc, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { channelFavorites, channelFollowings, channelMutings, channels, driveFiles, type ChannelRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { relationsChanged } from '../cache/caches.js';
import { paginate, type Page } from '../pagination.js';
import { findChannel } from './read.js';

/**
 * Topic channels (Misskey's `channels/*`): creating and editing them, following, favouriting and
 * muting them, and the lists clients browse. Where their notes appear is decided with the rest of
 * note visibility (`channelNotesWhere` in src/core/notes/visibility.ts).
 */

export interface ChannelInput {
  name?: string;
  description?: string | null;
  bannerId?: string | null;
  color?: string;
  isSensitive?: boolean | null;
  allowRenoteToExternal?: boolean | null;
  isArchived?: boolean | null;
  pinnedNoteIds?: string[];
}

/** The banner must be one of the caller's own drive files (Misskey: `NO_SUCH_FILE` otherwise). */
async function ownsFile(ctx: AppContext, userId: string, fileId: string): Promise<boolean> {
  const [file] = await ctx.db.select({ id: driveFiles.id }).from(driveFiles)
    .where(and(eq(driveFiles.id, fileId), eq(driveFiles.userId, userId))).limit(1);
  return file != null;
}

export type CreateChannelResult = { channel: ChannelRow } | { error: 'noSuchFile' };

export async function createChannel(ctx: AppContext, ownerId: string, input: ChannelInput & { name: string }): Promise<CreateChannelResult> {
  if (input.bannerId != null && !await ownsFile(ctx, ownerId, input.bannerId)) return { error: 'noSuchFile' };
  const [channel] = await ctx.db.insert(channels).values({
    id: genId(),
    userId: ownerId,
    name: input.name,
    description: input.description ?? null,
    bannerId: input.bannerId ?? null,
    ...(input.color !== undefined ? { color: input.color } : {}),
    isSensitive: input.isSensitive ?? false,
    allowRenoteToExternal: input.allowRenoteToExternal ?? true,
  }).returning();
  return { channel: channel! };
}

export type UpdateChannelResult = { channel: ChannelRow } | { error: 'noSuchChannel' | 'accessDenied' | 'noSuchFile' };

/**
 * Misskey's `channels/update`: the owner, or a moderator, changes what is given; `bannerId: null`
 * removes the banner; `null` for the booleans leaves them as they are.
 */
export async function updateChannel(
  ctx: AppContext,
  me: { id: string; isModerator: boolean; isAdmin: boolean },
  channelId: string,
  input: ChannelInput,
): Promise<UpdateChannelResult> {
  const channel = await findChannel(ctx, channelId);
  if (!channel) return { error: 'noSuchChannel' };
  if (channel.userId !== me.id && !me.isModerator && !me.isAdmin) return { error: 'accessDenied' };
  if (input.bannerId != null && !await ownsFile(ctx, me.id, input.bannerId)) return { error: 'noSuchFile' };
  const changes: Partial<typeof channels.$inferInsert> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description;
  if (input.bannerId !== undefined) changes.bannerId = input.bannerId;
  if (input.color !== undefined) changes.color = input.color;
  if (input.isArchived != null) changes.isArchived = input.isArchived;
  if (input.isSensitive != null) changes.isSensitive = input.isSensitive;
  if (input.allowRenoteToExternal != null) changes.allowRenoteToExternal = input.allowRenoteToExternal;
  if (input.pinnedNoteIds !== undefined) changes.pinnedNoteIds = [...new Set(input.pinnedNoteIds)];
  if (Object.keys(changes).length === 0) return { channel };
  const [updated] = await ctx.db.update(channels).set(changes).where(eq(channels.id, channelId)).returning();
  return { channel: updated! };
}

/** Follows the channel (idempotent). False when there is no such channel. */
export async function followChannel(ctx: AppContext, userId: string, channelId: string): Promise<boolean> {
  if (!await findChannel(ctx, channelId)) return false;
  await ctx.db.insert(channelFollowings).values({ id: genId(), followerId: userId, followeeId: channelId }).onConflictDoNothing();
  relationsChanged(ctx, userId);
  return true;
}

export async function unfollowChannel(ctx: AppContext, userId: string, channelId: string): Promise<boolean> {
  if (!await findChannel(ctx, channelId)) return false;
  await ctx.db.delete(channelFollowings).where(and(eq(channelFollowings.followerId, userId), eq(channelFollowings.followeeId, channelId)));
  relationsChanged(ctx, userId);
  return true;
}

export async function favoriteChannel(ctx: AppContext, userId: string, channelId: string): Promise<boolean> {
  if (!await findChannel(ctx, channelId)) return false;
  await ctx.db.insert(channelFavorites).values({ id: genId(), userId, channelId }).onConflictDoNothing();
  return true;
}

export async function unfavoriteChannel(ctx: AppContext, userId: string, channelId: string): Promise<boolean> {
  if (!await findChannel(ctx, channelId)) return false;
  await ctx.db.delete(channelFavorites).where(and(eq(channelFavorites.userId, userId), eq(channelFavorites.channelId, channelId)));
  return true;
}

const muteIsActive = or(sql`${channelMutings.expiresAt} IS NULL`, sql`${channelMutings.expiresAt} > now()`);

/** Mutes the channel until `expiresAt` (forever when null). An expired mute of it is replaced. */
export async function muteChannel(ctx: AppContext, userId: string, channelId: string, expiresAt: Date | null): Promise<'ok' | 'noSuchChannel' | 'alreadyMuting'> {
  if (!await findChannel(ctx, channelId)) return 'noSuchChannel';
  const inserted = await ctx.db.insert(channelMutings).values({ id: genId(), userId, channelId, expiresAt })
    .onConflictDoUpdate({
      target: [channelMutings.userId, channelMutings.channelId],
      set: { id: genId(), expiresAt, createdAt: sql`now()` },
      setWhere: sql`${channelMutings.expiresAt} <= now()`,
    }).returning({ id: channelMutings.id });
  if (inserted.length === 0) return 'alreadyMuting';
  relationsChanged(ctx, userId);
  return 'ok';
}

export async function unmuteChannel(ctx: AppContext, userId: string, channelId: string): Promise<'ok' | 'noSuchChannel' | 'notMuting'> {
  if (!await findChannel(ctx, channelId)) return 'noSuchChannel';
  const deleted = await ctx.db.delete(channelMutings)
    .where(and(eq(channelMutings.userId, userId), eq(channelMutings.channelId, channelId), muteIsActive)).returning({ id: channelMutings.id });
  // An expired row is gone either way; only an active mute counts as "was muting".
  await ctx.db.delete(channelMutings).where(and(eq(channelMutings.userId, userId), eq(channelMutings.channelId, channelId)));
  if (deleted.length === 0) return 'notMuting';
  relationsChanged(ctx, userId);
  return 'ok';
}

/** Channels whose rows are the `channelIds` of a relation, in the relation's order. */
async function channelsInOrder(ctx: AppContext, channelIds: readonly string[]): Promise<ChannelRow[]> {
  if (channelIds.length === 0) return [];
  const rows = await ctx.db.select().from(channels).where(inArray(channels.id, [...channelIds]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return channelIds.flatMap((id) => byId.get(id) ?? []);
}

/** `channels/followed`: paged by the follow's id (newest follow first), as Misskey. */
export async function listFollowedChannels(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<ChannelRow[]> {
  const { where, orderBy } = paginate(channelFollowings.id, page);
  const rows = await ctx.db.select({ channelId: channelFollowings.followeeId }).from(channelFollowings)
    .where(and(eq(channelFollowings.followerId, userId), where)).orderBy(orderBy).limit(page.limit);
  return channelsInOrder(ctx, rows.map((row) => row.channelId));
}

/** `channels/owned`: the caller's channels that are not archived, paged by id. */
export async function listOwnedChannels(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<ChannelRow[]> {
  const { where, orderBy } = paginate(channels.id, page);
  return ctx.db.select().from(channels)
    .where(and(eq(channels.userId, userId), eq(channels.isArchived, false), where)).orderBy(orderBy).limit(page.limit);
}

/** `channels/featured`: the ten open channels posted into most recently (Misskey's ranking). */
export async function listFeaturedChannels(ctx: AppContext): Promise<ChannelRow[]> {
  return ctx.db.select().from(channels)
    .where(and(isNotNull(channels.lastNotedAt), eq(channels.isArchived, false)))
    .orderBy(desc(channels.lastNotedAt)).limit(10);
}

/** `channels/my-favorites`: every channel the caller favourited, newest favourite first. */
export async function listFavoriteChannels(ctx: AppContext, userId: string): Promise<ChannelRow[]> {
  const rows = await ctx.db.select({ channelId: channelFavorites.channelId }).from(channelFavorites)
    .where(eq(channelFavorites.userId, userId)).orderBy(desc(channelFavorites.id));
  return channelsInOrder(ctx, rows.map((row) => row.channelId));
}

/** `channels/mute/list`: the channels the caller mutes now, oldest mute first. */
export async function listMutedChannels(ctx: AppContext, userId: string): Promise<ChannelRow[]> {
  const rows = await ctx.db.select({ channelId: channelMutings.channelId }).from(channelMutings)
    .where(and(eq(channelMutings.userId, userId), muteIsActive)).orderBy(asc(channelMutings.id));
  return channelsInOrder(ctx, rows.map((row) => row.channelId));
}

/** `LIKE` with the user's text taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `channels/search`: open channels whose name (or, with `nameAndDescription`, name or description)
 * contains the query, case-insensitively; an empty query finds every open channel. Paged by id.
 */
export async function searchChannels(ctx: AppContext, query: string, type: 'nameAndDescription' | 'nameOnly', page: Page & { limit: number }): Promise<ChannelRow[]> {
  const { where, orderBy } = paginate(channels.id, page);
  let match: SQL | undefined;
  if (query !== '') {
    const pattern = containing(query);
    match = type === 'nameOnly' ? ilike(channels.name, pattern) : or(ilike(channels.name, pattern), ilike(channels.description, pattern));
  }
  return ctx.db.select().from(channels).where(and(eq(channels.isArchived, false), match, where)).orderBy(orderBy).limit(page.limit);
}
