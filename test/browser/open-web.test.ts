import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { openClient, TEST_PASSWORD, useWebClientSuite } from './web-client.js';
import { WEB_CLIENT_CSP } from '../../src/web/spa.js';

// The server-rendered pages (src/web/pages.ts) are the client's shell with tags: in Chromium the
// client must boot on them under the Content-Security-Policy, with no violation, and show the page.
let server: TestServer;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
let site: http.Server;
let siteOrigin: string;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server } = suite);
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  await server.client(alice.token).request('i/update', { name: 'Alice Liddell', description: 'Down the rabbit hole.' } as never);
  const thumbnail = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366cc' } }).png().toBuffer();
  site = http.createServer((request, response) => {
    if (request.url === '/thumb.png') { response.writeHead(200, { 'Content-Type': 'image/png' }); response.end(thumbnail); return; }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html><head><title>x</title><meta property="og:title" content="The Jabberwocky">
<meta property="og:description" content="Beware the Jubjub bird"><meta property="og:image" content="${siteOrigin}/thumb.png">
<meta property="og:site_name" content="Looking-Glass Press"></head><body></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => { await new Promise((resolve) => site?.close(resolve)); });

describe('server-rendered pages in the browser', () => {
  it('the client takes over /@alice under the CSP, without a violation', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await openClient(suite.browser, server);
    const response = await page.goto(`${server.url}/@alice`);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toBe(WEB_CLIENT_CSP);
    await page.getByText('Down the rabbit hole.').waitFor();
    // The server's tags are still in the head the client booted in.
    expect(await page.locator('meta[name="misskey:user-id"]').getAttribute('content')).toBe(alice.id);
    await page.goto(`${server.url}/@alice/notes`);
    await page.getByText('Down the rabbit hole.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the client takes over /notes/:id and shows the link preview of a link in the note', { timeout: 90_000 }, async () => {
    server.ctx.config.allowPrivateNetwork = true;
    try {
      const { createdNote } = await server.client(alice.token).request('notes/create', { text: `Read this: ${siteOrigin}/poem` });
      const { context, page, problems } = await openClient(suite.browser, server, { allowOrigins: [siteOrigin] });
      const response = await page.goto(`${server.url}/notes/${createdNote.id}`);
      expect(response!.status()).toBe(200);
      expect(response!.headers()['content-security-policy']).toBe(WEB_CLIENT_CSP);
      const note = page.locator(`[data-note-id="${createdNote.id}"]`).first();
      await note.locator('.note-text').getByText('Read this:').waitFor();
      const preview = note.locator('.url-preview');
      await preview.waitFor();
      expect(await preview.locator('.url-preview-title').textContent()).toBe('The Jabberwocky');
      expect(await preview.locator('.url-preview-site').textContent()).toBe('Looking-Glass Press');
      expect(await preview.getAttribute('href')).toBe(`${siteOrigin}/poem`);
      await expect.poll(() => preview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      server.ctx.config.allowPrivateNetwork = false;
    }
  });

  it('a followers-only note is a 404 to the server, yet a signed-in follower reads it in the client', { timeout: 90_000 }, async () => {
    await server.client(bob.token).request('following/create', { userId: alice.id });
    const { createdNote } = await server.client(alice.token).request('notes/create', { text: 'only for my followers', visibility: 'followers' });
    const anonymous = await fetch(`${server.url}/notes/${createdNote.id}`);
    expect(anonymous.status).toBe(404);
    expect(await anonymous.text()).not.toContain('only for my followers');
    const { context, page, problems } = await suite.signedIn('bob');
    await page.goto(`${server.url}/notes/${createdNote.id}`);
    await page.locator(`[data-note-id="${createdNote.id}"] .note-text`).getByText('only for my followers').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
