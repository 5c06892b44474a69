import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// The composer as a user works it: attachments (upload with progress, drop, paste, pick from the
// drive, sensitive flag and alt text, remove), polls, specified recipients, local-only, reaction
// acceptance, completion of @mentions, #hashtags and :emoji:, the MFM preview, drafts and the count.
let server: TestServer;
let browser: Browser;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
let carol: Awaited<ReturnType<TestServer['createUser']>>;

const suite = useWebClientSuite();
const png = (r: number, g: number, b: number) => sharp({ create: { width: 16, height: 16, channels: 4, background: { r, g, b, alpha: 1 } } }).png().toBuffer();


beforeAll(async () => {
  ({ server, browser } = suite);
  void browser;
  const admin = await server.createUser({ username: 'boss', password: TEST_PASSWORD, isAdmin: true });
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  carol = await server.createUser({ username: 'carol', password: TEST_PASSWORD });
  const emojiFile = await server.upload(admin.token, 'mikan.png', await png(255, 140, 0));
  await server.client(admin.token).request('admin/emoji/add', { fileId: emojiFile.id, name: 'mikan_face', category: 'fruit' });
  await server.client(bob.token).request('notes/create', { text: 'Spring #orangeblossom' });
}, 60_000);

describe('the composer', () => {
  it('attaches files (chosen, dropped, pasted, from the drive), stores alt text and the sensitive flag, removes one, and posts', { timeout: 60_000 }, async () => {
    const fromDrive = await server.upload(alice.token, 'from-drive.png', await png(0, 120, 255));
    const { context, page, problems } = await suite.signedIn('alice');
    const form = page.locator('form.post-form').first();

    // A slow upload shows its progress (the network throttled to 64 KB/s for it).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
    const noise = await sharp(Buffer.from(Array.from({ length: 160 * 160 * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: 160, height: 160, channels: 3 } }).png().toBuffer();
    await form.getByLabel('Note').fill('Three pictures');
    await form.locator('input[name="attach"]').setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: noise });
    const progress = form.getByRole('progressbar', { name: 'Uploading noise.png' });
    await expect.poll(() => progress.evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await progress.evaluate((bar: HTMLProgressElement) => bar.value)).toBeLessThan(1);
    // Post waits for the upload.
    expect(await form.getByRole('button', { name: 'Post' }).isDisabled()).toBe(true);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await form.locator('[data-attachment="noise.png"]').getByLabel('Alt text for noise.png').waitFor();
    expect(await form.getByRole('button', { name: 'Post' }).isDisabled()).toBe(false);
    await form.getByRole('button', { name: 'Remove noise.png' }).click();

    await form.locator('input[name="attach"]').setInputFiles({ name: 'orange.png', mimeType: 'image/png', buffer: await png(255, 140, 0) });
    const orange = form.locator('[data-attachment="orange.png"]');
    await orange.getByLabel('Alt text for orange.png').waitFor();
    await orange.getByLabel('Alt text for orange.png').fill('An orange square');
    await orange.getByLabel('Alt text for orange.png').press('Tab');
    await expect.poll(() => orange.locator('.attachment-status').textContent()).toBe('Saved');
    await orange.getByLabel('Sensitive').check();
    await expect.poll(() => orange.locator('.attachment-status').textContent()).toBe('Saved');

    // Dropped onto the composer.
    const green = (await png(0, 200, 0)).toString('base64');
    await form.evaluate((element, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, green);
    await form.locator('[data-attachment="dropped.png"]').getByLabel('Alt text for dropped.png').waitFor();

    // Pasted from the clipboard.
    await form.getByLabel('Note').evaluate((element, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, (await png(200, 0, 200)).toString('base64'));
    await form.locator('[data-attachment="pasted.png"]').getByLabel('Alt text for pasted.png').waitFor();
    // Removed again.
    await form.getByRole('button', { name: 'Remove dropped.png' }).click();
    await expect.poll(() => form.locator('[data-attachment="dropped.png"]').count()).toBe(0);

    // Picked from the drive.
    await form.getByRole('button', { name: 'From drive' }).click();
    await form.locator('[data-drive-file="from-drive.png"]').click();
    await form.locator('[data-attachment="from-drive.png"]').waitFor();

    await form.getByRole('button', { name: 'Post' }).click();
    const note = page.locator('.note-list .note').first();
    await expect.poll(() => note.locator('.note-text').textContent()).toContain('Three pictures');
    const noteId = (await note.getAttribute('data-note-id'))!;
    const stored = await server.client(alice.token).request('notes/show', { noteId });
    expect(stored.files!.map((file) => file.name)).toEqual(['orange.png', 'pasted.png', 'from-drive.png']);
    expect(stored.files![0]).toMatchObject({ comment: 'An orange square', isSensitive: true });
    expect(stored.files![2]!.id).toBe(fromDrive.id);
    // The sensitive picture is behind a cover; the others show with their alt text.
    expect(await note.locator('.sensitive-cover').count()).toBe(1);
    // The composer is empty again.
    expect(await form.locator('.attachment').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('holds Post while a failed upload is listed, and says why', { timeout: 60_000 }, async () => {
    const policies = server.ctx.meta.get().policies;
    await server.ctx.meta.update({ policies: { ...(policies as object), uploadableFileTypes: ['image/*'] } });
    try {
      const { context, page, problems } = await suite.signedIn('alice');
      const form = page.locator('form.post-form').first();
      await form.getByLabel('Note').fill('With a refused file');
      await form.locator('input[name="attach"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
      await form.getByText('A file could not be uploaded: remove it to post.').waitFor();
      expect(await form.getByRole('button', { name: 'Post' }).isDisabled()).toBe(true);
      await form.getByRole('button', { name: 'Remove notes.txt' }).click();
      await expect.poll(() => form.getByRole('button', { name: 'Post' }).isDisabled()).toBe(false);
      expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
      await context.close();
    } finally {
      await server.ctx.meta.update({ policies });
    }
  });

  it('posts a poll with an expiry, refuses one with a single choice, and keeps polls in drafts', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    const form = page.locator('form.post-form').first();
    await form.getByLabel('Note').fill('Best fruit?');
    await form.getByLabel('Poll').check();
    await form.getByRole('textbox', { name: 'Choice 1' }).fill('Mikan');
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByText('A poll needs at least two choices.').waitFor();

    await form.getByRole('textbox', { name: 'Choice 2' }).fill('Apple');
    await form.getByRole('button', { name: 'Add choice' }).click();
    await form.getByRole('textbox', { name: 'Choice 3' }).fill('Pear');
    await form.getByLabel('Multiple answers').check();
    await form.getByLabel('Ends', { exact: true }).selectOption('after');
    await form.getByLabel('Poll duration', { exact: true }).fill('2');
    await form.getByLabel('Poll duration unit').selectOption('hours');
    // Saved as a draft and resumed: the poll comes back.
    await form.getByRole('button', { name: 'Save draft' }).click();
    await form.getByText('Saved to drafts.').waitFor();
    expect(await form.getByRole('textbox', { name: 'Choice 1' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Drafts' }).click();
    await form.getByRole('button', { name: 'Resume' }).first().click();
    await expect.poll(() => form.getByRole('textbox', { name: 'Choice 3' }).inputValue()).toBe('Pear');
    expect(await form.getByLabel('Multiple answers').isChecked()).toBe(true);

    const before = Date.now();
    await form.getByRole('button', { name: 'Post' }).click();
    const note = page.locator('.note-list .note').first();
        await note.locator('[data-testid="poll"]').waitFor();
    const stored = await server.client(alice.token).request('notes/show', { noteId: (await note.getAttribute('data-note-id'))! });
    expect(stored.poll!.choices.map((choice) => choice.text)).toEqual(['Mikan', 'Apple', 'Pear']);
    expect(stored.poll!.multiple).toBe(true);
    const expiresIn = new Date(stored.poll!.expiresAt!).getTime() - before;
    expect(expiresIn).toBeGreaterThan(7_100_000);
    expect(expiresIn).toBeLessThan(7_300_000);
    // The resumed draft was used up by posting.
    expect(await server.client(alice.token).request('notes/drafts/list', {})).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a specified note to the chosen recipient only, local-only with likes only', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    const form = page.locator('form.post-form').first();
    await form.getByLabel('Visibility').selectOption('specified');
    await form.getByLabel('Add recipient').fill('@nobody_here');
    await form.getByRole('button', { name: 'Add recipient' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByLabel('Add recipient').fill('@bob');
    await form.getByRole('button', { name: 'Add recipient' }).click();
    await form.locator('[data-recipient="bob"]').waitFor();
    await form.getByLabel('Local only').check();
    await form.getByLabel('Reactions').selectOption({ label: 'Likes only' });
    await form.getByLabel('Note').fill('Just for Bob');
    await form.getByRole('button', { name: 'Post' }).click();
    const note = page.locator('.note-list .note', { hasText: 'Just for Bob' }).first();
        await note.waitFor();
    const noteId = (await note.getAttribute('data-note-id'))!;
    // The author's own view: no React button on a likes-only note.
    expect(await note.getByRole('button', { name: 'React' }).count()).toBe(0);

    const forBob = await server.client(bob.token).request('notes/show', { noteId });
    expect(forBob).toMatchObject({ text: 'Just for Bob', visibility: 'specified', visibleUserIds: [bob.id], localOnly: true, reactionAcceptance: 'likeOnly' });
    // Others get it packed as hidden (Misskey's notes/show), without its text.
    expect(await server.client(carol.token).request('notes/show', { noteId })).toMatchObject({ isHidden: true, text: null });
    expect(await server.client(null).request('notes/show', { noteId })).toMatchObject({ isHidden: true, text: null });

    // Bob sees it in his browser; Carol does not.
    const bobSession = await suite.signedIn('bob');
    await bobSession.page.goto(`${server.url}/notes/${noteId}`);
    await bobSession.page.locator(`.note[data-note-id="${noteId}"]`).getByText('Just for Bob').waitFor();
    const carolSession = await suite.signedIn('carol');
    await carolSession.page.goto(`${server.url}/notes/${noteId}`);
    await carolSession.page.getByText('This note is not visible to you.').waitFor();
    expect(await carolSession.page.getByText('Just for Bob').count()).toBe(0);
    expect([...problems, ...bobSession.problems, ...carolSession.problems]).toEqual([]);
    await Promise.all([context.close(), bobSession.context.close(), carolSession.context.close()]);
  });

  it('completes @mentions, #hashtags and :emoji:, previews MFM and counts characters', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    const form = page.locator('form.post-form').first();
    const textarea = form.getByLabel('Note');
    const suggestions = form.getByRole('listbox', { name: 'Suggestions' });

    await textarea.pressSequentially('Hi @bo');
    await suggestions.getByRole('option', { name: '@bob' }).waitFor();
    await textarea.press('Enter');
    await expect.poll(() => textarea.inputValue()).toBe('Hi @bob ');

    await textarea.pressSequentially('#orangeb');
    await suggestions.getByRole('option', { name: '#orangeblossom' }).waitFor();
    await textarea.press('Tab');
    await expect.poll(() => textarea.inputValue()).toBe('Hi @bob #orangeblossom ');

    await textarea.pressSequentially(':mikan_f');
    await suggestions.getByRole('option', { name: ':mikan_face:' }).click();
    await expect.poll(() => textarea.inputValue()).toBe('Hi @bob #orangeblossom :mikan_face: ');
    // Escape closes the list without touching the text.
    await textarea.pressSequentially(':tange');
    await suggestions.getByRole('option', { name: /tangerine/ }).waitFor();
    await textarea.press('Escape');
    expect(await suggestions.count()).toBe(0);
    await textarea.press('ArrowDown'); // nothing selected: the textarea keeps the key
    await textarea.fill('$[tada Hi] **bold** 🍊');

    await form.getByLabel('Preview').check();
    const preview = form.getByTestId('mfm-preview');
    await preview.locator('.mfm-tada').waitFor();
    expect(await preview.locator('strong').textContent()).toBe('bold');
    expect(await preview.locator('img.mfm-emoji-unicode').getAttribute('alt')).toBe('🍊');

    const max = (await server.client().request('meta', {})).maxNoteTextLength;
    const text = await textarea.inputValue();
    expect(await form.locator('[aria-live="polite"]').textContent()).toBe(String(max - text.length));
    await textarea.fill('x'.repeat(max + 1));
    expect(await form.locator('[aria-live="polite"]').textContent()).toBe('-1');
    expect(await form.getByRole('button', { name: 'Post' }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
