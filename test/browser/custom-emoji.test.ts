import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Control panel > Custom emoji, then the emoji in a note's text and as a reaction picked from the picker.
let server: TestServer;
let browser: Browser;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  void browser;
  await server.createUser({ username: 'boss', password: TEST_PASSWORD, isAdmin: true });
  await server.createUser({ username: 'alice', password: TEST_PASSWORD });
});

describe('custom emoji in the web client', () => {
  it('an administrator adds an emoji in the control panel; a user posts a note with it and reacts with it; both show the image', { timeout: 120_000 }, async () => {
    const png = await sharp({ create: { width: 24, height: 24, channels: 4, background: { r: 255, g: 140, b: 0, alpha: 1 } } }).png().toBuffer();
    const admin = await suite.signedIn('boss');
    await admin.page.goto(`${server.url}/admin/emojis`);
    await admin.page.getByText('No custom emoji yet.').waitFor();
    await admin.page.locator('input[name="emoji-file"]').setInputFiles({ name: 'mikan.png', mimeType: 'image/png', buffer: png });
    await admin.page.locator('input[name="emoji-name"]').fill('mikan_face');
    await admin.page.locator('input[name="emoji-category"]').fill('fruit');
    await admin.page.getByRole('button', { name: 'Add emoji' }).click();
    const row = admin.page.locator('[data-emoji-name="mikan_face"]');
    await row.waitFor();
    // Edit: aliases and license from the list.
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.locator('input[name="edit-aliases"]').fill('orange citrus');
    await row.locator('input[name="edit-license"]').fill('CC0');
    await row.getByRole('button', { name: 'Save' }).click();
    await admin.page.getByText('Emoji saved.').waitFor();
    const emoji = await server.client().request('emoji', { name: 'mikan_face' });
    expect(emoji).toMatchObject({ category: 'fruit', aliases: ['orange', 'citrus'], license: 'CC0' });
    expect(admin.problems).toEqual([]);
    await admin.context.close();

    const { context, page, problems } = await suite.signedIn('alice');
    await page.getByLabel('Note').fill('Fresh :mikan_face: today');
    await page.getByRole('button', { name: 'Post' }).click();
    const note = page.locator('.note-list .note').first();
    const inText = note.locator('.note-text img.custom-emoji');
    await inText.waitFor();
    expect(await inText.getAttribute('src')).toBe(emoji.url);
    await expect.poll(() => inText.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);

    await note.getByRole('button', { name: 'React' }).click();
    await note.locator('.reaction-picker [data-emoji="mikan_face"]').click();
    const reaction = note.locator('.note-reactions .reaction img.custom-emoji');
    await reaction.waitFor();
    expect(await reaction.getAttribute('src')).toBe(emoji.url);
    await expect.poll(() => reaction.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);
    const noteId = await note.getAttribute('data-note-id');
    expect((await server.client().request('notes/show', { noteId: noteId! })).reactions).toEqual({ ':mikan_face@.:': 1 });
    expect(problems).toEqual([]);
    await context.close();
  });
});
