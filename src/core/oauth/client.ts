import LinkHeader from 'http-link-header';
import type { mf2 as Mf2 } from 'microformats-parser';
import type { DefaultTreeAdapterMap, parse as Parse } from 'parse5';
import type { AppContext } from '../../context.js';
import { safeFetch, SafeFetchError } from '../../net/safe-fetch.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** What the client's page says about it (IndieAuth client information discovery). */
export interface ClientInformation {
  /** The client_id, normalised. */
  id: string;
  /** From the page's `h-app` (`p-name`); null when it has none. */
  name: string | null;
  /** From the `h-app`'s `u-logo`, an http(s) URL; null when none. */
  logo: string | null;
  /** Every `<link rel="redirect_uri">` and `Link: <…>; rel="redirect_uri"`, absolute. */
  redirectUris: string[];
}

export class ClientIdError extends Error {}

export const CLIENT_ID_MAX_LENGTH = 512;
/** Names are stored in 128 characters (as Misskey's app and token names). */
const NAME_MAX_LENGTH = 128;

/** What to call a client: its h-app name, else its client_id (shortened to fit). */
export function clientDisplayName(client: Pick<ClientInformation, 'id' | 'name'>): string {
  if (client.name) return client.name;
  return client.id.length <= NAME_MAX_LENGTH ? client.id : `${client.id.slice(0, NAME_MAX_LENGTH - 1)}…`;
}

/**
 * IndieAuth's rules for a client identifier (as Misskey checks them): an http(s) URL with a path,
 * no `.`/`..` segments, no fragment, no user or password, and a domain name for host — or
 * `localhost`, `127.0.0.1`, `[::1]` (those are then refused by the fetch unless private networks
 * are allowed).
 */
export function parseClientId(raw: string): URL {
  if (raw.length > CLIENT_ID_MAX_LENGTH) throw new ClientIdError(`client_id must be at most ${CLIENT_ID_MAX_LENGTH} characters long`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ClientIdError('client_id must be a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ClientIdError('client_id must be an http or https URL');
  // new URL() resolves dot segments away, so look at what was sent.
  const path = raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
  if (path.split('/').some((segment) => segment === '.' || segment === '..' || /^%2e(%2e)?$/i.test(segment) || segment === '.%2e' || segment === '%2e.')) {
    throw new ClientIdError('client_id must not contain . or .. path segments');
  }
  if (raw.includes('#')) throw new ClientIdError('client_id must not contain a fragment');
  if (url.username || url.password) throw new ClientIdError('client_id must not contain a user name or password');
  if (!/\.[a-z][a-z0-9-]*$/i.test(url.hostname) && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new ClientIdError('client_id must have a domain name as its host (or localhost, 127.0.0.1, [::1])');
  }
  return url;
}

function attribute(element: Element, name: string): string | null {
  return element.attrs.find((attr) => attr.name === name)?.value ?? null;
}

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  // <template> content lives apart from the tree; a client's links are not in it anyway.
}

function relTokens(element: Element): string[] {
  return (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

function absoluteUrl(href: string, base: string): string | null {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/** `<link rel="redirect_uri" href>` elements only: an `<a rel>` could come from user content on the page. */
function linkedRedirectUris(parse: typeof Parse, html: string, pageUrl: string): string[] {
  const document = parse(html);
  let base = pageUrl;
  const found: string[] = [];
  for (const element of elements(document)) {
    if (element.tagName === 'base' && base === pageUrl) {
      const href = attribute(element, 'href');
      if (href) base = absoluteUrl(href, pageUrl) ?? pageUrl;
    }
    if (element.tagName === 'link' && relTokens(element).includes('redirect_uri')) {
      const href = attribute(element, 'href');
      const url = href ? absoluteUrl(href, base) : null;
      if (url) found.push(url);
    }
  }
  return found;
}

function headerRedirectUris(header: string | string[] | undefined, pageUrl: string): string[] {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  const found: string[] = [];
  for (const value of values) {
    try {
      for (const reference of LinkHeader.parse(value).rel('redirect_uri')) {
        const url = absoluteUrl(reference.uri, pageUrl);
        if (url) found.push(url);
      }
    } catch {
      // A malformed Link header names nothing.
    }
  }
  return found;
}

function firstString(values: unknown[] | undefined): string | null {
  const first = values?.[0];
  if (typeof first === 'string') return first;
  // Microformats v2 gives an <img> with alt as {value, alt}.
  if (first && typeof first === 'object' && typeof (first as { value?: unknown }).value === 'string') return (first as { value: string }).value;
  return null;
}

function httpUrlOrNull(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= 512 ? url.href : null;
  } catch {
    return null;
  }
}

/** The page's `h-app` whose `u-url` is the client_id (as Misskey requires), giving the name and logo. */
function describedApp(mf2: typeof Mf2, html: string, pageUrl: string, clientId: string): { name: string | null; logo: string | null } {
  let parsed: ReturnType<typeof Mf2>;
  try {
    parsed = mf2(html, { baseUrl: pageUrl });
  } catch {
    // The parser gives up on pages without elements in <body>: no h-app there.
    return { name: null, logo: null };
  }
  const app = parsed.items.find((item) =>
    item.type?.some((type) => type === 'h-app' || type === 'h-x-app')
    && (item.properties.url ?? []).some((url) => typeof url === 'string' && absoluteUrl(url, pageUrl) === clientId));
  if (!app) return { name: null, logo: null };
  const name = firstString(app.properties.name)?.replace(/\s+/g, ' ').trim().slice(0, NAME_MAX_LENGTH) || null;
  return { name, logo: httpUrlOrNull(firstString(app.properties.logo)) };
}

/**
 * Fetches the client_id page (SSRF-safe, src/net/safe-fetch.ts) and reads its redirect URIs and
 * h-app. Throws SafeFetchError when the page cannot be fetched.
 */
export async function discoverClient(ctx: AppContext, clientId: URL): Promise<ClientInformation> {
  // Read whatever the page's Content-Type (text/html, text/plain, none), as Misskey does: apps
  // serve their client_id from static hosts that label it oddly.
  const response = await safeFetch(clientId, {
    allowPrivateNetwork: ctx.config.allowPrivateNetwork,
    userAgent: `Mikan (+${ctx.config.url})`,
    contentTypes: ['text/html', '*/*'],
  });
  const body = response.bytes.toString('utf8');
  // The HTML and microformats parsers load with the first OAuth client an instance meets.
  const [{ parse }, { mf2 }] = await Promise.all([import('parse5'), import('microformats-parser')]);
  const redirectUris = [...new Set([
    ...headerRedirectUris(response.headers.link, response.url),
    ...linkedRedirectUris(parse, body, response.url),
  ])];
  const { name, logo } = describedApp(mf2, body, response.url, clientId.href);
  return { id: clientId.href, name, logo, redirectUris };
}

export { SafeFetchError };
