import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

// Antennas in the web client: create one with a keyword on /antennas, open it, and see a matching
// note appear (live, through the `antenna` channel) and stay (antennas/notes); edit and delete it.
let server: TestServer;
let browser: Browser;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
const PASSWORD = TEST_PASSWORD;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  await server.createUser({ username: 'alice', password: PASSWORD });
  bob = await server.createUser({ username: 'bob', password: PASSWORD });
});

describe('antennas in the web client', () => {
  it('creates an antenna with a keyword, shows a matching note live and after a reload, edits and deletes it', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'alice', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Antennas' }).first().click();
    await page.getByRole('heading', { name: 'Antennas' }).waitFor();

    const form = page.getByTestId('antenna-form');
    await form.getByLabel('Name').fill('Persimmons');
    await form.getByLabel(/^Keywords/).fill('persimmon ripe\nkaki');
    await form.getByLabel('Include replies').check();
    await form.getByRole('button', { name: 'Create antenna' }).click();
    const item = page.getByTestId('antenna-list').locator('li').first();
    await expect.poll(() => item.locator('.antenna-name').textContent()).toContain('Persimmons');

    // The server stored what the form said (read with the page's own session token).
    const token = await page.evaluate(() => localStorage.getItem('mikan:token'));
    const [antenna] = await server.client(token).request('antennas/list', {});
    expect(antenna).toMatchObject({ name: 'Persimmons', keywords: [['persimmon', 'ripe'], ['kaki']], withReplies: true, src: 'all' });

    await item.locator('.antenna-name').click();
    await page.getByRole('heading', { name: 'Persimmons' }).waitFor();
    await page.getByText('Nothing collected yet').waitFor();
    // Live: bob posts, the note appears without a reload; a note that does not match does not.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.client(bob.token).request('notes/create', { text: 'persimmon only' });
    const { createdNote } = await server.client(bob.token).request('notes/create', { text: 'The persimmon is ripe' });
    const shown = page.locator(`[data-note-id="${createdNote.id}"]`);
    await shown.waitFor({ timeout: 15_000 });
    expect(await shown.textContent()).toContain('The persimmon is ripe');
    await page.reload();
    await page.locator(`[data-note-id="${createdNote.id}"]`).waitFor();
    expect(await page.locator('.note-list .note').count()).toBe(1);

    // Edit: another keyword; then delete.
    await page.goto(`${server.url}/antennas`);
    await item.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel(/^Keywords/).fill('loquat');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.locator('.facts').textContent()).toContain('loquat');
    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('You have no antennas.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
