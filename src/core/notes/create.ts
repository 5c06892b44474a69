import { noteCreated } from '../../federation/hooks.js';
import { foreignKeyConstraint, retryDeadlock } from '../../db/errors.js';
import { and, eq, inArray, is, isNull, Param, Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as mfm from 'mfm-js';
import type { AppContext } from '../../context.js';
import { driveFiles, notes, polls, users, type ChannelRow, type NoteRow, type NoteVisibility, type ReactionAcceptance, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { publishMainStream, publishNote } from '../../bus/topics.js';
import type { AuthUser } from '../auth/authenticate.js';
import { normalizeTags, noteHashtagsUpsertOf } from '../hashtags/record.js';
import { prepared } from '../../db/prepared.js';
import { createNotification } from '../notifications/create.js';
import { isThreadMuted } from '../thread-muting/thread-muting.js';
import { isKeywordIncluded } from '../meta/keywords.js';
import { packNote } from './pack.js';
import { emitNoteWebhooks } from '../webhooks/dispatch.js';
import { canRespondToNote, isPureRenote, loadViewerContext } from './visibility.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { endedPollNotification } from '../../jobs/kinds/ended-poll-notification.js';
import * as schema from '../../db/schema/index.js';
import { policiesOf } from '../roles/policies.js';
import { findChannel, findOpenChannel } from '../channels/read.js';
import { recordActiveWrite, recordNote } from '../charts/record.js';
import { collectIntoAntennas } from '../antennas/collect.js';

/** Why a note could not be posted: the names of `notes/create`'s declared errors. */
export type NoteCreateFailure =
  | 'noSuchRenoteTarget' | 'cannotReRenote' | 'cannotRenoteDueToVisibility' | 'noSuchReplyTarget'
  | 'cannotReplyToInvisibleNote' | 'cannotReplyToPureRenote' | 'cannotReplyToSpecifiedVisibilityNoteWithExtendedVisibility'
  | 'cannotCreateAlreadyExpiredPoll' | 'noSuchChannel' | 'cannotRenoteOutsideOfChannel' | 'youHaveBeenBlocked' | 'noSuchFile' | 'containsTooManyMentions'
  | 'containsProhibitedWords';

export class NoteCreateError extends Error {
  constructor(readonly reason: NoteCreateFailure) {
    super(reason);
  }
}

export interface NewNote {
  text?: string | null;
  cw?: string | null;
  visibility?: NoteVisibility;
  visibleUserIds?: string[];
  localOnly?: boolean;
  reactionAcceptance?: ReactionAcceptance | 'nonSensitiveOnlyForLocalLikeOnlyForRemote' | null;
  noExtractMentions?: boolean;
  noExtractHashtags?: boolean;
  noExtractEmojis?: boolean;
  replyId?: string | null;
  renoteId?: string | null;
  channelId?: string | null;
  fileIds?: string[] | null;
  poll?: { choices: string[]; multiple?: boolean; expiresAt?: number | null; expiredAfter?: number | null } | null;
}

/** Misskey's limits on what is stored (DB_MAX_NOTE_TEXT_LENGTH; tags). */
const DB_MAX_NOTE_TEXT_LENGTH = 8192;
const MAX_TAGS = 32;
const MAX_TAG_LENGTH = 128;

/** Misskey's `normalizeForSearch`: NFKC, lower case. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').toLowerCase();
}

export interface ExtractedEntities {
  tags: string[];
  emojis: string[];
  mentions: { username: string; host: string | null }[];
}

/** Hashtags, custom emoji and mentions in the text, CW and poll choices, with mfm-js (Misskey's parser). */
export function extractEntities(texts: readonly (string | null | undefined)[]): ExtractedEntities {
  const nodes = texts.flatMap((text) => (text ? mfm.parse(text) : []));
  const tags = new Set<string>();
  const emojis = new Set<string>();
  const mentions = new Map<string, { username: string; host: string | null }>();
  for (const node of mfm.extract(nodes, (n) => n.type === 'hashtag' || n.type === 'emojiCode' || n.type === 'mention')) {
    if (node.type === 'hashtag') tags.add(node.props.hashtag);
    else if (node.type === 'emojiCode') emojis.add(node.props.name);
    else if (node.type === 'mention') {
      const host = node.props.host ? node.props.host.toLowerCase() : null;
      mentions.set(`${node.props.username.toLowerCase()}@${host ?? ''}`, { username: node.props.username, host });
    }
  }
  return {
    tags: [...tags].filter((tag) => Array.from(tag).length <= MAX_TAG_LENGTH).slice(0, MAX_TAGS),
    emojis: [...emojis],
    mentions: [...mentions.values()],
  };
}

function authUserOf(user: UserRow): AuthUser {
  return { id: user.id, username: user.username, host: user.host, isAdmin: user.isAdmin, isModerator: user.isModerator, isSuspended: user.isSuspended };
}

type NotifyReason = 'mention' | 'reply' | 'renote' | 'quote';

/** What `checkNoteInput` found: the targets and attachments the note may use. */
export interface CheckedNoteInput {
  renote: NoteRow | null;
  reply: NoteRow | null;
  fileIds: string[];
  fileTypes: string[];
  pollExpiresAt: Date | null;
  /** The channel the note goes into (asked for, or the reply's), or null. */
  channel: ChannelRow | null;
}

/**
 * The checks `notes/create` makes before writing anything (targets exist and may be answered or
 * renoted, the poll has not ended, the files are the caller's), shared by drafts and scheduled
 * notes so a draft is refused for the same reasons its note would be.
 * Throws `NoteCreateError` with the endpoint's error name.
 */
export async function checkNoteInput(ctx: AppContext, me: AuthUser, input: NewNote, now = Date.now()): Promise<CheckedNoteInput> {
  const visibility: NoteVisibility = input.visibility ?? 'public';

  // Posting into a channel: it must exist and not be archived (Misskey's notes/create).
  let channel: ChannelRow | null = null;
  if (input.channelId != null) channel = await findOpenChannel(ctx, input.channelId) ?? fail('noSuchChannel');

  const [renote, reply] = await Promise.all([
    input.renoteId ? ctx.db.select().from(notes).where(eq(notes.id, input.renoteId)).limit(1).then((r) => r[0] ?? null) : null,
    input.replyId ? ctx.db.select().from(notes).where(eq(notes.id, input.replyId)).limit(1).then((r) => r[0] ?? null) : null,
  ]);
  const others = [renote?.userId, reply?.userId].filter((id): id is string => id != null && id !== me.id);
  const viewer = others.length > 0 ? await loadViewerContext(ctx, me) : null;

  if (input.renoteId != null) {
    if (!renote) throw new NoteCreateError('noSuchRenoteTarget');
    if (isPureRenote(renote)) throw new NoteCreateError('cannotReRenote');
    if (renote.userId !== me.id && viewer!.blockedBy.has(renote.userId)) throw new NoteCreateError('youHaveBeenBlocked');
    if ((renote.visibility === 'followers' && renote.userId !== me.id) || renote.visibility === 'specified') {
      throw new NoteCreateError('cannotRenoteDueToVisibility');
    }
    if (renote.userId !== me.id && !canRespondToNote(renote, viewer!)) throw new NoteCreateError('noSuchRenoteTarget');
    // A channel note renoted anywhere but its own channel: only if the channel allows it.
    if (renote.channelId != null && renote.channelId !== input.channelId) {
      const renoteChannel = await findChannel(ctx, renote.channelId) ?? fail('noSuchChannel');
      if (!renoteChannel.allowRenoteToExternal) throw new NoteCreateError('cannotRenoteOutsideOfChannel');
    }
  }
  if (input.replyId != null) {
    if (!reply) throw new NoteCreateError('noSuchReplyTarget');
    if (isPureRenote(reply)) throw new NoteCreateError('cannotReplyToPureRenote');
    if (reply.userId !== me.id && viewer!.blockedBy.has(reply.userId)) throw new NoteCreateError('youHaveBeenBlocked');
    if (reply.userId !== me.id && !canRespondToNote(reply, viewer!)) throw new NoteCreateError('cannotReplyToInvisibleNote');
    if (reply.visibility === 'specified' && visibility !== 'specified') {
      throw new NoteCreateError('cannotReplyToSpecifiedVisibilityNoteWithExtendedVisibility');
    }
    // A reply goes where the note it answers is (NoteCreateService): into its channel, or out of one.
    if (reply.channelId !== (channel?.id ?? null)) channel = reply.channelId != null ? await findChannel(ctx, reply.channelId) : null;
  }

  let pollExpiresAt: Date | null = null;
  if (input.poll) {
    if (typeof input.poll.expiresAt === 'number') {
      if (input.poll.expiresAt < now) throw new NoteCreateError('cannotCreateAlreadyExpiredPoll');
      pollExpiresAt = new Date(input.poll.expiresAt);
    } else if (typeof input.poll.expiredAfter === 'number') {
      pollExpiresAt = new Date(now + input.poll.expiredAfter);
    }
  }

  // Attachments: the caller's own files, in the order given.
  const fileIds = input.fileIds ?? [];
  let fileTypes: string[] = [];
  if (fileIds.length > 0) {
    const rows = await ctx.db.select({ id: driveFiles.id, type: driveFiles.type }).from(driveFiles)
      .where(and(eq(driveFiles.userId, me.id), inArray(driveFiles.id, fileIds)));
    if (rows.length !== new Set(fileIds).size) throw new NoteCreateError('noSuchFile');
    const typeById = new Map(rows.map((row) => [row.id, row.type]));
    fileTypes = fileIds.map((id) => typeById.get(id)!);
  }

  return { renote, reply, fileIds, fileTypes, pollExpiresAt, channel };
}

function fail(reason: NoteCreateFailure): never {
  throw new NoteCreateError(reason);
}

/**
 * Posts a note with Misskey's rules (NoteCreateService + the `notes/create` endpoint). The note, its
 * poll, the counts (author's notesCount, the reply's repliesCount, the renote's renoteCount) and
 * hashtags commit in ONE transaction; notifications and events follow the commit.
 * Throws `NoteCreateError` with the endpoint's error name.
 */
export async function createNote(ctx: AppContext, me: AuthUser, input: NewNote, options: { id?: string } = {}): Promise<NoteRow> {
  const now = Date.now();
  let visibility: NoteVisibility = input.visibility ?? 'public';
  let localOnly = input.localOnly ?? false;
  const { renote, reply, fileIds, fileTypes, pollExpiresAt, channel } = await checkNoteInput(ctx, me, input, now);

  // Visibility downgrades (NoteCreateService).
  // Misskey: a public note whose CW (else text) matches an instance sensitive word goes out as home;
  // a prohibited word anywhere in the CW, text or poll choices refuses the note.
  const { sensitiveWords, prohibitedWords } = ctx.meta.get();
  if (visibility === 'public' && channel == null && isKeywordIncluded(input.cw ?? input.text ?? '', sensitiveWords)) visibility = 'home';
  if (isKeywordIncluded([input.cw, input.text, ...(input.poll?.choices ?? [])].join('\n\n'), prohibitedWords)) {
    throw new NoteCreateError('containsProhibitedWords');
  }
  const policies = await policiesOf(ctx, me.id);
  // A silenced account (no canPublicNote) posts public notes as home: they stay off local/global timelines.
  // Channel notes are forced public below, whatever the author's policies (Misskey).
  if (visibility === 'public' && channel == null && !policies.canPublicNote) visibility = 'home';
  if (renote && renote.visibility !== 'public' && visibility === 'public') visibility = 'home';
  if (renote && renote.visibility === 'followers' && visibility !== 'specified') visibility = 'followers';
  if (reply && reply.visibility !== 'public' && visibility === 'public') visibility = 'home';
  if (renote?.localOnly) localOnly = true;
  if (reply?.localOnly) localOnly = true;
  // A channel note is public, for no one in particular, and never federates (NoteCreateService).
  if (channel) {
    visibility = 'public';
    localOnly = true;
  }

  let text = input.text ?? null;
  if (text != null) {
    if (text.length > DB_MAX_NOTE_TEXT_LENGTH) text = text.slice(0, DB_MAX_NOTE_TEXT_LENGTH);
    text = text.trim();
    if (text === '') text = null;
  }
  const cw = input.cw ?? null;

  const extracted = extractEntities([text, cw, ...(input.poll?.choices ?? [])]);
  const tags = input.noExtractHashtags ? [] : [...new Set(extracted.tags.map(normalizeTag))];
  const emojis = input.noExtractEmojis ? [] : extracted.emojis;

  // Mentioned local users (remote accounts do not exist without federation).
  const localMentions = input.noExtractMentions ? [] : extracted.mentions
    .filter((mention) => mention.host == null || mention.host === ctx.config.hostname.toLowerCase())
    .map((mention) => mention.username.toLowerCase());
  const wantedUserIds = new Set<string>();
  if (reply && reply.userId !== me.id) wantedUserIds.add(reply.userId);
  if (renote && renote.userId !== me.id) wantedUserIds.add(renote.userId);
  if (visibility === 'specified') for (const id of input.visibleUserIds ?? []) wantedUserIds.add(id);
  const [mentionedRows, knownRows] = await Promise.all([
    localMentions.length > 0
      ? ctx.db.select().from(users).where(and(inArray(users.usernameLower, [...new Set(localMentions)]), isNull(users.host), eq(users.isDeleted, false)))
      : [],
    wantedUserIds.size > 0 ? ctx.db.select().from(users).where(and(inArray(users.id, [...wantedUserIds]), eq(users.isDeleted, false))) : [],
  ]);
  const userById = new Map<string, UserRow>([...mentionedRows, ...knownRows].map((user) => [user.id, user]));
  const mentioned = new Map(mentionedRows.map((user) => [user.id, user]));
  if (reply && reply.userId !== me.id) {
    const author = userById.get(reply.userId);
    if (author) mentioned.set(author.id, author);
  }
  let visibleUserIds: string[] = [];
  if (visibility === 'specified') {
    const visible = (input.visibleUserIds ?? []).map((id) => userById.get(id)).filter((user): user is UserRow => user != null);
    for (const user of visible) mentioned.set(user.id, user);
    visibleUserIds = visible.map((user) => user.id);
    if (reply && !visibleUserIds.includes(reply.userId)) visibleUserIds.push(reply.userId);
  }
  // Mentions, the replied-to author and specified recipients, each account once (Misskey's mentionedUsers).
  if (mentioned.size > policies.mentionLimit) throw new NoteCreateError('containsTooManyMentions');

  const id = options.id ?? genId(now);
  const row: NewNoteRow = {
    id,
    createdAt: new Date(now),
    userId: me.id,
    userHost: me.host,
    text,
    cw,
    visibility,
    localOnly,
    reactionAcceptance: (input.reactionAcceptance ?? null) as ReactionAcceptance,
    replyId: reply?.id ?? null,
    replyUserId: reply?.userId ?? null,
    renoteId: renote?.id ?? null,
    renoteUserId: renote?.userId ?? null,
    threadId: reply ? reply.threadId ?? reply.id : id,
    channelId: channel?.id ?? null,
    fileIds,
    attachedFileTypes: fileTypes,
    visibleUserIds,
    mentions: [...mentioned.keys()],
    tags,
    emojis,
    hasPoll: input.poll != null,
  };

  // Who is told: the reply's and renote's authors, then mentioned users (Misskey's NotificationManager:
  // one notification per person, a reply/renote/quote reason wins over a mention).
  const reasons = new Map<string, NotifyReason>();
  const isRenoteNote = renote != null;
  const isQuote = isRenoteNote && !isPureRenote({ renoteId: id, text, cw, fileIds, hasPoll: input.poll != null, replyId: reply?.id ?? null });
  if (reply) reasons.set(reply.userId, 'reply');
  if (renote) reasons.set(renote.userId, isQuote ? 'quote' : 'renote');
  for (const userId of mentioned.keys()) if (!reasons.has(userId)) reasons.set(userId, 'mention');
  reasons.delete(me.id);

  const created = await insertNoteOrExplain(ctx, me, row, {
    poll: input.poll ? {
      noteId: id,
      userId: me.id,
      choices: input.poll.choices,
      votes: input.poll.choices.map(() => 0),
      multiple: input.poll.multiple ?? false,
      expiresAt: pollExpiresAt,
    } : null,
    replyId: reply?.id ?? null,
    renoteId: renote?.id ?? null,
    channelId: channel?.id ?? null,
    tags: visibility === 'public' || visibility === 'home' ? tags : [],
  });

  // Notifications after the commit, as Misskey creates them: their announcement packs the note,
  // which must be readable by then. createNotification skips muted/blocked notifiers.
  for (const [notifieeId, type] of reasons) {
    const notifiee = userById.get(notifieeId);
    if (!notifiee || notifiee.host != null) continue;
    // A muted thread stays quiet (notes/thread-muting): the renoted note's thread for renotes and quotes.
    const thread = (type === 'renote' || type === 'quote') && renote ? renote.threadId ?? renote.id : row.threadId ?? id;
    if (await isThreadMuted(ctx, notifieeId, thread)) continue;
    await createNotification(ctx, undefined, { notifieeId, notifierId: me.id, type, noteId: id });
  }

  recordNote(ctx, { userId: created.userId, userHost: created.userHost, replyId: created.replyId, renoteId: created.renoteId, hasFiles: created.fileIds.length > 0 }, true);
  recordActiveWrite(ctx, me);
  publishNote(ctx, created);
  noteCreated(ctx, created);
  // Antennas: one in-memory pass for all of them. Awaited, so the note is in its antennas when the
  // poster hears back; a failure there does not fail a post that committed.
  await collectIntoAntennas(ctx, created).catch((error) => ctx.log.warn({ err: error, noteId: created.id }, 'could not collect the note into antennas'));
  void emitNoteWebhooks(ctx, created).catch((error) => ctx.log.warn({ err: error, noteId: created.id }, 'could not queue note webhooks'));
  void publishNoteEvents(ctx, created, {
    mentioned: [...mentioned.values()].filter((user) => user.id !== me.id && user.host == null),
    replyAuthor: reply && reply.userId !== me.id ? userById.get(reply.userId) : undefined,
    renoteAuthor: renote && renote.userId !== me.id ? userById.get(renote.userId) : undefined,
  }).catch((error) => ctx.log.warn({ err: error, noteId: created.id }, 'could not publish note events'));
  return created;
}

type NewNoteRow = typeof notes.$inferInsert & Pick<NoteRow, 'id' | 'createdAt' | 'userId' | 'visibility'>;
type NewPollRow = typeof polls.$inferInsert;

/** The columns `createNote` writes (the others take their defaults); every row gives all of them. */
const NOTE_COLUMNS = [
  'id', 'createdAt', 'userId', 'userHost', 'text', 'cw', 'visibility', 'localOnly', 'reactionAcceptance',
  'replyId', 'replyUserId', 'renoteId', 'renoteUserId', 'threadId', 'channelId', 'fileIds', 'attachedFileTypes',
  'visibleUserIds', 'mentions', 'tags', 'emojis', 'hasPoll',
] as const satisfies readonly (keyof NewNoteRow)[];
const POLL_COLUMNS = ['noteId', 'userId', 'choices', 'votes', 'multiple', 'expiresAt'] as const satisfies readonly (keyof NewPollRow)[];

interface InsertShape { poll: boolean; reply: boolean; renote: boolean; tags: boolean; channel: boolean }

const placeholders = <K extends string>(columns: readonly K[], prefix: string) =>
  Object.fromEntries(columns.map((column) => [column, sql.placeholder(prefix + column)])) as Record<K, Placeholder>;

/**
 * The note's insert statement for one shape (with or without poll, reply, renote, hashtags), built
 * once with placeholders: posting is the hottest write, and building this CTE with Drizzle and
 * planning it in PostgreSQL on every call cost more than running it.
 */
function insertStatement(ctx: AppContext, shape: InsertShape): { name: string; text: string; params: unknown[] } {
  const name = `note_insert_${Number(shape.poll)}${Number(shape.reply)}${Number(shape.renote)}${Number(shape.tags)}${Number(shape.channel)}`;
  return prepared(ctx.database, name, (db) => {
    const me = sql.placeholder('me');
    const parts: SQL[] = [sql`inserted_note AS ${db.insert(notes).values(placeholders(NOTE_COLUMNS, 'note_') as unknown as NewNoteRow)}`];
    if (shape.poll) parts.push(sql`inserted_poll AS ${db.insert(polls).values(placeholders(POLL_COLUMNS, 'poll_') as unknown as NewPollRow)}`);
    if (shape.reply) parts.push(sql`counted_reply AS (UPDATE notes SET replies_count = replies_count + 1 WHERE id = ${sql.placeholder('replyId')})`);
    // A renote counts once per renoting user (Misskey's `countSameRenotes`): the target's renoteCount
    // moves only when this is the user's first renote or quote of it (the new row is not yet visible here).
    if (shape.renote) {
      const renoteId = sql.placeholder('renoteId');
      parts.push(sql`counted_renote AS (UPDATE notes SET renote_count = renote_count + 1 WHERE id = ${renoteId}
        AND NOT EXISTS (SELECT 1 FROM notes r WHERE r.renote_id = ${renoteId} AND r.user_id = ${me}))`);
    }
    // A channel's counts move with its note (NoteCreateService): one more note, the time of the
    // latest, and one more user when this is the author's first note there (the new row is not visible here).
    if (shape.channel) {
      const channelId = sql.placeholder('channelId');
      parts.push(sql`counted_channel AS (UPDATE channels SET notes_count = notes_count + 1, last_noted_at = ${sql.placeholder('note_createdAt')},
        users_count = users_count + CASE WHEN EXISTS (SELECT 1 FROM notes c WHERE c.channel_id = ${channelId} AND c.user_id = ${me}) THEN 0 ELSE 1 END
        WHERE id = ${channelId})`);
    }
    if (shape.tags) {
      const upsert = noteHashtagsUpsertOf({ userId: me, isLocal: sql.placeholder('isLocal'), ids: sql.placeholder('tagIds'), names: sql.placeholder('tagNames') });
      parts.push(sql`recorded_tags AS (${upsert})`);
    }
    // A local user's `updatedAt` is the time of their latest note (Misskey's `incNotesCountOfUser`).
    const query = dialect.sqlToQuery(sql`WITH ${sql.join(parts, sql`, `)} UPDATE users SET notes_count = notes_count + 1, updated_at = ${sql.placeholder('note_createdAt')} WHERE id = ${me}`);
    return { name, text: query.sql, params: query.params };
  });
}

const dialect = new PgDialect();

/**
 * Drizzle's `fillPlaceholders`, except that null stays null: Drizzle's column encoders expect a
 * value (a timestamp's calls `toISOString`), and an inline null is never encoded either.
 */
function bindValues(params: readonly unknown[], values: Record<string, unknown>): unknown[] {
  const valueOf = (name: string) => {
    if (!(name in values)) throw new Error(`no value for placeholder "${name}"`);
    return values[name];
  };
  return params.map((param) => {
    if (is(param, Placeholder)) return valueOf(param.name);
    if (is(param, Param) && is(param.value, Placeholder)) {
      const value = valueOf(param.value.name);
      return value === null ? null : param.encoder.mapToDriverValue(value);
    }
    return param;
  });
}

/**
 * Writes the note and everything that moves with it in ONE statement (data-modifying CTEs commit
 * together or not at all, and cost one round trip instead of a transaction's five or more): the
 * row, its poll, the author's notesCount, the reply's repliesCount, the renote's renoteCount and
 * the hashtags' user lists. Answers the row as stored (the columns not given take their defaults).
 */
/**
 * insertNote, with the target of a reply or renote (or the channel) deleted meanwhile answered as
 * the declared error Misskey gives for a missing one, not a 500: notes/delete locks the note first,
 * so the insert waits for the deletion and then finds nothing to point at.
 */
async function insertNoteOrExplain(...args: Parameters<typeof insertNote>): Promise<NoteRow> {
  try {
    // The statement is atomic: as a deadlock's victim (a deletion of its target running) it can run again.
    return await retryDeadlock(() => insertNote(...args));
  } catch (error) {
    const constraint = foreignKeyConstraint(error);
    if (constraint === null) throw error;
    if (constraint.includes('reply')) throw new NoteCreateError('noSuchReplyTarget');
    if (constraint.includes('renote')) throw new NoteCreateError('noSuchRenoteTarget');
    if (constraint.includes('channel')) throw new NoteCreateError('noSuchChannel');
    throw error;
  }
}

async function insertNote(
  ctx: AppContext,
  me: AuthUser,
  row: NewNoteRow,
  extra: { poll: NewPollRow | null; replyId: string | null; renoteId: string | null; channelId: string | null; tags: readonly string[] },
): Promise<NoteRow> {
  const tagNames = normalizeTags(extra.tags);
  const statement = insertStatement(ctx, { poll: extra.poll != null, reply: extra.replyId != null, renote: extra.renoteId != null, tags: tagNames.length > 0, channel: extra.channelId != null });
  const values: Record<string, unknown> = {
    me: me.id, replyId: extra.replyId, renoteId: extra.renoteId, channelId: extra.channelId,
    isLocal: me.host === null, tagIds: tagNames.map(() => genId()), tagNames,
  };
  for (const column of NOTE_COLUMNS) values[`note_${column}`] = row[column] ?? null;
  if (extra.poll) for (const column of POLL_COLUMNS) values[`poll_${column}`] = extra.poll[column] ?? null;
  const query = { name: statement.name, text: statement.text, values: bindValues(statement.params, values) };
  const pollEndsAt = extra.poll?.expiresAt;
  if (!pollEndsAt) {
    await ctx.database.preparedPool.query(query);
  } else {
    // A poll with an end: its `pollEnded` job commits with the note, or neither does.
    const client = await ctx.database.preparedPool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(query);
      await enqueueJob(ctx, drizzle(client, { schema }), endedPollNotification, { noteId: row.id }, { startAfter: pollEndsAt, singletonKey: row.id });
      await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot even roll back is dropped rather than returned to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError; });
      throw error;
    } finally {
      client.release(broken);
    }
  }
  return {
    updatedAt: null, userHost: null, text: null, cw: null, localOnly: false, reactionAcceptance: null,
    replyId: null, replyUserId: null, renoteId: null, renoteUserId: null, threadId: null, channelId: null,
    fileIds: [], attachedFileTypes: [], visibleUserIds: [], mentions: [], tags: [], emojis: [], hasPoll: false,
    repliesCount: 0, renoteCount: 0, clippedCount: 0, reactions: {}, uri: null, url: null,
    ...row,
  };
}

/** `mention`/`reply`/`renote` on the recipients' main streams, each with the note packed for them. */
async function publishNoteEvents(ctx: AppContext, note: NoteRow, recipients: { mentioned: UserRow[]; replyAuthor?: UserRow; renoteAuthor?: UserRow }): Promise<void> {
  const packedFor = new Map<string, Promise<unknown>>();
  const pack = (user: UserRow) => {
    let packed = packedFor.get(user.id);
    if (!packed) packedFor.set(user.id, packed = packNote(ctx, note, authUserOf(user)));
    return packed;
  };
  const tasks: Promise<void>[] = [];
  for (const user of recipients.mentioned) tasks.push(pack(user).then((body) => publishMainStream(ctx, user.id, 'mention', body)));
  if (recipients.replyAuthor?.host == null && recipients.replyAuthor) {
    const user = recipients.replyAuthor;
    tasks.push(pack(user).then((body) => publishMainStream(ctx, user.id, 'reply', body)));
  }
  if (recipients.renoteAuthor?.host == null && recipients.renoteAuthor) {
    const user = recipients.renoteAuthor;
    tasks.push(pack(user).then((body) => publishMainStream(ctx, user.id, 'renote', body)));
  }
  await Promise.all(tasks);
}
