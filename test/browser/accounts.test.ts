import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, submitSignIn, tokenIn } from './web-client.js';

// The web client as a person uses it: sign-up, Settings > API, sign-out and sign-in.
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  // Page tests sign in again and again from one address; the limits themselves are tested through the API.
  server = await startTestServer({ rateLimit: false });
  // An instance with an account already: first-run setup is test/browser/setup.test.ts.
  await server.createUser({ username: 'existing', password: 'existing password' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PASSWORD = 'correct horse battery staple';

describe('sign-up and Settings > API', () => {
  it('signs up, creates a read:account token shown once, uses it, revokes it', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL(`${server.url}/signup`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    // Signed in on the home page.
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, alice');
    expect(await page.getByTestId('header-user').textContent()).toBe('alice');
    const native = await tokenIn(page);
    expect(native).toBeTruthy();
    expect((await server.client(native).request('i', {})).username).toBe('alice');

    // Settings > API: a token that may read the account.
    await page.getByRole('link', { name: /Settings › API/ }).click();
    await page.waitForURL(`${server.url}/settings/api`);
    await page.getByLabel('Name', { exact: true }).fill('My test bot');
    await page.locator('input[name="read:account"]').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const reveal = page.getByTestId('new-token');
    await reveal.waitFor();
    expect(await reveal.textContent()).toContain('it will not be shown again');
    const token = (await reveal.getByTestId('secret-value').textContent())!;
    expect(token).toMatch(/^\S{16,}$/);
    expect(token).not.toBe(native);

    // The token works through misskey-js, with exactly the permission ticked.
    expect((await server.client(token).request('i', {})).username).toBe('alice');
    await expect(server.client(token).request('i/update', { name: 'Nope' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });

    // Listed, with its permission in words; the secret itself is never shown again.
    const item = page.locator('[data-testid="token-list"] .item', { hasText: 'My test bot' });
    await item.waitFor();
    expect(await item.textContent()).toContain('1 permission');
    await page.reload();
    await item.waitFor();
    await item.locator('summary').click();
    expect(await item.textContent()).toContain('View own account, settings and registry');
    expect(await item.locator('.perm-id').allTextContents()).toEqual(['read:account']);
    expect(await page.getByTestId('new-token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    // Revoke, with a confirmation.
    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByRole('button', { name: 'Revoke token' }).click();
    await item.waitFor({ state: 'detached' });
    await expect(server.client(token).request('i', {})).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    const raw = await server.fetch('/api/i', { json: { i: token } });
    expect(raw.status).toBe(401);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs out and signs in again, coming back to the page that asked for it', { timeout: 60_000 }, async () => {
    await server.createUser({ username: 'bob', password: PASSWORD });
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'bob', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, bob');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: /^Welcome to/ }).waitFor();
    expect(await tokenIn(page)).toBeNull();

    // A page that needs an account sends the visitor through sign-in and back.
    await page.goto(`${server.url}/settings/apps`);
    await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('redirect') === '/settings/apps');
    await submitSignIn(page, 'bob', 'wrong password');
    await page.locator('.error').waitFor();
    expect(page.url()).toContain('/signin');
    // signin-flow allows one attempt a second per client (Misskey's minInterval).
    await page.waitForTimeout(1100);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/settings/apps`);
    await page.getByRole('heading', { name: 'Authorized apps' }).waitFor();

    // ?redirect= is followed only to paths on this origin.
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      await page.goto(`${server.url}/signin?redirect=${encodeURIComponent(target)}`);
      await page.waitForURL(`${server.url}/`);
    }
    await page.goto(`${server.url}/signin?redirect=${encodeURIComponent('/settings/api?x=1')}`);
    await page.waitForURL(`${server.url}/settings/api?x=1`);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows API errors readably: message and code', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill('not a valid name!');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    const error = page.locator('.error');
    await error.waitFor();
    expect(await error.locator('.error-code code').textContent()).toBe('INVALID_USERNAME');
    expect((await error.locator('.error-message').textContent())?.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says registration is invitation-only when it is closed, and asks for the code', { timeout: 60_000 }, async () => {
    await server.ctx.meta.update({ disableRegistration: true });
    try {
      const { context, page, problems } = await openClient(browser, server);
      await page.goto(`${server.url}/signup`);
      await page.getByText('is invitation-only').waitFor();
      await page.getByLabel('Invitation code').waitFor();
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { name: /^Welcome to/ }).waitFor();
      expect(await page.getByRole('link', { name: 'Sign up', exact: true }).count()).toBe(0);
      await page.getByRole('link', { name: 'Sign up with an invitation' }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await server.ctx.meta.update({ disableRegistration: false });
    }
  });

  it('fits a 375px-wide phone without sideways scrolling', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server, { width: 375 });
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'existing', 'existing password');
    await page.waitForURL(`${server.url}/`);
    for (const path of ['/', '/settings/api', '/settings/apps', '/miauth/00000000-0000-4000-8000-000000000000?name=Phone%20App&permission=read:account,write:notes']) {
      await page.goto(server.url + path);
      await page.locator('main h1').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
