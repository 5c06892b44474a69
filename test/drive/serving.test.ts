import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { driveFiles } from '../../src/db/schema/index.js';
import { parseRange, contentDisposition } from '../../src/web/files.js';
import type { TestServer } from '../harness.js';
import { mp4, startDriveServer, upload } from './helpers.js';

let server: TestServer & { dataDir: string };
beforeAll(async () => { server = await startDriveServer(); }, 120_000);
afterAll(async () => { await server?.close(); });

async function originalUrl(fileId: string): Promise<string> {
  const [row] = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.id, fileId));
  return `${server.url}/files/${row!.accessKey}`;
}

describe('GET /files/:key', () => {
  it('sends type, length, validators, long caching, disposition, nosniff and a sandboxing CSP', async () => {
    const user = await server.createUser();
    const file = await upload(server, user.token, 'hello world', { name: 'grüße "1".txt' });
    const res = await fetch(file.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-length')).toBe('11');
    expect(res.headers.get('etag')).toBe(`"${file.md5}"`);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeLessThanOrEqual(Date.now());
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="gr__e _1_.txt"; filename*=UTF-8''gr%C3%BC%C3%9Fe%20%221%22.txt`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(await res.text()).toBe('hello world');

    const head = await fetch(file.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('11');
    expect(await head.text()).toBe('');
  });

  it('answers conditional requests with 304', async () => {
    const user = await server.createUser();
    const file = await upload(server, user.token, 'cache me');
    const first = await fetch(file.url);
    const etag = first.headers.get('etag')!;
    expect((await fetch(file.url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(file.url, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    expect((await fetch(file.url, { headers: { 'if-modified-since': first.headers.get('last-modified')! } })).status).toBe(304);
    expect((await fetch(file.url, { headers: { 'if-modified-since': new Date(0).toUTCString() } })).status).toBe(200);
  });

  it('serves byte ranges for seeking', async () => {
    const user = await server.createUser();
    const data = Buffer.concat([mp4(), Buffer.from('0123456789')]);
    const file = await upload(server, user.token, data, { name: 'video.mp4' });
    expect(file.type).toBe('video/mp4');
    const size = data.length;

    const mid = await fetch(file.url, { headers: { range: 'bytes=4-11' } });
    expect(mid.status).toBe(206);
    expect(mid.headers.get('content-range')).toBe(`bytes 4-11/${size}`);
    expect(mid.headers.get('content-length')).toBe('8');
    expect(Buffer.from(await mid.arrayBuffer()).equals(data.subarray(4, 12))).toBe(true);

    const open = await fetch(file.url, { headers: { range: `bytes=${size - 3}-` } });
    expect(open.status).toBe(206);
    expect(await open.text()).toBe('789');
    const suffix = await fetch(file.url, { headers: { range: 'bytes=-5' } });
    expect(await suffix.text()).toBe('56789');
    const clamped = await fetch(file.url, { headers: { range: `bytes=${size - 2}-999999` } });
    expect(clamped.headers.get('content-range')).toBe(`bytes ${size - 2}-${size - 1}/${size}`);

    const beyond = await fetch(file.url, { headers: { range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);

    // If-Range with a stale validator: the whole file.
    const stale = await fetch(file.url, { headers: { range: 'bytes=0-1', 'if-range': '"stale"' } });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('content-length')).toBe(String(size));
    const matching = await fetch(file.url, { headers: { range: 'bytes=0-1', 'if-range': `"${file.md5}"` } });
    expect(matching.status).toBe(206);
  });

  it('never serves active content inline: SVG and HTML go out as octet-stream attachments under a sandbox', async () => {
    const user = await server.createUser();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10" fill="red"/></svg>';
    const file = await upload(server, user.token, svg, { name: 'evil.svg' });
    expect(file.type).toBe('image/svg+xml');
    const original = await fetch(await originalUrl(file.id));
    expect(original.headers.get('content-type')).toBe('application/octet-stream');
    expect(original.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(original.headers.get('content-security-policy')).toContain('sandbox');
    // What clients show is a rasterised copy.
    const shown = await fetch(file.url);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await shown.arrayBuffer())).metadata()).format).toBe('png');

    await server.ctx.meta.update({ policies: { uploadableFileTypes: ['*/*'] } });
    try {
      const html = await upload(server, user.token, '<!doctype html><script>alert(1)</script>', { name: 'page.html' });
      expect(html.type).toBe('text/html');
      const res = await fetch(html.url);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
  });

  it('answers 404 for unknown or malformed keys', async () => {
    for (const key of ['nope', '.hidden', 'a%00b']) {
      const res = await fetch(`${server.url}/files/${key}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // Paths the router itself turns away (encoded slashes, over-long keys) are plain 404s.
    for (const key of ['..%2F..%2Fpostgres.password', 'a'.repeat(300)]) {
      expect((await fetch(`${server.url}/files/${key}`)).status).toBe(404);
    }
  });
});

describe('shutting down while a file is still streaming', () => {
  it('lets the download finish, then closes its keep-alive connection at once instead of waiting out the keep-alive timeout', async () => {
    const own = await startDriveServer();
    const user = await own.createUser();
    const data = Buffer.concat([mp4(), randomBytes(8 * 1024 * 1024)]);
    const file = await upload(own, user.token, data, { name: 'big.mp4' });
    const agent = new http.Agent({ keepAlive: true });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(file.url, { agent }, resolve).on('error', reject));
    // The headers went out before shutdown began: they say keep-alive, and the body is still on its way.
    expect(response.headers.connection).toBe('keep-alive');
    response.pause();
    const started = Date.now();
    const closed = own.close().then(() => Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.resume();
    await new Promise((resolve) => response.on('end', resolve));
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    // The keep-alive timeout is 72 s; closing must not wait for it.
    expect(await closed).toBeLessThan(10_000);
    agent.destroy();
  }, 60_000);
});

describe('parseRange', () => {
  it('reads one range and ignores what it cannot serve', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
  });

  it('quotes file names safely', () => {
    expect(contentDisposition('attachment', 'a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });
});
