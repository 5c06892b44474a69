import type { Static } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema/index.js';
import type { StatsSchema } from './schema.js';

export type Stats = Static<typeof StatsSchema>;

/**
 * Misskey reads these from its charts; Mikan counts users directly in one query (the answer is
 * cached publicly for 60 s on anonymous GET). Deleted accounts do not count, as in Misskey's users
 * chart. Notes, federation and drive do not exist yet, so their counters are the 0 a fresh
 * Misskey answers.
 */
export async function getStats(ctx: AppContext): Promise<Stats> {
  const [row] = await ctx.db.select({
    usersCount: sql<number>`count(*) filter (where not ${users.isDeleted})`.mapWith(Number),
    originalUsersCount: sql<number>`count(*) filter (where not ${users.isDeleted} and ${users.host} is null)`.mapWith(Number),
  }).from(users);

  return {
    notesCount: 0,
    originalNotesCount: 0,
    usersCount: row.usersCount,
    originalUsersCount: row.originalUsersCount,
    instances: 0,
    driveUsageLocal: 0,
    driveUsageRemote: 0,
  };
}
