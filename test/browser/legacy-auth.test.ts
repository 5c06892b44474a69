import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, signInThroughRedirect, startFakeApp, type FakeApp } from './web-client.js';

// The legacy app flow: app/create, auth/session/generate, the consent page at {origin}/auth/{token},
// auth/session/userkey, then calls signed with sha256(accessToken + secret).
let server: TestServer;
let browser: Browser;
let fakeApp: FakeApp;
let developerToken: string;
const PASSWORD = 'legacy user password';
beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  // Page tests sign in again and again from one address; the limits themselves are tested through the API.
  server = await startTestServer({ rateLimit: false, authRateLimit: false });
  fakeApp = await startFakeApp('Legacy App');
  developerToken = (await server.createUser({ username: 'developer' })).token;
  await server.createUser({ username: 'dave', password: PASSWORD });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await fakeApp?.close();
  await server?.close();
});

async function createApp(callbackUrl: string | null) {
  return server.client(developerToken).request('app/create', {
    name: 'Legacy App',
    description: 'An app from before MiAuth',
    permission: ['read:account', 'write:notes'],
    callbackUrl,
  });
}

describe('legacy app consent page', () => {
  it('signs the user in, allows, returns to the callback with the session token, and the key works', { timeout: 90_000 }, async () => {
    const app = await createApp(`${fakeApp.origin}/legacy-callback`);
    const generated = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    expect(generated.url).toBe(`${server.url}/auth/${generated.token}`);

    const { context, page, problems } = await openClient(browser, server, { allowOrigins: [fakeApp.origin] });
    await page.goto(generated.url);
    await signInThroughRedirect(page, server, 'dave', PASSWORD);
    await page.getByRole('heading', { name: 'Legacy App' }).waitFor();
    const panel = page.locator('.consent');
    expect(await panel.textContent()).toContain('An app from before MiAuth');
    expect(await panel.locator('.perm-id').allTextContents()).toEqual(['read:account', 'write:notes']);

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((u) => u.origin === fakeApp.origin && u.pathname === '/legacy-callback');
    expect(new URL(page.url()).searchParams.get('token')).toBe(generated.token);

    const { accessToken, user } = await server.client().request('auth/session/userkey', { appSecret: app.secret!, token: generated.token });
    expect(user.username).toBe('dave');
    const signed = createHash('sha256').update(accessToken + app.secret).digest('hex');
    expect((await server.client(signed).request('i', {})).username).toBe('dave');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists the authorized app in Authorized apps, and Revoke there takes its access away', { timeout: 90_000 }, async () => {
    const app = await createApp(null);
    const generated = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(generated.url);
    await signInThroughRedirect(page, server, 'dave', PASSWORD);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('You can return to the app.').waitFor();
    const { accessToken } = await server.client().request('auth/session/userkey', { appSecret: app.secret!, token: generated.token });
    const signed = createHash('sha256').update(accessToken + app.secret).digest('hex');
    expect((await server.client(signed).request('i', {})).username).toBe('dave');

    await page.goto(`${server.url}/settings/apps`);
    const item = page.locator(`[data-app-id="${app.id}"]`);
    await item.waitFor();
    expect(await item.locator('.app-name').textContent()).toBe('Legacy App');
    expect(await item.textContent()).toContain('An app from before MiAuth');
    await item.locator('summary').click();
    expect(await item.locator('.perm-id').allTextContents()).toEqual(['read:account', 'write:notes']);
    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByRole('button', { name: 'Revoke access' }).click();
    await item.waitFor({ state: 'detached' });
    await expect(server.client(signed).request('i', {})).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });

    expect(problems).toEqual([]);
    await context.close();
  });

  it('issues nothing when the user denies; unknown sessions get a clear message', { timeout: 90_000 }, async () => {
    const app = await createApp(null);
    const generated = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(generated.url);
    await signInThroughRedirect(page, server, 'dave', PASSWORD);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
    await expect(server.client().request('auth/session/userkey', { appSecret: app.secret!, token: generated.token })).rejects.toMatchObject({ code: expect.any(String) });

    await page.goto(`${server.url}/auth/no-such-session-token`);
    await page.getByRole('heading', { name: 'This request has expired' }).waitFor();
    expect(await page.locator('.error-code code').textContent()).toBe('NO_SUCH_SESSION');
    expect(problems).toEqual([]);
    await context.close();
  });
});
