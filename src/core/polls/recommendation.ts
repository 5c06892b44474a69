import { and, desc, eq, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, polls, pollVotes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { visibleNotesWhere } from '../notes/visibility.js';

/**
 * `notes/polls/recommendation` (Misskey): open polls on public notes of other local users that the
 * user has not voted in, newest first, without muted or blocked authors; `excludeChannels` drops
 * channel notes. Offset paging, as Misskey's.
 */
export async function recommendPolls(ctx: AppContext, user: AuthUser, options: { limit: number; offset: number; excludeChannels: boolean }): Promise<NoteRow[]> {
  const voted = ctx.db.select({ noteId: pollVotes.noteId }).from(pollVotes).where(eq(pollVotes.userId, user.id));
  const rows = await ctx.db.select({ note: notes }).from(polls)
    .innerJoin(notes, eq(notes.id, polls.noteId))
    .where(and(
      isNull(notes.userHost),
      ne(notes.userId, user.id),
      eq(notes.visibility, 'public'),
      or(isNull(polls.expiresAt), sql`${polls.expiresAt} > now()`),
      options.excludeChannels ? isNull(notes.channelId) : undefined,
      notInArray(polls.noteId, voted),
      visibleNotesWhere(user),
    ))
    .orderBy(desc(polls.noteId)).limit(options.limit).offset(options.offset);
  return rows.map((row) => row.note);
}
