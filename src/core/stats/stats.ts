import type { Static } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { StatsSchema } from './schema.js';

export type Stats = Static<typeof StatsSchema>;

/**
 * Misskey reads these from its charts; Mikan counts the rows in one statement (the answer is cached
 * publicly for 60 s on anonymous GET). Deleted accounts do not count, as in Misskey's users chart;
 * linked (not stored) files take no drive space; `instances` counts the other servers whose
 * accounts this one knows.
 */
export async function getStats(ctx: AppContext): Promise<Stats> {
  const { rows: [row] } = await ctx.db.execute<Record<string, string | number>>(sql`SELECT
    (SELECT count(*) FROM users WHERE NOT is_deleted) AS "usersCount",
    (SELECT count(*) FROM users WHERE NOT is_deleted AND host IS NULL) AS "originalUsersCount",
    (SELECT count(*) FROM notes) AS "notesCount",
    (SELECT count(*) FROM notes WHERE user_host IS NULL) AS "originalNotesCount",
    (SELECT coalesce(sum(size), 0) FROM drive_files WHERE user_host IS NULL AND NOT is_link) AS "driveUsageLocal",
    (SELECT coalesce(sum(size), 0) FROM drive_files WHERE user_host IS NOT NULL AND NOT is_link) AS "driveUsageRemote",
    (SELECT count(DISTINCT host) FROM users WHERE host IS NOT NULL) AS "instances"`);
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    notesCount: n('notesCount'),
    originalNotesCount: n('originalNotesCount'),
    usersCount: n('usersCount'),
    originalUsersCount: n('originalUsersCount'),
    instances: n('instances'),
    driveUsageLocal: n('driveUsageLocal'),
    driveUsageRemote: n('driveUsageRemote'),
  };
}
