import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// /search (notes with filters, users, hashtags; the query in the URL), /explore (trending hashtags,
// featured notes, popular and active users), /tags/:tag live, /mentions and /messages live.
let server: TestServer;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
let carol: Awaited<ReturnType<TestServer['createUser']>>;
const ids: Record<string, string> = {};

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server } = suite);
  const admin = await server.createUser({ isAdmin: true });
  await server.client(admin.token).request('admin/roles/update-default-policies', { policies: { canSearchNotes: true } } as never);
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
  carol = await server.createUser({ username: 'carol', name: 'Carol Kaki', password: TEST_PASSWORD });
  await server.client(alice.token).request('following/create', { userId: bob.id });
  await server.client(carol.token).request('following/create', { userId: bob.id });
  ids.bobPie = (await server.client(bob.token).request('notes/create', { text: 'persimmon pie #autumn' })).createdNote.id;
  ids.carolJam = (await server.client(carol.token).request('notes/create', { text: 'persimmon jam #autumn' })).createdNote.id;
  ids.other = (await server.client(bob.token).request('notes/create', { text: 'nothing to see' })).createdNote.id;
  await server.client(alice.token).request('notes/reactions/create', { noteId: ids.carolJam, reaction: '👍' });
});

const shownNoteIds = (page: import('playwright-core').Page) =>
  page.locator('.note-list > article.note').evaluateAll((els) => els.map((el) => el.getAttribute('data-note-id')));

describe('search in the web client', () => {
  it('finds notes (with a user filter), users and hashtags, keeping the query in the URL', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('searchbox').fill('persimmon');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'persimmon' && url.searchParams.get('type') === 'notes');
    await expect.poll(() => shownNoteIds(page)).toEqual([ids.carolJam, ids.bobPie]);

    // From bob only; a reload repeats the search from the URL.
    await page.getByLabel('From user').fill('@bob');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('user') === 'bob');
    await expect.poll(() => shownNoteIds(page)).toEqual([ids.bobPie]);
    await page.reload();
    await expect.poll(() => shownNoteIds(page)).toEqual([ids.bobPie]);
    expect(await page.getByLabel('From user').inputValue()).toBe('bob');

    // An unknown user: the server's error, no results.
    await page.goto(`${server.url}/search?q=persimmon&type=notes&user=nobody`);
    await page.locator('.error').waitFor();
    expect(await page.locator('.error').textContent()).toContain('NO_SUCH_USER');
    expect(await page.locator('.note-list').count()).toBe(0);

    // Users: by name.
    await page.goto(`${server.url}/search?q=kaki&type=users`);
    await expect.poll(() => page.getByTestId('search-users').locator('li').evaluateAll((els) => els.map((el) => el.getAttribute('data-user-id')))).toEqual([carol.id]);
    expect(await page.getByRole('radio', { name: 'Users' }).isChecked()).toBe(true);
    // Hashtags: a prefix, then the tag's page.
    await page.getByRole('radio', { name: 'Hashtags' }).check();
    await page.getByRole('searchbox').fill('aut');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-hashtags').getByRole('link', { name: '#autumn' }).click();
    await page.waitForURL(`${server.url}/tags/autumn`);
    await expect.poll(() => shownNoteIds(page)).toEqual([ids.carolJam, ids.bobPie]);

    // Live on the tag page (the hashtag channel): a new #autumn note arrives, an untagged one does not.
    await page.waitForTimeout(500);
    await server.client(carol.token).request('notes/create', { text: 'persimmon, untagged' });
    const { createdNote } = await server.client(bob.token).request('notes/create', { text: 'dried persimmons #Autumn' });
    await expect.poll(() => shownNoteIds(page), { timeout: 15_000 }).toEqual([createdNote.id, ids.carolJam, ids.bobPie]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('explore, mentions and messages', () => {
  it('shows trending hashtags with their charts, featured notes, popular and active users', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    await page.getByRole('link', { name: 'Explore' }).click();
    const trend = page.getByTestId('trends').locator('li', { hasText: '#autumn' });
    await trend.waitFor();
    expect(await trend.textContent()).toContain('2 people');
    const [stored] = await server.client(alice.token).request('hashtags/trend', {});
    expect(stored.tag).toBe('autumn');
    expect(await trend.locator('.spark span').count()).toBe(stored.chart.length);
    // Featured: carol's note, which alice reacted to.
    await expect.poll(() => shownNoteIds(page)).toEqual([ids.carolJam]);

    await page.getByRole('button', { name: 'Users' }).click();
    // bob has two followers, the others none: he comes first.
    await expect.poll(() => page.getByTestId('popular-users').locator('li').first().getAttribute('data-user-id')).toBe(bob.id);
    expect(await page.getByTestId('popular-users').locator('li').first().textContent()).toContain('2 followers');
    const active = await page.getByTestId('active-users').locator('li').evaluateAll((els) => els.map((el) => el.getAttribute('data-user-id')));
    // Those who posted lately (users sorted by updatedAt).
    expect(active).toEqual(expect.arrayContaining([bob.id, carol.id]));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows mentions and direct notes live', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('alice');
    await page.getByRole('link', { name: 'Mentions' }).click();
    await page.getByText('Nobody has mentioned you yet.').waitFor();
    await page.waitForTimeout(500);
    const { createdNote: mention } = await server.client(bob.token).request('notes/create', { text: '@alice persimmons are ripe' });
    await expect.poll(() => shownNoteIds(page), { timeout: 15_000 }).toEqual([mention.id]);

    await page.getByRole('link', { name: 'Messages' }).click();
    await page.getByText('No direct notes yet.').waitFor();
    await page.waitForTimeout(500);
    // A public mention does not belong here; a direct note does.
    await server.client(carol.token).request('notes/create', { text: '@alice public hello' });
    const { createdNote: direct } = await server.client(carol.token).request('notes/create', { text: 'just for you', visibility: 'specified', visibleUserIds: [alice.id] });
    await expect.poll(() => shownNoteIds(page), { timeout: 15_000 }).toEqual([direct.id]);
    await page.reload();
    await expect.poll(() => shownNoteIds(page)).toEqual([direct.id]);
    const stored = await server.client(alice.token).request('notes/mentions', { visibility: 'specified' });
    expect(stored.map((n) => n.id)).toEqual([direct.id]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
