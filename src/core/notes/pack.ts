import { and, eq, inArray, sql } from 'drizzle-orm';
import { prepared } from '../../db/prepared.js';
import type { AppContext } from '../../context.js';
import { noteReactions, notes, polls, pollVotes, type ChannelRow, type NoteRow, type PollRow, type UserRow } from '../../db/schema/index.js';
import { findChannelsByIds } from '../channels/read.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packDriveFilesByIds } from '../drive/pack.js';
import type { DriveFile } from '../drive/schema.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { Note, NotePoll } from './schema.js';
import { canSeeNote, loadViewerContext, type ViewerContext } from './visibility.js';
import { toPackedReaction, toPackedReactionCounts } from '../reactions/normalize.js';

export interface PackNoteOptions {
  /**
   * Misskey's `detail` (default true): adds `reply`, `renote`, `poll`, `myReaction` and
   * `clippedCount`. Embedded targets follow Misskey: the reply is packed without detail, the
   * renote with detail (so a quote shows what it quotes and what that replies to).
   */
  detail?: boolean;
  /** A viewer context already loaded by the caller (must cover the authors of `rows` and their targets). */
  viewerContext?: ViewerContext;
}

/** Depth of embedded targets: the note's reply/renote, and the renote's own reply/renote. */
const MAX_DEPTH = 2;

interface Loaded {
  notes: Map<string, NoteRow>;
  users: Map<string, UserRow>;
  files: Map<string, DriveFile>;
  polls: Map<string, PollRow>;
  votes: Map<string, Set<number>>;
  myReactions: Map<string, string>;
  /** The channels notes were posted in (`channel` of a packed note). */
  channels: Map<string, ChannelRow>;
  viewer: ViewerContext;
}

/**
 * Notes as the API shows them to `viewer`, in the order given. Batched: whatever the page size,
 * at most two queries for embedded targets (level 1, level 2), then one each, in parallel, for
 * files, polls, the viewer's poll votes and reactions; authors and the viewer's relations come from
 * the process caches (a query each only on a miss).
 *
 * Hidden notes: a note the viewer may not read (an embedded reply/renote, or a row the caller
 * passed) is packed as Misskey's `hideNote` does: `isHidden: true`, text/cw null, no files, no
 * poll, no visibleUserIds — so a client still shows that something is there. An author with
 * `requireSigninToViewContents` (anonymous viewer) or `makeNotesHiddenBefore` hides the same way.
 */
export async function packNotes(ctx: AppContext, rows: readonly NoteRow[], viewer: AuthUser | null, options: PackNoteOptions = {}): Promise<Note[]> {
  if (rows.length === 0) return [];
  const detail = options.detail ?? true;
  const byId = new Map<string, NoteRow>(rows.map((row) => [row.id, row]));

  if (detail) {
    const fetchMissing = async (ids: readonly (string | null)[]) => {
      const missing = [...new Set(ids.filter((id): id is string => id != null && !byId.has(id)))];
      if (missing.length === 0) return;
      for (const row of await notesByIds(ctx).execute({ ids: missing })) byId.set(row.id, row);
    };
    // Level 1: what the rows reply to and renote. Level 2: what those renotes reply to and renote
    // (a reply is packed without detail, so its own targets are not shown).
    await fetchMissing(rows.flatMap((row) => [row.replyId, row.renoteId]));
    await fetchMissing(rows.flatMap((row) => {
      const renote = row.renoteId ? byId.get(row.renoteId) : undefined;
      return renote ? [renote.replyId, renote.renoteId] : [];
    }));
  }

  const all = [...byId.values()];
  const userIds = [...new Set(all.map((note) => note.userId))];
  const pollNoteIds = detail ? all.filter((note) => note.hasPoll).map((note) => note.id) : [];
  const reactedNoteIds = detail && viewer ? all.filter((note) => Object.keys(note.reactions).length > 0).map((note) => note.id) : [];

  const channelIds = all.flatMap((note) => (note.channelId ? [note.channelId] : []));
  const [users, viewerContext, files, pollRows, voteRows, reactionRows, channelRows] = await Promise.all([
    findUsersForPacking(ctx, userIds),
    options.viewerContext ?? loadViewerContext(ctx, viewer),
    packDriveFilesByIds(ctx, all.flatMap((note) => note.fileIds)),
    pollNoteIds.length > 0 ? ctx.db.select().from(polls).where(inArray(polls.noteId, pollNoteIds)) : [],
    viewer && pollNoteIds.length > 0
      ? ctx.db.select({ noteId: pollVotes.noteId, choice: pollVotes.choice }).from(pollVotes)
        .where(and(eq(pollVotes.userId, viewer.id), inArray(pollVotes.noteId, pollNoteIds)))
      : [],
    viewer && reactedNoteIds.length > 0 ? reactionsOfUser(ctx).execute({ userId: viewer.id, noteIds: reactedNoteIds }) : [],
    channelIds.length > 0 ? findChannelsByIds(ctx, channelIds) : new Map<string, ChannelRow>(),
  ]);

  const votes = new Map<string, Set<number>>();
  for (const vote of voteRows) {
    let set = votes.get(vote.noteId);
    if (!set) votes.set(vote.noteId, set = new Set());
    set.add(vote.choice);
  }
  const loaded: Loaded = {
    notes: byId,
    users,
    files,
    polls: new Map(pollRows.map((poll) => [poll.noteId, poll])),
    votes,
    myReactions: new Map(reactionRows.map((row) => [row.noteId, row.reaction])),
    channels: channelRows,
    viewer: viewerContext,
  };

  const packed: Note[] = [];
  for (const row of rows) {
    const note = packOne(ctx, row, loaded, detail, 0);
    if (note) packed.push(note);
  }
  return packed;
}

const notesByIds = (ctx: AppContext) => prepared(ctx.database, 'notes_by_ids', (db, name) =>
  db.select().from(notes).where(sql`${notes.id} = ANY(${sql.placeholder('ids')})`).prepare(name));

const reactionsOfUser = (ctx: AppContext) => prepared(ctx.database, 'note_reactions_of_user', (db, name) =>
  db.select({ noteId: noteReactions.noteId, reaction: noteReactions.reaction }).from(noteReactions)
    .where(and(eq(noteReactions.userId, sql.placeholder('userId')), sql`${noteReactions.noteId} = ANY(${sql.placeholder('noteIds')})`))
    .prepare(name));

/** One note (see `packNotes`). */
export async function packNote(ctx: AppContext, row: NoteRow, viewer: AuthUser | null, options: PackNoteOptions = {}): Promise<Note> {
  const [packed] = await packNotes(ctx, [row], viewer, options);
  if (!packed) throw new Error(`note ${row.id} could not be packed (author missing)`);
  return packed;
}

function packOne(ctx: AppContext, note: NoteRow, loaded: Loaded, detail: boolean, depth: number): Note | null {
  const author = loaded.users.get(note.userId);
  if (!author) return null;
  const me = loaded.viewer.id;
  const reactionCount = Object.values(note.reactions).reduce((sum, count) => sum + count, 0);
  const packed: Note = {
    id: note.id,
    createdAt: note.createdAt.toISOString(),
    userId: note.userId,
    user: packUserLite(ctx, author, loaded.viewer.user),
    text: note.text,
    cw: note.cw,
    visibility: note.visibility,
    localOnly: note.localOnly,
    reactionAcceptance: note.reactionAcceptance as Note['reactionAcceptance'],
    ...(note.visibility === 'specified' ? { visibleUserIds: note.visibleUserIds } : {}),
    renoteCount: note.renoteCount,
    repliesCount: note.repliesCount,
    reactionCount,
    // Local custom emoji as clients expect them (`:name@.:`), as Misskey packs them.
    reactions: toPackedReactionCounts(note.reactions),
    // Misskey fills these only for remote notes and remote custom-emoji reactions; Mikan has neither.
    reactionEmojis: {},
    ...(note.tags.length > 0 ? { tags: note.tags } : {}),
    fileIds: note.fileIds,
    files: note.fileIds.flatMap((id) => {
      const file = loaded.files.get(id);
      return file ? [file] : [];
    }),
    replyId: note.replyId,
    renoteId: note.renoteId,
    ...(note.channelId ? { channelId: note.channelId, channel: packNoteChannel(loaded.channels.get(note.channelId)) } : {}),
    ...(note.mentions.length > 0 ? { mentions: note.mentions } : {}),
    ...(note.hasPoll ? { hasPoll: true } : {}),
    ...(note.uri ? { uri: note.uri } : {}),
    ...(note.url ? { url: note.url } : {}),
  };

  if (detail) {
    packed.clippedCount = note.clippedCount;
    if (note.replyId) {
      const reply = depth < MAX_DEPTH ? loaded.notes.get(note.replyId) : undefined;
      if (reply) packed.reply = packOne(ctx, reply, loaded, false, depth + 1);
    }
    if (note.renoteId) {
      const renote = depth < MAX_DEPTH ? loaded.notes.get(note.renoteId) : undefined;
      if (renote) packed.renote = packOne(ctx, renote, loaded, depth + 1 < MAX_DEPTH, depth + 1);
    }
    if (note.hasPoll) {
      const poll = loaded.polls.get(note.id);
      if (poll) packed.poll = packPoll(poll, loaded.votes.get(note.id));
    }
    if (me && Object.keys(note.reactions).length > 0) { const mine = loaded.myReactions.get(note.id); packed.myReaction = mine === undefined ? null : toPackedReaction(mine); }
  }

  if (isHiddenFor(note, author, loaded.viewer)) hide(packed);
  return packed;
}

/** The channel as a note carries it (Misskey's `Note.channel`); null when it is gone. */
function packNoteChannel(channel: ChannelRow | undefined): Note['channel'] {
  if (!channel) return null;
  return {
    id: channel.id, name: channel.name, color: channel.color, isSensitive: channel.isSensitive,
    allowRenoteToExternal: channel.allowRenoteToExternal, userId: channel.userId,
  };
}

export function packPoll(poll: PollRow, myVotes: ReadonlySet<number> | undefined): NotePoll {
  return {
    multiple: poll.multiple,
    expiresAt: poll.expiresAt ? poll.expiresAt.toISOString() : null,
    choices: poll.choices.map((text, index) => ({ text, votes: poll.votes[index] ?? 0, isVoted: myVotes?.has(index) ?? false })),
  };
}

/** Misskey's `hideNote`: the visibility module decides (author privacy settings included). */
function isHiddenFor(note: NoteRow, author: UserRow, viewer: ViewerContext): boolean {
  if (viewer.id === note.userId) return false;
  // The author row is fresher than the viewer context's cached account sets.
  if (author.isSuspended || author.isDeleted) return true;
  return !canSeeNote(note, viewer);
}

function hide(note: Note): void {
  delete note.visibleUserIds;
  delete note.poll;
  note.fileIds = [];
  note.files = [];
  note.text = null;
  note.cw = null;
  note.isHidden = true;
}
