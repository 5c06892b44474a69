import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { acct, downloadDriveFile, followees, type TestUser } from '../exports-imports/helpers.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, submitSignIn } from './web-client.js';

/** Settings > Import and export: every export button, and a following export imported back. */
const PASSWORD = 'correct horse battery';
let browser: Browser;
let server: TestServer;
let porter: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  server = await startTestServer({ rateLimit: false });
  porter = await server.createUser({ username: 'porter', password: PASSWORD });
  alice = await server.createUser({ username: 'alice' });
  bob = await server.createUser({ username: 'bob' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Settings > Import and export', () => {
  it('exports following, then imports that file back: the follows return', { timeout: 120_000 }, async () => {
    for (const user of [alice, bob]) await server.client(porter.token).request('following/create', { userId: user.id });
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'porter', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Import/export' }).click();
    await page.getByText('None yet.').waitFor();

    const following = page.locator('[data-export="following"]');
    await following.getByRole('button', { name: 'Export following' }).click();
    const link = following.locator('a.export-file');
    await link.waitFor();
    expect(await link.textContent()).toMatch(/^following-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/);
    const [notification] = await server.client(porter.token).request('i/notifications', { includeTypes: ['exportCompleted'], limit: 1 });
    const fileId = (notification as { fileId: string }).fileId;
    const { text } = await downloadDriveFile(server, porter.token, fileId);
    expect(text.trim().split('\n').sort()).toEqual([acct(server, alice), acct(server, bob)]);
    await page.locator('.recent-exports li', { hasText: 'Following' }).waitFor();

    for (const user of [alice, bob]) await server.client(porter.token).request('following/delete', { userId: user.id });
    expect(await followees(server, porter)).toEqual([]);
    await page.locator('#import-file').selectOption(fileId);
    await page.getByRole('button', { name: 'Import following' }).click();
    await page.locator('.import-notice', { hasText: 'Importing following from following-' }).waitFor();
    await waitFor(async () => (await followees(server, porter)).length === 2, 15_000);
    expect(await followees(server, porter)).toEqual(['alice', 'bob']);
    // The page shows the effect as it happens.
    await page.locator('.import-counts', { hasText: 'You follow 2 accounts.' }).waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('every export button runs its export; an uploaded file can be chosen; a file gone meanwhile is refused in words', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'porter', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/settings/import-export`);
    for (const entity of ['note', 'favorite', 'muting', 'blocking', 'userList']) {
      const item = page.locator(`[data-export="${entity}"]`);
      await item.getByRole('button', { name: /^Export / }).click();
      await item.locator('a.export-file').waitFor({ timeout: 20_000 });
    }
    const done = await server.client(porter.token).request('i/notifications', { includeTypes: ['exportCompleted'], limit: 20 });
    expect(new Set(done.map((n) => (n as { exportedEntity: string }).exportedEntity))).toEqual(new Set(['following', 'note', 'favorite', 'muting', 'blocking', 'userList']));

    await page.locator('input[name="upload"]').setInputFiles({ name: 'mutes.csv', mimeType: 'text/csv', buffer: Buffer.from(`${acct(server, bob)}\n`) });
    await waitFor(async () => (await page.locator('#import-file option:checked').textContent())?.startsWith('mutes.csv'), 10_000);
    const uploadedId = await page.locator('#import-file').inputValue();
    await server.client(porter.token).request('drive/files/delete', { fileId: uploadedId });
    await page.getByRole('button', { name: 'Import muted accounts' }).click();
    await page.locator('.error', { hasText: 'NO_SUCH_FILE' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
