import { eq, isNull, not, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Page } from '../pagination.js';
import { isPureRenoteSql, listVisibleNotes } from './read-list.js';
import { channelNotesWhere } from './visibility.js';

export interface UserNotesQuery extends Page {
  limit: number;
  /** Include replies to other users (replies to oneself — threads — are always included). Default false. */
  withReplies?: boolean;
  /** Include pure renotes. Default true. */
  withRenotes?: boolean;
  /** Include notes posted in channels. Default false. */
  withChannelNotes?: boolean;
  /** Only notes with files. Default false. */
  withFiles?: boolean;
}

/**
 * `users/notes`: the notes of one user that the viewer may read (Misskey: public and home for
 * everyone, followers-only for followers, specified for recipients, all for the author; nothing at
 * all when a block stands between them). Muting the author does not hide their notes on their own
 * page (Misskey's `ignoreAuthorFromMute`), but their replies to and renotes of muted users go.
 * Served by `notes_user_id_id_idx` (user_id, id).
 */
export function listUserNotes(ctx: AppContext, userId: string, viewer: AuthUser | null, query: UserNotesQuery): Promise<NoteRow[]> {
  return listVisibleNotes(ctx, viewer, [
    eq(notes.userId, userId),
    query.withReplies ? undefined : or(isNull(notes.replyId), sql`${notes.replyUserId} = ${notes.userId}`),
    query.withRenotes === false ? not(isPureRenoteSql) : undefined,
    // Channel notes only when asked for; sensitive channels' notes then only to their author.
    channelNotesWhere(viewer ? { id: viewer.id } : null, query.withChannelNotes ? 'userWithChannels' : 'user'),
    query.withFiles ? sql`cardinality(${notes.fileIds}) > 0` : undefined,
  ], query, { pageOf: userId });
}
