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

    const response = await page.goto(`${server.url}/api-doc`);
    expect(response?.status()).toBe(200);

    // Hundreds of operations: find this one through the page's own filter box, as a reader would.
    await page.getByPlaceholder('Filter by tag or path').fill('ping');
    const ping = page.locator('.opblock-post:has(.opblock-summary-path[data-path="/ping"])');
    await ping.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await ping.textContent()).toContain('Answers with the server time');
    expect(await page.locator('.info .title').textContent()).toContain('Mikan API');

    // Expanding the operation renders its declared response schema.
    await ping.locator('.opblock-summary').first().click();
    await ping.locator('.responses-wrapper').waitFor({ state: 'visible' });
    expect(await ping.locator('.responses-wrapper').textContent()).toContain('pong');

    // "Try it out" calls the document's server URL from the page, so the CSP's connect-src must allow it.
    await ping.locator('.try-out__btn').click();
    await ping.locator('.execute').click();
    const liveStatus = ping.locator('.live-responses-table .response .response-col_status').first();
    await liveStatus.waitFor({ state: 'visible', timeout: 15_000 });
    expect((await liveStatus.textContent())?.trim()).toBe('200');
    expect(await ping.locator('.live-responses-table .response .response-col_description').first().textContent()).toContain('"pong"');

    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(foreignRequests).toEqual([]);
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
