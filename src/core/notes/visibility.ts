import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { Caches, type ViewerRelations } from '../cache/caches.js';

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
 * - the author's privacy settings (issue 18; Misskey's `hideNote`): with `requireSigninToViewContents`
 *   anonymous viewers read none of their notes; notes older than `makeNotesHiddenBefore` are read by
 *   the author alone; public/home notes older than `makeNotesFollowersOnlyBefore` are read as if they
 *   were followers-only. Both are a negative number of seconds before now, or a unix time in seconds.
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
  /** Channels the viewer follows. */
  followingChannels: ReadonlySet<string>;
  /** Channels the viewer mutes (active mutes only). */
  mutingChannels: ReadonlySet<string>;
  /** Suspended or deleted accounts: their notes are hidden from everyone but themselves. */
  hiddenUsers: ReadonlySet<string>;
  /** Accounts with a privacy setting that hides some of their notes (absent: none set). */
  restrictedAuthors: ReadonlyMap<string, AuthorRestriction>;
}

/** An author's settings that restrict who reads their notes (users with none are not listed). */
export interface AuthorRestriction {
  requireSigninToViewContents: boolean;
  makeNotesFollowersOnlyBefore: number | null;
  makeNotesHiddenBefore: number | null;
}

/** Accounts whose notes are hidden or restricted, instance-wide (one cached entry). */
export interface AuthorRules {
  hidden: ReadonlySet<string>;
  restricted: ReadonlyMap<string, AuthorRestriction>;
}

/**
 * The viewer's relations that decide visibility and muting, from the process cache
 * (src/core/cache/caches.ts: invalidated on every follow, block and mute change, and on suspension
 * or deletion of accounts) or, on a miss, ONE indexed query for the viewer and one shared query
 * for the hidden accounts.
 */
export async function loadViewerContext(ctx: AppContext, viewer: AuthUser | null): Promise<ViewerContext> {
  const [relations, rules] = await Promise.all([
    viewer ? loadViewerRelations(ctx, viewer.id) : null,
    loadAuthorRules(ctx),
  ]);
  return toContext(viewer, relations ?? NO_RELATIONS, rules);
}

const EMPTY: ReadonlySet<string> = new Set();
const NO_RELATIONS: ViewerRelations = {
  following: EMPTY, followingWithReplies: EMPTY, blocking: EMPTY, blockedBy: EMPTY, muting: EMPTY, renoteMuting: EMPTY,
  followingChannels: EMPTY, mutingChannels: EMPTY, nextMuteExpiry: null,
};

const NO_RULES: AuthorRules = { hidden: EMPTY, restricted: new Map() };

/**
 * Suspended or deleted accounts (their notes are hidden from everyone but themselves) and accounts
 * with a privacy setting that restricts their notes: one query for the instance, cached and
 * dropped whenever an account changes (`usersChanged`: suspension, deletion, profile updates).
 */
export async function loadAuthorRules(ctx: AppContext): Promise<AuthorRules> {
  const rules = await ctx.caches.hiddenUsers.get('', async () => {
    const { rows } = await ctx.db.execute<{ id: string; hidden: boolean; signin: boolean; followers_before: number | null; hidden_before: number | null }>(sql`
      SELECT id, (is_suspended OR is_deleted) AS hidden, require_signin_to_view_contents AS signin,
        make_notes_followers_only_before AS followers_before, make_notes_hidden_before AS hidden_before
      FROM users WHERE is_suspended OR is_deleted OR ${RESTRICTED_USER_SQL}`);
    const hidden = new Set<string>();
    const restricted = new Map<string, AuthorRestriction>();
    for (const row of rows) {
      if (row.hidden) hidden.add(row.id);
      else restricted.set(row.id, { requireSigninToViewContents: row.signin, makeNotesFollowersOnlyBefore: row.followers_before, makeNotesHiddenBefore: row.hidden_before });
    }
    return { hidden, restricted };
  });
  return rules ?? NO_RULES;
}

const RESTRICTED_USER_SQL = sql`(require_signin_to_view_contents OR make_notes_followers_only_before IS NOT NULL OR make_notes_hidden_before IS NOT NULL)`;

/** Misskey's reading of `makeNotes…Before`: `<= 0` is seconds before now, `> 0` a unix time in seconds. */
export function isBeforeThreshold(createdAt: Date, threshold: number | null, now = Date.now()): boolean {
  if (threshold == null) return false;
  return threshold <= 0 ? now - createdAt.getTime() > -threshold * 1000 : createdAt.getTime() < threshold * 1000;
}

type RelationKind = 'following' | 'blocking' | 'blockedBy' | 'muting' | 'renoteMuting' | 'followingChannels' | 'mutingChannels';

/** One user's follows, blocks (both ways), active mutes and renote mutes (cached; see `loadViewerContext`). */
export async function loadViewerRelations(ctx: AppContext, userId: string): Promise<ViewerRelations> {
  const relations = await ctx.caches.relations.get(userId, () => queryViewerRelations(ctx, userId), (loaded) => {
    if (loaded.nextMuteExpiry == null) return undefined;
    return Math.max(0, Math.min(Caches.relationsTtlMs, loaded.nextMuteExpiry - Date.now()));
  });
  return relations ?? NO_RELATIONS;
}

async function queryViewerRelations(ctx: AppContext, userId: string): Promise<ViewerRelations> {
  // `extra`: whether a follow includes replies; when a timed mute expires (ms epoch).
  const { rows } = await ctx.db.execute<{ kind: RelationKind; other: string; extra: string | null }>(sql`
    SELECT 'following' AS kind, followee_id AS other, with_replies::text AS extra FROM followings WHERE follower_id = ${userId}
    UNION ALL SELECT 'blocking', blockee_id, NULL FROM blockings WHERE blocker_id = ${userId}
    UNION ALL SELECT 'blockedBy', blocker_id, NULL FROM blockings WHERE blockee_id = ${userId}
    UNION ALL SELECT 'muting', mutee_id, (extract(epoch FROM expires_at) * 1000)::bigint::text FROM mutings
      WHERE muter_id = ${userId} AND (expires_at IS NULL OR expires_at > now())
    UNION ALL SELECT 'renoteMuting', mutee_id, NULL FROM renote_mutings WHERE muter_id = ${userId}
    UNION ALL SELECT 'followingChannels', followee_id, NULL FROM channel_followings WHERE follower_id = ${userId}
    UNION ALL SELECT 'mutingChannels', channel_id, (extract(epoch FROM expires_at) * 1000)::bigint::text FROM channel_mutings
      WHERE user_id = ${userId} AND (expires_at IS NULL OR expires_at > now())`);
  const sets: Record<RelationKind, Set<string>> = {
    following: new Set(), blocking: new Set(), blockedBy: new Set(), muting: new Set(), renoteMuting: new Set(), followingChannels: new Set(), mutingChannels: new Set(),
  };
  const followingWithReplies = new Set<string>();
  let nextMuteExpiry: number | null = null;
  for (const row of rows) {
    sets[row.kind].add(row.other);
    if (row.kind === 'following' && row.extra === 'true') followingWithReplies.add(row.other);
    if ((row.kind === 'muting' || row.kind === 'mutingChannels') && row.extra != null) {
      const expiry = Number(row.extra);
      if (nextMuteExpiry == null || expiry < nextMuteExpiry) nextMuteExpiry = expiry;
    }
  }
  return { ...sets, followingWithReplies, nextMuteExpiry };
}

function toContext(viewer: AuthUser | null, relations: ViewerRelations, rules: AuthorRules): ViewerContext {
  return {
    user: viewer,
    id: viewer?.id ?? null,
    following: relations.following,
    blocking: relations.blocking,
    blockedBy: relations.blockedBy,
    muting: relations.muting,
    renoteMuting: relations.renoteMuting,
    followingChannels: relations.followingChannels,
    mutingChannels: relations.mutingChannels,
    hiddenUsers: rules.hidden,
    restrictedAuthors: rules.restricted,
  };
}

/** An anonymous viewer's context without a query (for pure checks where suspension is known). */
export function anonymousViewer(): ViewerContext {
  return toContext(null, NO_RELATIONS, NO_RULES);
}

export type VisibilityFields = Pick<NoteRow, 'userId' | 'visibility' | 'localOnly' | 'visibleUserIds' | 'mentions' | 'replyUserId' | 'createdAt'>;

/** Whether the viewer may read this note (see the rules at the top of this file). Pure. */
export function canSeeNote(note: VisibilityFields, viewer: ViewerContext): boolean {
  const me = viewer.id;
  if (me != null && me === note.userId) return true;
  if (viewer.hiddenUsers.has(note.userId)) return false;
  const restriction = viewer.restrictedAuthors.get(note.userId);
  let followersOnly = false;
  if (restriction) {
    if (restriction.requireSigninToViewContents && me == null) return false;
    if (isBeforeThreshold(note.createdAt, restriction.makeNotesHiddenBefore)) return false;
    followersOnly = isBeforeThreshold(note.createdAt, restriction.makeNotesFollowersOnlyBefore);
  }
  if (me == null) {
    if (note.localOnly || followersOnly) return false;
    return note.visibility === 'public' || note.visibility === 'home';
  }
  if (viewer.blocking.has(note.userId) || viewer.blockedBy.has(note.userId)) return false;
  switch (note.visibility) {
    case 'public':
    case 'home':
      if (followersOnly) return viewer.following.has(note.userId) || note.replyUserId === me || note.mentions.includes(me);
      return true;
    case 'followers':
      return viewer.following.has(note.userId) || note.replyUserId === me || note.mentions.includes(me);
    case 'specified':
      return note.visibleUserIds.includes(me) || note.mentions.includes(me);
    default:
      return false;
  }
}

/**
 * Whether the viewer may see an author's works other than notes (gallery posts, pages): the author
 * always; nobody else when the author is suspended or deleted; not across a block in either
 * direction. The same author rules as `canSeeNote`, for content without a note visibility.
 */
export function canSeeAuthorContent(authorId: string, viewer: ViewerContext): boolean {
  if (viewer.id != null && viewer.id === authorId) return true;
  if (viewer.hiddenUsers.has(authorId)) return false;
  return !viewer.blocking.has(authorId) && !viewer.blockedBy.has(authorId);
}

/** The authors whose works `canSeeAuthorContent` hides from this viewer, for a `NOT IN` in list queries. */
export function authorsHiddenFrom(viewer: ViewerContext): string[] {
  const hidden = new Set([...viewer.hiddenUsers, ...viewer.blocking, ...viewer.blockedBy]);
  if (viewer.id != null) hidden.delete(viewer.id);
  return [...hidden];
}

/**
 * Whether the viewer may reply to or renote this note: `canSeeNote`, except that the viewer's own
 * blocks do not stand in the way (Misskey: a block stops the blocked user, not the blocker; being
 * blocked by the author is refused before this with `YOU_HAVE_BEEN_BLOCKED`).
 */
export function canRespondToNote(note: VisibilityFields, viewer: ViewerContext): boolean {
  return canSeeNote(note, viewer.blocking.size > 0 ? { ...viewer, blocking: EMPTY } : viewer);
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
  if (viewer.muting.size > 0 && (isMuted(viewer, note.userId) || isMuted(viewer, note.replyUserId) || isMuted(viewer, note.renoteUserId))) return true;
  return viewer.renoteMuting.has(note.userId) && isPureRenote(note);
}

// Module level, not a closure: this runs for every new note on every streaming socket.
function isMuted(viewer: ViewerContext, userId: string | null): boolean {
  return userId != null && userId !== viewer.id && viewer.muting.has(userId);
}

export interface VisibleWhereOptions {
  /** Keep notes of muted users (and renote-muted renotes). Default: dropped, as timelines do. */
  includeMuted?: boolean;
  /**
   * One user's own page (`users/notes`, Misskey's `ignoreAuthorFromMute`): that author's notes stay
   * even when the viewer mutes them, but their replies to and renotes of muted users' notes go.
   * Renote mutes do not apply there. Ignored with `includeMuted`.
   */
  pageOf?: string;
  /** Drop notes of threads the viewer muted (`notes/thread-muting/create`), as Misskey's mentions do. */
  excludeMutedThreads?: boolean;
}

/** The viewer in SQL: their id, or a placeholder for it in a prepared statement (src/db/prepared.ts). */
export interface ViewerRef { id: string | Placeholder }

const HIDDEN_USERS = sql`(SELECT id FROM users WHERE is_suspended OR is_deleted)`;

/** The SQL twin of `isBeforeThreshold` for a `users` column aliased `author`. */
function beforeThresholdSql(column: SQL): SQL {
  return sql`(${column} IS NOT NULL AND CASE WHEN ${column} <= 0
    THEN ${notes.createdAt} < now() - make_interval(secs => -${column})
    ELSE ${notes.createdAt} < to_timestamp(${column}) END)`;
}

/**
 * The author-privacy part of `canSeeNote` (the author themself is let through before this). Most
 * authors set nothing: the uncorrelated NOT IN is a hashed sub-plan evaluated once, and only notes
 * of the few restricted authors reach the per-row check on the author's primary key.
 */
function authorRestrictionsPass(me: string | Placeholder | null): SQL {
  // `reply_user_id` may be NULL: compared with IS NOT DISTINCT FROM so that NOT (…) never turns NULL.
  const followersOnlyPass = me == null ? sql`false` : sql`(${notes.visibility} NOT IN ('public', 'home')
    OR ${notes.replyUserId} IS NOT DISTINCT FROM ${me} OR ${notes.mentions} @> ARRAY[${me}]::varchar[]
    OR ${notes.userId} IN (SELECT followee_id FROM followings WHERE follower_id = ${me}))`;
  return sql`(${notes.userId} NOT IN (SELECT id FROM users WHERE ${RESTRICTED_USER_SQL}) OR NOT EXISTS (
    SELECT 1 FROM users author WHERE author.id = ${notes.userId} AND (
      ${me == null ? sql`author.require_signin_to_view_contents OR ` : sql``}${beforeThresholdSql(sql`author.make_notes_hidden_before`)}
      OR (${beforeThresholdSql(sql`author.make_notes_followers_only_before`)} AND NOT ${followersOnlyPass})
    )))`;
}

/**
 * The same rules as `canSeeNote`, as a condition on the `notes` table. Every relation is an
 * uncorrelated sub-select on an indexed column of the viewer, so PostgreSQL evaluates each once
 * (a hashed sub-plan) and the outer query keeps its index order (`id` desc on the chosen index).
 * By default it also drops muted notes (`isNoteMuted`); pass `includeMuted` to keep them.
 */
export function visibleNotesWhere(viewer: ViewerRef | null, options: VisibleWhereOptions = {}): SQL {
  if (!viewer) {
    return sql`(${notes.visibility} IN ('public', 'home') AND ${notes.localOnly} = false AND ${notes.userId} NOT IN ${HIDDEN_USERS}
      AND ${authorRestrictionsPass(null)})`;
  }
  const me = viewer.id;
  const meArray = sql`ARRAY[${me}]::varchar[]`;
  const blockedUsers = sql`(SELECT blockee_id FROM blockings WHERE blocker_id = ${me} UNION ALL SELECT blocker_id FROM blockings WHERE blockee_id = ${me})`;
  const visible = sql`(${notes.userId} = ${me} OR (
    ${notes.userId} NOT IN ${HIDDEN_USERS}
    AND ${notes.userId} NOT IN ${blockedUsers}
    AND ${authorRestrictionsPass(me)}
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
  const conditions = [visible];
  if (!options.includeMuted) conditions.push(options.pageOf != null ? mutedTargetsExcluded(me, options.pageOf) : mutedNotesExcluded(me));
  if (options.excludeMutedThreads) conditions.push(mutedThreadsExcluded(me));
  return conditions.length === 1 ? visible : sql`(${sql.join(conditions, sql` AND `)})`;
}

const activeMutes = (me: string | Placeholder) => sql`(SELECT mutee_id FROM mutings WHERE muter_id = ${me} AND (expires_at IS NULL OR expires_at > now()))`;

/** On `author`'s own page: drops their replies to and renotes of users the viewer mutes (not their own notes). */
function mutedTargetsExcluded(me: string | Placeholder, author: string): SQL {
  const muted = activeMutes(me);
  return sql`(
    (${notes.replyUserId} IS NULL OR ${notes.replyUserId} = ${me} OR ${notes.replyUserId} = ${author} OR ${notes.replyUserId} NOT IN ${muted})
    AND (${notes.renoteUserId} IS NULL OR ${notes.renoteUserId} = ${me} OR ${notes.renoteUserId} = ${author} OR ${notes.renoteUserId} NOT IN ${muted})
  )`;
}

/** Notes of threads the viewer muted (Misskey's `generateMutedNoteThreadQuery`); a thread is keyed by its root. */
function mutedThreadsExcluded(me: string | Placeholder): SQL {
  return sql`(COALESCE(${notes.threadId}, ${notes.id}) NOT IN (SELECT thread_id FROM note_thread_mutings WHERE user_id = ${me}))`;
}

/**
 * Home and hybrid timelines (Misskey's timeline filter): a reply to a followers-only note stays out
 * unless the viewer wrote that note or follows its author — even from a followee followed with
 * `withReplies`, whose reply would otherwise show what it answers as a hidden shell.
 */
export function replyTargetReadableWhere(viewer: ViewerRef): SQL {
  const me = viewer.id;
  return sql`(${notes.replyId} IS NULL OR ${notes.replyUserId} = ${me}
    OR ${notes.replyUserId} IN (SELECT followee_id FROM followings WHERE follower_id = ${me})
    OR NOT EXISTS (SELECT 1 FROM notes target WHERE target.id = ${notes.replyId} AND target.visibility = 'followers'))`;
}

/** Drops notes of (or replying to, or renoting) users the viewer mutes, and renote-muted pure renotes. */
function mutedNotesExcluded(me: string | Placeholder): SQL {
  const muted = activeMutes(me);
  const renoteMuted = sql`(SELECT mutee_id FROM renote_mutings WHERE muter_id = ${me})`;
  return sql`(${notes.userId} = ${me} OR (
    ${notes.userId} NOT IN ${muted}
    AND (${notes.replyUserId} IS NULL OR ${notes.replyUserId} = ${me} OR ${notes.replyUserId} NOT IN ${muted})
    AND (${notes.renoteUserId} IS NULL OR ${notes.renoteUserId} = ${me} OR ${notes.renoteUserId} NOT IN ${muted})
    AND (${notes.renoteId} IS NULL OR ${notes.text} IS NOT NULL OR ${notes.cw} IS NOT NULL OR ${notes.replyId} IS NOT NULL
      OR ${notes.hasPoll} OR cardinality(${notes.fileIds}) > 0 OR ${notes.userId} NOT IN ${renoteMuted})
  ))`;
}

/** One note by id if the viewer may read it (muted or not), else null. One query (the viewer's relations are cached). */
export async function findVisibleNote(ctx: AppContext, noteId: string, viewer: AuthUser | null): Promise<NoteRow | null> {
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, noteId)).limit(1);
  if (!note) return null;
  const context = await loadViewerContext(ctx, viewer);
  return canSeeNote(note, context) ? note : null;
}

/**
 * Where notes posted in channels appear (Misskey's fan-out rules and its streaming channels), for
 * every timeline, HTTP and streaming alike:
 * - `home` / `hybrid`: notes of channels the viewer follows (whoever wrote them); a followed user's
 *   note in a channel the viewer does not follow stays out;
 * - `local` / `global` / `list`: never;
 * - `user` (`users/notes`): only with `withChannelNotes`, and then notes of sensitive channels only
 *   to their author (Misskey's `users/notes`; the channel's sensitivity is read in SQL);
 * - `channel` (`channels/timeline`, the `channel` stream): the one channel asked for.
 * Everywhere but `channel`, notes of channels the viewer mutes (`channels/mute/*`) leave too.
 */
export type ChannelScope = 'home' | 'hybrid' | 'local' | 'global' | 'list' | 'user' | 'userWithChannels';

/** Pure twin of `channelNotesWhere` for a note already loaded (streaming). Not for `user*` scopes. */
export function channelNoteAllowed(note: Pick<NoteRow, 'channelId'>, viewer: ViewerContext, scope: 'home' | 'hybrid' | 'local' | 'global' | 'list'): boolean {
  if (note.channelId == null) return true;
  if (scope !== 'home' && scope !== 'hybrid') return false;
  return viewer.followingChannels.has(note.channelId) && !viewer.mutingChannels.has(note.channelId);
}

const activeChannelMutes = (me: string | Placeholder) =>
  sql`(SELECT channel_id FROM channel_mutings WHERE user_id = ${me} AND (expires_at IS NULL OR expires_at > now()))`;

/**
 * The channel part of a timeline's WHERE (see `ChannelScope`). For `home`/`hybrid` it answers the
 * channel notes to ADD (`OR`ed with the timeline's own selection of non-channel notes) through
 * `followedChannelNotesWhere`; this function is the filter every note of the timeline must pass.
 */
export function channelNotesWhere(viewer: ViewerRef | null, scope: ChannelScope): SQL {
  switch (scope) {
    case 'home':
    case 'hybrid':
      // Only followed, unmuted channels' notes (the selection itself is `followedChannelNotesWhere`).
      return viewer
        ? sql`(${notes.channelId} IS NULL OR (${notes.channelId} IN (SELECT followee_id FROM channel_followings WHERE follower_id = ${viewer.id})
            AND ${notes.channelId} NOT IN ${activeChannelMutes(viewer.id)}))`
        : sql`${notes.channelId} IS NULL`;
    case 'userWithChannels': {
      const sensitiveOk = viewer
        ? sql`(${notes.userId} = ${viewer.id} OR ${notes.channelId} NOT IN (SELECT id FROM channels WHERE is_sensitive))`
        : sql`${notes.channelId} NOT IN (SELECT id FROM channels WHERE is_sensitive)`;
      const unmuted = viewer ? sql` AND ${notes.channelId} NOT IN ${activeChannelMutes(viewer.id)}` : sql``;
      return sql`(${notes.channelId} IS NULL OR (${sensitiveOk}${unmuted}))`;
    }
    default:
      return sql`${notes.channelId} IS NULL`;
  }
}

/** Home and hybrid: the notes of the channels the viewer follows, to be OR-ed into their selection. */
export function followedChannelNotesWhere(viewer: ViewerRef): SQL {
  return sql`${notes.channelId} IN (SELECT followee_id FROM channel_followings WHERE follower_id = ${viewer.id})`;
}
