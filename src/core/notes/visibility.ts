import { eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';

/**
 * THE place that decides who may see a note. Three faces of the same rules:
 * - `canSeeNote(note, viewerContext)`: pure, for rows already loaded (packing, show, streaming);
 * - `visibleNotesWhere(viewer)`: a WHERE condition on `notes` for lists and timelines;
 * - `findVisibleNote(ctx, id, viewer)`: one note by id, or null.
 *
 * Rules (Misskey's `isVisibleForMe` / `generateVisibilityQuery`, plus what the issue adds):
 * - the author always sees their own note;
 * - notes of suspended or deleted accounts are seen by nobody else;
 * - a block in either direction between viewer and author hides the note;
 * - `localOnly` notes are hidden from anonymous viewers;
 * - `public` and `home`: everyone;
 * - `followers`: followers of the author, the author of the note replied to, mentioned users;
 * - `specified`: the users in `visibleUserIds` and mentioned users (Misskey's query also admits
 *   mentions; note creation puts every recipient into both lists anyway).
 * Mutes do not hide a note (`notes/show` still answers); timelines drop muted notes with
 * `isNoteMuted` / the mute part of `visibleNotesWhere`.
 */
export interface ViewerContext {
  user: AuthUser | null;
  /** Viewer's id, null when anonymous. */
  id: string | null;
  /** Users the viewer follows. */
  following: ReadonlySet<string>;
  /** Users the viewer blocks. */
  blocking: ReadonlySet<string>;
  /** Users who block the viewer. */
  blockedBy: ReadonlySet<string>;
  /** Users the viewer mutes (active mutes only). */
  muting: ReadonlySet<string>;
  /** Users whose renotes the viewer mutes. */
  renoteMuting: ReadonlySet<string>;
  /** Suspended or deleted accounts: their notes are hidden from everyone but themselves. */
  hiddenUsers: ReadonlySet<string>;
}

type RelationKind = 'following' | 'blocking' | 'blockedBy' | 'muting' | 'renoteMuting' | 'hidden';

export interface LoadViewerOptions {
  /**
   * Only relations to these users are loaded (one note's author, a page's authors): cheaper for a
   * viewer who follows thousands. Omit to load the viewer's whole graph.
   */
  aboutUserIds?: readonly string[];
}

/** The viewer's relations that decide visibility and muting: ONE indexed query. */
export async function loadViewerContext(ctx: AppContext, viewer: AuthUser | null, options: LoadViewerOptions = {}): Promise<ViewerContext> {
  const sets: Record<RelationKind, Set<string>> = {
    following: new Set(), blocking: new Set(), blockedBy: new Set(), muting: new Set(), renoteMuting: new Set(), hidden: new Set(),
  };
  const about = options.aboutUserIds ? [...new Set(options.aboutUserIds)] : null;
  if (about && about.length === 0) return toContext(viewer, sets);
  const ids = about ? sql`ARRAY[${sql.join(about.map((id) => sql`${id}`), sql`, `)}]::varchar[]` : null;
  const only = (column: string) => (ids ? sql` AND ${sql.raw(column)} = ANY(${ids})` : sql``);
  const hiddenPart = sql`SELECT 'hidden' AS kind, id AS other FROM users WHERE (is_suspended OR is_deleted)${only('id')}`;
  const query = viewer
    ? sql`
      SELECT 'following' AS kind, followee_id AS other FROM followings WHERE follower_id = ${viewer.id}${only('followee_id')}
      UNION ALL SELECT 'blocking', blockee_id FROM blockings WHERE blocker_id = ${viewer.id}${only('blockee_id')}
      UNION ALL SELECT 'blockedBy', blocker_id FROM blockings WHERE blockee_id = ${viewer.id}${only('blocker_id')}
      UNION ALL SELECT 'muting', mutee_id FROM mutings WHERE muter_id = ${viewer.id} AND (expires_at IS NULL OR expires_at > now())${only('mutee_id')}
      UNION ALL SELECT 'renoteMuting', mutee_id FROM renote_mutings WHERE muter_id = ${viewer.id}${only('mutee_id')}
      UNION ALL ${hiddenPart}`
    : hiddenPart;
  const { rows } = await ctx.db.execute<{ kind: RelationKind; other: string }>(query);
  for (const row of rows) sets[row.kind].add(row.other);
  return toContext(viewer, sets);
}

function toContext(viewer: AuthUser | null, sets: Record<RelationKind, Set<string>>): ViewerContext {
  return {
    user: viewer,
    id: viewer?.id ?? null,
    following: sets.following,
    blocking: sets.blocking,
    blockedBy: sets.blockedBy,
    muting: sets.muting,
    renoteMuting: sets.renoteMuting,
    hiddenUsers: sets.hidden,
  };
}

/** An anonymous viewer's context without a query (for pure checks where suspension is known). */
export function anonymousViewer(): ViewerContext {
  return toContext(null, { following: new Set(), blocking: new Set(), blockedBy: new Set(), muting: new Set(), renoteMuting: new Set(), hidden: new Set() });
}

type VisibilityFields = Pick<NoteRow, 'userId' | 'visibility' | 'localOnly' | 'visibleUserIds' | 'mentions' | 'replyUserId'>;

/** Whether the viewer may read this note (see the rules at the top of this file). Pure. */
export function canSeeNote(note: VisibilityFields, viewer: ViewerContext): boolean {
  const me = viewer.id;
  if (me != null && me === note.userId) return true;
  if (viewer.hiddenUsers.has(note.userId)) return false;
  if (me == null) {
    if (note.localOnly) return false;
    return note.visibility === 'public' || note.visibility === 'home';
  }
  if (viewer.blocking.has(note.userId) || viewer.blockedBy.has(note.userId)) return false;
  switch (note.visibility) {
    case 'public':
    case 'home':
      return true;
    case 'followers':
      return viewer.following.has(note.userId) || note.replyUserId === me || note.mentions.includes(me);
    case 'specified':
      return note.visibleUserIds.includes(me) || note.mentions.includes(me);
    default:
      return false;
  }
}

type MuteFields = Pick<NoteRow, 'userId' | 'replyUserId' | 'renoteUserId' | 'renoteId' | 'text' | 'cw' | 'fileIds' | 'hasPoll' | 'replyId'>;

/** A renote without content of its own (Misskey's `isPureRenote`). */
export function isPureRenote(note: Pick<NoteRow, 'renoteId' | 'text' | 'cw' | 'fileIds' | 'hasPoll' | 'replyId'>): boolean {
  return note.renoteId != null && note.text == null && note.cw == null && note.fileIds.length === 0 && !note.hasPoll && note.replyId == null;
}

/**
 * Whether a timeline should drop this note for the viewer: its author, or the author of what it
 * replies to or renotes, is muted (Misskey's `isUserRelated`), or it is a pure renote by a user
 * whose renotes the viewer muted. The viewer's own notes are never muted.
 */
export function isNoteMuted(note: MuteFields, viewer: ViewerContext): boolean {
  const me = viewer.id;
  if (me == null || note.userId === me) return false;
  const muted = (userId: string | null) => userId != null && userId !== me && viewer.muting.has(userId);
  if (muted(note.userId) || muted(note.replyUserId) || muted(note.renoteUserId)) return true;
  return viewer.renoteMuting.has(note.userId) && isPureRenote(note);
}

export interface VisibleWhereOptions {
  /** Keep notes of muted users (and renote-muted renotes). Default: dropped, as timelines do. */
  includeMuted?: boolean;
}

const HIDDEN_USERS = sql`(SELECT id FROM users WHERE is_suspended OR is_deleted)`;

/**
 * The same rules as `canSeeNote`, as a condition on the `notes` table. Every relation is an
 * uncorrelated sub-select on an indexed column of the viewer, so PostgreSQL evaluates each once
 * (a hashed sub-plan) and the outer query keeps its index order (`id` desc on the chosen index).
 * By default it also drops muted notes (`isNoteMuted`); pass `includeMuted` to keep them.
 */
export function visibleNotesWhere(viewer: AuthUser | null, options: VisibleWhereOptions = {}): SQL {
  if (!viewer) {
    return sql`(${notes.visibility} IN ('public', 'home') AND ${notes.localOnly} = false AND ${notes.userId} NOT IN ${HIDDEN_USERS})`;
  }
  const me = viewer.id;
  const meArray = sql`ARRAY[${me}]::varchar[]`;
  const blockedUsers = sql`(SELECT blockee_id FROM blockings WHERE blocker_id = ${me} UNION ALL SELECT blocker_id FROM blockings WHERE blockee_id = ${me})`;
  const visible = sql`(${notes.userId} = ${me} OR (
    ${notes.userId} NOT IN ${HIDDEN_USERS}
    AND ${notes.userId} NOT IN ${blockedUsers}
    AND (
      ${notes.visibility} IN ('public', 'home')
      OR ${notes.mentions} @> ${meArray}
      OR (${notes.visibility} = 'specified' AND ${notes.visibleUserIds} @> ${meArray})
      OR (${notes.visibility} = 'followers' AND (
        ${notes.replyUserId} = ${me}
        OR ${notes.userId} IN (SELECT followee_id FROM followings WHERE follower_id = ${me})
      ))
    )
  ))`;
  if (options.includeMuted) return visible;
  return sql`(${visible} AND ${mutedNotesExcluded(me)})`;
}

/** Drops notes of (or replying to, or renoting) users the viewer mutes, and renote-muted pure renotes. */
function mutedNotesExcluded(me: string): SQL {
  const muted = sql`(SELECT mutee_id FROM mutings WHERE muter_id = ${me} AND (expires_at IS NULL OR expires_at > now()))`;
  const renoteMuted = sql`(SELECT mutee_id FROM renote_mutings WHERE muter_id = ${me})`;
  return sql`(${notes.userId} = ${me} OR (
    ${notes.userId} NOT IN ${muted}
    AND (${notes.replyUserId} IS NULL OR ${notes.replyUserId} = ${me} OR ${notes.replyUserId} NOT IN ${muted})
    AND (${notes.renoteUserId} IS NULL OR ${notes.renoteUserId} = ${me} OR ${notes.renoteUserId} NOT IN ${muted})
    AND (${notes.renoteId} IS NULL OR ${notes.text} IS NOT NULL OR ${notes.cw} IS NOT NULL OR ${notes.replyId} IS NOT NULL
      OR ${notes.hasPoll} OR cardinality(${notes.fileIds}) > 0 OR ${notes.userId} NOT IN ${renoteMuted})
  ))`;
}

/** One note by id if the viewer may read it (muted or not), else null. Two small queries. */
export async function findVisibleNote(ctx: AppContext, noteId: string, viewer: AuthUser | null): Promise<NoteRow | null> {
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, noteId)).limit(1);
  if (!note) return null;
  const context = await loadViewerContext(ctx, viewer, { aboutUserIds: [note.userId] });
  return canSeeNote(note, context) ? note : null;
}
