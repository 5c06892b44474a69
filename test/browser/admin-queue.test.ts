import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../harness.js';
import { polls } from '../../src/db/schema/index.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, submitSignIn } from './web-client.js';

/** The control panel (/admin) and its Queue page, driving the real poll-end jobs. */
const PASSWORD = 'correct horse battery';
let browser: Browser;
let server: TestServer;
let member: { id: string; token: string };

beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  // Sign-in's own limit (one per second per IP) would refuse the second of two sign-ins back to back; test/accounts checks it.
  server = await startTestServer({ rateLimit: false, authRateLimit: false });
  await server.createUser({ username: 'boss', password: PASSWORD, isAdmin: true });
  await server.createUser({ username: 'mod', password: PASSWORD, isModerator: true });
  member = await server.createUser({ username: 'member', password: PASSWORD });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A note with a poll ending in an hour: one delayed endedPollNotification job. */
async function pollJob(): Promise<{ noteId: string; jobId: string }> {
  const { createdNote } = await server.client(member.token).request('notes/create', { text: 'poll', poll: { choices: ['a', 'b'], expiredAfter: 3_600_000 } });
  const { rows: [job] } = await server.ctx.db.execute<{ id: string }>(sql`SELECT id FROM pgboss.job WHERE name = 'endedPollNotification' AND singleton_key = ${createdNote.id}`);
  return { noteId: createdNote.id, jobId: job!.id };
}
const jobState = async (jobId: string) => (await server.ctx.db.execute<{ state: string }>(sql`SELECT state FROM pgboss.job WHERE id = ${jobId}`)).rows[0]?.state ?? null;

async function signIn(username: string) {
  const session = await openClient(browser, server);
  await session.page.goto(`${server.url}/signin`);
  await submitSignIn(session.page, username, PASSWORD);
  await session.page.waitForURL(`${server.url}/`);
  return session;
}

describe('control panel access', () => {
  it('signed out: /admin asks to sign in first', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/admin/queue`);
    await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('redirect') === '/admin/queue');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an ordinary account sees a clear refusal and no link to it; a moderator gets in', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await signIn('member');
    expect(await page.getByRole('link', { name: 'Control panel' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/queue`);
    await page.getByTestId('admin-refused').waitFor();
    expect(await page.getByTestId('admin-refused').textContent()).toContain('for this server\'s administrators and moderators');
    expect(await page.getByRole('heading', { name: 'Job queue' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();

    const moderator = await signIn('mod');
    await moderator.page.getByRole('link', { name: 'Control panel' }).click();
    await moderator.page.waitForURL(`${server.url}/admin`);
    await moderator.page.locator('.admin-nav').getByRole('link', { name: 'Job queue' }).click();
    await moderator.page.getByTestId('queue-table').waitFor();
    expect(moderator.problems).toEqual([]);
    await moderator.context.close();
  });
});

describe('Control panel > Job queue', () => {
  it('shows queues with counts, lists jobs per state, shows a job, promotes, retries, removes and clears', { timeout: 120_000 }, async () => {
    const first = await pollJob();
    const { context, page, problems } = await signIn('boss');
    await page.goto(`${server.url}/admin/queue`);
    const row = page.locator('[data-queue="endedPollNotification"]');
    await row.waitFor();
    expect(Number(await row.locator('[data-count="delayed"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-queue]').count()).toBe(10);

    // The delayed job, shown with its data and log.
    await row.getByRole('button', { name: 'endedPollNotification' }).click();
    await page.getByRole('button', { name: 'Delayed', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('queue') === 'endedPollNotification' && url.searchParams.get('state') === 'delayed');
    const item = page.locator(`[data-job-id="${first.jobId}"]`);
    await item.getByRole('button', { name: 'Show' }).click();
    const detail = item.getByTestId('job-detail');
    await detail.waitFor();
    expect(JSON.parse((await detail.locator('.job-data').textContent())!)).toEqual({ noteId: first.noteId });
    expect(await detail.locator('.job-log').textContent()).toMatch(/created \(endedPollNotification\)\n.* due/);

    // Promote: the poll has ended, so its job runs now and completes.
    await server.ctx.db.update(polls).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(polls.noteId, first.noteId));
    await page.getByRole('button', { name: 'Promote delayed jobs' }).click();
    await page.getByRole('status').filter({ hasText: 'due now' }).waitFor();
    await waitFor(async () => await jobState(first.jobId) === 'completed', 10_000);
    await page.getByRole('button', { name: 'Completed', exact: true }).click();
    await page.locator(`[data-job-id="${first.jobId}"]`).waitFor();

    // A job that failed for good (its poll has not ended, no retries left) is retried from the Failed tab.
    const failing = await pollJob();
    await server.ctx.db.execute(sql`UPDATE pgboss.job SET retry_limit = 0, start_after = now() WHERE id = ${failing.jobId}`);
    await waitFor(async () => await jobState(failing.jobId) === 'failed', 10_000);
    await page.getByRole('button', { name: 'Failed', exact: true }).click();
    const failed = page.locator(`[data-job-id="${failing.jobId}"]`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await failed.locator('.job-error', { hasText: 'has not ended yet' }).waitFor();
    await server.ctx.db.update(polls).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(polls.noteId, failing.noteId));
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'will run again' }).waitFor();
    await waitFor(async () => await jobState(failing.jobId) === 'completed', 10_000);

    // Remove one delayed job; clear the rest.
    const removed = await pollJob();
    const kept = await pollJob();
    await page.getByRole('button', { name: 'Delayed', exact: true }).click();
    await page.locator(`[data-job-id="${removed.jobId}"]`).getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('status').filter({ hasText: 'was removed' }).waitFor();
    expect(await jobState(removed.jobId)).toBeNull();
    await page.locator(`[data-job-id="${kept.jobId}"]`).waitFor();
    await page.getByRole('button', { name: 'Clear delayed' }).click();
    await page.getByRole('button', { name: 'Delete them' }).click();
    await page.getByText('No delayed jobs.').waitFor();
    expect(await jobState(kept.jobId)).toBeNull();
    expect(Number(await row.locator('[data-count="delayed"]').textContent())).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
