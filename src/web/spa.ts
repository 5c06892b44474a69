import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { escapeHtml, instancePage } from './html.js';

/** Where `npm run build` (scripts/build-web.mjs) puts the web client. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The web client's Content-Security-Policy: its scripts, styles, fonts and API calls come from this
 * origin only, and nothing is evaluated from strings (no 'unsafe-eval', no inline script or style).
 * Images may come from any http(s) origin because apps' icons (MiAuth `icon`, OAuth `u-logo`) live on
 * the apps' own servers (Misskey shows them through its media proxy; Mikan will when it has one).
 * The pages can never be framed, which keeps the consent pages safe from click-jacking.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Paths that belong to the server. The client's fallback (every other GET answers index.html, so
 * the SPA's own routes work on reload) never answers these, even before their routes exist.
 */
export const SERVER_PATHS: readonly RegExp[] = [
  /^\/api(\/|$)/,
  /^\/api\.json$/,
  /^\/api-doc/,
  /^\/streaming(\/|$)/,
  /^\/nodeinfo/,
  /^\/\.well-known\//,
  /^\/identicon\//,
  // Every /oauth/ path but the consent page is the server's: an unknown one is a 404, not the client.
  /^\/oauth\/(?!authorize$)/,
  /^\/files\//,
  /^\/proxy\//,
  /^\/assets\//,
  /^\/embed(\/|$)/,
  /^\/url$/,
  /^\/twemoji(-badge)?\//,
  /^\/static-assets\//,
];

/** Names with one of these extensions are files: when missing they are a 404, never the SPA. */
const FILE_EXTENSION = /\.(?:js|mjs|css|map|json|txt|xml|ico|png|jpe?g|gif|webp|avif|svg|woff2?|ttf|webmanifest|wasm)$/i;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};


function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Fastify's own 404, as for any unknown route. */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

interface Asset {
  body: Buffer;
  brotli: Buffer | null;
  gzip: Buffer | null;
  type: string;
}

/** Headers every HTML page of the client carries. */
function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', WEB_CLIENT_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'same-origin');
}

/** The built client on disk: index.html re-read when it changes, hashed assets cached for good. */
class WebClientFiles {
  private index: { mtimeMs: number; body: Buffer; etag: string; template: ShellTemplate } | null = null;
  private readonly assets = new Map<string, Asset | null>();

  constructor(readonly distDir: string) {}

  private async readIndex(): Promise<{ body: Buffer; etag: string; template: ShellTemplate } | null> {
    const file = path.join(this.distDir, 'index.html');
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      this.index = null;
      return null;
    }
    if (this.index && this.index.mtimeMs === stat.mtimeMs) return this.index;
    const body = await fs.readFile(file);
    this.index = { mtimeMs: stat.mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, template: shellTemplate(body.toString('utf8')) };
    // A new build has new asset names; forget what was cached for the old one.
    this.assets.clear();
    return this.index;
  }

  /**
   * index.html with extra `<meta>` tags in its head, never cached: the page carries per-request
   * data (the OAuth consent page's transaction). Without a build, a bare page with the same tags.
   */
  async sendIndexWithMeta(reply: FastifyReply, meta: Record<string, string>): Promise<FastifyReply> {
    const tags = Object.entries(meta).map(([name, content]) => `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">`).join('');
    const index = await this.readIndex();
    const html = index
      ? index.body.toString('utf8').replace(/<head>/i, (head) => `${head}${tags}`)
      : `<!doctype html><html lang="en"><head><meta charset="utf-8">${tags}<title>Authorize</title></head><body></body></html>`;
    return htmlHeaders(reply).code(200).header('Cache-Control', 'no-store').send(html);
  }

  /**
   * The client's shell as one server-rendered page (src/web/pages.ts): its `lang`, its `<title>` and
   * the page's `<meta>`/`<link>` tags in the head, then the client boots and takes over. The
   * template is split once per build, so a page costs three string joins.
   */
  async sendPage(request: FastifyRequest, reply: FastifyReply, page: ShellPage): Promise<FastifyReply> {
    const index = await this.readIndex();
    if (!index) return this.sendNotBuilt(reply);
    const html = renderShell(index.template, page);
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    htmlHeaders(reply).code(page.status ?? 200).header('Cache-Control', page.cacheControl ?? 'no-cache').header('ETag', etag);
    if ((page.status ?? 200) === 200 && request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(html);
  }

  private sendNotBuilt(reply: FastifyReply): FastifyReply {
    return htmlHeaders(reply)
      .code(503)
      .header('Cache-Control', 'no-store')
      .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Web client not built</title>
</head><body>
<h1>The web client has not been built</h1>
<p>This Mikan server is running, and its API works, but the web client's files are missing from <code>${escapeHtml(this.distDir)}</code>.</p>
<p>Build them with <code>npm run build</code> (or start the server with <code>npm start</code>, which builds them when needed), then reload this page.</p>
<p>API reference: <a href="/api-doc">/api-doc</a></p>
</body></html>`);
  }

  private async loadAsset(relative: string): Promise<Asset | null> {
    if (this.assets.has(relative)) return this.assets.get(relative)!;
    const file = path.join(this.distDir, 'assets', relative);
    let asset: Asset | null = null;
    try {
      const body = await fs.readFile(file);
      const [brotli, gzip] = await Promise.all([
        fs.readFile(`${file}.br`).catch(() => null),
        fs.readFile(`${file}.gz`).catch(() => null),
      ]);
      asset = { body, brotli, gzip, type: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
    } catch {
      asset = null;
    }
    // Missing files are not remembered: a build may be on its way.
    if (asset) this.assets.set(relative, asset);
    return asset;
  }

  /** A file from dist/assets: its name carries its content hash, so it may be cached for a year. */
  async sendAsset(request: FastifyRequest, reply: FastifyReply, relative: string): Promise<FastifyReply> {
    // Vite's names only: no dot-files, no `..`, no backslashes.
    if (!/^[\w-]+(?:\.[\w-]+)*(?:\/[\w-]+(?:\.[\w-]+)*)*$/.test(relative)) return notFound(reply);
    const asset = await this.loadAsset(relative);
    if (!asset) return notFound(reply);
    reply
      .header('Content-Type', asset.type)
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Vary', 'Accept-Encoding');
    const accepted = String(request.headers['accept-encoding'] ?? '');
    if (asset.brotli && /\bbr\b/.test(accepted)) return reply.header('Content-Encoding', 'br').send(asset.brotli);
    if (asset.gzip && /\bgzip\b/.test(accepted)) return reply.header('Content-Encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  }
}

/** A page's parts that the server fills into the shell. `head` is HTML, already escaped. */
export interface ShellPage {
  status?: number;
  title: string;
  lang: string;
  head: string;
  cacheControl?: string;
}

interface ShellTemplate { beforeLang: string; beforeHead: string; rest: string }

const TITLE_TAG = /<title>[^<]*<\/title>/i;

/** Splits index.html at `<html lang="…">` and at its `<title>` (where the page's tags go). */
export function shellTemplate(html: string): ShellTemplate {
  let source = html;
  if (!/<html[^>]*\slang="/i.test(source)) source = source.replace(/<html/i, '<html lang="en"');
  const langMatch = /(<html[^>]*\slang=")[^"]*(")/i.exec(source)!;
  const beforeLang = source.slice(0, langMatch.index + langMatch[1].length);
  let afterLang = source.slice(langMatch.index + langMatch[0].length - 1);
  if (!TITLE_TAG.test(afterLang)) afterLang = afterLang.replace(/<\/head>/i, '<title></title></head>');
  const titleMatch = TITLE_TAG.exec(afterLang)!;
  return { beforeLang, beforeHead: afterLang.slice(0, titleMatch.index), rest: afterLang.slice(titleMatch.index + titleMatch[0].length) };
}

export function renderShell(template: ShellTemplate, page: ShellPage): string {
  return `${template.beforeLang}${escapeHtml(page.lang)}${template.beforeHead}<title>${escapeHtml(page.title)}</title>${page.head}${template.rest}`;
}

const filesByDir = new Map<string, WebClientFiles>();
function filesFor(distDir: string): WebClientFiles {
  const key = path.resolve(distDir);
  let files = filesByDir.get(key);
  if (!files) {
    files = new WebClientFiles(key);
    filesByDir.set(key, files);
  }
  return files;
}

/**
 * Answers a request with the web client's page (index.html, or the "not built" page). For server
 * routes that validate a request and then hand the browser to the client at the same URL, such as
 * GET /oauth/authorize (see docs/web-client.md).
 */
export function sendWebClient(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, distDir: string = DEFAULT_WEB_DIST): Promise<FastifyReply> {
  return filesFor(distDir).sendPage(request, reply, instancePage(ctx));
}

/** The web client's page with extra `<meta>` tags (GET /oauth/authorize's consent page). */
export function sendWebClientWithMeta(reply: FastifyReply, meta: Record<string, string>, distDir: string = DEFAULT_WEB_DIST): Promise<FastifyReply> {
  return filesFor(distDir).sendIndexWithMeta(reply, meta);
}

/** The web client's shell as a server-rendered page (title, lang and tags of src/web/pages.ts). */
export function sendWebClientPage(request: FastifyRequest, reply: FastifyReply, page: ShellPage, distDir: string = DEFAULT_WEB_DIST): Promise<FastifyReply> {
  return filesFor(distDir).sendPage(request, reply, page);
}

export interface WebClientOptions {
  ctx: AppContext;
  /** The built client; tests point this elsewhere. */
  distDir?: string;
}

/**
 * The web client (web/, built into web/dist): `/assets/*` with a year-long immutable cache, and
 * index.html for every other GET that is not the server's (SERVER_PATHS) and does not name a file.
 */
export async function webClientPlugin(app: FastifyInstance, options: WebClientOptions): Promise<void> {
  const files = filesFor(options.distDir ?? DEFAULT_WEB_DIST);

  app.get('/assets/*', async (request, reply) => files.sendAsset(request, reply, (request.params as { '*': string })['*']));

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = pathOf(request);
    if (SERVER_PATHS.some((pattern) => pattern.test(pathname)) || FILE_EXTENSION.test(pathname)) return notFound(reply);
    // Every client route carries the instance's title, description and OpenGraph tags.
    return files.sendPage(request, reply, instancePage(options.ctx));
  };
  app.get('/', page);
  app.get('/*', page);
}
