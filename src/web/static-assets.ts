import fs from 'node:fs/promises';
import { SERVICE_WORKER_JS } from './service-worker.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { DEFAULT_THEME_COLOR, escapeHtml, instanceOf } from './html.js';

/**
 * The instance's static files (Misskey's ClientServerService): robots.txt, favicon.ico,
 * apple-touch-icon.png, manifest.json, opensearch.xml, the default app icons, and the Twemoji
 * pictures the client and notifications use (`/twemoji/<codepoints>.svg` from the
 * `@discordapp/twemoji` package, `/twemoji-badge/<codepoints>.png` rendered from it by sharp).
 * The default icon is the client's own `favicon.svg`, rendered once per size and kept in memory.
 */

const FAVICON_SVG = fileURLToPath(new URL('../../web/src/assets/favicon.svg', import.meta.url));
const require = createRequire(import.meta.url);
const TWEMOJI_SVG_DIR = path.join(path.dirname(require.resolve('@discordapp/twemoji/package.json')), 'dist', 'svg');

/** A Twemoji file name: lower-case hex code points joined by dashes. */
const TWEMOJI_NAME = /^([0-9a-f]{1,6}(?:-[0-9a-f]{1,6}){0,12})\.(svg|png)$/;
/** SVG and images from the packages cannot run anything, and may be embedded by any page. */
const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const DAY = 86_400;

function assetHeaders(reply: FastifyReply, type: string, maxAge: number): FastifyReply {
  return reply
    .header('Content-Type', type)
    .header('Cache-Control', `public, max-age=${maxAge}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', ASSET_CSP)
    .header('Access-Control-Allow-Origin', '*');
}

/** An ICO file holding one PNG (every browser reads PNG-in-ICO). */
export function pngToIco(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

const rendered = new Map<string, Promise<Buffer>>();
function once(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let result = rendered.get(key);
  if (!result) {
    result = make();
    result.catch(() => rendered.delete(key));
    rendered.set(key, result);
  }
  return result;
}

function iconPng(size: number, opaque = false): Promise<Buffer> {
  return once(`icon-${size}-${opaque}`, async () => {
    const { default: sharp } = await import('sharp');
    let image = sharp(FAVICON_SVG, { density: Math.max(72, Math.ceil((size / 64) * 72)) }).resize(size, size);
    if (opaque) image = image.flatten({ background: '#ffffff' });
    return image.png().toBuffer();
  });
}

/** Badge pictures (Android notification icons): white, with the emoji's shape as alpha. */
const badges = new LRUCache<string, Buffer>({ max: 500 });
const BADGE_SIZE = 96;

export async function twemojiBadge(svgFile: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const alpha = await sharp(svgFile, { density: 300 }).resize(BADGE_SIZE, BADGE_SIZE).ensureAlpha().extractChannel(3).raw().toBuffer();
  return sharp({ create: { width: BADGE_SIZE, height: BADGE_SIZE, channels: 3, background: '#ffffff' } })
    .joinChannel(alpha, { raw: { width: BADGE_SIZE, height: BADGE_SIZE, channels: 1 } })
    .png()
    .toBuffer();
}

export function manifestOf(ctx: AppContext): Record<string, unknown> {
  const instance = instanceOf(ctx);
  const row = ctx.meta.get();
  const icon192 = (row as { app192IconUrl?: string | null }).app192IconUrl || row.iconUrl || '/static-assets/icon-192.png';
  const icon512 = (row as { app512IconUrl?: string | null }).app512IconUrl || row.iconUrl || '/static-assets/icon-512.png';
  return {
    short_name: row.shortName || instance.name,
    name: instance.name,
    description: instance.description,
    lang: instance.lang,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: instance.themeColor || DEFAULT_THEME_COLOR,
    icons: [
      { src: icon192, sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: icon512, sizes: '512x512', type: 'image/png', purpose: 'any' },
    ],
  };
}

export function opensearchOf(ctx: AppContext): string {
  const instance = instanceOf(ctx);
  const url = ctx.config.url;
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>${escapeHtml(instance.name)}</ShortName>
  <Description>${escapeHtml(instance.name)} Search</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image width="16" height="16" type="image/x-icon">${escapeHtml(url)}/favicon.ico</Image>
  <Url type="text/html" template="${escapeHtml(url)}/search?q={searchTerms}"/>
  <moz:SearchForm>${escapeHtml(url)}/search</moz:SearchForm>
</OpenSearchDescription>
`;
}

export const ROBOTS_TXT = `User-agent: *
Allow: /
Disallow: /api/
Disallow: /url
Disallow: /proxy/
`;

export async function staticAssetsPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;

  // The service worker that shows push notifications (sw/register): scope '/', so served at the root;
  // revalidated often, so a new version reaches browsers soon.
  app.get('/sw.js', async (_request, reply) => reply.header('Content-Type', 'text/javascript; charset=utf-8')
    .header('Cache-Control', 'no-cache').header('X-Content-Type-Options', 'nosniff').send(SERVICE_WORKER_JS));
  app.get('/robots.txt', async (_request, reply) => assetHeaders(reply, 'text/plain; charset=utf-8', DAY).send(ROBOTS_TXT));

  // The instance's icon when the administrator set one (meta.iconUrl), else Mikan's.
  app.get('/favicon.ico', async (_request, reply) => {
    const icon = ctx.meta.get().iconUrl;
    if (icon) return reply.header('Cache-Control', 'public, max-age=300').redirect(icon, 302);
    return assetHeaders(reply, 'image/x-icon', DAY).send(pngToIco(await iconPng(32), 32));
  });
  app.get('/apple-touch-icon.png', async (_request, reply) => {
    const row = ctx.meta.get() as { app192IconUrl?: string | null; iconUrl: string | null };
    const icon = row.app192IconUrl || row.iconUrl;
    if (icon) return reply.header('Cache-Control', 'public, max-age=300').redirect(icon, 302);
    return assetHeaders(reply, 'image/png', DAY).send(await iconPng(180, true));
  });
  app.get<{ Params: { size: string } }>('/static-assets/icon-:size.png', async (request, reply) => {
    const size = Number(request.params.size);
    if (size !== 192 && size !== 512) return reply.callNotFound();
    return assetHeaders(reply, 'image/png', DAY).send(await iconPng(size, true));
  });

  app.get('/manifest.json', async (_request, reply) => assetHeaders(reply, 'application/manifest+json; charset=utf-8', 300).send(JSON.stringify(manifestOf(ctx))));
  app.get('/opensearch.xml', async (_request, reply) => assetHeaders(reply, 'application/opensearchdescription+xml; charset=utf-8', 300).send(opensearchOf(ctx)));

  const twemojiFile = (name: string, extension: 'svg' | 'png'): string | null => {
    const match = TWEMOJI_NAME.exec(name);
    return match && match[2] === extension ? path.join(TWEMOJI_SVG_DIR, `${match[1]}.svg`) : null;
  };
  const notFound = (reply: FastifyReply) => reply.code(404).header('X-Content-Type-Options', 'nosniff').type('text/plain; charset=utf-8').send('Not found');

  app.get<{ Params: { name: string } }>('/twemoji/:name', async (request, reply) => {
    const file = twemojiFile(request.params.name, 'svg');
    const body = file ? await fs.readFile(file).catch(() => null) : null;
    if (!body) return notFound(reply);
    return assetHeaders(reply, 'image/svg+xml', 30 * DAY).send(body);
  });
  app.get<{ Params: { name: string } }>('/twemoji-badge/:name', async (request, reply) => {
    const file = twemojiFile(request.params.name, 'png');
    if (!file) return notFound(reply);
    let body = badges.get(file);
    if (!body) {
      const exists = await fs.access(file).then(() => true, () => false);
      if (!exists) return notFound(reply);
      body = await twemojiBadge(file);
      badges.set(file, body);
    }
    return assetHeaders(reply, 'image/png', 30 * DAY).send(body);
  });
}
