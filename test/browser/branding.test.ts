import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

let browser: Browser;
let server: TestServer;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
});

describe('Control panel > General, Ads and Avatar decorations', () => {
  it('an administrator brands a fresh instance and adds an ad; visitors and members see both; a member wears a decoration', { timeout: 180_000 }, async () => {
    await server.createUser({ username: 'owner', password: TEST_PASSWORD, isAdmin: true });
    await server.createUser({ username: 'member', password: TEST_PASSWORD });
    // Images on the server itself: the test browser may not reach other origins.
    const iconUrl = `${server.url}/identicon/icon@example`;
    const adImageUrl = `${server.url}/identicon/ad@example`;

    const admin = await openClient(browser, server);
    const { page } = admin;
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'owner', TEST_PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Control panel' }).click();
    await page.locator('nav.admin-nav').getByRole('link', { name: 'General' }).click();
    await page.waitForURL(`${server.url}/admin/general`);
    await page.locator('input[name="name"]').fill('Orchard Social');
    await page.locator('input[name="iconUrl"]').fill(iconUrl);
    await page.locator('input[name="themeColor"]').fill('#2e8b57');
    await page.locator('textarea[name="description"]').fill('Apples and pears.');
    await page.locator('input[name="tosUrl"]').fill('https://orchard.example/tos');
    await page.locator('input[name="maintainerName"]').fill('Pomona');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The admin's own page follows at once.
    await page.locator('.brand-name', { hasText: 'Orchard Social' }).waitFor();

    const meta = await server.client().request('meta', {});
    expect(meta).toMatchObject({ name: 'Orchard Social', iconUrl, themeColor: '#2e8b57', description: 'Apples and pears.', tosUrl: 'https://orchard.example/tos', maintainerName: 'Pomona' });

    await page.locator('nav.admin-nav').getByRole('link', { name: 'Ads' }).click();
    await page.waitForURL(`${server.url}/admin/ads`);
    await page.getByText('No ads.').waitFor();
    await page.locator('input[name="url"]').fill('https://shop.example/');
    await page.locator('input[name="imageUrl"]').fill(adImageUrl);
    await page.locator('input[name="memo"]').fill('Spring sale');
    await page.getByRole('button', { name: 'Create ad' }).click();
    await page.locator('[data-admin-ad-id]', { hasText: 'Spring sale' }).waitFor();
    const [ad] = await server.client().request('meta', {}).then((m) => m.ads);
    expect(ad).toMatchObject({ url: 'https://shop.example/', imageUrl: adImageUrl, place: 'horizontal' });

    await page.locator('nav.admin-nav').getByRole('link', { name: 'Avatar decorations' }).click();
    await page.waitForURL(`${server.url}/admin/avatar-decorations`);
    await page.locator('input[name="name"]').fill('Leaf');
    await page.locator('input[name="url"]').fill(`${server.url}/identicon/leaf@example`);
    await page.getByRole('button', { name: 'Create decoration' }).click();
    await page.locator('[data-decoration-id]', { hasText: 'Leaf' }).waitFor();
    expect(admin.problems).toEqual([]);
    await admin.context.close();

    // A visitor: the instance's name, icon, colour and the ad.
    const visitor = await openClient(browser, server);
    await visitor.page.goto(`${server.url}/`);
    await visitor.page.getByRole('heading', { name: 'Welcome to Orchard Social' }).waitFor();
    expect(await visitor.page.locator('[data-testid="instance-icon"]').getAttribute('src')).toBe(iconUrl);
    expect(await visitor.page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#2e8b57');
    expect(await visitor.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#2e8b57');
    // Text on that accent is whichever of white and near-black contrasts more with it (4.4 against 4.3 here).
    expect(await visitor.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--on-accent').trim())).toBe('#141311');
    expect(await visitor.page.title()).toContain('Orchard Social');
    const shown = visitor.page.locator(`[data-ad-id="${ad.id}"]`);
    await shown.waitFor();
    expect(await shown.locator('a').getAttribute('href')).toBe('https://shop.example/');
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();

    // A member: the ad above the timeline; picks the decoration in settings.
    const member = await suite.signedIn('member');
    await member.page.locator(`[data-ad-id="${ad.id}"]`).waitFor();
    await member.page.getByRole('link', { name: 'Avatar decorations' }).click();
    await member.page.waitForURL(`${server.url}/settings/avatar-decorations`);
    await member.page.getByText('You may wear 1 at a time.').waitFor();
    await member.page.locator('[data-decoration-id]', { hasText: 'Leaf' }).getByRole('button', { name: 'Wear' }).click();
    await member.page.locator('[data-worn-decoration-id]').waitFor();
    const me = await server.client().request('users/show', { username: 'member' });
    expect(me.avatarDecorations.map((d) => d.url)).toEqual([`${server.url}/identicon/leaf@example`]);
    await member.page.locator('[data-worn-decoration-id]').getByRole('button', { name: 'Take off' }).click();
    await member.page.getByText('None.').waitFor();
    expect(member.problems).toEqual([]);
    await member.context.close();
  });
});
