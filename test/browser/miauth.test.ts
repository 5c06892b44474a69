import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, sameLocation, signInThroughRedirect, startFakeApp, type FakeApp } from './web-client.js';

// MiAuth as an app uses it: open {origin}/miauth/{session}?…, the user allows, the app calls check.
let server: TestServer;
let browser: Browser;
let app: FakeApp;
const PASSWORD = 'miauth user password';
beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  // Page tests sign in again and again from one address; the limits themselves are tested through the API.
  server = await startTestServer({ rateLimit: false, authRateLimit: false });
  app = await startFakeApp();
  await server.createUser({ username: 'carol', password: PASSWORD });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await server?.close();
});

const check = async (session: string) => (await server.fetch(`/api/miauth/${session}/check`)).body;

function miauthUrl(session: string, query: Record<string, string>): string {
  return `${server.url}/miauth/${session}?${new URLSearchParams(query)}`;
}

describe('MiAuth consent page', () => {
  it('signs the user in, shows the app and its permissions, allows, and returns to the callback', { timeout: 90_000 }, async () => {
    const session = randomUUID();
    expect(await check(session)).toMatchObject({ ok: false });

    const { context, page, problems } = await openClient(browser, server, { allowOrigins: [app.origin] });
    const url = miauthUrl(session, {
      name: 'Fake App',
      icon: `${app.origin}/icon.png`,
      callback: `${app.origin}/callback?from=mikan`,
      permission: 'read:account,write:notes',
    });
    await page.goto(url);
    await signInThroughRedirect(page, server, 'carol', PASSWORD);
    expect(sameLocation(new URL(page.url()), new URL(url))).toBe(true);

    await page.getByRole('heading', { name: 'Fake App' }).waitFor();
    const panel = page.locator('.consent');
    expect(await panel.locator('.perm-id').allTextContents()).toEqual(['read:account', 'write:notes']);
    expect(await panel.textContent()).toContain('View own account, settings and registry');
    expect(await panel.textContent()).toContain('Post, renote and delete notes');
    expect(await panel.textContent()).toContain('@carol');
    expect(await panel.locator('img.app-icon').getAttribute('src')).toBe(`${app.origin}/icon.png`);
    // Nothing is issued before the user decides.
    expect(await check(session)).toMatchObject({ ok: false });

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((u) => u.origin === app.origin && u.pathname === '/callback');
    const landed = new URL(page.url());
    expect(landed.searchParams.get('session')).toBe(session);
    expect(landed.searchParams.get('from')).toBe('mikan');

    const result = await check(session);
    expect(result).toMatchObject({ ok: true, user: { username: 'carol' } });
    expect((await server.client(result.token).request('i', {})).username).toBe('carol');
    // The token is handed out once.
    expect(await check(session)).toMatchObject({ ok: false });

    expect(problems).toEqual([]);
    await context.close();
  });

  it('issues nothing when the user denies, and says so', { timeout: 90_000 }, async () => {
    const session = randomUUID();
    const { context, page, problems } = await openClient(browser, server, { allowOrigins: [app.origin] });
    const seen = app.requests.length;
    await page.goto(miauthUrl(session, { name: 'Fake App', callback: `${app.origin}/callback`, permission: 'read:account' }));
    await signInThroughRedirect(page, server, 'carol', PASSWORD);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(server.url).origin);
    expect(app.requests.slice(seen).filter((u) => u.pathname === '/callback')).toEqual([]);
    expect(await check(session)).toMatchObject({ ok: false });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('without a callback, tells the user to return to the app', { timeout: 90_000 }, async () => {
    const session = randomUUID();
    const { context, page, problems } = await openClient(browser, server);
    // Signed in already this time (the header's sign-in keeps the token for the next page).
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Username').fill('carol');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    // An icon that is not http(s) is not shown; an unknown permission is not requested.
    await page.goto(miauthUrl(session, { name: 'Script', icon: 'javascript:alert(1)', permission: 'read:account,write:nonsense' }));
    await page.getByRole('heading', { name: 'Script' }).waitFor();
    expect(await page.locator('.consent img').count()).toBe(0);
    expect(await page.getByText('Not granted, because this server does not know them').textContent()).toContain('write:nonsense');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('You can return to the app.').waitFor();
    const result = await check(session);
    expect(result).toMatchObject({ ok: true });
    expect((await server.client(result.token).request('i', {})).username).toBe('carol');
    expect(problems).toEqual([]);
    await context.close();
  });
});
