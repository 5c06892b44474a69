import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { NamedEndpoint } from './define.js';
import { buildOpenApiDocument } from './openapi-document.js';

const require = createRequire(import.meta.url);
const MIKAN_VERSION = (require('../../package.json') as { version: string }).version;
// package.json, not the package's main: its index.js would load the 1.7 MB browser bundle into Node.
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const ASSET_PREFIX = '/api-doc/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Swagger UI sets inline styles and uses data: icons; everything else stays on this origin. */
const CSP_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** Runs in the browser. A file rather than inline so the CSP can refuse every inline script. */
const INIT_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-url'),
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // The default posts the document to validator.swagger.io; the page must not talk to anyone else.
    validatorUrl: null,
    // Hundreds of endpoints: a tag filter box makes the page usable.
    filter: true,
    defaultModelsExpandDepth: -1,
  });
})();
`;

interface Asset {
  url: string;
  type: string;
  body: Buffer;
  /** Text assets only; PNG is compressed already. */
  gzipped: Buffer | null;
}

interface AssetSet {
  css: Asset;
  bundle: Asset;
  favicon: Asset;
  init: Asset;
  byUrl: Map<string, Asset>;
}

const gzipAsync = promisify(gzip);

async function makeAsset(name: string, type: string, body: Buffer): Promise<Asset> {
  // The content hash in the name lets browsers cache forever and still see a new Swagger UI after an upgrade.
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { url: `${ASSET_PREFIX}${name.slice(0, dot)}.${hash}${name.slice(dot)}`, type, body, gzipped: type.startsWith('text/') ? await gzipAsync(body) : null };
}

let loadingAssets: Promise<AssetSet> | undefined;

/** Read and compressed once per process, on the first visit: most servers never show the docs, so startup does not pay. */
function loadAssets(): Promise<AssetSet> {
  loadingAssets ??= (async () => {
    const read = (file: string) => fs.readFile(path.join(SWAGGER_UI_DIR, file));
    const [css, bundle, favicon, init] = await Promise.all([
      read('swagger-ui.css').then((body) => makeAsset('swagger-ui.css', 'text/css; charset=utf-8', body)),
      read('swagger-ui-bundle.js').then((body) => makeAsset('swagger-ui-bundle.js', 'text/javascript; charset=utf-8', body)),
      read('favicon-32x32.png').then((body) => makeAsset('favicon-32x32.png', 'image/png', body)),
      makeAsset('init.js', 'text/javascript; charset=utf-8', Buffer.from(INIT_SCRIPT)),
    ]);
    return { css, bundle, favicon, init, byUrl: new Map([css, bundle, favicon, init].map((asset) => [asset.url, asset])) };
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
<link rel="icon" type="image/png" href="${assets.favicon.url}">
<link rel="stylesheet" href="${assets.css.url}">
</head>
<body>
<noscript>This page needs JavaScript. The API reference itself is <a href="/api.json">/api.json</a> (OpenAPI 3.1).</noscript>
<div id="swagger-ui" data-url="/api.json"></div>
<script src="${assets.bundle.url}"></script>
<script src="${assets.init.url}"></script>
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
  if (asset.gzipped) reply.header('Vary', 'Accept-Encoding');
  if (asset.gzipped && acceptsGzip(request)) return reply.header('Content-Encoding', 'gzip').send(asset.gzipped);
  return reply.send(asset.body);
}

/** `/api.json` (OpenAPI 3.1 from the endpoint definitions) and `/api-doc` (Swagger UI, served from this origin only). */
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
