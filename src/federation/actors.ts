import { eq, sql } from 'drizzle-orm';
import { Application, isActor, Service, type Actor, type DocumentLoader } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { remoteActors, userProfiles, users, type UserRow } from '../db/schema/index.js';
import { genId } from '../misc/id.js';
import { usersChanged } from '../core/cache/caches.js';
import { documentLoaderFor, federationFetch, parseObject, schemeFor } from './net.js';
import { htmlToText } from './content.js';

/** Remote actors: fetched from their origin, stored as `users` rows with a host plus `remote_actors`. */

/** What `ap/show` could not resolve: `invalid` input (URI_INVALID) or nothing usable there (NO_SUCH_OBJECT). */
export class ResolveError extends Error {
  constructor(message: string, readonly kind: 'invalid' | 'missing' = 'missing') { super(message); }
}

/** The row of the remote user whose ActivityPub id is `uri`, if known. */
export async function findRemoteUserByUri(ctx: AppContext, uri: string): Promise<(UserRow & { inbox: string; sharedInbox: string | null }) | null> {
  const [row] = await ctx.db.select({ user: users, inbox: remoteActors.inbox, sharedInbox: remoteActors.sharedInbox })
    .from(remoteActors).innerJoin(users, eq(users.id, remoteActors.userId)).where(eq(remoteActors.uri, uri)).limit(1);
  return row ? { ...row.user, inbox: row.inbox, sharedInbox: row.sharedInbox } : null;
}

/** Whether `uri` names something on this instance. */
export function isLocalUri(ctx: AppContext, uri: string | URL): boolean {
  try {
    return new URL(uri).origin === new URL(ctx.config.url).origin;
  } catch {
    return false;
  }
}

/**
 * Stores (or refreshes) a remote actor. The actor must come from its own origin: the caller fetched
 * it by its id, or it arrived signed by its own key.
 */
export async function persistActor(ctx: AppContext, actor: Actor): Promise<UserRow> {
  if (!actor.id || !actor.inboxId || !actor.preferredUsername) throw new ResolveError('the actor has no id, inbox or preferredUsername');
  if (isLocalUri(ctx, actor.id)) throw new ResolveError('a local id cannot be a remote actor');
  const uri = actor.id.href;
  const host = actor.id.host.toLowerCase();
  const username = String(actor.preferredUsername).slice(0, 128);
  const key = await actor.getPublicKey().catch(() => null);
  const icon = await actor.getIcon().catch(() => null);
  const image = await actor.getImage().catch(() => null);
  const fields = {
    name: actor.name ? String(actor.name).slice(0, 128) : null,
    isLocked: actor.manuallyApprovesFollowers ?? false,
    isBot: actor instanceof Service || actor instanceof Application,
    // Remote files are hot-linked for now (proxying is listed as left in docs/federation.md).
    avatarUrl: icon?.url instanceof URL ? icon.url.href.slice(0, 1024) : null,
    bannerUrl: image?.url instanceof URL ? image.url.href.slice(0, 1024) : null,
    updatedAt: new Date(),
  };
  const remote = {
    uri,
    url: actor.url instanceof URL ? actor.url.href : null,
    inbox: actor.inboxId.href,
    sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
    followersUri: actor.followersId?.href ?? null,
    keyId: key?.id?.href ?? null,
    publicKeyPem: null,
    lastFetchedAt: new Date(),
  };
  const description = actor.summary ? htmlToText(String(actor.summary)).slice(0, 2048) : null;
  const user = await ctx.db.transaction(async (tx) => {
    const [known] = await tx.select({ userId: remoteActors.userId }).from(remoteActors).where(eq(remoteActors.uri, uri)).for('update');
    if (known) {
      const [updated] = await tx.update(users).set(fields).where(eq(users.id, known.userId)).returning();
      await tx.update(remoteActors).set(remote).where(eq(remoteActors.userId, known.userId));
      await tx.update(userProfiles).set({ description }).where(eq(userProfiles.userId, known.userId));
      return updated;
    }
    // Same name and host already taken by another id (an account re-created there): that row is taken over.
    const [sameName] = await tx.select().from(users).where(sql`${users.usernameLower} = ${username.toLowerCase()} AND ${users.host} = ${host}`).for('update');
    if (sameName) {
      const [updated] = await tx.update(users).set(fields).where(eq(users.id, sameName.id)).returning();
      await tx.insert(remoteActors).values({ userId: sameName.id, ...remote }).onConflictDoUpdate({ target: remoteActors.userId, set: remote });
      return updated;
    }
    const [created] = await tx.insert(users).values({ id: genId(), username, usernameLower: username.toLowerCase(), host, ...fields }).returning();
    await tx.insert(userProfiles).values({ userId: created.id, description });
    await tx.insert(remoteActors).values({ userId: created.id, ...remote });
    return created;
  });
  usersChanged(ctx, user.id);
  return user;
}

/** Fetches the actor at `uri` from its origin and stores it. */
export async function resolveActorByUri(ctx: AppContext, uri: string, loader: DocumentLoader = documentLoaderFor(ctx)): Promise<UserRow> {
  const known = await findRemoteUserByUri(ctx, uri);
  // A day-old copy is good enough for delivery and display; Update(Person) refreshes it sooner (later).
  if (known) return known;
  const { Object: ApObject } = await import('@fedify/fedify');
  const { document, documentUrl } = await loader(uri);
  const object = await ApObject.fromJsonLd(document, { documentLoader: loader });
  if (!isActor(object)) throw new ResolveError(`${uri} is not an actor`);
  // The id must be where it was fetched from, or anyone could serve anyone's actor.
  if (!object.id || new URL(documentUrl).origin !== object.id.origin) throw new ResolveError(`${uri} names an actor of another origin`);
  return persistActor(ctx, object);
}

/** `@user@host`: WebFinger on the host, then the actor it links to. */
export async function resolveActorByAcct(ctx: AppContext, username: string, host: string): Promise<UserRow> {
  const [known] = await ctx.db.select().from(users)
    .where(sql`${users.usernameLower} = ${username.toLowerCase()} AND ${users.host} = ${host.toLowerCase()}`).limit(1);
  if (known) return known;
  const resource = `acct:${username}@${host}`;
  const url = `${schemeFor(ctx, host)}://${host}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`;
  const response = await federationFetch(ctx, url, { contentTypes: ['application/jrd+json', 'application/json'] });
  const jrd = parseObject(response.body) as { links?: { rel?: string; type?: string; href?: string }[] };
  const self = jrd.links?.find((link) => link.rel === 'self' && typeof link.href === 'string'
    && (link.type === 'application/activity+json' || (link.type ?? '').startsWith('application/ld+json')));
  if (!self?.href) throw new ResolveError(`${resource} has no ActivityPub actor`);
  const user = await resolveActorByUri(ctx, self.href);
  if (user.host !== host.toLowerCase() && new URL(self.href).host.toLowerCase() !== host.toLowerCase()) {
    throw new ResolveError(`${resource} links to an actor on another host`);
  }
  return user;
}
