import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { channelFavorites, channelFollowings, channelMutings, notes, type ChannelRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packDriveFilesByIds } from '../drive/pack.js';
import { packNotes } from '../notes/pack.js';
import type { Channel } from './schema.js';

/**
 * Channels as the API shows them (misskey-js `Channel`), in the order given. The viewer's relations
 * (`isFollowing`, `isFavorited`, `isMuting`) come with a signed-in viewer; `detailed` adds the
 * pinned notes (`channels/show`). A fixed number of queries whatever the number of channels.
 */
export async function packChannels(ctx: AppContext, rows: readonly ChannelRow[], viewer: AuthUser | null, options: { detailed?: boolean } = {}): Promise<Channel[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [banners, relations, pinned] = await Promise.all([
    packDriveFilesByIds(ctx, rows.flatMap((row) => (row.bannerId ? [row.bannerId] : []))),
    viewer ? loadRelations(ctx, viewer.id, ids) : null,
    options.detailed ? loadPinnedNotes(ctx, rows, viewer) : null,
  ]);
  return rows.map((row) => {
    const packed: Channel = {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastNotedAt: row.lastNotedAt ? row.lastNotedAt.toISOString() : null,
      name: row.name,
      description: row.description,
      userId: row.userId,
      bannerUrl: row.bannerId ? banners.get(row.bannerId)?.url ?? null : null,
      bannerId: row.bannerId,
      pinnedNoteIds: row.pinnedNoteIds,
      color: row.color,
      isArchived: row.isArchived,
      usersCount: row.usersCount,
      notesCount: row.notesCount,
      isSensitive: row.isSensitive,
      allowRenoteToExternal: row.allowRenoteToExternal,
    };
    if (relations) {
      packed.isFollowing = relations.following.has(row.id);
      packed.isFavorited = relations.favorited.has(row.id);
      packed.isMuting = relations.muting.has(row.id);
    }
    if (pinned) packed.pinnedNotes = row.pinnedNoteIds.flatMap((id) => pinned.get(id) ?? []);
    return packed;
  });
}

export async function packChannel(ctx: AppContext, row: ChannelRow, viewer: AuthUser | null, options: { detailed?: boolean } = {}): Promise<Channel> {
  return (await packChannels(ctx, [row], viewer, options))[0]!;
}

async function loadRelations(ctx: AppContext, userId: string, channelIds: string[]) {
  const [following, favorited, muting] = await Promise.all([
    ctx.db.select({ id: channelFollowings.followeeId }).from(channelFollowings)
      .where(and(eq(channelFollowings.followerId, userId), inArray(channelFollowings.followeeId, channelIds))),
    ctx.db.select({ id: channelFavorites.channelId }).from(channelFavorites)
      .where(and(eq(channelFavorites.userId, userId), inArray(channelFavorites.channelId, channelIds))),
    ctx.db.select({ id: channelMutings.channelId }).from(channelMutings)
      .where(and(eq(channelMutings.userId, userId), inArray(channelMutings.channelId, channelIds),
        sql`(${channelMutings.expiresAt} IS NULL OR ${channelMutings.expiresAt} > now())`)),
  ]);
  const ids = (list: { id: string }[]) => new Set(list.map((row) => row.id));
  return { following: ids(following), favorited: ids(favorited), muting: ids(muting) };
}

/**
 * The pinned notes, packed for the viewer. Only notes posted in the channel itself count (an id
 * of a note elsewhere, or deleted since, is left out); a note the viewer may not read comes back
 * hidden, as everywhere.
 */
async function loadPinnedNotes(ctx: AppContext, rows: readonly ChannelRow[], viewer: AuthUser | null) {
  const wanted = rows.flatMap((row) => row.pinnedNoteIds);
  if (wanted.length === 0) return new Map();
  const found = await ctx.db.select().from(notes).where(inArray(notes.id, [...new Set(wanted)]));
  const channelOf = new Map(rows.flatMap((row) => row.pinnedNoteIds.map((id) => [id, row.id] as const)));
  const inChannel = found.filter((note) => note.channelId != null && channelOf.get(note.id) === note.channelId);
  const packed = await packNotes(ctx, inChannel, viewer);
  return new Map(packed.map((note) => [note.id, note]));
}
