import { and, asc, eq, gt, inArray, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../context.js';
import { blockings, clipNotes, clips, followings, mutings, noteFavorites, notes, polls, userListMemberships, userLists, users, type NoteRow, type PollRow } from '../../db/schema/index.js';
import { packDriveFilesByIds } from '../drive/pack.js';
import { parseIdTime } from '../../misc/id.js';
import { muteIsActive } from '../muting/muting.js';

/**
 * What each export writes, read in id order one batch at a time (a keyset cursor on an index), so
 * memory stays flat whatever the size. The shapes are Misskey's (its queue processors Export*):
 * accounts as `username@host` (the local host for local users), notes and favourites as its
 * `serialize` functions write them.
 */

const BATCH = 200;

/** Misskey's `getFullApAccount`: local users carry this server's host too. */
export function fullAcct(ctx: AppContext, user: { username: string; host: string | null }): string {
  return `${user.username}@${user.host ?? ctx.config.hostname}`;
}

/** Pages through rows by id: `fetch(afterId)` returns the next batch in id order. */
async function* byId<Row extends { id: string }>(fetch: (afterId: string | null) => Promise<Row[]>): AsyncGenerator<Row[]> {
  let cursor: string | null = null;
  for (;;) {
    const rows = await fetch(cursor);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < BATCH) return;
    cursor = rows.at(-1)!.id;
  }
}

const after = (column: AnyPgColumn, cursor: string | null): SQL | undefined => (cursor ? gt(column, cursor) : undefined);

const INACTIVE_MS = 90 * 24 * 60 * 60 * 1000;

/** `i/export-following`: whom the user follows. */
export async function* followingRows(ctx: AppContext, userId: string, options: { excludeMuting: boolean; excludeInactive: boolean }): AsyncGenerator<string[]> {
  const pages = byId((cursor) => ctx.db.select({ id: followings.id, username: users.username, host: users.host, updatedAt: users.updatedAt })
    .from(followings).innerJoin(users, eq(users.id, followings.followeeId))
    .where(and(
      eq(followings.followerId, userId), eq(users.isDeleted, false), after(followings.id, cursor),
      options.excludeMuting ? notExists(ctx.db.select({ one: sql`1` }).from(mutings)
        .where(and(eq(mutings.muterId, userId), eq(mutings.muteeId, followings.followeeId), muteIsActive))) : undefined,
    ))
    .orderBy(asc(followings.id)).limit(BATCH));
  for await (const rows of pages) {
    const now = Date.now();
    // Misskey's rule: a followee whose profile has not changed in 90 days is inactive.
    yield rows.filter((row) => !(options.excludeInactive && row.updatedAt && now - row.updatedAt.getTime() > INACTIVE_MS)).map((row) => fullAcct(ctx, row));
  }
}

/** `i/export-mute`: permanent mutes only, as Misskey (a mute with an expiry is not exported). */
export async function* mutingRows(ctx: AppContext, userId: string): AsyncGenerator<string[]> {
  const pages = byId((cursor) => ctx.db.select({ id: mutings.id, username: users.username, host: users.host })
    .from(mutings).innerJoin(users, eq(users.id, mutings.muteeId))
    .where(and(eq(mutings.muterId, userId), isNull(mutings.expiresAt), eq(users.isDeleted, false), after(mutings.id, cursor)))
    .orderBy(asc(mutings.id)).limit(BATCH));
  for await (const rows of pages) yield rows.map((row) => fullAcct(ctx, row));
}

/** `i/export-blocking`. */
export async function* blockingRows(ctx: AppContext, userId: string): AsyncGenerator<string[]> {
  const pages = byId((cursor) => ctx.db.select({ id: blockings.id, username: users.username, host: users.host })
    .from(blockings).innerJoin(users, eq(users.id, blockings.blockeeId))
    .where(and(eq(blockings.blockerId, userId), eq(users.isDeleted, false), after(blockings.id, cursor)))
    .orderBy(asc(blockings.id)).limit(BATCH));
  for await (const rows of pages) yield rows.map((row) => fullAcct(ctx, row));
}

/**
 * A CSV field as Misskey writes it (raw), quoted (RFC 4180) only when it holds a comma, quote or
 * line break: Misskey would write such a list name raw and could not read it back; quoted, Mikan can.
 */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `i/export-user-lists`: one `list name,username@host` line per member, list by list. */
export async function* userListRows(ctx: AppContext, userId: string): AsyncGenerator<string[]> {
  const lists = await ctx.db.select({ id: userLists.id, name: userLists.name }).from(userLists).where(eq(userLists.userId, userId)).orderBy(asc(userLists.id));
  for (const list of lists) {
    const pages = byId((cursor) => ctx.db.select({ id: userListMemberships.id, username: users.username, host: users.host })
      .from(userListMemberships).innerJoin(users, eq(users.id, userListMemberships.userId))
      .where(and(eq(userListMemberships.userListId, list.id), eq(users.isDeleted, false), after(userListMemberships.id, cursor)))
      .orderBy(asc(userListMemberships.id)).limit(BATCH));
    for await (const rows of pages) yield rows.map((row) => `${csvField(list.name)},${fullAcct(ctx, row)}`);
  }
}

/** Misskey's MiPoll as its exports serialize it. */
function serializePoll(poll: PollRow | undefined, note: NoteRow): Record<string, unknown> | null {
  if (!poll) return null;
  return {
    noteId: poll.noteId, expiresAt: poll.expiresAt?.toISOString() ?? null, multiple: poll.multiple, choices: poll.choices, votes: poll.votes,
    noteVisibility: note.visibility, userId: poll.userId, userHost: note.userHost,
  };
}

async function pollsOf(ctx: AppContext, batch: readonly NoteRow[]): Promise<Map<string, PollRow>> {
  const ids = batch.filter((note) => note.hasPoll).map((note) => note.id);
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select().from(polls).where(inArray(polls.noteId, ids));
  return new Map(rows.map((row) => [row.noteId, row]));
}

/** The fields every exported note has (Misskey's ExportNotes / ExportFavorites `serialize`). */
function serializeNote(note: NoteRow, poll: PollRow | undefined): Record<string, unknown> {
  return {
    id: note.id,
    text: note.text,
    createdAt: parseIdTime(note.id).toISOString(),
    fileIds: note.fileIds,
    replyId: note.replyId,
    renoteId: note.renoteId,
    poll: serializePoll(poll, note),
    cw: note.cw,
    visibility: note.visibility,
    visibleUserIds: note.visibleUserIds,
    localOnly: note.localOnly,
    reactionAcceptance: note.reactionAcceptance,
  };
}

/** Counts, for progress. */
export async function countNotes(ctx: AppContext, userId: string): Promise<number> {
  const [row] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(notes).where(eq(notes.userId, userId));
  return row?.count ?? 0;
}

/** `i/export-notes`: every note of the user, oldest first, with its files packed as DriveFile. */
export async function* noteElements(ctx: AppContext, userId: string): AsyncGenerator<Record<string, unknown>[]> {
  const pages = byId((cursor) => ctx.db.select().from(notes)
    .where(and(eq(notes.userId, userId), cursor ? gt(notes.id, cursor) : undefined)).orderBy(asc(notes.id)).limit(BATCH));
  for await (const batch of pages) {
    const [files, pollMap] = await Promise.all([packDriveFilesByIds(ctx, [...new Set(batch.flatMap((note) => note.fileIds))]), pollsOf(ctx, batch)]);
    yield batch.map((note) => {
      const { fileIds: _fileIds, ...rest } = serializeNote(note, pollMap.get(note.id));
      // Misskey's key order: fileIds, files, then the rest.
      return {
        id: rest.id, text: rest.text, createdAt: rest.createdAt, fileIds: note.fileIds,
        files: note.fileIds.flatMap((id) => { const file = files.get(id); return file ? [file] : []; }),
        ...rest,
      };
    });
  }
}

/** A note with its author, as Misskey's ExportFavorites and ExportClips `serialize` write it. */
function serializeNoteWithAuthor(note: NoteRow, poll: PollRow | undefined, author: { id: string; name: string | null; username: string; host: string | null }): Record<string, unknown> {
  return {
    ...serializeNote(note, poll),
    uri: note.uri,
    url: note.url,
    // No federation yet: every author is local, and a local user has no `uri` (Misskey's null).
    user: { id: author.id, name: author.name, username: author.username, host: author.host, uri: null },
  };
}

const authorColumns = { id: users.id, name: users.name, username: users.username, host: users.host };

/** `i/export-favorites`: the favourited notes with their authors (Misskey's ExportFavorites `serialize`). */
export async function* favoriteElements(ctx: AppContext, userId: string): AsyncGenerator<Record<string, unknown>[]> {
  const pages = byId((cursor) => ctx.db.select({ id: noteFavorites.id, note: notes, user: authorColumns })
    .from(noteFavorites).innerJoin(notes, eq(notes.id, noteFavorites.noteId)).innerJoin(users, eq(users.id, notes.userId))
    .where(and(eq(noteFavorites.userId, userId), after(noteFavorites.id, cursor))).orderBy(asc(noteFavorites.id)).limit(BATCH));
  for await (const batch of pages) {
    const pollMap = await pollsOf(ctx, batch.map((row) => row.note));
    yield batch.map((row) => ({
      id: row.id,
      createdAt: parseIdTime(row.id).toISOString(),
      note: serializeNoteWithAuthor(row.note, pollMap.get(row.note.id), row.user),
    }));
  }
}

/**
 * `i/export-clips`, Misskey's ExportClips format: a JSON array of the user's clips in id order,
 * each `{ id, name, description, lastClippedAt, clipNotes: [...] }` (`lastClippedAt` left out when
 * the clip was never added to), each clip note `{ id, createdAt, note }` with the note and its
 * author as favourites carry them. Written clip by clip, note batch by note batch.
 */
export async function* clipChunks(ctx: AppContext, userId: string): AsyncGenerator<string> {
  yield '[';
  let firstClip = true;
  for await (const batch of byId((cursor) => ctx.db.select().from(clips)
    .where(and(eq(clips.userId, userId), after(clips.id, cursor))).orderBy(asc(clips.id)).limit(BATCH))) {
    for (const clip of batch) {
      const head = JSON.stringify({ id: clip.id, name: clip.name, description: clip.description, lastClippedAt: clip.lastClippedAt?.toISOString(), clipNotes: [] });
      // Misskey's way: the clip without its closing `]}`, its notes, then `]}`.
      yield (firstClip ? '' : ',\n') + head.slice(0, -2);
      firstClip = false;
      let firstNote = true;
      for await (const rows of byId((cursor) => ctx.db.select({ id: clipNotes.id, note: notes, user: authorColumns })
        .from(clipNotes).innerJoin(notes, eq(notes.id, clipNotes.noteId)).innerJoin(users, eq(users.id, notes.userId))
        .where(and(eq(clipNotes.clipId, clip.id), after(clipNotes.id, cursor))).orderBy(asc(clipNotes.id)).limit(BATCH))) {
        const pollMap = await pollsOf(ctx, rows.map((row) => row.note));
        yield (firstNote ? '' : ',\n') + rows.map((row) => JSON.stringify({
          id: row.id,
          createdAt: parseIdTime(row.id).toISOString(),
          note: serializeNoteWithAuthor(row.note, pollMap.get(row.note.id), row.user),
        })).join(',\n');
        firstNote = false;
      }
      yield ']}';
    }
  }
  yield ']';
}
