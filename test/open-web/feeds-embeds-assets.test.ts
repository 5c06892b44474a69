import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { buildWebClient } from '../browser/web-client.js';
import { crawl, one } from './helpers.js';

let server: TestServer;
let alice: { id: string; username: string; token: string };
let empty: { id: string; username: string; token: string };
let publicNote: { id: string };
let followersNote: { id: string };

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(server.url + path, { redirect: 'manual', ...init });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

async function note(token: string, params: Record<string, unknown>): Promise<{ id: string }> {
  const result = await server.client(token).request('notes/create', params as never) as { createdNote: { id: string } };
  return result.createdNote;
}

beforeAll(async () => {
  await buildWebClient();
  server = await startTestServer({ rateLimit: false });
  await server.ctx.meta.update({ name: 'Orchard', description: 'An orchard of notes', themeColor: '#123456' });
  alice = await server.createUser({ username: 'alice' });
  empty = await server.createUser({ username: 'empty' });
  await server.client(alice.token).request('i/update', { name: 'Alice' } as never);
  publicNote = await note(alice.token, { text: 'Hello from the feed <3' });
  followersNote = await note(alice.token, { text: 'followers only secret', visibility: 'followers' });
  await note(alice.token, { text: 'local secret', localOnly: true });
}, 180_000);

afterAll(async () => { await server?.close(); });

describe('feeds', () => {
  it('/@alice.rss: RSS 2.0 with the public notes only', async () => {
    const { status, headers, text } = await get('/@alice.rss');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(headers.get('cache-control')).toContain('max-age=');
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain('<rss');
    expect(text).toContain(`${server.url}/notes/${publicNote.id}`);
    expect(text).toContain('Hello from the feed &#60;3');
    expect(text).toContain('<title><![CDATA[New note by Alice]]></title>');
    expect(text).not.toContain(followersNote.id);
    expect(text).not.toContain('secret');
  });

  it('/@alice.atom: Atom', async () => {
    const { status, headers, text } = await get('/@alice.atom');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(text).toContain(`${server.url}/notes/${publicNote.id}`);
    expect(text).not.toContain('secret');
  });

  it('/@alice.json: JSON Feed', async () => {
    const { status, headers, text } = await get('/@alice.json');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    const feed = JSON.parse(text);
    expect(feed.version).toBe('https://jsonfeed.org/version/1');
    expect(feed.home_page_url).toBe(`${server.url}/@alice`);
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual([`${server.url}/notes/${publicNote.id}`]);
    expect(feed.items[0].content_html).toBe('Hello from the feed &#60;3');
  });

  it('works for a user with no notes', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      const { status, text } = await get(`/@empty.${format}`);
      expect(status).toBe(200);
      expect(text).toContain('@empty');
    }
    expect(JSON.parse((await get('/@empty.json')).text).items).toEqual([]);
  });

  it('an unknown user is a 404', async () => {
    for (const format of ['rss', 'atom', 'json']) expect((await get(`/@nobody.${format}`)).status).toBe(404);
  });
});

describe('embeds', () => {
  it('/embed/notes/:id: a small page other sites may frame', async () => {
    const { status, headers, text } = await get(`/embed/notes/${publicNote.id}?embedId=e1`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('x-frame-options')).toBeNull();
    expect(headers.get('content-security-policy')).not.toContain('frame-ancestors');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    const page = crawl(text);
    expect(page.lang).toBe('en');
    expect(page.title).toContain('Alice (@alice)');
    expect(page.text).toContain('Hello from the feed <3');
    expect(page.scripts).toEqual(['/embed.js']);
    // No web client bundle: lightweight.
    expect(text).not.toContain('/assets/');
    expect(text.length).toBeLessThan(5000);
  });

  it('a followers-only or unknown note is not embedded', async () => {
    for (const id of [followersNote.id, '0000000000000000']) {
      const { status, text } = await get(`/embed/notes/${id}`);
      expect(status).toBe(404);
      expect(text).not.toContain('secret');
    }
  });

  it('/embed/user-timeline/:id: the latest public notes', async () => {
    const { status, headers, text } = await get(`/embed/user-timeline/${alice.id}`);
    expect(status).toBe(200);
    expect(headers.get('x-frame-options')).toBeNull();
    const page = crawl(text);
    expect(page.text).toContain('Hello from the feed <3');
    expect(page.text).not.toContain('secret');
    expect((await get(`/embed/user-timeline/${empty.id}`)).text).toContain('No notes yet.');
    expect((await get('/embed/user-timeline/0000000000000000')).status).toBe(404);
  });

  it('its stylesheet and script', async () => {
    const css = await get('/embed.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const js = await get('/embed.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain('misskey:embed:changeHeight');
  });
});

describe('static assets', () => {
  it('/robots.txt', async () => {
    const { status, headers, text } = await get('/robots.txt');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(text).toContain('User-agent: *');
  });

  it('/favicon.ico is an icon; /apple-touch-icon.png and the app icons are PNGs', async () => {
    const ico = await get('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect([...ico.bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    for (const [path, size] of [['/apple-touch-icon.png', 180], ['/static-assets/icon-192.png', 192], ['/static-assets/icon-512.png', 512]] as const) {
      const png = await get(path);
      expect(png.status, path).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      const info = await sharp(png.bytes).metadata();
      expect([info.format, info.width, info.height]).toEqual(['png', size, size]);
    }
    expect((await get('/static-assets/icon-100.png')).status).toBe(404);
  });

  it('/manifest.json: the instance name and colours from meta', async () => {
    const { status, headers, text } = await get('/manifest.json');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    const manifest = JSON.parse(text);
    expect(manifest.name).toBe('Orchard');
    expect(manifest.theme_color).toBe('#123456');
    expect(manifest.start_url).toBe('/');
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(['192x192', '512x512']);
  });

  it('the instance icon set in meta replaces the default', async () => {
    await server.ctx.meta.update({ iconUrl: 'https://cdn.example/icon.png' });
    try {
      const ico = await get('/favicon.ico');
      expect(ico.status).toBe(302);
      expect(ico.headers.get('location')).toBe('https://cdn.example/icon.png');
      expect(JSON.parse((await get('/manifest.json')).text).icons[0].src).toBe('https://cdn.example/icon.png');
      const page = crawl((await get('/')).text);
      expect(page.links.find((link) => link.rel === 'icon' && link.href.startsWith('https://'))?.href).toBe('https://cdn.example/icon.png');
    } finally {
      await server.ctx.meta.update({ iconUrl: null });
    }
  });

  it('the banner set in meta is the instance page card', async () => {
    await server.ctx.meta.update({ bannerUrl: 'https://cdn.example/banner.jpg' });
    try {
      expect(one(crawl((await get('/')).text), 'og:image')).toBe('https://cdn.example/banner.jpg');
    } finally {
      await server.ctx.meta.update({ bannerUrl: null });
    }
  });

  it('/opensearch.xml', async () => {
    const { status, headers, text } = await get('/opensearch.xml');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/opensearchdescription+xml; charset=utf-8');
    expect(() => parse(text)).not.toThrow();
    expect(text).toContain('<ShortName>Orchard</ShortName>');
    expect(text).toContain(`template="${server.url}/search?q={searchTerms}"`);
  });

  it('/twemoji/<codepoints>.svg from the twemoji package', async () => {
    for (const name of ['1f600', '1f1ef-1f1f5']) {
      const { status, headers, text } = await get(`/twemoji/${name}.svg`);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('image/svg+xml');
      expect(headers.get('cache-control')).toBe('public, max-age=2592000');
      expect(headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(text).toContain('<svg');
    }
    for (const bad of ['ffffff.svg', '1f600.png', '..%2Fpackage.json', '1F600.svg', '1f600']) {
      expect((await get(`/twemoji/${bad}`)).status, bad).toBe(404);
    }
  });

  it('/twemoji-badge/<codepoints>.png: a white badge with the emoji as its shape', async () => {
    const { status, headers, bytes } = await get('/twemoji-badge/1f600.png');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('image/png');
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([96, 96, 4]);
    // Opaque where the emoji is (the centre), transparent in the corner.
    const at = (x: number, y: number) => [...data.subarray((y * 96 + x) * 4, (y * 96 + x) * 4 + 4)];
    expect(at(48, 48)).toEqual([255, 255, 255, 255]);
    expect(at(0, 0)[3]).toBe(0);
    expect((await get('/twemoji-badge/ffffff.png')).status).toBe(404);
    expect((await get('/twemoji-badge/1f600.svg')).status).toBe(404);
  });
});

describe('GET /url (link previews)', () => {
  let site: http.Server;
  let siteUrl: string;
  let hits = 0;
  beforeAll(async () => {
    site = http.createServer((request, response) => {
      hits++;
      if (request.url === '/broken') { response.writeHead(500); response.end('no'); return; }
      if (request.url === '/file') { response.writeHead(200, { 'Content-Type': 'application/zip' }); response.end('PK'); return; }
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><head><title>Looking-glass house</title>
<meta property="og:title" content="Through the Looking-Glass">
<meta property="og:description" content="And what Alice found there">
<meta property="og:image" content="https://images.example/glass.png">
<meta property="og:site_name" content="Wonderland Press">
<meta name="twitter:card" content="summary_large_image"></head><body>hi</body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise((resolve) => site.close(resolve)); });

  it('summarises a page (summaly), cached', async () => {
    server.ctx.config.allowPrivateNetwork = true;
    try {
      const before = hits;
      const first = await get(`/url?url=${encodeURIComponent(`${siteUrl}/page`)}&lang=en-US`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toContain('application/json');
      expect(first.headers.get('cache-control')).toBe('max-age=604800, immutable');
      const summary = JSON.parse(first.text);
      expect(summary).toMatchObject({
        title: 'Through the Looking-Glass',
        description: 'And what Alice found there',
        thumbnail: 'https://images.example/glass.png',
        sitename: 'Wonderland Press',
        url: `${siteUrl}/page`,
      });
      expect(summary.player).toMatchObject({ url: null });
      const fetched = hits - before;
      expect(fetched).toBeGreaterThan(0);
      const second = await get(`/url?url=${encodeURIComponent(`${siteUrl}/page`)}&lang=en-US`);
      expect(JSON.parse(second.text)).toEqual(summary);
      expect(hits - before).toBe(fetched);
    } finally {
      server.ctx.config.allowPrivateNetwork = false;
    }
  });

  it('never fetches a private address unless MIKAN_ALLOW_PRIVATE_NETWORK is on: URL_PREVIEW_FAILED (422)', async () => {
    const before = hits;
    for (const url of [`${siteUrl}/private`, `http://localhost:${new URL(siteUrl).port}/private`]) {
      const { status, headers, text } = await get(`/url?url=${encodeURIComponent(url)}`);
      expect(status).toBe(422);
      expect(headers.get('content-type')).toContain('application/json');
      expect(JSON.parse(text).error).toMatchObject({ code: 'URL_PREVIEW_FAILED', id: '09d01cb5-53b9-4856-82e5-38a50c290a3b' });
    }
    expect(hits).toBe(before);
  });

  it('a failing page, a non-HTML file and a non-http URL are URL_PREVIEW_FAILED; no url is a 400', async () => {
    server.ctx.config.allowPrivateNetwork = true;
    try {
      for (const url of [`${siteUrl}/broken`, `${siteUrl}/file`, 'ftp://example.com/x', 'javascript:alert(1)', 'not a url']) {
        const { status, text } = await get(`/url?url=${encodeURIComponent(url)}`);
        expect(status, url).toBe(422);
        expect(JSON.parse(text).error.code).toBe('URL_PREVIEW_FAILED');
      }
      expect((await get('/url')).status).toBe(400);
    } finally {
      server.ctx.config.allowPrivateNetwork = false;
    }
  });
});
