import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { blob } from '../drive/helpers.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Gallery and Pages in the web client: posting to the gallery with an upload, a post's page with
// Like; creating a page and viewing one with sections and images, with Like.
let server: TestServer;
let browser: Browser;
let bob: Awaited<ReturnType<TestServer['createUser']>>;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  void browser;
  await server.createUser({ username: 'alice', password: TEST_PASSWORD });
  bob = await server.createUser({ username: 'bob', password: TEST_PASSWORD });
});

async function bobsFile(name: string): Promise<string> {
  const file = await server.client(bob.token).request('drive/files/create', { file: blob(PNG, 'image/png'), name } as never) as { id: string };
  return file.id;
}

it('posts to the gallery with an upload, shows the post, and likes someone else\'s', { timeout: 120_000 }, async () => {
  const { page, problems, context } = await suite.signedIn('alice');
  await page.getByRole('link', { name: 'Gallery' }).click();
  await page.getByRole('heading', { name: 'Gallery' }).waitFor();
  await page.getByLabel('Title').fill('My dot');
  await page.getByLabel('Description').fill('A single pixel');
  await page.getByLabel('Files').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Post to the gallery' }).click();
  const list = page.getByTestId('gallery-list');
  await list.getByRole('link', { name: 'My dot' }).click();
  await page.getByTestId('gallery-title').filter({ hasText: 'My dot' }).waitFor();
  await page.getByText('A single pixel').waitFor();
  expect(await page.locator('.gallery-file img').count()).toBe(1);
  const [mine] = await server.client().request('users/gallery/posts', { userId: (await server.client().request('users/show', { username: 'alice' })).id });
  expect(mine).toMatchObject({ title: 'My dot', description: 'A single pixel' });
  expect(mine!.files).toHaveLength(1);

  // Bob's post: alice likes it and takes it back.
  const post = await server.client(bob.token).request('gallery/posts/create', { title: 'Bob\'s dot', fileIds: [await bobsFile('b.png')] });
  await page.goto(`${server.url}/gallery/${post.id}`);
  await page.getByTestId('gallery-title').filter({ hasText: 'Bob\'s dot' }).waitFor();
  await page.getByRole('button', { name: 'Like', exact: true }).click();
  await page.getByRole('button', { name: 'Unlike', exact: true }).waitFor();
  expect(await page.getByTestId('gallery-likes').textContent()).toBe('♥ 1');
  await page.getByRole('button', { name: 'Unlike', exact: true }).click();
  await page.getByRole('button', { name: 'Like', exact: true }).waitFor();
  await expect.poll(() => page.getByTestId('gallery-likes').textContent()).toBe('♥ 0');
  expect(problems).toEqual([]);
  await context.close();
});

it('creates a page, and shows someone else\'s page with its sections and images, with Like', { timeout: 120_000 }, async () => {
  const { page, problems, context } = await suite.signedIn('alice');
  await page.getByRole('link', { name: 'Pages' }).click();
  await page.getByRole('heading', { name: 'Pages', exact: true }).waitFor();
  await page.getByLabel('Title').fill('About me');
  await page.getByLabel('Name (in the address)').fill('about');
  await page.getByLabel('Text').fill('I like pixels.');
  await page.getByRole('button', { name: 'Create page' }).click();
  await page.waitForURL(`${server.url}/@alice/pages/about`);
  await page.getByTestId('page-title').filter({ hasText: 'About me' }).waitFor();
  expect(await page.getByTestId('page-content').textContent()).toContain('I like pixels.');

  const fileId = await bobsFile('p.png');
  await server.client(bob.token).request('pages/create', {
    title: 'Bob\'s guide', name: 'guide', summary: 'All about dots', variables: [], script: '',
    content: [
      { id: 'a', type: 'text', text: 'First things first.' },
      { id: 'b', type: 'section', title: 'Pictures', children: [{ id: 'c', type: 'image', fileId }] },
    ],
  } as never);
  // A reload straight onto the page's address (served by the server with its meta tags).
  const response = await page.goto(`${server.url}/@bob/pages/guide`);
  expect(response?.status()).toBe(200);
  await page.getByTestId('page-title').filter({ hasText: 'Bob\'s guide' }).waitFor();
  const content = page.getByTestId('page-content');
  await content.getByRole('heading', { name: 'Pictures' }).waitFor();
  expect(await content.textContent()).toContain('First things first.');
  expect(await content.locator('img.page-image').count()).toBe(1);
  await page.getByRole('button', { name: 'Like', exact: true }).click();
  await page.getByRole('button', { name: 'Unlike', exact: true }).waitFor();
  expect(await page.getByTestId('page-likes').textContent()).toBe('♥ 1');

  // The Pages list shows alice's own page and the one she liked.
  await page.goto(`${server.url}/pages`);
  await page.getByTestId('my-pages').getByRole('link', { name: 'About me' }).waitFor();
  await page.getByRole('heading', { name: 'Liked pages' }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
});
