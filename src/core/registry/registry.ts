import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { registryItems, type RegistryItemRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { publishMainStream } from '../../bus/topics.js';
import type { AuthToken } from '../auth/authenticate.js';

/** Where a caller's items live: `scope` within `domain` (null: the web client's own). */
export interface RegistryPlace {
  userId: string;
  domain: string | null;
  scope: string[];
}

/**
 * The domain a caller works in, as Misskey decides it: an app token always its own (its token id,
 * whatever it asks for), the user's native token the one it names (null: the web client's).
 */
export function registryDomain(token: AuthToken | null, requested: string | null | undefined): string | null {
  if (token && !token.isNative) return token.id;
  return requested ?? null;
}

function inPlace(place: RegistryPlace): SQL {
  return and(
    eq(registryItems.userId, place.userId),
    place.domain === null ? isNull(registryItems.domain) : eq(registryItems.domain, place.domain),
    eq(registryItems.scope, place.scope),
  )!;
}

export async function findRegistryItem(ctx: AppContext, place: RegistryPlace, key: string): Promise<RegistryItemRow | null> {
  const [row] = await ctx.db.select().from(registryItems).where(and(inPlace(place), eq(registryItems.key, key)));
  return row ?? null;
}

export async function listRegistryItems(ctx: AppContext, place: RegistryPlace): Promise<RegistryItemRow[]> {
  return ctx.db.select().from(registryItems).where(inPlace(place)).orderBy(registryItems.id);
}

/** Creates or replaces one item (one statement, so racing writers cannot make two); the web client's own changes are announced on `main` (`registryUpdated`). */
export async function setRegistryItem(ctx: AppContext, place: RegistryPlace, key: string, value: unknown): Promise<void> {
  const now = new Date();
  await ctx.db.insert(registryItems)
    .values({ id: genId(), userId: place.userId, domain: place.domain, scope: place.scope, key, value: sql`${JSON.stringify(value)}::jsonb`, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [registryItems.userId, registryItems.domain, registryItems.scope, registryItems.key],
      set: { value: sql`excluded.value`, updatedAt: now },
    });
  // Misskey announces only the web client's items: an app's are its own business.
  if (place.domain === null) publishMainStream(ctx, place.userId, 'registryUpdated', { scope: place.scope, key, value });
}

/** False when there was no such item. */
export async function removeRegistryItem(ctx: AppContext, place: RegistryPlace, key: string): Promise<boolean> {
  const removed = await ctx.db.delete(registryItems).where(and(inPlace(place), eq(registryItems.key, key))).returning({ id: registryItems.id });
  return removed.length > 0;
}

/** Misskey's type names for `keys-with-type`. */
export function registryValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every domain the user has items in, with its distinct scopes (`scopes-with-domain`). */
export async function registryScopesWithDomain(ctx: AppContext, userId: string): Promise<{ domain: string | null; scopes: string[][] }[]> {
  const rows = await ctx.db.selectDistinct({ domain: registryItems.domain, scope: registryItems.scope }).from(registryItems)
    .where(eq(registryItems.userId, userId)).orderBy(registryItems.domain, registryItems.scope);
  const byDomain = new Map<string | null, string[][]>();
  for (const row of rows) {
    const scopes = byDomain.get(row.domain) ?? [];
    scopes.push(row.scope);
    byDomain.set(row.domain, scopes);
  }
  return [...byDomain].map(([domain, scopes]) => ({ domain, scopes }));
}
