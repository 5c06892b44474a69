import { eq, isNull, not, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Page } from '../pagination.js';
import { listVisibleNotes } from './read-list.js';

export interface PublicNotesQuery extends Page {
  limit: number;
  /** Only this server's users' notes (every note is, without federation). */
  local?: boolean;
  /** true: only replies; false: no replies; absent: either. */
  reply?: boolean;
  /** true: only renotes (quotes included); false: none; absent: either. */
  renote?: boolean;
  /** true: only notes with files; false: none with files; absent: either. */
  withFiles?: boolean;
  /** true: only notes with a poll; false: none; absent: either. */
  poll?: boolean;
}

/**
 * Files count for a note when it carries them itself or when what it embeds does: a renote shows
 * the renoted note's files and a reply is shown under the note it answers, so a client asking for
 * notes with files expects those too.
 */
const carriesFiles: SQL = sql`(cardinality(${notes.fileIds}) > 0
  OR EXISTS (SELECT 1 FROM notes embedded WHERE embedded.id IN (${notes.renoteId}, ${notes.replyId}) AND cardinality(embedded.file_ids) > 0))`;

/**
 * The `notes` endpoint: public notes that are not local-only (Misskey's query), newest first, with
 * its filters. Through the visibility module like every list: the viewer's blocks and the authors'
 * privacy settings apply, mutes do not (Misskey applies none to this list).
 */
export function listPublicNotes(ctx: AppContext, viewer: AuthUser | null, query: PublicNotesQuery): Promise<NoteRow[]> {
  const flag = (value: boolean | undefined, condition: SQL) => (value === undefined ? undefined : value ? condition : not(condition));
  return listVisibleNotes(ctx, viewer, [
    eq(notes.visibility, 'public'),
    eq(notes.localOnly, false),
    query.local ? isNull(notes.userHost) : undefined,
    flag(query.reply, sql`${notes.replyId} IS NOT NULL`),
    flag(query.renote, sql`${notes.renoteId} IS NOT NULL`),
    flag(query.withFiles, carriesFiles),
    flag(query.poll, sql`${notes.hasPoll}`),
  ], query, { includeMuted: true });
}
