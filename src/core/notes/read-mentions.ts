import { eq, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow, type NoteVisibility } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Page } from '../pagination.js';
import { listVisibleNotes } from './read-list.js';

export interface MentionsQuery extends Page {
  limit: number;
  /** Only notes by users the viewer follows (and the viewer's own). */
  following?: boolean;
  /** Only notes of this visibility (`specified` lists direct notes). */
  visibility?: string;
}

/**
 * `notes/mentions`: notes that mention the viewer or are addressed to them (`specified` with the
 * viewer among the recipients), as Misskey's query (`mentions` OR `visibleUserIds`), through the
 * visibility rules, mutes and muted threads.
 */
export function listMentions(ctx: AppContext, me: AuthUser, query: MentionsQuery): Promise<NoteRow[]> {
  const meArray = sql`ARRAY[${me.id}]::varchar[]`;
  return listVisibleNotes(ctx, me, [
    or(sql`${notes.mentions} @> ${meArray}`, sql`${notes.visibleUserIds} @> ${meArray}`),
    query.visibility ? eq(notes.visibility, query.visibility as NoteVisibility) : undefined,
    query.following
      ? or(eq(notes.userId, me.id), sql`${notes.userId} IN (SELECT followee_id FROM followings WHERE follower_id = ${me.id})`)
      : undefined,
  ], query, { excludeMutedThreads: true });
}
