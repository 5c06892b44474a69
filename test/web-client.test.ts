import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/build-web.mjs';
import { webClientPlugin } from '../src/web/spa.js';
import { startTestServer, type TestServer } from './harness.js';

// How Mikan serves the web client over HTTP; what the pages do is in test/browser/.
let server: TestServer;
beforeAll(async () => {
  await ensureWebBuild({ log: () => {} });
  server = await startTestServer();
}, 180_000);
afterAll(async () => { await server?.close(); });

const get = (url: string, headers: Record<string, string> = {}) => server.fetch(url, { method: 'GET', headers });

function scriptOf(html: string): string {
  const match = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html);
  if (!match) throw new Error(`no module script in ${html}`);
  return match[1];
}

describe('index.html', () => {
  it('answers / with the client, a strict CSP and no-cache', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.text).toContain('<div id="app"></div>');
    scriptOf(res.text);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    // No external origin is named anywhere (images from apps are allowed by scheme, see spa.ts).
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('answers every client route with the same page, query strings and all', async () => {
    const home = await get('/');
    for (const route of [
      '/setup', '/signin?redirect=%2Fsettings%2Fapi', '/signup', '/settings/api', '/settings/apps',
      '/miauth/0b8c0a2e-7f6a-4c3e-9d5e-1f2a3b4c5d6e?name=App&permission=read:account',
      '/auth/abcdef', '/oauth/authorize?transaction_id=x', '/some/page/that/does/not/exist',
    ]) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      expect(res.text, route).toBe(home.text);
      expect(res.headers.get('cache-control'), route).toBe('no-cache');
    }
  });

  it('revalidates with an ETag and answers HEAD', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/settings/api', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const head = await server.fetch('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
  });
});

describe('assets', () => {
  it('serves hashed assets with a year-long immutable cache, precompressed when accepted', async () => {
    const script = scriptOf((await get('/')).text);
    const plain = await fetch(server.url + script, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const body = Buffer.from(await plain.arrayBuffer());

    // Raw bytes through node:http, so the encoding is seen as sent.
    const raw = async (encoding: string) => {
      const { request } = await import('node:http');
      return new Promise<{ encoding: string | undefined; body: Buffer; vary: string | undefined }>((resolve, reject) => {
        request(server.url + script, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks), vary: res.headers.vary }));
        }).on('error', reject).end();
      });
    };
    const br = await raw('gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.vary).toBe('Accept-Encoding');
    expect(zlib.brotliDecompressSync(br.body).equals(body)).toBe(true);
    const gz = await raw('gzip');
    expect(gz.encoding).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(body)).toBe(true);

    const css = /href="(\/assets\/[^"]+\.css)"/.exec((await get('/')).text)![1];
    const style = await get(css);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for missing files instead of the page', async () => {
    for (const url of ['/assets/nope-123.js', '/assets/..%2Fpackage.json', '/assets/.source-hash', '/favicon.txt', '/robots.json', '/settings/app.js']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.text, url).not.toContain('<div id="app">');
    }
  });
});

describe('server paths are never the client', () => {
  it('leaves the API, its docs, NodeInfo, well-known and the OAuth/file routes to the server', async () => {
    const api = await get('/api/no-such-endpoint');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('UNKNOWN_API_ENDPOINT');
    expect((await get('/api.json')).body.openapi).toMatch(/^3\.1/);
    const doc = await get('/api-doc');
    expect(doc.status).toBe(200);
    expect(doc.text).not.toContain('<div id="app">');
    expect((await get('/nodeinfo/2.1')).body.software.name).toBeTruthy();
    expect((await get('/.well-known/nodeinfo')).body.links).toBeTruthy();
    for (const url of [
      '/api', '/.well-known/no-such-thing', '/nodeinfo/9.9', '/streaming', '/identicon/nobody',
      '/oauth/token', '/oauth/decision', '/oauth/transactions/unknown', '/files/unknown', '/proxy/image.webp',
      '/api-doc/assets/nothing.js',
    ]) {
      const res = await get(url);
      expect(res.text, url).not.toContain('<div id="app">');
    }
  });
});

describe('without a build', () => {
  it('explains how to build the client, and still serves nothing else in its place', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mikan-no-dist-'));
    const app = Fastify();
    await app.register(webClientPlugin, { ctx: server.ctx, distDir: empty });
    try {
      const res = await app.inject({ method: 'GET', url: '/settings/api' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('The web client has not been built');
      expect(res.body).toContain('npm run build');
      expect(res.body).toContain('href="/api-doc"');
      expect((await app.inject({ method: 'GET', url: '/assets/index-abc.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
