import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  // Browser first: when Chromium is missing the file fails at once, without a server left to clean up.
  browser = await launchBrowser();
  server = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('/api-doc in a browser', () => {
  it('renders the API reference from /api.json without contacting any other origin', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const foreignRequests: string[] = [];
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      foreignRequests.push(url.href);
      return route.abort('blockedbyclient');
    });
    // Installed by DevTools, so it runs despite the page's CSP; it records what the CSP would have blocked.
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const started = Date.now();
    const response = await page.goto(`${server.url}/api-doc`);
    expect(response?.status()).toBe(200);
    // The figure docs/performance.md reports: navigation start to the first operation on screen.
    await page.locator('details.op').first().waitFor({ state: 'visible', timeout: 30_000 });
    const firstEndpointMs = Date.now() - started;
    console.log(`/api-doc: first endpoint visible after ${firstEndpointMs} ms`);
    // Generous: Swagger UI took 21–40 s here; the viewer takes well under 2 s on an idle machine.
    expect(firstEndpointMs).toBeLessThan(15_000);
    expect(await page.locator('#title').textContent()).toContain('Mikan API');
    // Every operation is listed, the GET twins too.
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^\d+ of \d+ operations$/);
    const total = Number((await page.locator('#status').textContent())!.split(' of ')[1]!.split(' ')[0]);
    expect(total).toBeGreaterThan(400);
    await expect.poll(() => page.locator('details.op').count()).toBe(total);
    // Nothing is rendered for an operation until it is opened.
    expect(await page.locator('details.op .body').count()).toBe(0);

    // Hundreds of operations: find this one through the page's own filter box, as a reader would.
    await page.getByLabel('Filter endpoints').fill('ping');
    const ping = page.locator('details.op[data-method="post"][data-path="/ping"]');
    await ping.waitFor({ state: 'visible' });
    expect(await ping.textContent()).toContain('Answers with the server time');
    expect(await page.locator('details.op[data-path="/notes/create"]').isVisible()).toBe(false);

    // Opening the operation renders its declared response schema and its possible errors.
    await ping.locator('summary').click();
    const body = ping.locator('.body');
    await body.waitFor({ state: 'visible' });
    expect(await body.textContent()).toContain('pong');
    expect(await body.textContent()).toContain('INTERNAL_ERROR');
    expect(await page.locator('details.op .body').count()).toBe(1);

    // "Try it" calls the document's server URL from the page, so the CSP's connect-src must allow it.
    await ping.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => ping.locator('pre.result').textContent()).toMatch(/^200\n/);
    expect(await ping.locator('pre.result').textContent()).toContain('"pong"');

    // A shared schema opens where it is referenced (notes/show answers a Note, which has a user).
    await page.getByLabel('Filter endpoints').fill('notes/show');
    const show = page.locator('details.op[data-method="post"][data-path="/notes/show"]');
    await show.locator('summary').click();
    const note = show.locator('table details.ref').first();
    expect(await note.locator('summary').textContent()).toBe('Note');
    await note.locator('summary').click();
    // Rendered on the toggle event, which follows the click asynchronously.
    await expect.poll(() => note.textContent()).toContain('visibility');

    // A deep link opens its operation.
    await page.goto(`${server.url}/api-doc#post/i`);
    await page.locator('details.op[data-path="/i"][open] .body').waitFor({ state: 'visible' });

    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(foreignRequests).toEqual([]);
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
