import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Channels in the web client: creating one from /channels, posting into it from its page, seeing
// the note there (and live from someone else), following, finding it by search, editing it.
let server: TestServer;
let browser: Browser;
let dave: Awaited<ReturnType<TestServer['createUser']>>;
const PASSWORD = TEST_PASSWORD;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  await server.createUser({ username: 'carol', password: PASSWORD });
  dave = await server.createUser({ username: 'dave', password: PASSWORD });
});

const signedIn = (username: string) => suite.signedIn(username);

describe('channels in the web client', () => {
  it('creates a channel, posts into it, sees the note; follows, searches and edits it', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await signedIn('carol');
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('heading', { name: 'Create a channel' }).waitFor();
    await page.getByLabel('Name').fill('Citrus lovers');
    await page.getByLabel('Description').fill('Oranges, lemons and kumquats');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Citrus lovers' }).waitFor();
    const channelId = new URL(page.url()).pathname.split('/').pop()!;
    const channel = await server.client(dave.token).request('channels/show', { channelId });
    expect(channel).toMatchObject({ name: 'Citrus lovers', description: 'Oranges, lemons and kumquats' });

    // Post into it: the note shows on the channel page and was posted into the channel.
    await page.getByLabel('Note').fill('First post in the channel');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.locator('.note-list .note').filter({ hasText: 'First post in the channel' }).waitFor();
    const [note] = await server.client(dave.token).request('channels/timeline', { channelId });
    expect(note).toMatchObject({ text: 'First post in the channel', channelId, visibility: 'public' });

    // Someone else's note arrives live through the `channel` stream.
    await server.client(dave.token).request('notes/create', { text: 'Dave says hi in the channel', channelId });
    await page.locator('.note-list .note').filter({ hasText: 'Dave says hi in the channel' }).waitFor();

    // Follow it; it is then under "Following".
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('button', { name: 'Following' }).click();
    await page.locator('.channel-list').getByRole('link', { name: 'Citrus lovers' }).waitFor();

    // Search by description.
    await page.getByRole('button', { name: 'Search' }).first().click();
    await page.getByLabel('Search channels').fill('kumquat');
    await page.locator('.channel-search').getByRole('button', { name: 'Search' }).click();
    await page.locator('.channel-list').getByRole('link', { name: 'Citrus lovers' }).click();

    // The owner edits it.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.locator('#channel-edit-name').fill('Citrus fans');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Citrus fans' }).waitFor();
    expect((await server.client().request('channels/show', { channelId })).name).toBe('Citrus fans');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows no editor to someone who does not own the channel', { timeout: 90_000 }, async () => {
    const channel = await server.client(dave.token).request('channels/create', { name: 'Dave\'s corner' });
    const { context, page, problems } = await signedIn('carol');
    await page.goto(`${server.url}/channels/${channel.id}`);
    await page.getByRole('heading', { name: 'Dave\'s corner' }).waitFor();
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
