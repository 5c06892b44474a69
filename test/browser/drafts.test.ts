import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, submitSignIn } from './web-client.js';

/** Drafts and scheduled notes in the home page's composer. */
const PASSWORD = 'correct horse battery';
let browser: Browser;
let server: TestServer;
let writer: Awaited<ReturnType<TestServer['createUser']>>;

beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  server = await startTestServer({ rateLimit: false });
  writer = await server.createUser({ username: 'writer', password: PASSWORD });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn() {
  const session = await openClient(browser, server);
  await session.page.goto(`${server.url}/signin`);
  await submitSignIn(session.page, 'writer', PASSWORD);
  await session.page.waitForURL(`${server.url}/`);
  return session;
}
const drafts = () => server.client(writer.token).request('notes/drafts/list', {});
const notesOf = () => server.client(writer.token).request('users/notes', { userId: writer.id });

describe('composer drafts', () => {
  it('saves a draft, lists it, resumes it and posts it (the draft is then gone)', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn();
    await page.getByLabel('Note').fill('half a thought');
    await page.getByLabel('CW').check();
    await page.getByPlaceholder('What the note is about').fill('musings');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to drafts.' }).waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe('');
    const [saved] = await drafts();
    expect(saved).toMatchObject({ text: 'half a thought', cw: 'musings', isActuallyScheduled: false, scheduledAt: null });

    await page.getByRole('button', { name: 'Drafts' }).click();
    const item = page.locator(`[data-draft-id="${saved!.id}"]`);
    expect(await item.locator('.draft-text').textContent()).toBe('half a thought');
    await item.getByRole('button', { name: 'Resume' }).click();
    expect(await page.getByLabel('Note').inputValue()).toBe('half a thought');
    expect(await page.getByPlaceholder('What the note is about').inputValue()).toBe('musings');
    await page.locator('.draft-marker').waitFor();

    // Saving again updates the same draft.
    await page.getByLabel('Note').fill('a whole thought');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to drafts.' }).waitFor();
    expect((await drafts()).map((d) => [d.id, d.text])).toEqual([[saved!.id, 'a whole thought']]);

    await page.getByRole('button', { name: 'Drafts' }).click();
    await item.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await waitFor(async () => (await notesOf()).some((note) => note.text === 'a whole thought' && note.cw === 'musings'), 10_000);
    await waitFor(async () => (await drafts()).length === 0, 10_000);

    // Deleting a draft from the list.
    await page.getByLabel('Note').fill('throwaway');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to drafts.' }).waitFor();
    await page.getByRole('button', { name: 'Drafts' }).click();
    await page.locator('[data-draft-id]').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('drafts').getByText('No drafts.').waitFor();
    expect(await drafts()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('schedules a note: it waits as a scheduled draft and is posted at its time; a past time is refused', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn();
    await page.getByLabel('Note').fill('from the past');
    await page.getByLabel('Schedule').check();
    const at = page.locator('input[name="scheduledAt"]');
    const local = (ms: number) => page.evaluate((t) => new Date(t - new Date(t).getTimezoneOffset() * 60_000).toISOString().slice(0, 19), ms);
    await at.fill(await local(Date.now() - 60_000));
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.locator('.error', { hasText: 'CANNOT_SCHEDULE_TO_PAST' }).waitFor();

    await page.getByLabel('Note').fill('posted later');
    const when = Date.now() + 8_000;
    await at.fill(await local(when));
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Scheduled for' }).waitFor();
    const [scheduled] = await drafts();
    expect(scheduled).toMatchObject({ text: 'posted later', isActuallyScheduled: true });
    expect(Math.abs(scheduled!.scheduledAt! - when)).toBeLessThan(1000);
    expect((await notesOf()).some((note) => note.text === 'posted later')).toBe(false);
    await page.getByRole('button', { name: 'Drafts' }).click();
    await page.locator(`[data-draft-id="${scheduled!.id}"] .draft-scheduled`).waitFor();

    await waitFor(async () => (await notesOf()).some((note) => note.text === 'posted later'), 30_000);
    // The draft goes just after the note appears (a step of its own, so a retried job only finishes up).
    await waitFor(async () => (await drafts()).length === 0, 10_000);
    expect(problems).toEqual([]);
    await context.close();
  });
});
