import { and, eq, isNull } from 'drizzle-orm';
import {
  Accept, Create, createFederation, Delete, Endpoints, Follow, Hashtag, Image, Note, Person,
  PropertyValue, PUBLIC_COLLECTION, Reject, Service, Source, Undo, type Federation, type RequestContext,
} from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import type { AppContext } from '../context.js';
import { notes, userProfiles, users, type NoteRow, type UserRow } from '../db/schema/index.js';
import { findVisibleNote } from '../core/notes/visibility.js';
import { PgKvStore } from './kv.js';
import { documentLoaderFor } from './net.js';
import { contextLoaderFor, noteUri } from './uris.js';
import { keysOf } from './keys.js';
import { mfmToHtml } from './content.js';
import { onAccept, onCreate, onDelete, onFollow, onReject, onUndo } from './inbox.js';
import { isPureRenote } from './hooks.js';

/**
 * The instance's Fedify `Federation`: actors, notes and collections under content negotiation,
 * WebFinger, and the inboxes. Built on first use, once the public origin (`config.url`) is final.
 */

const federations = new WeakMap<AppContext, Federation<AppContext>>();

export function federationOf(ctx: AppContext): Federation<AppContext> {
  let federation = federations.get(ctx);
  if (!federation) federations.set(ctx, federation = build(ctx));
  return federation;
}

const ID = /^[0-9a-z]{1,32}$/;

async function localUser(ctx: AppContext, id: string): Promise<UserRow | null> {
  if (!ID.test(id)) return null;
  const [user] = await ctx.db.select().from(users).where(and(eq(users.id, id), isNull(users.host))).limit(1);
  return user && !user.isDeleted && !user.isSuspended ? user : null;
}

async function actorOf(ctx: RequestContext<AppContext>, user: UserRow): Promise<Person | Service> {
  const app = ctx.data;
  const [profile] = await app.db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
  const pairs = await ctx.getActorKeyPairs(user.id);
  const Type = user.isBot ? Service : Person;
  const base = app.config.url;
  const description = profile?.description ?? null;
  return new Type({
    id: ctx.getActorUri(user.id),
    preferredUsername: user.username,
    name: user.name,
    summary: description ? mfmToHtml(description, base) : null,
    source: description ? new Source({ content: description, mediaType: 'text/x.misskeymarkdown' }) : null,
    url: new URL(`${base}/@${user.username}`),
    inbox: ctx.getInboxUri(user.id),
    outbox: ctx.getOutboxUri(user.id),
    followers: ctx.getFollowersUri(user.id),
    following: ctx.getFollowingUri(user.id),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: pairs[0]?.cryptographicKey ?? null,
    assertionMethods: pairs.map((pair) => pair.multikey),
    manuallyApprovesFollowers: user.isLocked,
    discoverable: user.isExplorable,
    icon: user.avatarUrl ? new Image({ url: new URL(user.avatarUrl) }) : null,
    image: user.bannerUrl ? new Image({ url: new URL(user.bannerUrl) }) : null,
    attachments: (profile?.fields ?? []).map((field) => new PropertyValue({ name: field.name, value: field.value })),
    aliases: (user.alsoKnownAs ?? []).map((uri) => new URL(uri)),
    successor: user.movedToUri ? new URL(user.movedToUri) : null,
    published: Temporal.Instant.from(user.createdAt.toISOString()),
  });
}

/** The ActivityPub id of the note `note` replies to (a remote note's `uri`, else this server's URL). */
export async function replyUriOf(ctx: AppContext, note: Pick<NoteRow, 'replyId'>): Promise<string | null> {
  if (note.replyId == null) return null;
  const [target] = await ctx.db.select({ uri: notes.uri }).from(notes).where(eq(notes.id, note.replyId)).limit(1);
  return target ? target.uri ?? noteUri(ctx, note.replyId) : null;
}

/** A local note as ActivityPub sees it (public and home notes; the caller checked visibility). */
export function noteObject(ctx: AppContext, note: NoteRow, replyUri: string | null = null): Note {
  const actor = new URL(`${ctx.config.url}/users/${note.userId}`);
  const followers = new URL(`${actor.href}/followers`);
  const isPublic = note.visibility === 'public';
  return new Note({
    id: new URL(noteUri(ctx, note.id)),
    attribution: actor,
    content: note.text != null ? mfmToHtml(note.text, ctx.config.url) : null,
    source: note.text != null ? new Source({ content: note.text, mediaType: 'text/x.misskeymarkdown' }) : null,
    summary: note.cw,
    sensitive: note.cw != null,
    published: Temporal.Instant.from(note.createdAt.toISOString()),
    url: new URL(noteUri(ctx, note.id)),
    tos: note.visibility === 'followers' ? [followers] : isPublic ? [PUBLIC_COLLECTION] : [followers],
    ccs: isPublic ? [followers] : note.visibility === 'home' ? [PUBLIC_COLLECTION] : [],
    tags: note.tags.map((tag) => new Hashtag({ href: new URL(`${ctx.config.url}/tags/${encodeURIComponent(tag)}`), name: `#${tag}` })),
    replyTarget: replyUri ? new URL(replyUri) : null,
  });
}

function build(ctx: AppContext): Federation<AppContext> {
  const loader = documentLoaderFor(ctx);
  const federation = createFederation<AppContext>({
    kv: new PgKvStore(ctx),
    origin: ctx.config.url,
    documentLoader: loader,
    contextLoader: contextLoaderFor(ctx),
    authenticatedDocumentLoaderFactory: () => loader,
    // Address rules and the user agent live in the document loader (the safe fetch), not here.
  });

  federation.setActorDispatcher('/users/{identifier}', async (context, identifier) => {
    const user = await localUser(context.data, identifier);
    return user ? actorOf(context, user) : null;
  })
    .setKeyPairsDispatcher(async (context, identifier) => {
      if (!await localUser(context.data, identifier)) return [];
      const keys = await keysOf(context.data, identifier);
      return [keys.rsa, keys.ed25519];
    })
    .mapHandle(async (context, username) => {
      const [user] = await context.data.db.select({ id: users.id }).from(users)
        .where(and(eq(users.usernameLower, username.toLowerCase()), isNull(users.host), eq(users.isDeleted, false), eq(users.isSuspended, false))).limit(1);
      return user?.id ?? null;
    });

  federation.setObjectDispatcher(Note, '/notes/{id}', async (context, { id }) => {
    if (!ID.test(id)) return null;
    const note = await findVisibleNote(context.data, id, null);
    // Only this instance's own notes that may leave it: public or home, not local-only, not in a channel.
    if (!note || note.userHost != null || note.localOnly || note.channelId != null) return null;
    if (note.visibility !== 'public' && note.visibility !== 'home') return null;
    // A pure renote would be an empty Note (Announce is not served yet).
    if (isPureRenote(note)) return null;
    return noteObject(context.data, note, await replyUriOf(context.data, note));
  });

  // Collections: their sizes for now (items and paging are listed as left in docs/federation.md),
  // refused when the user hides the list.
  const hidden = async (app: AppContext, identifier: string, which: 'followersVisibility' | 'followingVisibility') => {
    const user = await localUser(app, identifier);
    if (!user) return null;
    const [profile] = await app.db.select({ visibility: userProfiles[which] }).from(userProfiles).where(eq(userProfiles.userId, user.id));
    return { user, hidden: (profile?.visibility ?? 'public') !== 'public' };
  };
  federation.setFollowersDispatcher('/users/{identifier}/followers', async (context, identifier) => {
    const found = await hidden(context.data, identifier, 'followersVisibility');
    return found && !found.hidden ? { items: [] } : null;
  }).setCounter(async (context, identifier) => {
    const found = await hidden(context.data, identifier, 'followersVisibility');
    return found && !found.hidden ? found.user.followersCount : null;
  });
  federation.setFollowingDispatcher('/users/{identifier}/following', async (context, identifier) => {
    const found = await hidden(context.data, identifier, 'followingVisibility');
    return found && !found.hidden ? { items: [] } : null;
  }).setCounter(async (context, identifier) => {
    const found = await hidden(context.data, identifier, 'followingVisibility');
    return found && !found.hidden ? found.user.followingCount : null;
  });
  federation.setOutboxDispatcher('/users/{identifier}/outbox', async (context, identifier) => {
    return await localUser(context.data, identifier) ? { items: [] } : null;
  }).setCounter(async (context, identifier) => (await localUser(context.data, identifier))?.notesCount ?? null);

  federation.setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Follow, onFollow)
    .on(Undo, onUndo)
    .on(Accept, onAccept)
    .on(Reject, onReject)
    .on(Create, onCreate)
    .on(Delete, onDelete)
    .onError((context, error) => context.data.log.warn({ err: error }, 'an inbox activity failed'));

  return federation;
}

