import { Type, type Static } from '@sinclair/typebox';
import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { ads, type AdRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { recordModerationAction } from '../moderation/log.js';
import { paginate, type Page } from '../pagination.js';

/** misskey-js `Ad` (what admin/ad/* answer). */
export const AdSchema = Type.Object({
  id: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  startsAt: Type.String({ format: 'date-time' }),
  place: Type.String(),
  priority: Type.String(),
  ratio: Type.Number(),
  url: Type.String(),
  imageUrl: Type.String(),
  memo: Type.String(),
  dayOfWeek: Type.Integer(),
  isSensitive: Type.Boolean(),
});
export type PackedAd = Static<typeof AdSchema>;

/** An ad as `meta.ads` carries it (Misskey: `isSensitive` only when true). */
export interface MetaAd { id: string; url: string; place: string; ratio: number; imageUrl: string; dayOfWeek: number; isSensitive?: boolean }

export interface AdInput {
  url: string; memo: string; place: string; priority: string; ratio: number;
  expiresAt: number; startsAt: number; imageUrl: string; dayOfWeek: number; isSensitive?: boolean;
}

export function packAd(row: AdRow): PackedAd {
  return {
    id: row.id, expiresAt: row.expiresAt.toISOString(), startsAt: row.startsAt.toISOString(), place: row.place,
    priority: row.priority, ratio: row.ratio, url: row.url, imageUrl: row.imageUrl, memo: row.memo,
    dayOfWeek: row.dayOfWeek, isSensitive: row.isSensitive,
  };
}

/** `meta` caches its packed answer per settings row: an ad change re-reads the settings everywhere (metaChanged). */
async function adsChanged(ctx: AppContext): Promise<void> {
  await ctx.meta.update({});
}

export async function createAd(ctx: AppContext, moderatorId: string, input: AdInput): Promise<AdRow> {
  const [row] = await ctx.db.insert(ads).values({
    id: genId(), url: input.url, memo: input.memo, place: input.place, priority: input.priority, ratio: input.ratio,
    expiresAt: new Date(input.expiresAt), startsAt: new Date(input.startsAt), imageUrl: input.imageUrl,
    dayOfWeek: input.dayOfWeek, isSensitive: input.isSensitive ?? false,
  }).returning();
  await recordModerationAction(ctx, { moderatorId, type: 'createAd', info: { adId: row.id, ad: packAd(row) } });
  await adsChanged(ctx);
  return row;
}

/** Null when there is no such ad. */
export async function updateAd(ctx: AppContext, moderatorId: string, id: string, input: Partial<AdInput>): Promise<AdRow | null> {
  const [before] = await ctx.db.select().from(ads).where(eq(ads.id, id));
  if (!before) return null;
  const patch: Partial<typeof ads.$inferInsert> = {};
  for (const key of ['url', 'memo', 'place', 'priority', 'ratio', 'imageUrl', 'dayOfWeek', 'isSensitive'] as const) {
    if (input[key] !== undefined) Object.assign(patch, { [key]: input[key] });
  }
  if (input.expiresAt !== undefined) patch.expiresAt = new Date(input.expiresAt);
  if (input.startsAt !== undefined) patch.startsAt = new Date(input.startsAt);
  const [after] = Object.keys(patch).length > 0 ? await ctx.db.update(ads).set(patch).where(eq(ads.id, id)).returning() : [before];
  if (!after) return null;
  await recordModerationAction(ctx, { moderatorId, type: 'updateAd', info: { adId: id, before: packAd(before), after: packAd(after) } });
  await adsChanged(ctx);
  return after;
}

export async function deleteAd(ctx: AppContext, moderatorId: string, id: string): Promise<boolean> {
  const [row] = await ctx.db.delete(ads).where(eq(ads.id, id)).returning();
  if (!row) return false;
  await recordModerationAction(ctx, { moderatorId, type: 'deleteAd', info: { adId: id, ad: packAd(row) } });
  await adsChanged(ctx);
  return true;
}

/** `publishing`: true, only ads in their window now; false, only ads outside it; null, all. */
export async function listAds(ctx: AppContext, query: Page & { limit: number; publishing?: boolean | null }): Promise<AdRow[]> {
  const { where, orderBy } = paginate(ads.id, query);
  const now = new Date();
  const publishingNow = and(gt(ads.expiresAt, now), lte(ads.startsAt, now));
  const window = query.publishing === true ? publishingNow
    : query.publishing === false ? or(lte(ads.expiresAt, now), gt(ads.startsAt, now))
    : undefined;
  return ctx.db.select().from(ads).where(and(where, window)).orderBy(orderBy).limit(query.limit);
}

/**
 * The ads `meta` serves now: in their window and, when `dayOfWeek` is set, on one of its days
 * (bit 0 = Sunday, in the server's time zone, as Misskey). With the time of the next change of
 * that set (a window opening or closing, or midnight), so a cached answer knows when to expire.
 */
export async function activeAds(ctx: AppContext, now = new Date()): Promise<{ ads: MetaAd[]; validUntil: number }> {
  const day = 1 << now.getDay();
  const rows = await ctx.db.select().from(ads).where(and(
    gt(ads.expiresAt, now), lte(ads.startsAt, now),
    or(eq(ads.dayOfWeek, 0), sql`(${ads.dayOfWeek} & ${day}) > 0`),
  ));
  const [next] = await ctx.db.select({ at: sql<Date | string | null>`least(min(${ads.startsAt}) filter (where ${ads.startsAt} > ${now}), min(${ads.expiresAt}) filter (where ${ads.expiresAt} > ${now}))` }).from(ads);
  const midnight = new Date(now);
  midnight.setHours(24, 0, 0, 0);
  const nextChange = next?.at != null ? new Date(next.at).getTime() : Infinity;
  return {
    ads: rows.map((row) => ({
      id: row.id, url: row.url, place: row.place, ratio: row.ratio, imageUrl: row.imageUrl, dayOfWeek: row.dayOfWeek,
      ...(row.isSensitive ? { isSensitive: true } : {}),
    })),
    validUntil: Math.min(nextChange, midnight.getTime()),
  };
}

/** ms since the epoch, within what both JavaScript dates and PostgreSQL timestamps hold. */
export const AdTimeSchema = Type.Integer({ minimum: -210_866_803_200_000, maximum: 8_640_000_000_000_000 });
