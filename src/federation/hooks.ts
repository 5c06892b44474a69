import type { AppContext } from '../context.js';
import type { NoteRow, UserRow } from '../db/schema/index.js';
import { hasRemoteFollowers } from './remote-followers.js';

/**
 * What the core modules call after their change committed. Fire and forget: federation never
 * fails or slows a local action, and Fedify is loaded only once something has to go out (the
 * cached remote-followers check answers most notes without a query).
 */

const outbox = () => import('./outbox.js');

function run(ctx: AppContext, what: string, work: () => Promise<void>): void {
  void work().catch((error) => ctx.log.warn({ err: error }, `federation: could not ${what}`));
}

/** What federation needs of a note to tell whether it ever left this server. */
export interface FederatedNoteFields {
  userHost: string | null; visibility: string; localOnly: boolean; channelId: string | null; isPureRenote: boolean;
}

/**
 * Whether a local note goes out (and so whether its deletion must): public, home or followers,
 * not local-only, not in a channel, and not a pure renote (Announce is not sent yet: as a Create it
 * would arrive as an empty note).
 */
export function federates(note: FederatedNoteFields): boolean {
  return note.userHost == null && !note.localOnly && note.channelId == null && !note.isPureRenote
    && (note.visibility === 'public' || note.visibility === 'home' || note.visibility === 'followers');
}

export function isPureRenote(note: Pick<NoteRow, 'renoteId' | 'text' | 'cw' | 'replyId' | 'hasPoll' | 'fileIds'>): boolean {
  return note.renoteId != null && note.text == null && note.cw == null && note.replyId == null && !note.hasPoll && note.fileIds.length === 0;
}

export function noteCreated(ctx: AppContext, note: NoteRow): void {
  if (!federates({ ...note, isPureRenote: isPureRenote(note) })) return;
  run(ctx, 'deliver a note', async () => {
    if (!await hasRemoteFollowers(ctx, note.userId)) return;
    await (await outbox()).sendNoteCreate(ctx, note);
  });
}

export function notesDeleted(ctx: AppContext, deleted: readonly ({ id: string; userId: string } & FederatedNoteFields)[]): void {
  // Only notes that went out: a Delete for a local-only or direct note would tell other servers it existed.
  const sent = deleted.filter(federates);
  if (sent.length === 0) return;
  run(ctx, 'deliver a note deletion', async () => {
    for (const note of sent) {
      if (!await hasRemoteFollowers(ctx, note.userId)) continue;
      await (await outbox()).sendNoteDelete(ctx, note);
    }
  });
}

/** A local user asked to follow a remote one (the request waits for its Accept). */
export function followRequested(ctx: AppContext, follower: UserRow, followee: UserRow): void {
  if (follower.host != null || followee.host == null) return;
  run(ctx, 'send a Follow', async () => (await outbox()).sendFollow(ctx, follower, followee));
}

/** A local user stopped following (or withdrew the request to follow) a remote one. */
export function unfollowed(ctx: AppContext, followerId: string, followee: Pick<UserRow, 'id' | 'host'>): void {
  if (followee.host == null) return;
  run(ctx, 'send an Undo(Follow)', async () => (await outbox()).sendUndoFollow(ctx, followerId, followee.id));
}

/** A local user answered a remote user's follow request. */
export function followAnswered(ctx: AppContext, kind: 'accept' | 'reject', follower: UserRow, followee: UserRow): void {
  if (follower.host == null || followee.host != null) return;
  run(ctx, `send a ${kind}`, async () => {
    if (kind === 'accept') (await import('./remote-followers.js')).remoteFollowersChanged(ctx, followee.id);
    await (await outbox()).answerFollow(ctx, kind, follower, followee);
  });
}
