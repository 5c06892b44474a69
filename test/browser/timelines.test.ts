import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, tokenIn, useWebClientSuite } from './web-client.js';

// The home page's timelines: tabs by policy, filters kept in the registry, infinite scroll, notes
// that arrive while the reader is scrolled down held behind an "N new notes" button, renotes of a
// note on screen shown once.
let server: TestServer;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
/** bob's first notes, oldest first (bobNotes[24] is "bob note 25"). */
const bobNotes: string[] = [];
const REGISTRY = { key: 'timeline', scope: ['client', 'mikan'] };

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server } = suite);
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  await server.client(alice.token).request('following/create', { userId: bob.id });
  for (let i = 1; i <= 30; i++) bobNotes.push((await server.client(bob.token).request('notes/create', { text: `bob note ${i}` })).createdNote.id);
});

/** Top-level entries of the list (a quoted note inside one is not an entry). */
const entries = (page: Page, noteId?: string) => page.locator(noteId ? `.note-list > article[data-note-id="${noteId}"]` : '.note-list > article.note');

describe('timelines in the web client', () => {
  it('scrolls for more, holds live notes while scrolled down, and shows a renote of an on-screen note once', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    const tabs = page.getByRole('navigation', { name: 'Timelines' });
    await expect.poll(() => tabs.getByRole('button').allTextContents()).toEqual(['Home', 'Local', 'Social', 'Global']);
    await page.getByText('bob note 30').waitFor();
    expect(await entries(page).count()).toBe(20);

    // Infinite scroll: reaching the end loads the next page, no button pressed.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByText('bob note 1', { exact: true }).waitFor();
    expect(await entries(page).count()).toBe(30);

    // Scrolled down: bob's new note is held behind a button, and the page does not move.
    await page.evaluate(() => window.scrollTo(0, 1500));
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => window.scrollY);
    const firstShown = await entries(page).first().getAttribute('data-note-id');
    const { createdNote: fresh } = await server.client(bob.token).request('notes/create', { text: 'fresh from bob' });
    const button = page.getByTestId('new-notes');
    await expect.poll(() => button.textContent(), { timeout: 15_000 }).toContain('1 new note');
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    expect(await entries(page, fresh.id).count()).toBe(0);
    expect(await entries(page).first().getAttribute('data-note-id')).toBe(firstShown);
    await button.click();
    await expect.poll(() => entries(page).first().getAttribute('data-note-id')).toBe(fresh.id);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect.poll(() => button.count()).toBe(0);

    // At the top, a renote of a note on screen: shown once, at the top, "bob renoted" above it.
    const target = { id: bobNotes[24] };
    expect(await entries(page, target.id).count()).toBe(1);
    await server.client(alice.token).request('notes/reactions/create', { noteId: target.id, reaction: '👍' });
    const { createdNote: renote } = await server.client(bob.token).request('notes/create', { renoteId: target.id });
    await expect.poll(() => entries(page).first().getAttribute('data-note-id'), { timeout: 15_000 }).toBe(target.id);
    expect(await entries(page, target.id).count()).toBe(1);
    const top = entries(page).first();
    expect(await top.locator('.note-renoted').textContent()).toContain('renoted');
    // Its state is the server's, not a stale copy: alice's reaction is still on it.
    const stored = await server.client(alice.token).request('notes/show', { noteId: target.id });
    expect(stored.renoteCount).toBe(1);
    expect(stored.reactions['👍']).toBe(1);
    // Unicode reactions show as twemoji images whose alt text is the emoji.
    await expect.poll(() => top.locator('.reaction img').first().getAttribute('alt')).toBe('👍');
    expect(renote.renoteId).toBe(target.id);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the tab and filters in the registry, passes them to the endpoint and the stream, and hides tabs the policies turn off', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    const tabs = page.getByRole('navigation', { name: 'Timelines' });
    await page.getByText('fresh from bob').waitFor();
    // Renotes off: the renote of "bob note 25" leaves the list, and the choice is stored.
    const filter = (name: string) => page.getByTestId('timeline-filters').getByRole('button', { name });
    await filter('Renotes').click();
    await page.getByText('fresh from bob').waitFor();
    await expect.poll(() => page.locator('.note-renoted').count()).toBe(0);
    const token = await tokenIn(page);
    await expect.poll(() => server.client(token).request('i/registry/get', REGISTRY)).toMatchObject({ src: 'home', withRenotes: false });
    // Live with the filter: a renote from bob does not arrive, his note does.
    await page.waitForTimeout(500);
    const other = { id: bobNotes[2] };
    await server.client(bob.token).request('notes/create', { renoteId: other.id });
    const { createdNote: plain } = await server.client(bob.token).request('notes/create', { text: 'plain while filtered' });
    await entries(page, plain.id).waitFor({ timeout: 15_000 });
    expect(await page.locator('.note-renoted').count()).toBe(0);

    // The Local tab (with its Replies filter), kept after a reload.
    await tabs.getByRole('button', { name: 'Local' }).click();
    await filter('Replies').click();
    await expect.poll(() => server.client(token).request('i/registry/get', REGISTRY)).toMatchObject({ src: 'local', withReplies: true, withRenotes: false });
    await page.reload();
    await expect.poll(() => tabs.getByRole('button', { name: 'Local' }).getAttribute('aria-pressed')).toBe('true');
    expect(await filter('Renotes').getAttribute('aria-pressed')).toBe('false');
    expect(await filter('Replies').getAttribute('aria-pressed')).toBe('true');

    // The global timeline turned off for everyone: its tab goes.
    const admin = await server.createUser({ isAdmin: true });
    await server.client(admin.token).request('admin/roles/update-default-policies', { policies: { gtlAvailable: false } } as never);
    await page.reload();
    await expect.poll(() => tabs.getByRole('button').allTextContents()).toEqual(['Home', 'Local', 'Social']);
    // An unknown stored value falls back to the defaults rather than breaking the page.
    await server.client(token).request('i/registry/set', { ...REGISTRY, value: { src: 'nowhere', withFiles: 'yes' } });
    await page.reload();
    await expect.poll(() => tabs.getByRole('button', { name: 'Home' }).getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
    await context.close();
  });
});
