import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { antennaNotes, notes, type NoteRow } from '../../db/schema/index.js';
import { paginate, type Page } from '../pagination.js';
import type { AuthUser } from '../auth/authenticate.js';
import { visibleNotesWhere } from '../notes/visibility.js';

/**
 * `antennas/notes`: the antenna's notes, paged by note id on its primary key (antenna_id, note_id),
 * newest first (oldest first with only a lower bound, as every Misskey list). Filtered again for the
 * viewer as they are now — a block, a mute or a lost follow since the note was collected hides it.
 */
export async function antennaTimeline(ctx: AppContext, me: AuthUser, antennaId: string, page: Page & { limit: number }): Promise<NoteRow[]> {
  const { where, orderBy } = paginate(antennaNotes.noteId, page);
  const rows = await ctx.db.select({ note: notes }).from(antennaNotes)
    .innerJoin(notes, eq(notes.id, antennaNotes.noteId))
    .where(and(eq(antennaNotes.antennaId, antennaId), where, visibleNotesWhere({ id: me.id })))
    .orderBy(orderBy)
    .limit(page.limit);
  return rows.map((row) => row.note);
}
