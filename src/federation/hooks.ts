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

export function noteCreated(ctx: AppContext, note: NoteRow): void {
  if (note.userHost != null || note.localOnly || note.channelId != null) return;
  if (note.visibility !== 'public' && note.visibility !== 'home' && note.visibility !== 'followers') return;
  run(ctx, 'deliver a note', async () => {
    if (!await hasRemoteFollowers(ctx, note.userId)) return;
    await (await outbox()).sendNoteCreate(ctx, note);
  });
}

export function notesDeleted(ctx: AppContext, deleted: readonly { id: string; userId: string; userHost: string | null }[]): void {
  const local = deleted.filter((note) => note.userHost == null);
  if (local.length === 0) return;
  run(ctx, 'deliver a note deletion', async () => {
    for (const note of local) {
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
