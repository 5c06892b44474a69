import { and, eq, sql } from 'drizzle-orm';
import {
  Accept, Follow, Mention, Note, Object as ApObject, PUBLIC_COLLECTION, Reject,
  type Create, type Delete, type DocumentLoader, type InboxContext, type Undo,
} from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { notes, remoteActors, users, type NoteRow, type NoteVisibility, type UserRow } from '../db/schema/index.js';
import { genId } from '../misc/id.js';
import { follow as followUser, removeFollowing } from '../core/following/follow.js';
import { acceptFollowRequest, cancelFollowRequest, rejectFollowRequest } from '../core/following/requests.js';
import { announceFollowChange } from '../core/following/events.js';
import { deleteNotes } from '../core/notes/delete.js';
import { publishNote } from '../bus/topics.js';
import { recordNote } from '../core/charts/record.js';
import { findRemoteUserByUri, isLocalUri, resolveActorByUri } from './actors.js';
import { htmlToText } from './content.js';
import { remoteFollowersChanged } from './remote-followers.js';
import { PgKvStore } from './kv.js';
import { deliverToUser } from './deliver.js';
import { actorUri } from './uris.js';

/**
 * What remote servers post to the inboxes. Fedify has verified the HTTP Signature and that the
 * signing key belongs to the activity's actor before any of these runs; objects that come from
 * another origin than the actor's are fetched again from their own origin.
 */

type Ctx = InboxContext<AppContext>;

const LOCAL_ID = /^[0-9a-z]{1,32}$/;

/** The signed activity's actor, stored (fetched from its origin when new). */
async function remoteActorOf(ctx: Ctx, actorId: URL | null): Promise<UserRow | null> {
  if (!actorId || isLocalUri(ctx.data, actorId)) return null;
  const known = await findRemoteUserByUri(ctx.data, actorId.href);
  if (known) return known;
  return resolveActorByUri(ctx.data, actorId.href, ctx.documentLoader);
}

async function localUserOf(ctx: Ctx, uri: URL | null): Promise<UserRow | null> {
  return localUserByUri(ctx.data, uri);
}

/** The local user an actor URI of this instance names (`/users/<id>`), if any. */
export async function localUserByUri(app: AppContext, uri: URL | null): Promise<UserRow | null> {
  if (!uri || !isLocalUri(app, uri)) return null;
  const match = /^\/users\/([0-9a-z]{1,32})$/.exec(uri.pathname);
  if (!match) return null;
  const [user] = await app.db.select().from(users).where(and(eq(users.id, match[1]), sql`${users.host} IS NULL`)).limit(1);
  return user && !user.isDeleted && !user.isSuspended ? user : null;
}

const followIdKey = (followerId: string, followeeId: string) => ['mikan', 'followActivity', followerId, followeeId] as const;

/** The id of the Follow a remote user sent, kept so the Accept/Reject sent later names it. */
export async function storedFollowId(ctx: AppContext, followerId: string, followeeId: string): Promise<string | null> {
  return (await new PgKvStore(ctx).get<string>([...followIdKey(followerId, followeeId)])) ?? null;
}

export async function answerFollow(ctx: AppContext, kind: 'accept' | 'reject', follower: UserRow, followee: UserRow): Promise<void> {
  const followId = await storedFollowId(ctx, follower.id, followee.id);
  const object = new Follow({
    id: followId ? new URL(followId) : null,
    actor: new URL(await remoteUriOf(ctx, follower.id)),
    object: new URL(actorUri(ctx, followee.id)),
  });
  const values = { id: new URL(`${actorUri(ctx, followee.id)}#${kind}s/${follower.id}/${Date.now()}`), actor: new URL(actorUri(ctx, followee.id)), object };
  await deliverToUser(ctx, followee.id, follower.id, kind === 'accept' ? new Accept(values) : new Reject(values));
}

async function remoteUriOf(ctx: AppContext, userId: string): Promise<string> {
  const [row] = await ctx.db.select({ uri: remoteActors.uri }).from(remoteActors).where(eq(remoteActors.userId, userId));
  if (!row) throw new Error(`user ${userId} is not a known remote actor`);
  return row.uri;
}

export async function onFollow(ctx: Ctx, activity: Follow): Promise<void> {
  const followee = await localUserOf(ctx, activity.objectId);
  if (!followee) return;
  const follower = await remoteActorOf(ctx, activity.actorId);
  if (!follower) return;
  if (activity.id) await new PgKvStore(ctx.data).set([...followIdKey(follower.id, followee.id)], activity.id.href);
  const outcome = await followUser(ctx.data, follower, followee, {});
  if (outcome === 'followed' || outcome === 'alreadyFollowing') {
    remoteFollowersChanged(ctx.data, followee.id);
    await answerFollow(ctx.data, 'accept', follower, followee);
  } else if (outcome === 'blocked' || outcome === 'blocking') {
    await answerFollow(ctx.data, 'reject', follower, followee);
  }
  // 'requested': the local user answers through following/requests/accept or reject.
}

export async function onUndo(ctx: Ctx, undo: Undo): Promise<void> {
  const actor = await remoteActorOf(ctx, undo.actorId);
  if (!actor) return;
  const object = await undo.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
  if (object instanceof Follow) {
    if (object.actorId?.href !== undo.actorId?.href) return;
    const followee = await localUserOf(ctx, object.objectId);
    if (!followee) return;
    const removed = await ctx.data.db.transaction((tx) => removeFollowing(tx, actor.id, followee.id));
    if (removed) announceFollowChange(ctx.data, 'unfollow', actor.id, followee.id);
    await cancelFollowRequest(ctx.data, actor.id, followee.id);
    remoteFollowersChanged(ctx.data, followee.id);
  }
}

/** The local follower and remote followee an Accept/Reject answers, checked against its signer. */
async function answeredFollow(ctx: Ctx, activity: Accept | Reject): Promise<{ follower: UserRow; followee: UserRow } | null> {
  const followee = await remoteActorOf(ctx, activity.actorId);
  if (!followee) return null;
  let followerUri: URL | null = null;
  // Our Follow ids are /follows/<follower>/<followee>; an embedded Follow names its actor.
  const match = activity.objectId && isLocalUri(ctx.data, activity.objectId) ? /^\/follows\/([0-9a-z]+)\/([0-9a-z]+)$/.exec(activity.objectId.pathname) : null;
  if (match) {
    if (match[2] !== followee.id) return null;
    followerUri = new URL(actorUri(ctx.data, match[1]));
  } else {
    const object = await activity.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
    if (!(object instanceof Follow) || object.objectId?.href !== activity.actorId?.href) return null;
    followerUri = object.actorId;
  }
  const follower = await localUserOf(ctx, followerUri);
  return follower ? { follower, followee } : null;
}

export async function onAccept(ctx: Ctx, accept: Accept): Promise<void> {
  const pair = await answeredFollow(ctx, accept);
  if (pair) await acceptFollowRequest(ctx.data, pair.followee.id, pair.follower.id);
}

export async function onReject(ctx: Ctx, reject: Reject): Promise<void> {
  const pair = await answeredFollow(ctx, reject);
  if (!pair) return;
  await rejectFollowRequest(ctx.data, pair.followee.id, pair.follower.id);
  const removed = await ctx.data.db.transaction((tx) => removeFollowing(tx, pair.follower.id, pair.followee.id));
  if (removed) announceFollowChange(ctx.data, 'unfollow', pair.follower.id, pair.followee.id);
}

/** The Note of a Create, from the actor's own origin (fetched again when it came embedded from elsewhere). */
async function trustedNote(ctx: Ctx, create: Create, actorId: URL): Promise<Note | null> {
  let object = await create.getObject({ documentLoader: ctx.documentLoader }).catch(() => null);
  if (!object?.id) return null;
  if (object.id.origin !== actorId.origin) return null;
  if (!(object instanceof Note)) return null;
  if (object.attributionId?.href !== actorId.href) {
    // Someone else's note in this actor's Create: believe only what its origin says.
    const { document } = await ctx.documentLoader(object.id.href);
    object = await ApObject.fromJsonLd(document, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
    if (!(object instanceof Note) || object.attributionId?.href !== actorId.href) return null;
  }
  return object;
}

export async function onCreate(ctx: Ctx, create: Create): Promise<void> {
  const author = await remoteActorOf(ctx, create.actorId);
  if (!author || !create.actorId) return;
  const note = await trustedNote(ctx, create, create.actorId);
  if (!note?.id) return;
  await storeRemoteNote(ctx.data, ctx.documentLoader, author, create.actorId, note);
}

/** Stores a remote note (known to come from its author's origin); the existing row when already stored. */
export async function storeRemoteNote(app: AppContext, loader: DocumentLoader, author: UserRow, actorId: URL, note: Note): Promise<NoteRow | null> {
  const uri = note.id!.href;
  const [existing] = await app.db.select().from(notes).where(eq(notes.uri, uri)).limit(1);
  if (existing) return existing;

  const audience = [...note.toIds, ...note.ccIds].map((url) => url.href);
  const followersUri = `${actorId.href}/followers`;
  const toPublic = note.toIds.some((url) => url.href === PUBLIC_COLLECTION.href);
  const ccPublic = note.ccIds.some((url) => url.href === PUBLIC_COLLECTION.href);
  const mentioned: string[] = [];
  for await (const tag of note.getTags({ documentLoader: loader })) {
    if (tag instanceof Mention && tag.href && isLocalUri(app, tag.href)) {
      const user = await localUserByUri(app, tag.href);
      if (user) mentioned.push(user.id);
    }
  }
  for (const uri of audience) {
    const user = await localUserByUri(app, new URL(uri));
    if (user && !mentioned.includes(user.id)) mentioned.push(user.id);
  }
  let visibility: NoteVisibility = toPublic ? 'public' : ccPublic ? 'home'
    : audience.some((uri) => uri === followersUri || uri.endsWith('/followers')) ? 'followers' : 'specified';
  if (visibility === 'specified' && mentioned.length === 0) return null;

  const source = note.source;
  const text = source?.mediaType === 'text/x.misskeymarkdown' && source.content != null
    ? String(source.content)
    : note.content != null ? htmlToText(String(note.content)) : null;
  const cw = note.summary != null ? htmlToText(String(note.summary)) : null;
  let reply: { id: string; userId: string; threadId: string | null } | null = null;
  if (note.replyTargetId) {
    const target = note.replyTargetId.href;
    const localMatch = isLocalUri(app, target) ? /^\/notes\/([0-9a-z]+)$/.exec(new URL(target).pathname) : null;
    const [row] = await app.db.select({ id: notes.id, userId: notes.userId, threadId: notes.threadId }).from(notes)
      .where(localMatch ? eq(notes.id, localMatch[1]) : eq(notes.uri, target)).limit(1);
    reply = row ?? null;
  }
  const published = note.published ? Math.min(note.published.epochMilliseconds, Date.now()) : Date.now();
  const id = genId(published);
  const inserted = await app.db.transaction(async (tx) => {
    const [row] = await tx.insert(notes).values({
      id,
      createdAt: new Date(published),
      userId: author.id,
      userHost: author.host,
      text: text?.slice(0, 100_000) ?? null,
      cw: cw?.slice(0, 1000) ?? null,
      visibility,
      replyId: reply?.id ?? null,
      replyUserId: reply?.userId ?? null,
      threadId: reply ? reply.threadId ?? reply.id : id,
      visibleUserIds: visibility === 'specified' ? mentioned : [],
      mentions: mentioned,
      uri,
      url: note.url instanceof URL ? note.url.href : uri,
    }).onConflictDoNothing().returning();
    if (!row) return null;
    await tx.update(users).set({ notesCount: sql`${users.notesCount} + 1` }).where(eq(users.id, author.id));
    if (reply) await tx.update(notes).set({ repliesCount: sql`${notes.repliesCount} + 1` }).where(eq(notes.id, reply.id));
    return row;
  });
  if (!inserted) return null;
  recordNote(app, { userId: inserted.userId, userHost: inserted.userHost, replyId: inserted.replyId, renoteId: null, hasFiles: false }, true);
  publishNote(app, inserted);
  return inserted;
}

export async function onDelete(ctx: Ctx, activity: Delete): Promise<void> {
  const actorId = activity.actorId;
  if (!actorId || !activity.objectId) return;
  const author = await findRemoteUserByUri(ctx.data, actorId.href);
  if (!author) return;
  const [row] = await ctx.data.db.select({ id: notes.id, userId: notes.userId }).from(notes).where(eq(notes.uri, activity.objectId.href)).limit(1);
  // Only the author's own notes: the signature proved who sent this.
  if (!row || row.userId !== author.id) return;
  await deleteNotes(ctx.data, [row.id]);
}

