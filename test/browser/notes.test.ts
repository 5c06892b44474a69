import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Posting and reading in the web client: the home page's composer and timelines, a note's page,
// a profile with Follow, reactions, replies, deleting, and notifications.
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

const signedIn = (username: string) => suite.signedIn(username);

describe('notes in the web client', () => {
  it('posts from the home page and shows the note at the top of the home timeline, text never as HTML', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn('alice');
    await page.getByLabel('Note').fill('Hello from the browser <img src=x onerror="window.pwned=1"> #mikan');
    await page.getByRole('button', { name: 'Post' }).click();
    const first = page.locator('.note-list .note').first();
    await expect.poll(() => first.locator('.note-text').textContent()).toContain('Hello from the browser <img src=x');
    // The markup is text: no element was made from it, and the hashtag became a link.
    expect(await first.locator('.note-text img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await first.getByRole('link', { name: '#mikan' }).count()).toBe(1);
    // The server has it.
    const notes = await server.client().request('users/notes', { userId: (await server.client().request('users/show', { username: 'alice' })).id });
    expect(notes[0].text).toContain('Hello from the browser');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows bob from his profile, then shows his notes on the home timeline; likes and replies', { timeout: 90_000 }, async () => {
    const { createdNote } = await server.client(bob.token).request('notes/create', { text: 'Bob was here' });
    const { context, page, problems } = await signedIn('alice');
    // Not followed yet: the home timeline does not have it.
    await page.locator('.note-list').waitFor();
    await expect.poll(() => page.locator(`[data-note-id="${createdNote.id}"]`).count()).toBe(0);

    await page.goto(`${server.url}/@bob`);
    await page.getByRole('heading', { name: 'bob' }).waitFor();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    expect((await server.client(bob.token).request('users/show', { username: 'alice' }) as { isFollowing: boolean }).isFollowing).toBe(false);

    await page.getByRole('link', { name: 'Home' }).click();
    const note = page.locator(`.note-list [data-note-id="${createdNote.id}"]`);
    await note.waitFor();
    await note.getByRole('button', { name: 'Like' }).click();
    await note.getByRole('button', { name: 'Unlike' }).waitFor();
    // Unicode reactions show as twemoji images (alt: the emoji), then the count.
    await expect.poll(() => note.locator('.reaction.mine img').getAttribute('alt')).toBe('❤');
    expect((await note.locator('.reaction.mine').textContent())!.trim()).toBe('1');
    expect((await server.client(bob.token).request('notes/show', { noteId: createdNote.id })).reactions).toEqual({ '❤': 1 });

    await note.getByRole('button', { name: 'Reply' }).click();
    await note.getByLabel('Reply').fill('Hi Bob!');
    await note.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await expect.poll(async () => (await server.client(bob.token).request('notes/children', { noteId: createdNote.id })).map((n) => n.text)).toEqual(['Hi Bob!']);

    // The note's own page shows the reply under it.
    await page.goto(`${server.url}/notes/${createdNote.id}`);
    await page.locator('.replies').getByText('Hi Bob!').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('deletes a note after confirmation', { timeout: 90_000 }, async () => {
    const { createdNote } = await server.client((await server.createUser({ username: 'carol', password: PASSWORD })).token).request('notes/create', { text: 'Soon gone' });
    const { context, page, problems } = await signedIn('carol');
    const note = page.locator(`[data-note-id="${createdNote.id}"]`);
    await note.waitFor();
    await note.getByRole('button', { name: 'Delete' }).click();
    await note.getByRole('button', { name: 'Keep' }).waitFor();
    await note.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.locator(`[data-note-id="${createdNote.id}"]`).count()).toBe(0);
    await expect(server.client().request('notes/show', { noteId: createdNote.id })).rejects.toMatchObject({ code: 'NO_SUCH_NOTE' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists notifications: a follow and a reply', { timeout: 90_000 }, async () => {
    const dave = await server.createUser({ username: 'dave', password: PASSWORD });
    const { createdNote } = await server.client(dave.token).request('notes/create', { text: 'Dave asks' });
    await server.client(bob.token).request('following/create', { userId: dave.id });
    await server.client(bob.token).request('notes/create', { text: 'Bob answers', replyId: createdNote.id });
    const { context, page, problems } = await signedIn('dave');
    await page.getByRole('link', { name: /Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await page.locator('.notifications [data-type="follow"]').getByText('followed you').waitFor();
    await page.locator('.notifications [data-type="reply"]').getByText('Bob answers').waitFor();
    // Read now.
    await expect.poll(async () => (await server.client(dave.token).request('i', {})).hasUnreadNotification).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows notes as they are posted, and lights the notifications dot live', { timeout: 90_000 }, async () => {
    const erin = await server.createUser({ username: 'erin', password: PASSWORD });
    const { context, page, problems } = await signedIn('erin');
    await page.locator('.note-list').waitFor();
    // Signing in made a `login` notification; reading everything elsewhere clears the dot live.
    await page.locator('.site-nav .dot').waitFor();
    await server.client(erin.token).request('notifications/mark-all-as-read', {});
    await page.locator('.site-nav .dot').waitFor({ state: 'detached' });
    // Following bob now (the home channel learns of it), then bob posts: it appears without a reload.
    await server.client(erin.token).request('following/create', { userId: bob.id });
    await expect.poll(async () => {
      const { createdNote } = await server.client(bob.token).request('notes/create', { text: `Live ${Date.now()}` });
      return page.locator(`[data-note-id="${createdNote.id}"]`).waitFor({ timeout: 2_000 }).then(() => true, () => false);
    }, { timeout: 20_000 }).toBe(true);
    // A follow notification arrives over the main channel.
    await server.client(bob.token).request('following/create', { userId: erin.id });
    await page.locator('.site-nav .dot').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
