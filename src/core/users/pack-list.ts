import type { AppContext } from '../../context.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packUserDetailed } from './pack.js';
import { findUsersByIds } from './read.js';
import type { UserDetailedNotMe } from './schema.js';

/**
 * Packs the users behind a list of rows (follows, blocks, mutes) for the viewer: one read of the
 * users plus packUserDetailed's fixed cost. Rows whose user is gone are dropped.
 */
export async function packWithUsers<Row, Out>(
  ctx: AppContext, rows: readonly Row[], userIdOf: (row: Row) => string, viewer: AuthUser | null,
  build: (row: Row, user: UserDetailedNotMe) => Out,
): Promise<Out[]> {
  const users = await findUsersByIds(ctx, [...new Set(rows.map(userIdOf))]);
  const packed = await packUserDetailed(ctx, users, viewer);
  // Lists type their users as UserDetailedNotMe, as misskey-js does; the viewer may appear as MeDetailed.
  const byId = new Map(packed.map((user) => [user.id, user as UserDetailedNotMe]));
  return rows.flatMap((row) => {
    const user = byId.get(userIdOf(row));
    return user ? [build(row, user)] : [];
  });
}
