import { eq } from 'drizzle-orm';
import { Create, Delete, Follow, Tombstone, Undo } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { remoteActors, type NoteRow, type UserRow } from '../db/schema/index.js';
import { deliverTo } from './deliver.js';
import { followerInboxes } from './remote-followers.js';
import { noteObject, replyUriOf } from './federation.js';
import { activityUri, actorUri, followUri, noteUri } from './uris.js';
import { answerFollow } from './inbox.js';
import { extendCreate } from './extensions.js';

/** Activities local actions send (loaded lazily by src/federation/hooks.ts, off the hot path). */

async function remoteUri(ctx: AppContext, userId: string): Promise<string | null> {
  const [row] = await ctx.db.select({ uri: remoteActors.uri }).from(remoteActors).where(eq(remoteActors.userId, userId));
  return row?.uri ?? null;
}


export async function sendFollow(ctx: AppContext, follower: UserRow, followee: UserRow): Promise<void> {
  const uri = await remoteUri(ctx, followee.id);
  if (!uri) return;
  const activity = new Follow({ id: new URL(followUri(ctx, follower.id, followee.id)), actor: new URL(actorUri(ctx, follower.id)), object: new URL(uri) });
  const [row] = await ctx.db.select({ inbox: remoteActors.inbox }).from(remoteActors).where(eq(remoteActors.userId, followee.id));
  await deliverTo(ctx, follower.id, [row.inbox], activity);
}

export async function sendUndoFollow(ctx: AppContext, followerId: string, followeeId: string): Promise<void> {
  const [row] = await ctx.db.select({ uri: remoteActors.uri, inbox: remoteActors.inbox }).from(remoteActors).where(eq(remoteActors.userId, followeeId));
  if (!row) return;
  const follow = new Follow({ id: new URL(followUri(ctx, followerId, followeeId)), actor: new URL(actorUri(ctx, followerId)), object: new URL(row.uri) });
  const undo = new Undo({ id: new URL(activityUri(ctx, 'undo', `${followerId}-${followeeId}-${Date.now()}`)), actor: new URL(actorUri(ctx, followerId)), object: follow });
  await deliverTo(ctx, followerId, [row.inbox], undo);
}

export { answerFollow };

export async function sendNoteCreate(ctx: AppContext, note: NoteRow): Promise<void> {
  const inboxes = await followerInboxes(ctx, note.userId);
  if (inboxes.length === 0) return;
  const object = noteObject(ctx, note, await replyUriOf(ctx, note));
  const create = new Create({
    id: new URL(`${noteUri(ctx, note.id)}/activity`),
    actor: new URL(actorUri(ctx, note.userId)),
    published: object.published,
    tos: object.toIds,
    ccs: object.ccIds,
    object,
  });
  await deliverTo(ctx, note.userId, inboxes, create, (json) => extendCreate(json, note));
}

export async function sendNoteDelete(ctx: AppContext, note: { id: string; userId: string }): Promise<void> {
  const inboxes = await followerInboxes(ctx, note.userId);
  if (inboxes.length === 0) return;
  const activity = new Delete({
    id: new URL(activityUri(ctx, 'delete', note.id)),
    actor: new URL(actorUri(ctx, note.userId)),
    object: new Tombstone({ id: new URL(noteUri(ctx, note.id)) }),
  });
  await deliverTo(ctx, note.userId, inboxes, activity);
}
