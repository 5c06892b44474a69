import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { channels, type ChannelRow } from '../../db/schema/index.js';

/** One channel by id (archived ones too: `channels/show` and the timeline still answer for them). */
export async function findChannel(ctx: AppContext, channelId: string): Promise<ChannelRow | null> {
  const [row] = await ctx.db.select().from(channels).where(eq(channels.id, channelId)).limit(1);
  return row ?? null;
}

/** A channel notes may be posted into: it exists and is not archived (Misskey's `notes/create`). */
export async function findOpenChannel(ctx: AppContext, channelId: string): Promise<ChannelRow | null> {
  const [row] = await ctx.db.select().from(channels).where(and(eq(channels.id, channelId), eq(channels.isArchived, false))).limit(1);
  return row ?? null;
}

/** Channels by id, for packing the notes posted in them (one query; missing ids left out). */
export async function findChannelsByIds(ctx: AppContext, ids: readonly string[]): Promise<Map<string, ChannelRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.select().from(channels).where(inArray(channels.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}
