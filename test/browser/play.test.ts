import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

// Play in the web client: the Play page (create, featured, liked), a Play's page showing title,
// summary and script (not run), Like and the owner's edit.
let server: TestServer;
let browser: Browser;
let alice: Awaited<ReturnType<TestServer['createUser']>>;
let bob: Awaited<ReturnType<TestServer['createUser']>>;
const PASSWORD = TEST_PASSWORD;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  alice = await server.createUser({ username: 'alice', password: PASSWORD });
  bob = await server.createUser({ username: 'bob', password: PASSWORD });
});

it('creates a Play, shows its script without running it, likes another\'s and edits its own', { timeout: 120_000 }, async () => {
  const bobs = await server.client(bob.token).request('flash/create', {
    title: 'Dice', summary: 'Rolls a die', script: '/// @ 0.16.0\nMk:dialog("dice" Core:to_str(Math:rnd(1 6)))', permissions: [],
  });
  const { context, page, problems } = await openClient(browser, server);
  await page.goto(`${server.url}/signin`);
  await submitSignIn(page, 'alice', PASSWORD);
  await page.waitForURL(`${server.url}/`);

  await page.getByRole('link', { name: 'Play', exact: true }).click();
  await page.getByText('You have no Plays.').waitFor();
  await page.getByTestId('featured-plays').getByRole('link', { name: 'Dice' }).waitFor();
  await page.getByLabel('Title').fill('Hello');
  await page.getByLabel('Summary').fill('Greets you');
  await page.getByLabel('Script (AiScript)').fill('<: "Hello, world!"');
  await page.getByLabel('Private (only you can see it)').check();
  await page.getByRole('button', { name: 'Create Play' }).click();
  const item = page.getByTestId('my-plays').locator('.item').first();
  await item.getByRole('link', { name: 'Hello' }).waitFor();
  expect(await item.textContent()).toContain('Private');
  const [mine] = await server.client(alice.token).request('flash/my', {});
  expect(mine).toMatchObject({ title: 'Hello', summary: 'Greets you', script: '<: "Hello, world!"', visibility: 'private' });

  // Bob's Play: title, summary and the script as text; Like counts.
  await page.getByTestId('featured-plays').getByRole('link', { name: 'Dice' }).click();
  await page.waitForURL(`${server.url}/play/${bobs.id}`);
  await page.getByTestId('play-title').filter({ hasText: 'Dice' }).waitFor();
  expect(await page.getByTestId('play-summary').textContent()).toBe('Rolls a die');
  expect(await page.getByTestId('play-script').textContent()).toBe(bobs.script);
  expect(await page.getByTestId('play-not-run').textContent()).toContain('Mikan does not run AiScript');
  await page.getByRole('button', { name: 'Like' }).click();
  await page.getByRole('button', { name: 'Unlike' }).waitFor();
  expect(await page.getByTestId('play-likes').textContent()).toBe('♥ 1');
  expect((await server.client().request('flash/show', { flashId: bobs.id })).likedCount).toBe(1);

  // The own Play: Edit makes it public.
  await page.goto(`${server.url}/play/${mine!.id}`);
  await page.getByTestId('play-title').filter({ hasText: 'Hello' }).waitFor();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('Hello there');
  await page.getByLabel('Private').uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('play-title').filter({ hasText: 'Hello there' }).waitFor();
  expect(await server.client().request('flash/show', { flashId: mine!.id })).toMatchObject({ title: 'Hello there', visibility: 'public' });

  // The Play list shows the like.
  await page.getByRole('link', { name: 'Play', exact: true }).first().click();
  await page.getByTestId('liked-plays').getByRole('link', { name: 'Dice' }).waitFor();
  expect(problems).toEqual([]);
  await context.close();

});
