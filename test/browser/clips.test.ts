import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

// Clips in the web client: the Clips page (create, edit), the note's Clip menu, a clip's page with
// its notes and Favorite.
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

it('creates a clip, clips a note from its menu, shows it on the clip page, favourites and unclips', { timeout: 120_000 }, async () => {
  const { createdNote } = await server.client(bob.token).request('notes/create', { text: 'A note worth clipping' });
  const { context, page, problems } = await openClient(browser, server);
  await page.goto(`${server.url}/signin`);
  await submitSignIn(page, 'alice', PASSWORD);
  await page.waitForURL(`${server.url}/`);

  await page.getByRole('link', { name: 'Clips' }).click();
  await page.getByText('You have no clips.').waitFor();
  await page.getByLabel('Name').fill('Keepers');
  await page.getByLabel('Description').fill('Notes to read again');
  await page.getByRole('button', { name: 'Create clip' }).click();
  const item = page.getByTestId('clip-list').locator('.item').first();
  await item.getByRole('link', { name: 'Keepers' }).waitFor();
  expect(await item.textContent()).toContain('Private');
  // Edit: make it public.
  await item.getByRole('button', { name: 'Edit' }).click();
  await item.getByLabel('Public').check();
  await item.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => item.textContent()).toContain('Public');

  // The note's Clip menu adds it to the clip.
  await page.goto(`${server.url}/notes/${createdNote.id}`);
  const note = page.locator(`[data-note-id="${createdNote.id}"]`).first();
  await note.getByRole('button', { name: 'Clip' }).click();
  await note.getByRole('button', { name: 'Add to Keepers' }).click();
  await note.getByRole('button', { name: 'Remove from Keepers' }).waitFor();
  const [clip] = await server.client().request('users/clips', { userId: (await server.client().request('users/show', { username: 'alice' })).id });
  expect(clip).toMatchObject({ name: 'Keepers', description: 'Notes to read again', isPublic: true, notesCount: 1 });

  // The clip page lists it; Favorite counts.
  await note.getByRole('link', { name: 'Keepers' }).click();
  await page.waitForURL(`${server.url}/clips/${clip!.id}`);
  await page.getByTestId('clip-name').filter({ hasText: 'Keepers' }).waitFor();
  await page.locator(`.note-list [data-note-id="${createdNote.id}"]`).waitFor();
  expect(await page.locator('.note-list .note-text').first().textContent()).toContain('A note worth clipping');
  await page.getByRole('button', { name: 'Favorite' }).click();
  await page.getByRole('button', { name: 'Unfavorite' }).waitFor();
  expect(await page.getByTestId('clip-favorites').textContent()).toBe('★ 1');

  // Out of the clip again from the note's menu (the menu learns it holds the note, as Misskey's does).
  const listed = page.locator(`.note-list [data-note-id="${createdNote.id}"]`);
  await listed.getByRole('button', { name: 'Clip' }).click();
  await listed.getByRole('button', { name: 'Add to Keepers' }).click();
  await listed.getByRole('button', { name: 'Remove from Keepers' }).click();
  await listed.getByRole('button', { name: 'Add to Keepers' }).waitFor();
  expect(await server.client().request('clips/notes', { clipId: clip!.id })).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
