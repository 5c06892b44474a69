import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/tx.js';
import { inviteCodes, type InviteCodeRow, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { recordModerationAction } from '../moderation/log.js';
import { paginate, type Page } from '../pagination.js';
import { policiesOf } from '../roles/policies.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { UserLite } from '../users/schema.js';

/** misskey-js `InviteCode`. */
export interface PackedInviteCode {
  id: string;
  code: string;
  expiresAt: string | null;
  createdAt: string;
  createdBy: UserLite | null;
  usedBy: UserLite | null;
  usedAt: string | null;
  used: boolean;
}

/** Crockford's base32, as Misskey's generateInviteCode: no I, L, O, U to misread. */
const CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateInviteCode(): string {
  return Array.from({ length: 16 }, () => CHARS[randomInt(CHARS.length)]).join('');
}

export async function packInviteCodes(ctx: AppContext, rows: readonly InviteCodeRow[], viewer: AuthUser | null): Promise<PackedInviteCode[]> {
  const ids = [...new Set(rows.flatMap((row) => [row.createdById, row.usedById]).filter((id): id is string => id !== null))];
  const users = ids.length > 0 ? await findUsersForPacking(ctx, ids) : new Map<string, UserRow>();
  const lite = (id: string | null) => {
    const user = id ? users.get(id) : undefined;
    return user ? packUserLite(ctx, user, viewer) : null;
  };
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: lite(row.createdById),
    usedBy: lite(row.usedById),
    usedAt: row.usedAt?.toISOString() ?? null,
    used: row.usedAt !== null,
  }));
}

/** `admin/invite/create`: codes with no creator, logged as `createInvitation`. */
export async function createAdminInviteCodes(ctx: AppContext, moderator: AuthUser, countToMake: number, expiresAt: Date | null): Promise<PackedInviteCode[]> {
  return ctx.db.transaction(async (tx) => {
    const now = Date.now();
    const rows = await tx.insert(inviteCodes).values(Array.from({ length: countToMake }, () => ({
      id: genId(now), code: generateInviteCode(), createdAt: new Date(now), expiresAt,
    }))).returning();
    const packed = await packInviteCodes(ctx, rows, moderator);
    await recordModerationAction(tx, { moderatorId: moderator.id, type: 'createInvitation', info: { invitations: packed } });
    return packed;
  });
}

export interface AdminInviteQuery {
  limit: number;
  offset: number;
  type: 'unused' | 'used' | 'expired' | 'all';
  sort?: '+createdAt' | '-createdAt' | '+usedAt' | '-usedAt';
}

/** `admin/invite/list`, with Misskey's filters and sorts (`+` is newest first there). */
export async function listInviteCodesForAdmin(ctx: AppContext, query: AdminInviteQuery): Promise<InviteCodeRow[]> {
  const filter: SQL | undefined = query.type === 'unused' ? isNull(inviteCodes.usedAt)
    : query.type === 'used' ? isNotNull(inviteCodes.usedAt)
    : query.type === 'expired' ? lt(inviteCodes.expiresAt, new Date())
    : undefined;
  const orderBy = query.sort === '+createdAt' ? [desc(inviteCodes.createdAt), desc(inviteCodes.id)]
    : query.sort === '-createdAt' ? [asc(inviteCodes.createdAt), asc(inviteCodes.id)]
    : query.sort === '+usedAt' ? [sql`${inviteCodes.usedAt} DESC NULLS LAST`, desc(inviteCodes.id)]
    : query.sort === '-usedAt' ? [sql`${inviteCodes.usedAt} ASC NULLS FIRST`, asc(inviteCodes.id)]
    : [desc(inviteCodes.id)];
  return ctx.db.select().from(inviteCodes).where(filter).orderBy(...orderBy).limit(query.limit).offset(query.offset);
}

/** Codes the user made within the current `inviteLimitCycle` (minutes). */
async function madeInCycle(ctx: AppContext, userId: string, cycleMinutes: number): Promise<number> {
  const since = new Date(Date.now() - cycleMinutes * 60_000);
  const [{ made }] = await ctx.db.select({ made: count() }).from(inviteCodes)
    .where(and(eq(inviteCodes.createdById, userId), gt(inviteCodes.createdAt, since)));
  return made;
}

/** `invite/limit`: codes left in this cycle; null when `inviteLimit` is 0 (no limit). */
export async function remainingInvites(ctx: AppContext, userId: string): Promise<number | null> {
  const policies = await policiesOf(ctx, userId);
  if (!policies.inviteLimit) return null;
  return Math.max(0, policies.inviteLimit - await madeInCycle(ctx, userId, policies.inviteLimitCycle));
}

export class InviteLimitExceeded extends Error {}

/**
 * `invite/create`: one code by a user with `canInvite` (checked by the API layer), within
 * `inviteLimit` per `inviteLimitCycle` minutes; it expires after `inviteExpirationTime` minutes
 * (0: never). The count and the insert are serialised per user so two requests cannot both take
 * the last code.
 */
export async function createUserInviteCode(ctx: AppContext, user: AuthUser): Promise<PackedInviteCode> {
  const policies = await policiesOf(ctx, user.id);
  const row = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`invite:${user.id}`}))`);
    if (policies.inviteLimit) {
      const since = new Date(Date.now() - policies.inviteLimitCycle * 60_000);
      const [{ made }] = await tx.select({ made: count() }).from(inviteCodes)
        .where(and(eq(inviteCodes.createdById, user.id), gt(inviteCodes.createdAt, since)));
      if (made >= policies.inviteLimit) throw new InviteLimitExceeded();
    }
    const now = Date.now();
    const [created] = await tx.insert(inviteCodes).values({
      id: genId(now), code: generateInviteCode(), createdAt: new Date(now), createdById: user.id,
      expiresAt: policies.inviteExpirationTime ? new Date(now + policies.inviteExpirationTime * 60_000) : null,
    }).returning();
    return created!;
  });
  const [packed] = await packInviteCodes(ctx, [row], user);
  return packed!;
}

export async function findInviteCode(ctx: AppContext, id: string): Promise<InviteCodeRow | null> {
  const [row] = await ctx.db.select().from(inviteCodes).where(eq(inviteCodes.id, id));
  return row ?? null;
}

export async function deleteInviteCode(ctx: AppContext, id: string): Promise<void> {
  await ctx.db.delete(inviteCodes).where(and(eq(inviteCodes.id, id), isNull(inviteCodes.usedAt)));
}

/** `invite/list`: the user's own codes, newest first, paged by id. */
export async function listUserInviteCodes(ctx: AppContext, userId: string, page: Page & { limit: number }): Promise<InviteCodeRow[]> {
  const { where, orderBy } = paginate(inviteCodes.id, page);
  return ctx.db.select().from(inviteCodes).where(and(eq(inviteCodes.createdById, userId), where)).orderBy(orderBy).limit(page.limit);
}

export type InvitationRefusal = 'NO_SUCH_INVITATION_CODE' | 'INVITATION_CODE_USED' | 'INVITATION_CODE_EXPIRED';

/** Why a code cannot be used, or null when it can. */
export async function checkInvitationCode(ctx: AppContext, code: string): Promise<InvitationRefusal | null> {
  const [row] = await ctx.db.select().from(inviteCodes).where(eq(inviteCodes.code, code));
  if (!row) return 'NO_SUCH_INVITATION_CODE';
  if (row.usedAt !== null) return 'INVITATION_CODE_USED';
  if (row.expiresAt !== null && row.expiresAt.getTime() <= Date.now()) return 'INVITATION_CODE_EXPIRED';
  return null;
}

/**
 * Takes the code for the new account inside the transaction that creates it: only an unused,
 * unexpired code is taken, so two sign-ups racing for one code cannot both succeed.
 */
export async function claimInvitationCode(tx: Executor, code: string, userId: string): Promise<boolean> {
  const taken = await tx.update(inviteCodes).set({ usedById: userId, usedAt: new Date() })
    .where(and(eq(inviteCodes.code, code), isNull(inviteCodes.usedAt), or(isNull(inviteCodes.expiresAt), gt(inviteCodes.expiresAt, new Date()))))
    .returning({ id: inviteCodes.id });
  return taken.length > 0;
}
