import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { NamedEndpoint } from './define.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { VIEWER_CSS, VIEWER_JS } from './api-doc-viewer.js';

const require = createRequire(import.meta.url);
const MIKAN_VERSION = (require('../../package.json') as { version: string }).version;

const ASSET_PREFIX = '/api-doc/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Only this origin: no inline script or style, no data: beyond the page's own. */
const CSP_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

interface Asset {
  url: string;
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

interface AssetSet {
  css: Asset;
  viewer: Asset;
  byUrl: Map<string, Asset>;
}

const gzipAsync = promisify(gzip);

async function makeAsset(name: string, type: string, body: Buffer): Promise<Asset> {
  // The content hash in the name lets browsers cache forever and still see a new viewer after an upgrade.
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { url: `${ASSET_PREFIX}${name.slice(0, dot)}.${hash}${name.slice(dot)}`, type, body, gzipped: await gzipAsync(body) };
}

let loadingAssets: Promise<AssetSet> | undefined;

/** Hashed and compressed once per process, on the first visit. */
function loadAssets(): Promise<AssetSet> {
  loadingAssets ??= (async () => {
    const [css, viewer] = await Promise.all([
      makeAsset('api-doc.css', 'text/css; charset=utf-8', Buffer.from(VIEWER_CSS)),
      makeAsset('api-doc.js', 'text/javascript; charset=utf-8', Buffer.from(VIEWER_JS)),
    ]);
    return { css, viewer, byUrl: new Map([css, viewer].map((asset) => [asset.url, asset])) };
  })();
  loadingAssets.catch(() => { loadingAssets = undefined; });
  return loadingAssets;
}

function docPage(assets: AssetSet): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mikan API</title>
<link rel="stylesheet" href="${assets.css.url}">
<link rel="preload" href="/api.json" as="fetch" crossorigin="anonymous">
<script src="${assets.viewer.url}" defer></script>
</head>
<body>
<header>
<h1 id="title">Mikan API</h1>
<p class="intro" id="intro"></p>
<p>The document itself: <a href="/api.json">/api.json</a> (OpenAPI 3.1).</p>
<div class="filter" role="search">
<label for="filter">Filter endpoints</label>
<input id="filter" type="search" placeholder="Filter by tag or path" autocomplete="off">
<span id="status" class="status" aria-live="polite">Loading…</span>
</div>
</header>
<main id="endpoints" data-url="/api.json"></main>
<noscript>This page needs JavaScript. The API reference itself is <a href="/api.json">/api.json</a>.</noscript>
</body>
</html>
`;
}

function acceptsGzip(request: FastifyRequest): boolean {
  return /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  reply.header('Content-Type', asset.type)
    .header('Cache-Control', IMMUTABLE)
    .header('X-Content-Type-Options', 'nosniff');
  reply.header('Vary', 'Accept-Encoding');
  if (acceptsGzip(request)) return reply.header('Content-Encoding', 'gzip').send(asset.gzipped);
  return reply.send(asset.body);
}

/** `/api.json` (OpenAPI 3.1 from the endpoint definitions) and `/api-doc` (a small viewer of it, served from this origin only). */
export async function openApiPlugin(app: FastifyInstance, options: { ctx: AppContext; endpoints: NamedEndpoint[] }): Promise<void> {
  const { ctx, endpoints } = options;

  // Built on the first request, then served as the same string. Not at registration: with hundreds of
  // endpoints it costs a noticeable part of a second, which every start (and every test server) would pay.
  // Keyed by the public URL, which the test harness only learns after building the server.
  let built: { url: string; json: string; gzipped: () => Promise<Buffer> } | undefined;
  const currentDocument = () => {
    if (built?.url !== ctx.config.url) {
      const url = ctx.config.url;
      const json = JSON.stringify(buildOpenApiDocument(endpoints, { url, version: MIKAN_VERSION }));
      let gzipped: Promise<Buffer> | undefined;
      built = { url, json, gzipped: () => (gzipped ??= gzipAsync(json)) };
    }
    return built;
  };

  app.get('/api.json', async (request, reply) => {
    const document = currentDocument();
    reply.header('Content-Type', 'application/json; charset=utf-8')
      .header('Access-Control-Allow-Origin', '*')
      .header('Cache-Control', 'public, max-age=60')
      .header('Vary', 'Accept-Encoding');
    if (acceptsGzip(request)) return reply.header('Content-Encoding', 'gzip').send(await document.gzipped());
    return reply.send(document.json);
  });

  app.get('/api-doc', async (_request, reply) => {
    const assets = await loadAssets();
    // The configured public origin too: "Try it out" calls the document's server URL, which may differ from the host in the address bar.
    const csp = `${CSP_BASE}; connect-src 'self' ${ctx.config.url}`;
    return reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', csp)
      .header('Cache-Control', 'no-cache')
      .header('X-Content-Type-Options', 'nosniff')
      .send(docPage(assets));
  });

  app.get(`${ASSET_PREFIX}:file`, async (request, reply) => {
    const assets = await loadAssets();
    const asset = assets.byUrl.get(request.url.split('?')[0]);
    if (!asset) return reply.code(404).header('Content-Type', 'text/plain; charset=utf-8').send('Not found');
    return sendAsset(request, reply, asset);
  });
}
