import type { AppContext } from '../context.js';
import type { ShellPage } from './spa.js';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const DEFAULT_INSTANCE_NAME = 'Mikan';
export const DEFAULT_THEME_COLOR = '#f08a24';
const DEFAULT_DESCRIPTION = 'A social server that speaks the Misskey API.';

/** Descriptions in tags are cut here (crawlers show about this much). */
const DESCRIPTION_LIMIT = 300;

export function truncate(text: string, limit = DESCRIPTION_LIMIT): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : chars.join('');
}

export function metaName(name: string, content: string): string {
  return `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">`;
}

export function metaProperty(property: string, content: string): string {
  return `<meta property="${escapeHtml(property)}" content="${escapeHtml(content)}">`;
}

export function linkTag(rel: string, href: string, extra: Record<string, string> = {}): string {
  const attributes = Object.entries(extra).map(([key, value]) => ` ${key}="${escapeHtml(value)}"`).join('');
  return `<link rel="${escapeHtml(rel)}" href="${escapeHtml(href)}"${attributes}>`;
}

export interface Instance {
  name: string;
  description: string;
  themeColor: string;
  iconUrl: string | null;
  bannerUrl: string | null;
  lang: string;
}

export function instanceOf(ctx: AppContext): Instance {
  const row = ctx.meta.get();
  return {
    name: row.name || DEFAULT_INSTANCE_NAME,
    description: row.description || DEFAULT_DESCRIPTION,
    themeColor: row.themeColor || DEFAULT_THEME_COLOR,
    iconUrl: row.iconUrl || null,
    bannerUrl: row.bannerUrl || null,
    lang: row.langs[0] || 'en',
  };
}

/**
 * What a page shares, for `pageHead`: Misskey's base template tags (application name, theme colour,
 * site name, icons, manifest, OpenSearch) plus the page's own title, description, OpenGraph and
 * Twitter Card tags, robots rules and extra tags (`misskey:*`).
 */
export interface PageTags {
  title: string;
  description: string;
  url: string;
  ogType?: string;
  /** og:image (several for a note with several pictures). */
  images?: string[];
  twitterCard?: 'summary' | 'summary_large_image';
  /** Each becomes `<meta name="robots">` (Misskey writes one tag per rule). */
  robots?: string[];
  extra?: string[];
}

export function pageHead(ctx: AppContext, tags: PageTags): string {
  const instance = instanceOf(ctx);
  const base = ctx.config.url;
  const head = [
    metaName('description', tags.description),
    metaName('application-name', instance.name),
    metaName('theme-color', instance.themeColor),
    metaProperty('og:site_name', instance.name),
    metaProperty('og:type', tags.ogType ?? 'website'),
    metaProperty('og:title', tags.title),
    metaProperty('og:description', tags.description),
    metaProperty('og:url', tags.url),
    ...(tags.images ?? []).map((image) => metaProperty('og:image', image)),
    metaProperty('twitter:card', tags.twitterCard ?? 'summary'),
    metaName('twitter:title', tags.title),
    metaName('twitter:description', tags.description),
    ...(tags.images?.length ? [metaName('twitter:image', tags.images[0])] : []),
    ...(tags.robots ?? []).map((rule) => metaName('robots', rule)),
    ...(tags.extra ?? []),
    linkTag('canonical', tags.url),
    ...(instance.iconUrl ? [linkTag('icon', instance.iconUrl)] : []),
    linkTag('apple-touch-icon', '/apple-touch-icon.png'),
    linkTag('manifest', '/manifest.json'),
    linkTag('search', `${base}/opensearch.xml`, { type: 'application/opensearchdescription+xml', title: instance.name }),
  ];
  return head.join('');
}

/** The instance's own page: `/` and every client route without a page of its own. */
export function instancePage(ctx: AppContext): ShellPage {
  const instance = instanceOf(ctx);
  return {
    title: instance.name,
    lang: instance.lang,
    head: pageHead(ctx, {
      title: instance.name,
      description: instance.description,
      url: ctx.config.url,
      images: [instance.bannerUrl ?? instance.iconUrl ?? `${ctx.config.url}/static-assets/icon-512.png`],
    }),
  };
}

/** A real 404 page: the shell (the client shows its own "not found"), with a 404 status and noindex. */
export function notFoundPage(ctx: AppContext, url: string): ShellPage {
  const instance = instanceOf(ctx);
  return {
    status: 404,
    title: `Not found | ${instance.name}`,
    lang: instance.lang,
    cacheControl: 'no-store',
    head: pageHead(ctx, { title: 'Not found', description: 'There is nothing at this address.', url, robots: ['noindex'] }),
  };
}
