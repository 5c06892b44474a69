import { Type, type Static } from '@sinclair/typebox';
import { asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { avatarDecorations, users, type AvatarDecorationRef, type AvatarDecorationRow } from '../../db/schema/index.js';
import { genId, parseIdTime } from '../../misc/id.js';
import { usersChanged } from '../cache/caches.js';
import { recordModerationAction } from '../moderation/log.js';

/** misskey-js: what admin/avatar-decorations/create|list answer. */
export const AdminAvatarDecorationSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  name: Type.String(),
  description: Type.String(),
  url: Type.String(),
  roleIdsThatCanBeUsedThisDecoration: Type.Array(Type.String()),
  category: Type.Union([Type.String(), Type.Null()]),
});

/** misskey-js types `category` as optional in the list (Mikan always sends it). */
export const AdminAvatarDecorationListItemSchema = Type.Composite([
  Type.Omit(AdminAvatarDecorationSchema, ['category']),
  Type.Object({ category: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
]);

/** misskey-js: what get-avatar-decorations answers. */
export const AvatarDecorationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  url: Type.String(),
  roleIdsThatCanBeUsedThisDecoration: Type.Array(Type.String()),
  category: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export interface AvatarDecorationInput {
  name?: string;
  description?: string;
  url?: string;
  roleIdsThatCanBeUsedThisDecoration?: string[];
  category?: string | null;
}

export function packAdminAvatarDecoration(row: AvatarDecorationRow): Static<typeof AdminAvatarDecorationSchema> {
  return {
    id: row.id,
    createdAt: parseIdTime(row.id).toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    name: row.name,
    description: row.description,
    url: row.url,
    roleIdsThatCanBeUsedThisDecoration: row.roleIdsThatCanBeUsedThisDecoration,
    category: row.category,
  };
}

/** Roles that no longer exist do not restrict a decoration (Misskey filters them out). */
function existingRoleIds(ctx: AppContext, roleIds: readonly string[]): string[] {
  return roleIds.filter((roleId) => ctx.roles.latest.byId.has(roleId));
}

export async function packAvatarDecorations(ctx: AppContext, rows: AvatarDecorationRow[]): Promise<Static<typeof AvatarDecorationSchema>[]> {
  await ctx.roles.current();
  return rows.map((row) => ({
    id: row.id, name: row.name, description: row.description, url: row.url,
    roleIdsThatCanBeUsedThisDecoration: existingRoleIds(ctx, row.roleIdsThatCanBeUsedThisDecoration),
    category: row.category,
  }));
}

/** Every decoration, oldest first (Misskey's admin list and `get-avatar-decorations` answer them all). */
export async function listAvatarDecorations(ctx: AppContext): Promise<AvatarDecorationRow[]> {
  return ctx.db.select().from(avatarDecorations).orderBy(asc(avatarDecorations.id));
}

export async function createAvatarDecoration(ctx: AppContext, moderatorId: string, input: Required<Pick<AvatarDecorationInput, 'name' | 'description' | 'url'>> & AvatarDecorationInput): Promise<AvatarDecorationRow> {
  const [row] = await ctx.db.insert(avatarDecorations).values({
    id: genId(), name: input.name, description: input.description, url: input.url,
    roleIdsThatCanBeUsedThisDecoration: input.roleIdsThatCanBeUsedThisDecoration ?? [], category: input.category ?? null,
  }).returning();
  await recordModerationAction(ctx, { moderatorId, type: 'createAvatarDecoration', info: { avatarDecorationId: row.id, avatarDecoration: packAdminAvatarDecoration(row) } });
  return row;
}

/**
 * Wearers carry a copy of the decoration's URL (so packing a user reads only the user row, as
 * avatar URLs do); a changed URL is written to them, a deleted decoration is taken off them.
 */
async function rewriteWearers(ctx: AppContext, id: string, change: (ref: AvatarDecorationRef) => AvatarDecorationRef | null): Promise<void> {
  const wearers = await ctx.db.select({ id: users.id, avatarDecorations: users.avatarDecorations }).from(users)
    .where(sql`${users.avatarDecorations} @> ${JSON.stringify([{ id }])}::jsonb`);
  for (const wearer of wearers) {
    const next = wearer.avatarDecorations.flatMap((ref) => {
      if (ref.id !== id) return [ref];
      const changed = change(ref);
      return changed ? [changed] : [];
    });
    await ctx.db.update(users).set({ avatarDecorations: next }).where(eq(users.id, wearer.id));
  }
  if (wearers.length > 0) usersChanged(ctx, ...wearers.map((wearer) => wearer.id));
}

/** Null when there is no such decoration. */
export async function updateAvatarDecoration(ctx: AppContext, moderatorId: string, id: string, input: AvatarDecorationInput): Promise<AvatarDecorationRow | null> {
  const [before] = await ctx.db.select().from(avatarDecorations).where(eq(avatarDecorations.id, id));
  if (!before) return null;
  const patch: Partial<typeof avatarDecorations.$inferInsert> = { updatedAt: new Date() };
  for (const key of ['name', 'description', 'url', 'roleIdsThatCanBeUsedThisDecoration', 'category'] as const) {
    if (input[key] !== undefined) Object.assign(patch, { [key]: input[key] });
  }
  const [after] = await ctx.db.update(avatarDecorations).set(patch).where(eq(avatarDecorations.id, id)).returning();
  if (!after) return null;
  if (after.url !== before.url) await rewriteWearers(ctx, id, (ref) => ({ ...ref, url: after.url }));
  await recordModerationAction(ctx, { moderatorId, type: 'updateAvatarDecoration', info: { avatarDecorationId: id, before: packAdminAvatarDecoration(before), after: packAdminAvatarDecoration(after) } });
  return after;
}

export async function deleteAvatarDecoration(ctx: AppContext, moderatorId: string, id: string): Promise<boolean> {
  const [row] = await ctx.db.delete(avatarDecorations).where(eq(avatarDecorations.id, id)).returning();
  if (!row) return false;
  await rewriteWearers(ctx, id, () => null);
  await recordModerationAction(ctx, { moderatorId, type: 'deleteAvatarDecoration', info: { avatarDecorationId: id, avatarDecoration: packAdminAvatarDecoration(row) } });
  return true;
}

export type AvatarDecorationChoice = { id: string; angle?: number | null; flipH?: boolean | null; offsetX?: number | null; offsetY?: number | null };

/**
 * Misskey's `i/update avatarDecorations`: more than `avatarDecorationLimit` is refused (the caller
 * answers RESTRICTED_BY_ROLE); decorations that do not exist, or that are reserved to roles the
 * user does not hold, are dropped silently; missing values become 0 / false.
 */
export async function chooseAvatarDecorations(ctx: AppContext, heldRoleIds: readonly string[], limit: number, choices: AvatarDecorationChoice[]): Promise<AvatarDecorationRef[] | 'overLimit'> {
  if (choices.length > limit) return 'overLimit';
  if (choices.length === 0) return [];
  const decorations = await listAvatarDecorations(ctx);
  await ctx.roles.current();
  const usable = new Map(decorations
    .filter((decoration) => {
      const roleIds = existingRoleIds(ctx, decoration.roleIdsThatCanBeUsedThisDecoration);
      return roleIds.length === 0 || roleIds.some((roleId) => heldRoleIds.includes(roleId));
    })
    .map((decoration) => [decoration.id, decoration]));
  return choices.filter((choice) => usable.has(choice.id)).map((choice) => ({
    id: choice.id,
    angle: choice.angle ?? 0,
    flipH: choice.flipH ?? false,
    offsetX: choice.offsetX ?? 0,
    offsetY: choice.offsetY ?? 0,
    url: usable.get(choice.id)!.url,
  }));
}

/** UserLite's `avatarDecorations` (Misskey leaves zero / false values out). */
export function packWornDecorations(refs: readonly AvatarDecorationRef[]): { id: string; url: string; angle?: number; flipH?: boolean; offsetX?: number; offsetY?: number }[] {
  return refs.filter((ref) => ref.url).map((ref) => ({
    id: ref.id,
    url: ref.url!,
    ...(ref.angle ? { angle: ref.angle } : {}),
    ...(ref.flipH ? { flipH: true } : {}),
    ...(ref.offsetX ? { offsetX: ref.offsetX } : {}),
    ...(ref.offsetY ? { offsetY: ref.offsetY } : {}),
  }));
}
