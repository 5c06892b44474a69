import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { emojis, type DriveFileRow, type EmojiRow } from '../../db/schema/index.js';
import { uniqueViolation } from '../../db/errors.js';
import { publishBroadcast } from '../../bus/topics.js';
import { genId } from '../../misc/id.js';
import { blobUrl } from '../../storage/index.js';
import { fileUrl } from '../drive/pack.js';
import { recordModerationAction } from '../moderation/log.js';
import { paginate, type Page } from '../pagination.js';
import { packEmojiDetailed } from './pack.js';

/** What an emoji takes from its drive file, as Misskey's CustomEmojiService: the original and the web-public URL, the type. */
export function emojiFileFields(ctx: AppContext, file: DriveFileRow): Pick<EmojiRow, 'originalUrl' | 'publicUrl' | 'type'> {
  return { originalUrl: blobUrl(ctx.config, file.accessKey), publicUrl: fileUrl(ctx, file), type: file.webpublicType ?? file.type };
}

export interface EmojiInput {
  name: string;
  category?: string | null;
  aliases?: string[];
  license?: string | null;
  isSensitive?: boolean;
  localOnly?: boolean;
  requestedBy?: string | null;
  memo?: string | null;
  roleIdsThatCanBeUsedThisEmojiAsReaction?: string[];
  roleIdsThatCanNotBeUsedThisEmojiAsReaction?: string[];
}

/** Misskey trims and drops empty aliases (its add/update handlers filter `x !== ''`). */
function cleanAliases(aliases: readonly string[] | undefined): string[] | undefined {
  return aliases?.map((alias) => alias.trim()).filter((alias) => alias !== '');
}

function broadcastAdded(ctx: AppContext, emoji: EmojiRow): void {
  publishBroadcast(ctx, 'emojiAdded', { emoji: packEmojiDetailed(emoji) });
}

function broadcastUpdated(ctx: AppContext, rows: readonly EmojiRow[]): void {
  if (rows.length > 0) publishBroadcast(ctx, 'emojiUpdated', { emojis: rows.map(packEmojiDetailed) });
}

function broadcastDeleted(ctx: AppContext, rows: readonly EmojiRow[]): void {
  if (rows.length > 0) publishBroadcast(ctx, 'emojiDeleted', { emojis: rows.map(packEmojiDetailed) });
}

export async function findEmojiById(ctx: AppContext, id: string): Promise<EmojiRow | null> {
  const [row] = await ctx.db.select().from(emojis).where(eq(emojis.id, id)).limit(1);
  return row ?? null;
}

/**
 * Adds a local emoji, logged as `addCustomEmoji` in the same transaction; `duplicateName` when a
 * local emoji already has the name (the unique index decides, so two racing adds cannot both win).
 */
export async function addEmoji(ctx: AppContext, input: EmojiInput & { file: Pick<EmojiRow, 'originalUrl' | 'publicUrl' | 'type'> }, moderatorId: string | null): Promise<EmojiRow | 'duplicateName'> {
  let row: EmojiRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      const [inserted] = await tx.insert(emojis).values({
        id: genId(),
        updatedAt: new Date(),
        name: input.name,
        host: null,
        category: input.category ?? null,
        aliases: cleanAliases(input.aliases) ?? [],
        license: input.license ?? null,
        isSensitive: input.isSensitive ?? false,
        localOnly: input.localOnly ?? false,
        requestedBy: input.requestedBy ?? null,
        memo: input.memo ?? null,
        roleIdsThatCanBeUsedThisEmojiAsReaction: input.roleIdsThatCanBeUsedThisEmojiAsReaction ?? [],
        roleIdsThatCanNotBeUsedThisEmojiAsReaction: input.roleIdsThatCanNotBeUsedThisEmojiAsReaction ?? [],
        ...input.file,
      }).returning();
      if (moderatorId) await recordModerationAction(tx, { moderatorId, type: 'addCustomEmoji', info: { emojiId: inserted!.id, emoji: packEmojiDetailed(inserted!) } });
      return inserted!;
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return 'duplicateName';
    throw error;
  }
  broadcastAdded(ctx, row);
  return row;
}

export type EmojiChanges = Partial<EmojiInput> & { file?: Pick<EmojiRow, 'originalUrl' | 'publicUrl' | 'type'> };

/** Changes one local emoji (fields left out keep their values); logged as `updateCustomEmoji` with before and after. */
export async function updateEmoji(ctx: AppContext, emoji: EmojiRow, changes: EmojiChanges, moderatorId: string): Promise<EmojiRow | 'sameNameEmojiExists'> {
  const { file, aliases, ...rest } = changes;
  const values: Partial<EmojiRow> = { ...rest, ...file, updatedAt: new Date() };
  if (aliases !== undefined) values.aliases = cleanAliases(aliases)!;
  let row: EmojiRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      const [updated] = await tx.update(emojis).set(values).where(eq(emojis.id, emoji.id)).returning();
      await recordModerationAction(tx, { moderatorId, type: 'updateCustomEmoji', info: { emojiId: emoji.id, before: packEmojiDetailed(emoji), after: packEmojiDetailed(updated!) } });
      return updated!;
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return 'sameNameEmojiExists';
    throw error;
  }
  if (row.host == null) {
    // Misskey: a rename is announced as the old one deleted and the new one added.
    if (row.name !== emoji.name) {
      broadcastDeleted(ctx, [emoji]);
      broadcastAdded(ctx, row);
    } else {
      broadcastUpdated(ctx, [row]);
    }
  }
  return row;
}

/** Deletes emojis by id (unknown ids are ignored), each logged as `deleteCustomEmoji`; announces the local ones. */
export async function deleteEmojis(ctx: AppContext, ids: readonly string[], moderatorId: string): Promise<EmojiRow[]> {
  if (ids.length === 0) return [];
  const removed = await ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(emojis).where(inArray(emojis.id, [...new Set(ids)])).returning();
    for (const row of rows) await recordModerationAction(tx, { moderatorId, type: 'deleteCustomEmoji', info: { emojiId: row.id, emoji: packEmojiDetailed(row) } });
    return rows;
  });
  broadcastDeleted(ctx, removed.filter((row) => row.host == null));
  return removed;
}

type BulkChange =
  | { kind: 'setAliases'; aliases: string[] }
  | { kind: 'addAliases'; aliases: string[] }
  | { kind: 'removeAliases'; aliases: string[] }
  | { kind: 'setCategory'; category: string | null }
  | { kind: 'setLicense'; license: string | null };

/** A text[] literal from a JS array (drizzle would spread an array into a list). */
function textArray(values: readonly string[]): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

function bulkSet(change: BulkChange): Record<string, SQL | string | string[] | null | Date> {
  const updatedAt = new Date();
  switch (change.kind) {
    case 'setAliases': return { aliases: cleanAliases(change.aliases)!, updatedAt };
    // Misskey: the union, without duplicates (its `[...new Set([...emoji.aliases, ...ps.aliases])]`).
    case 'addAliases': return {
      aliases: sql`ARRAY(SELECT a FROM unnest(${emojis.aliases} || ${textArray(cleanAliases(change.aliases)!)}) WITH ORDINALITY AS t(a, n) GROUP BY a ORDER BY min(n))`,
      updatedAt,
    };
    case 'removeAliases': return {
      aliases: sql`ARRAY(SELECT a FROM unnest(${emojis.aliases}) AS a WHERE NOT (a = ANY(${textArray(change.aliases)})))`,
      updatedAt,
    };
    case 'setCategory': return { category: change.category, updatedAt };
    case 'setLicense': return { license: change.license, updatedAt };
  }
}

/** The `*-bulk` endpoints: one UPDATE of every named emoji (unknown ids are ignored), then `emojiUpdated` with them. */
export async function updateEmojisInBulk(ctx: AppContext, ids: readonly string[], change: BulkChange): Promise<EmojiRow[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db.update(emojis).set(bulkSet(change)).where(inArray(emojis.id, [...new Set(ids)])).returning();
  broadcastUpdated(ctx, rows.filter((row) => row.host == null));
  return rows;
}

/** `:a::b:` in an `admin/emoji/list` query names emojis exactly (Misskey's rule); other text is a substring of name, alias or category. */
function queryWhere(query: string | null | undefined): SQL | undefined {
  if (!query) return undefined;
  const exact = [...query.matchAll(/:([\p{Letter}\p{Number}\p{Mark}_+-]*):/gu)].map((match) => match[1]!);
  if (exact.length > 0) return inArray(emojis.name, exact);
  return or(
    sql`strpos(${emojis.name}, ${query}) > 0`,
    sql`strpos(coalesce(${emojis.category}, ''), ${query}) > 0`,
    sql`EXISTS (SELECT 1 FROM unnest(${emojis.aliases}) AS a WHERE strpos(a, ${query}) > 0)`,
  );
}

/** `admin/emoji/list`: local emojis, newest first (id paging). */
export async function listLocalEmojisPage(ctx: AppContext, query: Page & { limit: number; query?: string | null }): Promise<EmojiRow[]> {
  const { where, orderBy } = paginate(emojis.id, query);
  return ctx.db.select().from(emojis).where(and(isNull(emojis.host), queryWhere(query.query), where)).orderBy(orderBy).limit(query.limit);
}

/** `admin/emoji/list-remote`: remote emojis, of one host when given (Misskey: `host: null` means every remote host), name containing `query`. */
export async function listRemoteEmojisPage(ctx: AppContext, query: Page & { limit: number; query?: string | null; host?: string | null }): Promise<EmojiRow[]> {
  const { where, orderBy } = paginate(emojis.id, query);
  return ctx.db.select().from(emojis).where(and(
    query.host == null ? isNotNull(emojis.host) : eq(emojis.host, query.host.toLowerCase()),
    query.query ? sql`strpos(${emojis.name}, ${query.query}) > 0` : undefined,
    where,
  )).orderBy(orderBy).limit(query.limit);
}
