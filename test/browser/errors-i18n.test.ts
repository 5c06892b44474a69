import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openClient, submitSignIn, TEST_PASSWORD, tokenIn, useWebClientSuite, type ClientSession } from './web-client.js';

// A fresh server (no account yet): the first test goes through first-run setup.
const suite = useWebClientSuite();
const ADMIN_PASSWORD = 'a long admin password';

const errorText = (page: Page) => page.locator('.error .error-message').textContent();
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function signedInAs(username: string, password: string, options: { width?: number } = {}): Promise<ClientSession> {
  const session = await openClient(suite.browser, suite.server, options);
  await session.page.goto(`${suite.server.url}/signin`);
  await submitSignIn(session.page, username, password);
  await session.page.waitForURL(`${suite.server.url}/`);
  return session;
}

describe('errors in words, languages, themes', () => {
  it('setup: a short password is refused by the client, INVALID_PARAM names the field, in English and Japanese', { timeout: 60_000 }, async () => {
    const { page, context, problems } = await openClient(suite.browser, suite.server);
    await page.goto(`${suite.server.url}/`);
    await page.waitForURL(`${suite.server.url}/setup`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByLabel('Administrator username').fill('not a valid name!');
    await page.getByLabel('Password', { exact: true }).fill('short');
    expect(await page.getByTestId('password-strength').textContent()).toContain('weak');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => errorText(page)).toContain('at least 8 characters');
    // Refused before any request: still no account.
    expect((await suite.server.client().request('meta', { detail: true }) as { requireSetup: boolean }).requireSetup).toBe(true);

    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    expect(await page.getByTestId('password-strength').textContent()).toContain('strong');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => errorText(page)).toContain('Check the field “username”');
    expect(await page.locator('.error .error-code code').textContent()).toBe('INVALID_PARAM');

    // Japanese: the page and the error already shown are worded again.
    await page.getByLabel('Language').selectOption('ja');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await page.getByRole('heading', { name: /セットアップ/ }).waitFor();
    expect(await errorText(page)).toContain('入力内容が正しくありません。「username」を確認してください');
    expect(await page.getByText('エラーコード').count()).toBe(1);

    await page.getByLabel('言語').selectOption('en');
    await page.getByLabel('Administrator username').fill('admin');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL(`${suite.server.url}/`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sign-in says which part was wrong, follows the browser language and remembers the choice', { timeout: 60_000 }, async () => {
    await suite.server.createUser({ username: 'alice', password: TEST_PASSWORD });
    const { page, context, problems } = await openClient(suite.browser, suite.server);
    await page.goto(`${suite.server.url}/signin`);
    await submitSignIn(page, 'alice', 'not the password');
    await expect.poll(() => errorText(page)).toBe('Wrong password. Check it and try again.');
    expect(await page.getByLabel('Password').inputValue()).toBe('not the password');
    await submitSignIn(page, 'nobody', 'whatever it is');
    await expect.poll(() => errorText(page)).toBe('There is no account with this username on this server.');

    await page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => errorText(page)).toBe('このサーバーにそのユーザー名のアカウントはありません。');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ログイン');
    expect(await page.getByLabel('ユーザー名').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('mikan:locale'))).toBe('ja');
    await page.reload();
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await tokenIn(page)).toBeNull();
    expect(problems).toEqual([]);
    await context.close();

    // No choice stored: the browser's language decides.
    const japanese = await suite.browser.newContext({ locale: 'ja-JP' });
    const jaPage = await japanese.newPage();
    await jaPage.goto(`${suite.server.url}/signin`);
    await jaPage.getByRole('heading', { name: 'ログイン' }).waitFor();
    expect(await jaPage.evaluate(() => document.documentElement.lang)).toBe('ja');
    await japanese.close();
  });

  it('theme and language: light, dark or the system\'s, kept in this browser and in the account registry', { timeout: 60_000 }, async () => {
    const alice = await signedInAs('alice', TEST_PASSWORD);
    const token = (await tokenIn(alice.page))!;
    const light = await background(alice.page);
    await alice.page.getByLabel('Theme').selectOption('dark');
    expect(await alice.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await background(alice.page);
    expect(dark).not.toBe(light);
    expect(await alice.page.evaluate(() => localStorage.getItem('mikan:theme'))).toBe('dark');
    const registry = (key: string) => suite.server.client(token).request('i/registry/get', { scope: ['client', 'mikan'], key }).catch(() => null);
    await expect.poll(() => registry('theme')).toBe('dark');
    await alice.page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => registry('locale')).toBe('ja');
    expect(await alice.page.locator('nav.site-nav a[href="/notifications"]').textContent()).toBe('通知');

    // Another browser: signing in brings both back from the registry.
    const elsewhere = await signedInAs('alice', TEST_PASSWORD);
    await expect.poll(() => elsewhere.page.evaluate(() => document.documentElement.dataset.theme ?? null)).toBe('dark');
    await expect.poll(() => elsewhere.page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await background(elsewhere.page)).toBe(dark);

    // "System" follows the system's scheme.
    await elsewhere.page.getByLabel('テーマ').selectOption('system');
    await elsewhere.page.emulateMedia({ colorScheme: 'light' });
    expect(await background(elsewhere.page)).toBe(light);
    await elsewhere.page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(elsewhere.page)).toBe(dark);
    await expect.poll(() => registry('theme')).toBe('system');
    expect([...alice.problems, ...elsewhere.problems]).toEqual([]);
    await alice.context.close();
    await elsewhere.context.close();
  });

  it('a refused OAuth request gets a styled page that says what to fix (MIKAN_ALLOW_PRIVATE_NETWORK for a local client)', { timeout: 30_000 }, async () => {
    expect(suite.server.ctx.config.allowPrivateNetwork).toBe(false);
    const { page, context, problems } = await openClient(suite.browser, suite.server);
    const query = new URLSearchParams({
      response_type: 'code', client_id: 'http://127.0.0.1:9/app', redirect_uri: 'http://127.0.0.1:9/callback', scope: 'read:account',
      state: 'xyz', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    });
    const response = await page.goto(`${suite.server.url}/oauth/authorize?${query}`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cannot authorize this app');
    expect(await page.getByTestId('problem').textContent()).toContain('127.0.0.1');
    expect(await page.getByTestId('fix').textContent()).toContain('MIKAN_ALLOW_PRIVATE_NETWORK=on');
    // Its stylesheet is allowed by hash, not by 'unsafe-inline': applied, and no violation reported.
    expect(await page.getByTestId('problem').evaluate((node) => getComputedStyle(node).borderLeftWidth)).toBe('4px');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a MiAuth request the server refuses names the field and says what to do next', { timeout: 30_000 }, async () => {
    const alice = await signedInAs('alice', TEST_PASSWORD);
    // Longer than gen-token's 128 characters for `name`: the app's mistake, shown as such.
    await alice.page.goto(`${suite.server.url}/miauth/${crypto.randomUUID()}?name=${'n'.repeat(200)}&permission=read:account`);
    await alice.page.getByRole('button', { name: /^Allow/ }).click();
    // alice chose Japanese in the test above (kept in her registry).
    await expect.poll(() => errorText(alice.page)).toContain('「name」を確認してください');
    expect(await alice.page.getByTestId('auth-error-fix').textContent()).toContain('アプリに戻ってやり直してください');
    await alice.page.getByLabel('言語').selectOption('en');
    await expect.poll(() => errorText(alice.page)).toContain('Check the field “name”: must NOT have more than 128 characters');
    expect(await alice.page.getByTestId('auth-error-fix').textContent()).toContain('Go back to the app and start again');
    expect(alice.problems).toEqual([]);
    await alice.context.close();
  });

  it('at 360 px no page scrolls sideways, and every control on the touched pages has a label', { timeout: 60_000 }, async () => {
    const overflowing: string[] = [];
    const unlabelled: string[] = [];
    const check = async (page: Page, path: string) => {
      await page.goto(`${suite.server.url}${path}`);
      await page.locator('main h1, main h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      // Named with what sticks out, so a failure says what to fix.
      if (width > 360) overflowing.push(`${path}: ${width}px (${await page.evaluate(() => [...document.querySelectorAll('body *')]
        .filter((node) => node.getBoundingClientRect().right > 361 && ![...node.children].some((child) => child.getBoundingClientRect().right > 361))
        .slice(0, 3).map((node) => `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} "${node.textContent?.slice(0, 30)}"`).join(', '))})`);
      unlabelled.push(...(await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((control) => !(control as HTMLInputElement).labels?.length && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby'))
        .map((control) => control.id || control.outerHTML.slice(0, 80)))).map((id) => `${path}: ${id}`));
    };
    const guest = await openClient(suite.browser, suite.server, { width: 360 });
    for (const path of ['/', '/signin', '/signup']) await check(guest.page, path);
    const admin = await signedInAs('admin', ADMIN_PASSWORD, { width: 360 });
    for (const path of ['/', '/notifications', '/settings/api', '/settings/security', '/settings/account', '/settings/apps', '/admin']) await check(admin.page, path);
    // Keyboard focus is visible: the focused control gets an outline.
    await guest.page.goto(`${suite.server.url}/signin`);
    await guest.page.getByLabel('Username').focus();
    await guest.page.keyboard.press('Tab');
    expect(await guest.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    expect(overflowing).toEqual([]);
    expect(unlabelled.filter((entry) => /^\/(signin|signup)?:/.test(entry))).toEqual([]);
    expect([...guest.problems, ...admin.problems]).toEqual([]);
    await guest.context.close();
    await admin.context.close();
  });
});
