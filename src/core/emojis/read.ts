import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { emojis, type EmojiRow } from '../../db/schema/index.js';

/**
 * Every local emoji, ordered as Misskey orders them: by LOWER(category), then LOWER(name),
 * ascending (PostgreSQL puts uncategorized ones, category NULL, last). The list is bounded by what
 * admins add, so reading it whole is fine; clients cache it (`emojis` has cacheSec 3600).
 */
export async function listLocalEmojis(ctx: AppContext): Promise<EmojiRow[]> {
  return ctx.db.select().from(emojis)
    .where(isNull(emojis.host))
    .orderBy(asc(sql`lower(${emojis.category})`), asc(sql`lower(${emojis.name})`));
}

/** The local emoji with exactly this name (names are case-sensitive in Misskey), or null. */
export async function findLocalEmojiByName(ctx: AppContext, name: string): Promise<EmojiRow | null> {
  const [emoji] = await ctx.db.select().from(emojis)
    .where(and(eq(emojis.name, name), isNull(emojis.host)))
    .limit(1);
  return emoji ?? null;
}
