import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { expectApiError } from '../roles/helpers.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

const PASSWORD = TEST_PASSWORD;
const searchUnavailable = { code: 'UNAVAILABLE', id: '0b44998d-77aa-4427-80d0-d2c9b8523011' };
let browser: Browser;
let server: TestServer;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
});

async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await submitSignIn(page, username, PASSWORD);
  await page.waitForURL(`${server.url}/`);
}

describe('Control panel > Roles > Base policies', () => {
  it('an administrator turns on note search for everyone; a user then may search', { timeout: 120_000 }, async () => {
    await server.createUser({ username: 'chief', password: PASSWORD, isAdmin: true });
    const reader = await server.createUser({ username: 'reader' });
    await expectApiError(server.client(reader.token).request('notes/search', { query: 'mikan' }), searchUnavailable);

    const { context, page, problems } = await openClient(browser, server);
    await signInAs(page, 'chief');
    await page.goto(`${server.url}/admin/roles`);
    await page.getByRole('link', { name: 'Base policies' }).click();
    await page.waitForURL(`${server.url}/admin/roles/base`);
    const search = page.locator('[data-policy="canSearchNotes"] input[type="checkbox"]');
    expect(await search.isChecked()).toBe(false);
    await search.check();
    await page.locator('[data-policy="pinLimit"] input').fill('7');
    await page.getByRole('button', { name: 'Save base policies' }).click();
    await page.getByText('Saved.').waitFor();

    const { policies } = await server.client().request('meta', {});
    expect(policies).toMatchObject({ canSearchNotes: true, pinLimit: 7, driveCapacityMb: 100 });
    await server.client(reader.token).request('notes/create', { text: 'mikan season' });
    await expect(server.client(reader.token).request('notes/search', { query: 'mikan' })).resolves.toEqual(expect.any(Array));
    expect((await server.client(reader.token).request('i', {})).policies).toMatchObject({ canSearchNotes: true, pinLimit: 7 });

    // The page shows what is stored after a reload; turning it off again takes search away.
    await page.reload();
    await expect.poll(() => page.locator('[data-policy="canSearchNotes"] input[type="checkbox"]').isChecked()).toBe(true);
    await page.locator('[data-policy="canSearchNotes"] input[type="checkbox"]').uncheck();
    await page.getByRole('button', { name: 'Save base policies' }).click();
    await page.getByText('Saved.').waitFor();
    await expectApiError(server.client(reader.token).request('notes/search', { query: 'mikan' }), searchUnavailable);
    await server.client((await server.createUser({ isAdmin: true })).token).request('admin/roles/update-default-policies', { policies: {} });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a moderator sees the base policies but cannot save them', { timeout: 120_000 }, async () => {
    await server.createUser({ username: 'deputy', password: PASSWORD, isModerator: true });
    const { context, page, problems } = await openClient(browser, server);
    await signInAs(page, 'deputy');
    await page.goto(`${server.url}/admin/roles/base`);
    await page.locator('[data-policy="canSearchNotes"]').waitFor();
    expect(await page.getByRole('button', { name: 'Save base policies' }).isDisabled()).toBe(true);
    await page.getByText('Only administrators may change them.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('Issue 21, done when', () => {
  it('an administrator creates and assigns a moderator role; the moderator suspends a user and resolves a report; the administrator enables note search for everyone and sees it all in the moderation log', { timeout: 180_000 }, async () => {
    await server.createUser({ username: 'owner', password: PASSWORD, isAdmin: true });
    const helper = await server.createUser({ username: 'helper', password: PASSWORD });
    const troll = await server.createUser({ username: 'troll' });
    const victim = await server.createUser({ username: 'victim' });
    await server.client(victim.token).request('users/report-abuse', { userId: troll.id, comment: 'harassment in replies' });

    // 1. The administrator creates a moderator role and gives it to helper.
    const admin = await openClient(browser, server);
    await signInAs(admin.page, 'owner');
    await admin.page.getByRole('link', { name: 'Control panel' }).click();
    await admin.page.locator('nav.admin-nav').getByRole('link', { name: 'Roles' }).click();
    await admin.page.getByRole('link', { name: 'New role' }).click();
    await admin.page.locator('input[name="name"]').fill('Moderation team');
    await admin.page.locator('input[name="isModerator"]').check();
    await admin.page.getByRole('button', { name: 'Create role' }).click();
    await admin.page.waitForURL(/\/admin\/roles\/[0-9a-z]{16}$/);
    await admin.page.locator('input[name="assign-username"]').fill('@helper');
    await admin.page.getByRole('button', { name: 'Assign' }).click();
    await admin.page.locator('[data-member="helper"]').waitFor();
    expect((await server.client(helper.token).request('i', {})).isModerator).toBe(true);

    // 2. The moderator (by the role alone) suspends the troll and resolves the report.
    const mod = await openClient(browser, server);
    await signInAs(mod.page, 'helper');
    await mod.page.getByRole('link', { name: 'Control panel' }).click();
    await mod.page.locator('nav.admin-nav').getByRole('link', { name: 'Users' }).click();
    await mod.page.locator('input[name="username"]').fill('troll');
    await mod.page.getByRole('button', { name: 'Search' }).click();
    await mod.page.locator(`[data-user-id="${troll.id}"] a`).click();
    await mod.page.getByRole('button', { name: 'Suspend' }).click();
    await mod.page.locator('.user-status', { hasText: 'Suspended' }).waitFor();
    await expect(server.client(troll.token).request('i', {})).rejects.toMatchObject({ code: 'YOUR_ACCOUNT_SUSPENDED' });
    await mod.page.locator('nav.admin-nav').getByRole('link', { name: 'Reports' }).click();
    await mod.page.locator('[data-report-id]', { hasText: 'harassment in replies' }).getByRole('button', { name: 'Resolve: accept' }).click();
    await mod.page.getByText('No reports.').waitFor();

    // 3. The administrator enables note search for everyone; the victim can search.
    await expectApiError(server.client(victim.token).request('notes/search', { query: 'x' }), searchUnavailable);
    await admin.page.locator('nav.admin-nav').getByRole('link', { name: 'Roles' }).click();
    await admin.page.getByRole('link', { name: 'Base policies' }).click();
    await admin.page.locator('[data-policy="canSearchNotes"] input[type="checkbox"]').check();
    await admin.page.getByRole('button', { name: 'Save base policies' }).click();
    await admin.page.getByText('Saved.').waitFor();
    await expect(server.client(victim.token).request('notes/search', { query: 'x' })).resolves.toEqual(expect.any(Array));

    // 4. The moderation log shows every step, who did it and about whom.
    await admin.page.locator('nav.admin-nav').getByRole('link', { name: 'Moderation log' }).click();
    await admin.page.locator('[data-log-type="updateServerSettings"]').first().waitFor();
    const entries = (await admin.page.locator('.log-entry').allTextContents()).slice(0, 5);
    expect(entries[0]).toMatch(/updateServerSettings.*@owner/s);
    expect(entries[1]).toMatch(/resolveAbuseReport.*@helper/s);
    expect(entries[2]).toMatch(/suspend\b.*@troll.*@helper/s);
    expect(entries[3]).toMatch(/assignRole.*@helper.*@owner/s);
    expect(entries[4]).toMatch(/createRole.*@owner/s);

    await server.client((await server.createUser({ isAdmin: true })).token).request('admin/roles/update-default-policies', { policies: {} });
    expect(admin.problems).toEqual([]);
    expect(mod.problems).toEqual([]);
    await admin.context.close();
    await mod.context.close();
  });
});
