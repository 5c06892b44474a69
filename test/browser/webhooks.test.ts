import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhooks/helpers.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, submitSignIn } from './web-client.js';

const PASSWORD = 'correct horse battery';
let browser: Browser;
let server: TestServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  server = await startTestServer({ rateLimit: false, allowPrivateNetwork: true });
  receiver = await startWebhookReceiver();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await server?.close();
});

describe('Settings > Webhooks', () => {
  it('creates, tests, edits and deletes a webhook, showing the last delivery', { timeout: 120_000 }, async () => {
    const user = await server.createUser({ username: 'hooker', password: PASSWORD });
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'hooker', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('You have no webhooks.').waitFor();

    await page.locator('input[name="name"]').fill('My hook');
    await page.locator('input[name="url"]').fill(`${receiver.url}/browser`);
    await page.locator('input[name="secret"]').fill('shh');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const item = page.locator('[data-webhook-id]');
    await item.waitFor();
    expect(await item.locator('.webhook-name').textContent()).toBe('My hook');
    expect(await item.locator('.webhook-status').textContent()).toBe('never');
    const [created] = await server.client(user.token).request('i/webhooks/list', {});
    expect(created).toMatchObject({ name: 'My hook', url: `${receiver.url}/browser`, secret: 'shh', on: ['note'], active: true });

    await item.getByRole('button', { name: 'Send test' }).click();
    const hook = await receiver.next((h) => h.path === '/browser');
    expect(hook.headers['x-misskey-hook-secret']).toBe('shh');
    expect(hook.body).toMatchObject({ type: 'note', hookId: created!.id });

    await item.getByRole('button', { name: 'Edit' }).click();
    await item.locator('input[name="edit-name"]').fill('Renamed');
    await item.getByLabel('follow', { exact: true }).check();
    await item.locator('input[name="edit-active"]').uncheck();
    await item.getByRole('button', { name: 'Save' }).click();
    await item.locator('.webhook-name', { hasText: 'Renamed' }).waitFor();
    expect(await item.locator('.webhook-events').textContent()).toBe('note, follow');
    expect(await item.textContent()).toContain('Paused');
    // The test delivery's answer is shown once reloaded.
    await page.reload();
    await item.locator('.webhook-status', { hasText: '204' }).waitFor();

    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('You have no webhooks.').waitFor();
    expect(await server.client(user.token).request('i/webhooks/list', {})).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
