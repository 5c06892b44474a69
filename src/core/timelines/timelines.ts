import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, userLists, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { prepared } from '../../db/prepared.js';
import { idBounds, idRange, type Page } from '../pagination.js';
import { channelNotesWhere, followedChannelNotesWhere, loadViewerRelations, replyTargetReadableWhere, visibleNotesWhere, type ViewerRef } from '../notes/visibility.js';

/**
 * Timelines straight from PostgreSQL (Misskey's database path, without its Redis fan-out
 * timelines): each is ONE query over `notes` that walks an index in `id` order — the primary key,
 * or the partial index `notes_local_public_idx` for the local timeline — while the viewer's
 * relations (followings, blocks, mutes) are uncorrelated sub-selects PostgreSQL hashes once.
 * Visibility, blocks and mutes come from `visibleNotesWhere` (src/core/notes/visibility.ts).
 *
 * Each (timeline, options) shape is a named prepared statement (src/db/prepared.ts) with the viewer,
 * list, bounds and limit as placeholders: built by Drizzle once, planned by PostgreSQL once per
 * connection, where building and planning it used to cost more than running it.
 */
export interface TimelineQuery extends Page {
  limit: number;
  withFiles?: boolean;
  withRenotes?: boolean;
  withReplies?: boolean;
  includeMyRenotes?: boolean;
  includeRenotedMyNotes?: boolean;
  includeLocalRenotes?: boolean;
}

/** A renote without content of its own, as SQL. */
const isPureRenote = sql`(${notes.renoteId} IS NOT NULL AND ${notes.text} IS NULL AND ${notes.cw} IS NULL AND ${notes.replyId} IS NULL AND NOT ${notes.hasPoll} AND cardinality(${notes.fileIds}) = 0)`;

type Ref = string | Placeholder;
const ME = sql.placeholder('me');
const LIST = sql.placeholder('list');
const CHANNEL = sql.placeholder('channel');

function followees(me: Ref, onlyWithReplies = false): SQL {
  return onlyWithReplies
    ? sql`(SELECT followee_id FROM followings WHERE follower_id = ${me} AND with_replies)`
    : sql`(SELECT followee_id FROM followings WHERE follower_id = ${me})`;
}

/** The filters every timeline shares: files, renotes and the renote options. */
function commonFilters(me: ViewerRef | null, query: TimelineQuery): (SQL | undefined)[] {
  return [
    query.withFiles ? sql`cardinality(${notes.fileIds}) > 0` : undefined,
    query.withRenotes === false ? sql`NOT ${isPureRenote}` : undefined,
    me && query.includeMyRenotes === false ? sql`NOT (${notes.userId} = ${me.id} AND ${isPureRenote})` : undefined,
    me && query.includeRenotedMyNotes === false ? sql`NOT (${notes.renoteUserId} = ${me.id} AND ${isPureRenote})` : undefined,
    query.includeLocalRenotes === false ? sql`NOT (${notes.userHost} IS NULL AND ${isPureRenote})` : undefined,
  ];
}

/**
 * Which replies a timeline shows (Misskey): non-replies, replies to oneself, replies to the viewer,
 * the viewer's own replies, and replies by users the viewer follows with `withReplies` (or, for
 * `withReplies` timelines, every reply).
 */
function replyFilter(me: ViewerRef | null, options: { all?: boolean; followWithReplies?: boolean; listId?: Ref }): SQL | undefined {
  if (options.all) return undefined;
  const parts: SQL[] = [sql`${notes.replyId} IS NULL`, sql`${notes.replyUserId} = ${notes.userId}`];
  if (me) parts.push(sql`${notes.replyUserId} = ${me.id}`, sql`${notes.userId} = ${me.id}`);
  if (me && options.followWithReplies) parts.push(sql`${notes.userId} IN ${followees(me.id, true)}`);
  if (options.listId) parts.push(sql`${notes.userId} IN (SELECT user_id FROM user_list_memberships WHERE user_list_id = ${options.listId} AND with_replies)`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** What decides a timeline statement's text (everything else is a placeholder value). */
function shapeOf(kind: string, me: AuthUser | null, query: TimelineQuery): string {
  const flag = (value: boolean | undefined) => (value === undefined ? 'u' : value ? 't' : 'f');
  return [
    kind, me ? 'me' : 'anon', flag(query.withFiles), flag(query.withRenotes), flag(query.withReplies),
    flag(query.includeMyRenotes), flag(query.includeRenotedMyNotes), flag(query.includeLocalRenotes),
    query.sinceId !== undefined || query.sinceDate != null ? 's' : '', query.untilId !== undefined || query.untilDate != null ? 'u' : '',
  ].join('_');
}

/**
 * Runs the timeline `kind` for `me`: `conditions` (given the viewer reference to put in SQL) are
 * built into a prepared statement the first time this shape is asked for.
 *
 * `sources` (the home timeline of a viewer who follows few accounts and channels) picks the same
 * notes another way: instead of walking every note in id order until `limit` of them pass the
 * conditions, which for a viewer following a few quiet accounts reads most of the table, it takes
 * the newest `limit` passing notes of each source (the viewer, each followee, each followed
 * channel) from the `(user_id, id)` / `(channel_id, id)` indexes and keeps the newest `limit` of
 * those. Same conditions, same answer; the cost grows with the number of sources instead.
 */
async function run(
  ctx: AppContext,
  kind: string,
  me: AuthUser | null,
  query: TimelineQuery,
  conditions: (viewer: ViewerRef | null) => (SQL | undefined)[],
  values: Record<string, unknown> = {},
  strategy: 'walk' | 'sources' = 'walk',
): Promise<NoteRow[]> {
  const { since, until } = idBounds(query);
  const statement = prepared(ctx.database, `tl_${strategy === 'sources' ? 'src_' : ''}${shapeOf(kind, me, query)}`, (db, name) => {
    const page = idRange(notes.id, since !== undefined ? sql.placeholder('since') : undefined, until !== undefined ? sql.placeholder('until') : undefined);
    const where = and(...conditions(me ? { id: ME } : null), page.where);
    if (strategy === 'sources') {
      // Inside each LATERAL sub-select, "notes"."…" refers to that sub-select's own `notes`.
      const newest = (source: SQL) => sql`SELECT ${notes.id} AS id FROM ${notes} WHERE ${source} AND ${where} ORDER BY ${page.orderBy} LIMIT ${sql.placeholder('limit')}`;
      // The picked ids as one array (an InitPlan), so the outer query fetches exactly those rows by
      // primary key: as `IN (…)`, the generic plan walked the whole index again, semi-joining.
      const pickedOrder = since !== undefined && until === undefined ? sql`id ASC` : sql`id DESC`;
      return db.select().from(notes)
        .where(sql`${notes.id} = ANY(ARRAY(SELECT picked.id FROM (
          SELECT picked.id FROM (SELECT ${ME}::varchar AS user_id UNION ALL SELECT followee_id FROM followings WHERE follower_id = ${ME}) AS sources
            CROSS JOIN LATERAL (${newest(sql`${notes.userId} = sources.user_id AND ${notes.channelId} IS NULL`)}) AS picked
          UNION ALL
          SELECT picked.id FROM channel_followings AS followed
            CROSS JOIN LATERAL (${newest(sql`${notes.channelId} = followed.followee_id`)}) AS picked
            WHERE followed.follower_id = ${ME}) AS picked ORDER BY ${pickedOrder} LIMIT ${sql.placeholder('limit')}))`)
        .orderBy(page.orderBy)
        .limit(sql.placeholder('limit'))
        .prepare(name);
    }
    return db.select().from(notes)
      .where(where)
      .orderBy(page.orderBy)
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });
  return statement.execute({ ...values, me: me?.id, since, until, limit: query.limit });
}

/**
 * Up to this many sources (the viewer, followees, followed channels), the home timeline reads each
 * source's newest notes (`sources`); beyond it, it walks the notes in id order (`walk`), which is
 * cheaper when the sources post a fair share of all notes. bench/scale.ts measures both ends; the
 * tests run the home timeline's cases under each strategy by changing this.
 */
export const homeTimelineTuning = { sourcesMax: 200 };

/**
 * Home: the viewer's own notes and those of everyone they follow (each follow's `withReplies`)
 * outside channels, and the notes of the channels they follow (channel rules: `channelNotesWhere`).
 */
export async function homeTimeline(ctx: AppContext, me: AuthUser, query: TimelineQuery): Promise<NoteRow[]> {
  // Cached per viewer (the request packs its notes with the same relations).
  const relations = await loadViewerRelations(ctx, me.id);
  const sources = 1 + relations.following.size + relations.followingChannels.size;
  return run(ctx, 'home', me, query, (viewer) => [
    sql`((${notes.channelId} IS NULL AND (${notes.userId} = ${ME} OR ${notes.userId} IN ${followees(ME)})) OR ${followedChannelNotesWhere(viewer!)})`,
    channelNotesWhere(viewer, 'home'),
    visibleNotesWhere(viewer),
    replyTargetReadableWhere(viewer!),
    replyFilter(viewer, { followWithReplies: true }),
    ...commonFilters(viewer, query),
  ], {}, sources <= homeTimelineTuning.sourcesMax ? 'sources' : 'walk');
}

/** Local: public notes of this server's users, outside channels. */
export function localTimeline(ctx: AppContext, me: AuthUser | null, query: TimelineQuery): Promise<NoteRow[]> {
  return run(ctx, 'local', me, query, (viewer) => [
    // Exactly the predicate of the partial index notes_local_public_idx.
    sql`${notes.visibility} = 'public' AND ${notes.userHost} IS NULL AND ${notes.channelId} IS NULL`,
    channelNotesWhere(viewer, 'local'),
    visibleNotesWhere(viewer),
    replyFilter(viewer, { all: query.withReplies }),
    ...commonFilters(viewer, query),
  ]);
}

/** Hybrid (social): the home timeline and the local timeline together (followed channels' notes included). */
export function hybridTimeline(ctx: AppContext, me: AuthUser, query: TimelineQuery): Promise<NoteRow[]> {
  return run(ctx, 'hybrid', me, query, (viewer) => [
    sql`((${notes.channelId} IS NULL AND (
      (${notes.userId} = ${ME} OR ${notes.userId} IN ${followees(ME)})
      OR (${notes.visibility} = 'public' AND ${notes.userHost} IS NULL)
    )) OR ${followedChannelNotesWhere(viewer!)})`,
    channelNotesWhere(viewer, 'hybrid'),
    visibleNotesWhere(viewer),
    replyTargetReadableWhere(viewer!),
    replyFilter(viewer, { all: query.withReplies, followWithReplies: true }),
    ...commonFilters(viewer, query),
  ]);
}

/** Global: every public note outside channels (without federation, this server's). */
export function globalTimeline(ctx: AppContext, me: AuthUser | null, query: TimelineQuery): Promise<NoteRow[]> {
  return run(ctx, 'global', me, query, (viewer) => [
    sql`${notes.visibility} = 'public'`,
    channelNotesWhere(viewer, 'global'),
    visibleNotesWhere(viewer),
    ...commonFilters(viewer, query),
  ]);
}

/** The list, if the viewer owns it. */
export async function findOwnList(ctx: AppContext, me: AuthUser, listId: string): Promise<{ id: string } | null> {
  const [list] = await ctx.db.select({ id: userLists.id }).from(userLists)
    .where(and(eq(userLists.id, listId), eq(userLists.userId, me.id))).limit(1);
  return list ?? null;
}

/** A list's members' notes (each membership's `withReplies`). The caller checked the list is the viewer's. */
export function userListTimeline(ctx: AppContext, me: AuthUser, listId: string, query: TimelineQuery): Promise<NoteRow[]> {
  return run(ctx, 'list', me, query, (viewer) => [
    sql`${notes.userId} IN (SELECT user_id FROM user_list_memberships WHERE user_list_id = ${LIST})`,
    channelNotesWhere(viewer, 'list'),
    visibleNotesWhere(viewer),
    replyFilter(viewer, { listId: LIST }),
    ...commonFilters(viewer, query),
  ], { list: listId });
}

/**
 * One channel's notes (`channels/timeline`): visibility, blocks and user mutes as everywhere; the
 * channel's own mute does not apply here (the viewer asked for this channel). The caller checked
 * the channel exists.
 */
export function channelTimeline(ctx: AppContext, me: AuthUser | null, channelId: string, query: TimelineQuery): Promise<NoteRow[]> {
  return run(ctx, 'channel', me, query, (viewer) => [
    sql`${notes.channelId} = ${CHANNEL}`,
    visibleNotesWhere(viewer),
    ...commonFilters(viewer, query),
  ], { channel: channelId });
}
