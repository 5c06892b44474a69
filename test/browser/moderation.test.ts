import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

const PASSWORD = TEST_PASSWORD;
let browser: Browser;
let server: TestServer;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
});

describe('Control panel', () => {
  it('a moderator suspends a user and resolves a report, then sees both in the moderation log', { timeout: 120_000 }, async () => {
    await server.createUser({ username: 'warden', password: PASSWORD, isModerator: true });
    const spammer = await server.createUser({ username: 'spammer' });
    const reporter = await server.createUser({ username: 'reporter' });
    await server.client(reporter.token).request('users/report-abuse', { userId: spammer.id, comment: 'buys followers' });

    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'warden', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Control panel' }).click();
    await page.waitForURL(`${server.url}/admin`);
    await page.locator('nav.admin-nav').getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${server.url}/admin/users`);

    await page.locator('input[name="username"]').fill('spam');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`[data-user-id="${spammer.id}"] a`).click();
    await page.waitForURL(`${server.url}/admin/users/${spammer.id}`);
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.locator('.user-status', { hasText: 'Suspended' }).waitFor();
    await expect(server.client(spammer.token).request('i', {})).rejects.toMatchObject({ code: 'YOUR_ACCOUNT_SUSPENDED' });

    await page.locator('nav.admin-nav').getByRole('link', { name: 'Reports' }).click();
    const report = page.locator('[data-report-id]', { hasText: 'buys followers' });
    await report.getByRole('button', { name: 'Resolve: accept' }).click();
    await page.getByText('No reports.').waitFor();
    const checker = await server.createUser({ isModerator: true });
    const [resolved] = await server.client(checker.token).request('admin/abuse-user-reports', { state: 'resolved' });
    expect(resolved).toMatchObject({ comment: 'buys followers', resolved: true, resolvedAs: 'accept' });

    await page.locator('nav.admin-nav').getByRole('link', { name: 'Moderation log' }).click();
    await page.locator('[data-log-type="resolveAbuseReport"]').waitFor();
    const entries = await page.locator('.log-entry').allTextContents();
    expect(entries[0]).toContain('resolveAbuseReport');
    expect(entries[0]).toContain('@warden');
    expect(entries[1]).toContain('suspend');
    expect(entries[1]).toContain('@spammer');

    await page.locator('nav.admin-nav').getByRole('link', { name: 'Server info' }).click();
    await page.locator('.psql-version', { hasText: 'PostgreSQL' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
