import { fetchDocumentLoader, type DocumentLoader } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { documentLoaderFor } from './net.js';

/** Misskey's URL scheme for local objects, so ids look the same to remote servers. */
export const actorUri = (ctx: AppContext, userId: string) => `${ctx.config.url}/users/${userId}`;
export const noteUri = (ctx: AppContext, noteId: string) => `${ctx.config.url}/notes/${noteId}`;
export const followUri = (ctx: AppContext, followerId: string, followeeId: string) => `${ctx.config.url}/follows/${followerId}/${followeeId}`;
export const activityUri = (ctx: AppContext, kind: string, id: string) => `${ctx.config.url}/activities/${kind}/${id}`;

/** Contexts Fedify ships with answer from memory; any other goes through the safe fetch. */
const PRELOADED = new Set([
  'https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1', 'https://w3id.org/security/data-integrity/v1',
  'https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/identity/v1',
  'https://purl.archive.org/socialweb/webfinger', 'http://schema.org/', 'https://gotosocial.org/ns',
]);

const contextLoaders = new WeakMap<AppContext, DocumentLoader>();

export function contextLoaderFor(ctx: AppContext): DocumentLoader {
  let loader = contextLoaders.get(ctx);
  if (!loader) {
    const remote = documentLoaderFor(ctx);
    const cache = new Map<string, ReturnType<DocumentLoader>>();
    loader = (url) => {
      if (PRELOADED.has(url)) return fetchDocumentLoader(url);
      let hit = cache.get(url);
      if (!hit) {
        hit = remote(url);
        hit.catch(() => cache.delete(url));
        if (cache.size > 100) cache.delete(cache.keys().next().value!);
        cache.set(url, hit);
      }
      return hit;
    };
    contextLoaders.set(ctx, loader);
  }
  return loader;
}
