import { and, eq, inArray, isNull, isNotNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../context.js';
import { userAccountMoveLogs, users, type UserAccountMoveLogRow } from '../../db/schema/index.js';
import { paginate, type Page } from '../pagination.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packUserDetailed } from './pack.js';
import type { UserDetailedNotMe } from './schema.js';

export interface MoveLogQuery extends Page {
  limit: number;
  movedFromId?: string | null;
  movedToId?: string | null;
  from?: 'local' | 'remote' | 'all' | null;
  to?: 'local' | 'remote' | 'all' | null;
}

const fromUser = alias(users, 'moved_from');
const toUser = alias(users, 'moved_to');

function originFilter(table: typeof fromUser | typeof toUser, origin: MoveLogQuery['from']): SQL | undefined {
  if (origin === 'local') return isNull(table.host);
  if (origin === 'remote') return isNotNull(table.host);
  return undefined;
}

/** `admin/show-user-account-move-logs`: newest first, filtered by either side and its origin. */
export async function listMoveLogs(ctx: AppContext, query: MoveLogQuery): Promise<UserAccountMoveLogRow[]> {
  const { where, orderBy } = paginate(userAccountMoveLogs.id, query);
  const rows = await ctx.db.select({ log: userAccountMoveLogs }).from(userAccountMoveLogs)
    .innerJoin(fromUser, eq(fromUser.id, userAccountMoveLogs.movedFromId))
    .innerJoin(toUser, eq(toUser.id, userAccountMoveLogs.movedToId))
    .where(and(
      where,
      query.movedFromId ? eq(userAccountMoveLogs.movedFromId, query.movedFromId) : undefined,
      query.movedToId ? eq(userAccountMoveLogs.movedToId, query.movedToId) : undefined,
      originFilter(fromUser, query.from),
      originFilter(toUser, query.to),
    ))
    .orderBy(orderBy).limit(query.limit);
  return rows.map((row) => row.log);
}

/** Both accounts packed as moderators see them (deleted accounts too: the log outlives them). */
export async function packMoveLogs(ctx: AppContext, rows: readonly UserAccountMoveLogRow[], viewer: AuthUser) {
  const ids = [...new Set(rows.flatMap((row) => [row.movedFromId, row.movedToId]))];
  const accounts = ids.length > 0 ? await ctx.db.select().from(users).where(inArray(users.id, ids)) : [];
  const packed = new Map((await packUserDetailed(ctx, accounts, viewer)).map((user) => [user.id, user as UserDetailedNotMe]));
  return rows.flatMap((row) => {
    const movedFrom = packed.get(row.movedFromId);
    const movedTo = packed.get(row.movedToId);
    if (!movedFrom || !movedTo) return [];
    return [{
      id: row.id, createdAt: row.createdAt.toISOString(),
      movedFromId: row.movedFromId, movedFrom, movedToId: row.movedToId, movedTo, movedToUri: row.movedToUri,
    }];
  });
}
