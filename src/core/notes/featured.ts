import { and, desc, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import { idLowerBoundAt } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { visibleNotesWhere } from './visibility.js';

/** How far back a note may be featured (Misskey ranks the last 3 days). */
export const FEATURED_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** How many top-ranked notes form the featured set (Misskey takes the top 100). */
export const FEATURED_RANKING_SIZE = 100;

/**
 * `notes/featured`, Misskey's shape with an honest ranking computed from the database:
 *
 * 1. Candidates: notes of the last 3 days that are public, by local users, not replies, not pure
 *    renotes, and in the asked channel (or in none) — what Misskey's ranking admits.
 * 2. Score = reactions by users other than the author + renotes; notes scoring 0 are left out.
 * 3. The top 100 by score form the featured set; the viewer's visibility, blocks and mutes apply;
 *    the page is that set newest first (Misskey sorts the featured notes by id), below `untilId`.
 *
 * One query: the candidate scan is an id range on the primary key (3 days of notes), narrowed to
 * notes with any reaction or renote before the reactions are counted.
 */
export async function listFeaturedNotes(
  ctx: AppContext,
  viewer: AuthUser | null,
  options: { limit: number; untilId?: string; channelId?: string | null },
): Promise<NoteRow[]> {
  const since = idLowerBoundAt(Date.now() - FEATURED_WINDOW_MS);
  const channel = options.channelId != null ? sql`n.channel_id = ${options.channelId}` : sql`n.channel_id IS NULL`;
  const ranking = sql`(
    SELECT n.id FROM notes n
    LEFT JOIN note_reactions r ON r.note_id = n.id AND r.user_id <> n.user_id
    WHERE n.id > ${since}
      AND n.visibility = 'public' AND n.user_host IS NULL AND n.reply_id IS NULL AND ${channel}
      AND (n.renote_id IS NULL OR n.text IS NOT NULL OR n.cw IS NOT NULL OR cardinality(n.file_ids) > 0 OR n.has_poll)
      AND (n.reactions <> '{}'::jsonb OR n.renote_count > 0)
    GROUP BY n.id
    HAVING count(r.id) + max(n.renote_count) > 0
    ORDER BY count(r.id) + max(n.renote_count) DESC, n.id DESC
    LIMIT ${FEATURED_RANKING_SIZE}
  )`;
  return ctx.db.select().from(notes)
    .where(and(
      sql`${notes.id} IN ${ranking}`,
      options.untilId ? lt(notes.id, options.untilId) : undefined,
      visibleNotesWhere(viewer),
    ))
    .orderBy(desc(notes.id))
    .limit(options.limit);
}


/** How far back a user's note may be featured on their page (Misskey's per-user ranking: 7 days). */
export const USER_FEATURED_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `users/featured-notes`: the user's notes of the last 7 days that others reacted to (Misskey's
 * per-user ranking counts reactions from other users), the top 100 by that score, newest first
 * below `untilId`, as far as the viewer may read them (visibility, blocks and mutes).
 */
export async function listUserFeaturedNotes(
  ctx: AppContext,
  viewer: AuthUser | null,
  options: { userId: string; limit: number; untilId?: string },
): Promise<NoteRow[]> {
  const since = idLowerBoundAt(Date.now() - USER_FEATURED_WINDOW_MS);
  const ranking = sql`(
    SELECT n.id FROM notes n
    JOIN note_reactions r ON r.note_id = n.id AND r.user_id <> n.user_id
    WHERE n.user_id = ${options.userId} AND n.id > ${since}
    GROUP BY n.id
    ORDER BY count(r.id) DESC, n.id DESC
    LIMIT ${FEATURED_RANKING_SIZE}
  )`;
  return ctx.db.select().from(notes)
    .where(and(
      sql`${notes.id} IN ${ranking}`,
      options.untilId ? lt(notes.id, options.untilId) : undefined,
      visibleNotesWhere(viewer),
    ))
    .orderBy(desc(notes.id))
    .limit(options.limit);
}

/** `notes/show-partial-bulk`: those of the notes the viewer may read (visibility, blocks and mutes), in id order. */
export async function findVisibleNotes(ctx: AppContext, viewer: AuthUser | null, noteIds: readonly string[]): Promise<NoteRow[]> {
  if (noteIds.length === 0) return [];
  return ctx.db.select().from(notes)
    .where(and(sql`${notes.id} IN ${[...new Set(noteIds)]}`, visibleNotesWhere(viewer)))
    .orderBy(desc(notes.id));
}
