import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Notes as a reader sees them: MFM (effects as classes, Unicode emoji as twemoji images), polls
// voted from another browser and counted live, reactions from the picker (custom emoji, recent
// reactions), the media viewer, a reply's parent, and a deletion arriving live.
let server: TestServer;
let browser: Browser;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
let emojiUrl: string;

const suite = useWebClientSuite();
const png = (r: number, g: number, b: number) => sharp({ create: { width: 16, height: 16, channels: 4, background: { r, g, b, alpha: 1 } } }).png().toBuffer();


beforeAll(async () => {
  ({ server, browser } = suite);
  void browser;
  const admin = await server.createUser({ username: 'boss', password: TEST_PASSWORD, isAdmin: true });
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  const file = await server.upload(admin.token, 'mikan.png', await png(255, 140, 0));
  await server.client(admin.token).request('admin/emoji/add', { fileId: file.id, name: 'mikan_face', category: 'fruit' });
  emojiUrl = (await server.client().request('emoji', { name: 'mikan_face' })).url;
}, 60_000);

const open = async (username: string, noteId: string) => {
  const session = await suite.signedIn(username);
  await session.page.goto(`${server.url}/notes/${noteId}`);
  const note = session.page.locator(`.note[data-note-id="${noteId}"]`).first();
  await note.waitFor();
  return { ...session, note };
};

describe('notes in the web client', () => {
  it('renders MFM effects as elements with their classes, and Unicode emoji as twemoji images', { timeout: 60_000 }, async () => {
    const text = [
      '$[tada tada] $[jelly.speed=2s jelly] $[twitch twitch] $[shake shake] $[spin.x,left,speed=3s spin] $[jump jump] $[bounce bounce]',
      '$[flip.v flip] $[x2 big] $[font.monospace mono] $[blur secret] $[rainbow rainbow] $[sparkle sparkle] $[rotate.deg=45 rot]',
      '$[position.x=1,y=0.5 pos] $[scale.x=2,y=0.5 sc] $[fg.color=ff0000 red] $[bg.color=00f blue] $[border.width=2,style=dashed,color=0f0 box] $[ruby 蜜柑 みかん] $[unixtime 1700000000]',
      '`inline` **bold** *italic* ~~strike~~ <small>small</small> \\(x^2\\)',
      '> quoted',
      '<center>middle</center>',
      '```js\nconst a = 1;\n```',
      'mikan search',
      '🍊 ❤️ 👨‍👩‍👧 $[unknown kept]',
    ].join('\n');
    const { createdNote } = await server.client(alice.token).request('notes/create', { text });
    const { context, note, problems } = await open('bob', createdNote.id);
    const body = note.locator('.note-text');
    for (const name of ['tada', 'jelly', 'twitch', 'shake', 'spin', 'jump', 'bounce', 'flip', 'x2', 'font', 'blur', 'rainbow', 'sparkle', 'rotate', 'position', 'scale', 'fg', 'bg', 'border', 'ruby', 'unixtime']) {
      expect(await body.locator(`.mfm-${name}`).count(), name).toBe(1);
    }
    const style = (selector: string, property: string) => body.locator(selector).evaluate((element, p) => getComputedStyle(element).getPropertyValue(p), property);
    expect(await style('.mfm-tada', 'animation-name')).toBe('mfm-tada');
    expect(await style('.mfm-jelly', 'animation-duration')).toBe('2s');
    expect(await body.locator('.mfm-spin').getAttribute('class')).toContain('mfm-spin-x');
    expect(await style('.mfm-spin', 'animation-direction')).toBe('reverse');
    expect(await style('.mfm-spin', 'animation-duration')).toBe('3s');
    expect(await style('.mfm-flip', 'transform')).toBe('matrix(1, 0, 0, -1, 0, 0)');
    expect(await style('.mfm-font', 'font-family')).toBe('monospace');
    expect(await style('.mfm-rotate', 'transform')).toMatch(/^matrix\(0\.707/);
    expect(await style('.mfm-fg', 'color')).toBe('rgb(255, 0, 0)');
    expect(await style('.mfm-bg', 'background-color')).toBe('rgb(0, 0, 255)');
    expect(await style('.mfm-border', 'border-top-style')).toBe('dashed');
    expect(await style('.mfm-blur', 'filter')).toBe('blur(6px)');
    expect(await body.locator('.mfm-ruby rt').textContent()).toBe('みかん');
    expect(await body.locator('time.mfm-unixtime').getAttribute('datetime')).toBe('2023-11-14T22:13:20.000Z');
    expect(await body.locator('code.mfm-inline-code').textContent()).toBe('inline');
    expect(await body.locator('strong').textContent()).toBe('bold');
    expect(await body.locator('em').textContent()).toBe('italic');
    expect(await body.locator('del').textContent()).toBe('strike');
    expect(await body.locator('small').textContent()).toBe('small');
    expect(await body.locator('.mfm-math').textContent()).toBe('x^2');
    expect(await body.locator('blockquote.mfm-quote').textContent()).toContain('quoted');
    expect(await body.locator('.mfm-center').textContent()).toBe('middle');
    expect(await body.locator('pre.mfm-code').textContent()).toBe('const a = 1;');
    expect(await body.locator('form.mfm-search input').inputValue()).toBe('mikan');
    // An unknown effect keeps its content, without an effect class.
    expect(await body.locator('.mfm-fn').last().evaluate((element) => [element.className, element.textContent])).toEqual(['mfm-fn', 'kept']);
    // Unicode emoji: the server's twemoji SVGs, named as Misskey names them, with the emoji as alt text.
    const emoji = body.locator('img.mfm-emoji-unicode');
    expect(await emoji.evaluateAll((images: HTMLImageElement[]) => images.map((image) => [image.alt, new URL(image.src).pathname]))).toEqual([
      ['🍊', '/twemoji/1f34a.svg'], ['❤️', '/twemoji/2764.svg'], ['👨‍👩‍👧', '/twemoji/1f468-200d-1f469-200d-1f467.svg'],
    ]);
    await expect.poll(() => emoji.evaluateAll((images: HTMLImageElement[]) => images.every((image) => image.complete && image.naturalWidth > 0))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('votes on a poll from another browser and the count changes live in the first', { timeout: 60_000 }, async () => {
    const { createdNote } = await server.client(alice.token).request('notes/create', { text: 'Fruit?', poll: { choices: ['Mikan', 'Apple'], expiredAfter: 3_600_000 } });
    const first = await open('alice', createdNote.id);
    const second = await open('bob', createdNote.id);
    const poll = first.note.getByTestId('poll');
    expect(await poll.locator('.poll-total').textContent()).toBe('0 votes');
    await poll.getByText(/\d+ (min|h) left/).waitFor();

    await second.note.getByRole('button', { name: /^Mikan: 0 votes/ }).click();
    await second.note.getByRole('button', { name: 'Mikan: 1 votes, your vote' }).waitFor();
    // Single choice: once voted, no more buttons to press.
    expect(await second.note.getByRole('button', { name: /^Apple/ }).isDisabled()).toBe(true);
    // Live in the first browser, without a reload.
    await expect.poll(() => poll.locator('[data-choice="0"] .poll-votes').textContent()).toBe('1');
    expect(await poll.locator('[data-choice="0"] .poll-count').textContent()).toContain('100%');
    expect(await poll.locator('.poll-total').textContent()).toBe('1 vote');
    const stored = await server.client(bob.token).request('notes/show', { noteId: createdNote.id });
    expect(stored.poll!.choices.map((choice) => [choice.votes, choice.isVoted])).toEqual([[1, true], [0, false]]);

    // A closed poll says so and takes no votes.
    const { createdNote: closing } = await server.client(alice.token).request('notes/create', { text: 'Quick', poll: { choices: ['a', 'b'], expiresAt: Date.now() + 1500 } });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await second.page.goto(`${server.url}/notes/${closing.id}`);
    const closed = second.page.locator(`.note[data-note-id="${closing.id}"]`).getByTestId('poll');
    await closed.locator('.poll-closed').waitFor();
    expect(await closed.getByRole('button', { name: /^a:/ }).isDisabled()).toBe(true);
    expect([...first.problems, ...second.problems]).toEqual([]);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('reacts with a custom emoji from the picker (search), sees it live elsewhere and among recent reactions', { timeout: 60_000 }, async () => {
    const { createdNote } = await server.client(alice.token).request('notes/create', { text: 'React to me' });
    const watcher = await open('alice', createdNote.id);
    const reactor = await open('bob', createdNote.id);
    await reactor.note.getByRole('button', { name: 'React' }).click();
    const picker = reactor.note.getByRole('dialog', { name: 'Reaction picker' });
    // Categories: the custom emoji under its own, and the Unicode set.
    await picker.getByRole('region', { name: 'fruit' }).locator('[data-emoji="mikan_face"]').waitFor();
    expect(await picker.getByRole('region', { name: 'Faces' }).locator('button').count()).toBeGreaterThan(10);
    await picker.getByLabel('Search emoji').fill('mikan');
    expect(await picker.locator('[data-unicode]').count()).toBe(0);
    await picker.locator('[data-emoji="mikan_face"]').click();
    const reaction = reactor.note.locator('.note-reactions .reaction img.custom-emoji');
    await reaction.waitFor();
    expect(await reaction.getAttribute('src')).toBe(emojiUrl);
    expect((await server.client().request('notes/show', { noteId: createdNote.id })).reactions).toEqual({ ':mikan_face@.:': 1 });
    // Live in the other browser.
    await watcher.note.locator('.note-reactions .reaction img.custom-emoji').waitFor();
    expect(await watcher.note.locator('.note-reactions .reaction-count').textContent()).toBe('1');

    // Recent reactions: in the registry, and first in the picker on the next note.
    expect(await server.client(bob.token).request('i/registry/get', { scope: ['client', 'mikan'], key: 'recentReactions' })).toEqual([':mikan_face:']);
    const { createdNote: next } = await server.client(alice.token).request('notes/create', { text: 'Another' });
    await reactor.page.goto(`${server.url}/notes/${next.id}`);
    const nextNote = reactor.page.locator(`.note[data-note-id="${next.id}"]`);
    await nextNote.getByRole('button', { name: 'React' }).click();
    const recent = nextNote.getByRole('region', { name: 'Recent' });
    await recent.locator('[data-reaction=":mikan_face:"]').waitFor();
    // A Unicode reaction shows as its twemoji; taking it back counts down live.
    await nextNote.getByRole('region', { name: 'Hearts' }).locator('[data-unicode="🧡"]').click();
    const orange = nextNote.locator('.note-reactions .reaction img[alt="🧡"]');
    await orange.waitFor();
    expect(new URL((await orange.getAttribute('src'))!, server.url).pathname).toBe('/twemoji/1f9e1.svg');
    await watcher.page.goto(`${server.url}/notes/${next.id}`);
    const watched = watcher.page.locator(`.note[data-note-id="${next.id}"] .note-reactions .reaction`);
    await watched.waitFor();
    await nextNote.locator('.note-reactions .reaction').click();
    await expect.poll(() => watched.count()).toBe(0);
    expect(await server.client(bob.token).request('i/registry/get', { scope: ['client', 'mikan'], key: 'recentReactions' })).toEqual(['🧡', ':mikan_face:']);
    expect([...watcher.problems, ...reactor.problems]).toEqual([]);
    await Promise.all([watcher.context.close(), reactor.context.close()]);
  });

  it('shows media: sensitive behind a click, an accessible lightbox with arrows and Escape; a reply shows its parent; a deletion arrives live', { timeout: 60_000 }, async () => {
    const one = await server.upload(alice.token, 'one.png', await png(255, 0, 0), { fields: { isSensitive: 'true', comment: 'A red square' } });
    const two = await server.upload(alice.token, 'two.png', await png(0, 0, 255), { fields: { comment: 'A blue square' } });
    const { createdNote: parent } = await server.client(alice.token).request('notes/create', { text: 'The parent' });
    const { createdNote } = await server.client(alice.token).request('notes/create', { text: 'Pictures', fileIds: [one.id, two.id], replyId: parent.id });
    const { context, page, note, problems } = await open('bob', createdNote.id);
    // The parent above the reply.
    expect(await page.locator('.note-parent .note-text').textContent()).toBe('The parent');
    await note.getByRole('button', { name: /Sensitive content/ }).click();
    const red = note.getByRole('button', { name: 'View image: A red square' });
    await red.click();
    const dialog = page.getByRole('dialog', { name: 'Image 1 of 2' });
    await dialog.waitFor();
    expect(await dialog.locator('img.lightbox-image').getAttribute('alt')).toBe('A red square');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Close');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: 'Image 2 of 2' }).locator('img[alt="A blue square"]').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: 'Image 1 of 2' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // Focus goes back to what opened it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('View image: A red square');

    // The parent deleted by its author (its replies go with it, as in Misskey): the page says so without a reload.
    await server.client(alice.token).request('notes/delete', { noteId: parent.id });
    await page.getByText('This note was deleted.').first().waitFor();
    expect(await page.locator(`.note[data-note-id="${createdNote.id}"]`).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
