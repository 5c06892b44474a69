import { eq, or, sql } from 'drizzle-orm';
import { isActor, Note, Object as ApObject } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { notes, remoteActors, users, type NoteRow, type UserRow } from '../db/schema/index.js';
import { findLocalUserByUsername } from '../core/users/read.js';
import { SafeFetchError } from '../net/safe-fetch.js';
import { isLocalUri, persistActor, ResolveError, resolveActorByAcct, resolveActorByUri } from './actors.js';
import { documentLoaderFor } from './net.js';
import { storeRemoteNote } from './inbox.js';
import { contextLoaderFor } from './uris.js';

/**
 * `ap/show`: what a URL or `@user@host` names, as a stored user or note (fetched from its origin
 * when unknown). Failures are `ResolveError` (nothing there, not ActivityPub) or `SafeFetchError`.
 */

export type Resolved = { type: 'User'; user: UserRow } | { type: 'Note'; note: NoteRow };

const ACCT = /^@?([A-Za-z0-9_.-]+)@([^@/\s]+)$/;

export async function resolveUri(ctx: AppContext, input: string, redirects = 0): Promise<Resolved> {
  const trimmed = input.trim();
  const acct = ACCT.exec(trimmed);
  if (acct) return { type: 'User', user: await resolveUser(ctx, acct[1], acct[2]) };

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ResolveError('not a URL or an account', 'invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ResolveError('not an http(s) URL', 'invalid');
  if (isLocalUri(ctx, url)) return resolveLocal(ctx, url);

  // By ActivityPub id (indexed); a note's `url` (its HTML page) is not looked up: no index serves it.
  const [knownNote] = await ctx.db.select().from(notes).where(eq(notes.uri, url.href)).limit(1);
  if (knownNote) return { type: 'Note', note: knownNote };
  const [knownUser] = await ctx.db.select({ user: users }).from(remoteActors).innerJoin(users, eq(users.id, remoteActors.userId))
    .where(or(eq(remoteActors.uri, url.href), eq(remoteActors.url, url.href))).limit(1);
  if (knownUser) return { type: 'User', user: knownUser.user };

  const loader = documentLoaderFor(ctx);
  const { document, documentUrl } = await loader(url.href);
  const object = await ApObject.fromJsonLd(document, { documentLoader: loader, contextLoader: contextLoaderFor(ctx) });
  // Believe an object only from its own origin; anything else is fetched again by its id.
  if (!object.id) throw new ResolveError('the object has no id');
  if (object.id.origin !== new URL(documentUrl).origin) {
    // Once: two hosts could otherwise send each other's ids back and forth forever.
    if (object.id.href === url.href || redirects > 0) throw new ResolveError('the object names another origin');
    return resolveUri(ctx, object.id.href, redirects + 1);
  }
  if (isActor(object)) return { type: 'User', user: await persistActor(ctx, object) };
  if (object instanceof Note) {
    const authorId = object.attributionId;
    if (!authorId || authorId.origin !== object.id.origin) throw new ResolveError('the note has no author of its origin');
    const author = await resolveActorByUri(ctx, authorId.href, loader);
    const stored = await storeRemoteNote(ctx, loader, author, authorId, object);
    if (!stored) throw new ResolveError('the note is not visible to this instance');
    return { type: 'Note', note: stored };
  }
  throw new ResolveError('neither a user nor a note');
}

async function resolveLocal(ctx: AppContext, url: URL): Promise<Resolved> {
  const note = /^\/notes\/([0-9a-z]+)$/.exec(url.pathname);
  if (note) {
    const [row] = await ctx.db.select().from(notes).where(eq(notes.id, note[1])).limit(1);
    if (row) return { type: 'Note', note: row };
  }
  const user = /^\/users\/([0-9a-z]+)$/.exec(url.pathname);
  if (user) {
    const [row] = await ctx.db.select().from(users).where(sql`${users.id} = ${user[1]} AND ${users.host} IS NULL AND NOT ${users.isDeleted}`).limit(1);
    if (row) return { type: 'User', user: row };
  }
  const acct = /^\/@([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (acct) {
    const row = await findLocalUserByUsername(ctx, acct[1]);
    if (row) return { type: 'User', user: row };
  }
  throw new ResolveError('nothing local at that URL');
}

/** A user by name and host (this instance's host, in either spelling, is local). */
export async function resolveUser(ctx: AppContext, username: string, host: string): Promise<UserRow> {
  if (host.toLowerCase() === ctx.config.hostname.toLowerCase()) {
    const local = await findLocalUserByUsername(ctx, username);
    if (!local) throw new ResolveError('no such local user');
    return local;
  }
  return resolveActorByAcct(ctx, username, host);
}

export { ResolveError, SafeFetchError };
