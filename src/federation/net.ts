import type { DocumentLoader, RemoteDocument } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { safeFetch, SafeFetchError, type ResolvedAddress, type SafeFetchOptions, type SafeFetchResponse } from '../net/safe-fetch.js';
import dns from 'node:dns';

/**
 * Every request federation makes goes through the project's SSRF-safe fetch (src/net/safe-fetch.ts):
 * public addresses only (MIKAN_ALLOW_PRIVATE_NETWORK lifts that for development and tests), checked
 * at connect time, bounded in time and size. MIKAN_FEDERATION_HOST_MAP names hosts resolved to fixed
 * addresses and spoken to over plain http: several instances on one machine, for tests only.
 */

export const AP_CONTENT_TYPES = ['application/activity+json', 'application/ld+json', 'application/json'] as const;
/** A remote object larger than this is refused (Misskey caps at 1 MiB too... a little less: 512 KiB is plenty for one object). */
export const MAX_OBJECT_BYTES = 512 * 1024;
/** Deeper JSON than this is refused before JSON-LD processing sees it. */
export const MAX_OBJECT_DEPTH = 32;

function hostnameOf(host: string): string {
  return host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
}

export function resolverFor(ctx: AppContext): ((hostname: string) => Promise<ResolvedAddress[]>) | undefined {
  const map = ctx.config.federationHostMap;
  if (Object.keys(map).length === 0) return undefined;
  return async (hostname) => {
    const mapped = map[hostname.toLowerCase()];
    if (mapped) return [{ address: mapped, family: mapped.includes(':') ? 6 : 4 }];
    return dns.promises.lookup(hostname, { all: true, verbatim: true });
  };
}

/** The scheme to reach a remote host (`host` may carry a port): https, except mapped test hosts. */
export function schemeFor(ctx: AppContext, host: string): 'http' | 'https' {
  return ctx.config.federationHostMap[hostnameOf(host)] ? 'http' : 'https';
}

export function federationFetch(ctx: AppContext, url: string | URL, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  return safeFetch(url, {
    allowPrivateNetwork: ctx.config.allowPrivateNetwork,
    resolve: resolverFor(ctx),
    timeoutMs: 10_000,
    maxBytes: MAX_OBJECT_BYTES,
    userAgent: `Mikan (+${ctx.config.url}/)`,
    ...options,
  });
}

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value as Record<string, unknown>)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/** Parses a fetched JSON document under the nesting limit. */
export function parseObject(body: string): unknown {
  const document = JSON.parse(body) as unknown;
  if (depthOf(document, MAX_OBJECT_DEPTH) > MAX_OBJECT_DEPTH) throw new SafeFetchError('too-large', `the object nests deeper than ${MAX_OBJECT_DEPTH} levels`);
  return document;
}

/** Fedify's document loader over the safe fetch: remote actors, keys and objects. */
export function documentLoaderFor(ctx: AppContext): DocumentLoader {
  return async (url: string): Promise<RemoteDocument> => {
    const response = await federationFetch(ctx, url, {
      contentTypes: AP_CONTENT_TYPES,
      headers: { Accept: 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"' },
    });
    return { contextUrl: null, documentUrl: response.url, document: parseObject(response.body) };
  };
}
