import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, tokenIn } from './web-client.js';

// A fresh instance (no account) started with MIKAN_SETUP_PASSWORD.
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  server = await startTestServer({ setupPassword: 'open sesame' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('first-run setup', () => {
  it('sends every page to /setup, creates the administrator and signs in with it', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    for (const path of ['/', '/signup', '/settings/api']) {
      await page.goto(server.url + path);
      await page.waitForURL(`${server.url}/setup`);
    }
    await page.getByRole('heading', { name: /^Set up/ }).waitFor();

    // Without the setup password the server refuses, and the page says why.
    await page.getByLabel('Administrator username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('a long admin password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    const error = page.locator('.error');
    await error.waitFor();
    expect(await error.locator('.error-code code').textContent()).toBe('INCORRECT_INITIAL_PASSWORD');
    expect((await server.client().request('meta', { detail: true }) as { requireSetup: boolean }).requireSetup).toBe(true);

    await page.getByLabel('Setup password').fill('open sesame');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, admin');

    const token = await tokenIn(page);
    const me = await server.client(token).request('i', {});
    expect(me.username).toBe('admin');
    expect(me.isAdmin).toBe(true);
    expect((await server.client().request('meta', { detail: true }) as { requireSetup: boolean }).requireSetup).toBe(false);

    // Setup is over: its page goes home.
    await page.goto(`${server.url}/setup`);
    await page.waitForURL(`${server.url}/`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
