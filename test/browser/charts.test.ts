import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

// Charts in the web client: the control panel's Charts page and a profile's Activity tab.
let server: TestServer;
let browser: Browser;
let alice: Awaited<ReturnType<TestServer['createUser']>>;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  await server.createUser({ username: 'chief', password: TEST_PASSWORD, isAdmin: true });
  alice = await server.createUser({ username: 'alice', password: TEST_PASSWORD });
});

it('shows the instance charts in the control panel and a user\'s activity on their profile', { timeout: 120_000 }, async () => {
  await server.client(alice.token).request('notes/create', { text: 'one' });
  await server.client(alice.token).request('notes/create', { text: 'two' });
  const { context, page, problems } = await openClient(browser, server);
  await page.goto(`${server.url}/signin`);
  await submitSignIn(page, 'chief', TEST_PASSWORD);
  await page.waitForURL(`${server.url}/`);

  await page.goto(`${server.url}/admin/charts`);
  const posted = page.locator('figure', { hasText: 'Notes posted' });
  await expect.poll(() => posted.locator('figcaption').textContent()).toContain('now 2');
  // 30 daily bars; per hour, 48.
  expect(await posted.locator('rect').count()).toBe(30);
  await page.getByLabel('Per hour (48 hours)').check();
  await expect.poll(() => posted.locator('rect').count()).toBe(48);
  expect(await posted.locator('figcaption').textContent()).toContain('now 2');

  await page.goto(`${server.url}/@alice`);
  await page.getByRole('button', { name: 'Activity', exact: true }).click();
  const hers = page.locator('.user-activity figure', { hasText: 'Notes posted' });
  await expect.poll(() => hers.locator('figcaption').textContent()).toContain('now 2');
  expect(await page.locator('.user-activity figure', { hasText: 'Notes in total' }).locator('figcaption').textContent()).toContain('now 2');
  // The profile page view counted for alice (chief is someone else).
  await expect.poll(() => page.locator('.user-activity figure', { hasText: 'Profile views' }).locator('figcaption').textContent()).toMatch(/now [1-9]/);
  await page.getByRole('button', { name: 'Notes', exact: true }).click();
  await page.getByText('two').first().waitFor();
  expect(problems).toEqual([]);
  await context.close();
});
