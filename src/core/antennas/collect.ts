import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { publishAntennaNote } from '../../bus/topics.js';
import { userListMemberships, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { canSeeNote, isNoteMuted, loadViewerContext, type ViewerContext } from '../notes/visibility.js';
import { findUsersForPacking } from '../users/read.js';
import { findChannel } from '../channels/read.js';
import { antennaIndexOf, type CompiledAntenna } from './antenna-index.js';

function ownerAsViewer(userId: string): AuthUser {
  return { id: userId, username: '', host: null, isAdmin: false, isModerator: false, isSuspended: false };
}

/** Whether the note was posted in a sensitive channel (`excludeNotesInSensitiveChannel`). */
async function isInSensitiveChannel(ctx: AppContext, channelId: string | null): Promise<boolean> {
  if (channelId == null) return false;
  return (await findChannel(ctx, channelId))?.isSensitive === true;
}

/**
 * Puts a new note into every antenna that wants it: ONE pass over the in-memory index of active
 * antennas (./antenna-index.ts) with the antennas' own filters; then, for the few that accept it,
 * what depends on their owners — the owner may see the note (the visibility module: followers-only,
 * specified, blocks either way), does not mute its author or whom it answers or renotes, follows
 * the author (`home`), has the author on the list (`list`, one query for all such antennas).
 * The rows are written in one statement, then each antenna's stream hears of the note.
 * Runs after the note's commit; a crash in between loses the note from antennas only (as Misskey).
 */
export async function collectIntoAntennas(ctx: AppContext, note: NoteRow): Promise<void> {
  const index = antennaIndexOf(ctx);
  const author = (await findUsersForPacking(ctx, [note.userId])).get(note.userId);
  if (!author) return;
  const candidates = await index.candidates(note, author, await isInSensitiveChannel(ctx, note.channelId));
  if (candidates.length === 0) return;

  const owners = new Map<string, ViewerContext>();
  await Promise.all([...new Set(candidates.map((antenna) => antenna.userId))].map(async (ownerId) => {
    owners.set(ownerId, await loadViewerContext(ctx, ownerAsViewer(ownerId)));
  }));
  const listIds = [...new Set(candidates.filter((antenna) => antenna.src === 'list' && antenna.userListId != null).map((antenna) => antenna.userListId!))];
  const listsWithAuthor = listIds.length === 0 ? new Set<string>() : new Set((await ctx.db.select({ listId: userListMemberships.userListId })
    .from(userListMemberships).where(and(eq(userListMemberships.userId, note.userId), inArray(userListMemberships.userListId, listIds))))
    .map((row) => row.listId));

  const hits = candidates.filter((antenna) => ownerAccepts(antenna, note, owners.get(antenna.userId)!, listsWithAuthor));
  if (hits.length === 0) return;

  // Antennas deleted meanwhile (with their list, their owner) are left out by the join.
  const { rows } = await ctx.db.execute<{ antenna_id: string }>(sql`
    INSERT INTO antenna_notes (antenna_id, note_id)
    SELECT id, ${note.id} FROM antennas WHERE id IN ${hits.map((antenna) => antenna.id)}
    ON CONFLICT DO NOTHING
    RETURNING antenna_id`);
  for (const row of rows) publishAntennaNote(ctx, row.antenna_id, note);
}

function ownerAccepts(antenna: CompiledAntenna, note: NoteRow, owner: ViewerContext, listsWithAuthor: ReadonlySet<string>): boolean {
  if (!canSeeNote(note, owner) || isNoteMuted(note, owner)) return false;
  switch (antenna.src) {
    case 'home': return note.userId === antenna.userId || owner.following.has(note.userId);
    case 'list': return antenna.userListId != null && listsWithAuthor.has(antenna.userListId);
    default: return true;
  }
}
