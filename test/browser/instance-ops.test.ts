import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, openClient, useWebClientSuite } from './web-client.js';

let browser: Browser;
let server: TestServer;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
  await server.createUser({ username: 'opsadmin', password: TEST_PASSWORD, isAdmin: true });
  await server.createUser({ username: 'reader', password: TEST_PASSWORD });
});

describe('Control panel > Invitations, and signing up with an invitation', () => {
  it('an admin switches to invitation-only, creates a code, and a newcomer signs up with it', { timeout: 120_000 }, async () => {
    const admin = await suite.signedIn('opsadmin');
    await admin.page.getByRole('link', { name: 'Control panel' }).click();
    await admin.page.locator('nav.admin-nav').getByRole('link', { name: 'Invitations' }).click();
    await admin.page.waitForURL(`${server.url}/admin/invitations`);
    await admin.page.getByText('Open: anyone can sign up.').waitFor();
    await admin.page.getByRole('button', { name: 'Invitation only' }).click();
    await admin.page.getByText('Invitation only: new accounts need an invitation code.').waitFor();
    expect(server.ctx.meta.get().disableRegistration).toBe(true);

    await admin.page.getByRole('button', { name: 'Create codes' }).click();
    const row = admin.page.locator('[data-invite-code]').first();
    await row.waitFor();
    const code = await row.getAttribute('data-invite-code');
    expect(code).toMatch(/^[0-9A-Z]{16}$/);

    // A visitor: no code, refused; with the code, in.
    const visitor = await openClient(browser, server);
    await visitor.page.goto(`${server.url}/signup`);
    await visitor.page.getByText('is invitation-only').waitFor();
    await visitor.page.getByLabel('Invitation code').fill('WRONGCODE');
    await visitor.page.getByLabel('Username').fill('newcomer');
    await visitor.page.getByLabel('Password').fill(TEST_PASSWORD);
    await visitor.page.getByRole('button', { name: 'Create account' }).click();
    await visitor.page.locator('.error-code code', { hasText: 'NO_SUCH_INVITATION_CODE' }).waitFor();
    await visitor.page.getByLabel('Invitation code').fill(code!);
    await visitor.page.getByRole('button', { name: 'Create account' }).click();
    await visitor.page.waitForURL(`${server.url}/`);
    await visitor.page.getByTestId('header-user').filter({ hasText: 'newcomer' }).waitFor();

    // The control panel lists it as used.
    await admin.page.getByRole('tab', { name: 'used', exact: true }).click();
    await admin.page.locator(`[data-invite-code="${code}"]`, { hasText: 'used by @newcomer' }).waitFor();
    await admin.page.getByRole('button', { name: 'Open registration' }).click();
    await admin.page.getByText('Open: anyone can sign up.').waitFor();
    expect(server.ctx.meta.get().disableRegistration).toBe(false);
    expect(admin.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await admin.context.close();
    await visitor.context.close();
  });

  it('a user with canInvite makes and deletes codes on the invite page, within the limit', { timeout: 120_000 }, async () => {
    await server.client((await server.createUser({ username: 'policyadmin', isAdmin: true })).token)
      .request('admin/update-meta', { policies: { canInvite: true, inviteLimit: 2, inviteLimitCycle: 60 } } as never);
    const reader = await suite.signedIn('reader');
    await reader.page.getByRole('link', { name: 'Invite' }).click();
    await reader.page.waitForURL(`${server.url}/invite`);
    await reader.page.getByText('You can make 2 more invitation codes now.').waitFor();
    await reader.page.getByRole('button', { name: 'Create invitation code' }).click();
    await reader.page.getByText('You can make 1 more invitation code now.').waitFor();
    await reader.page.getByRole('button', { name: 'Create invitation code' }).click();
    await reader.page.getByText('You can make 0 more invitation codes now.').waitFor();
    expect(await reader.page.getByRole('button', { name: 'Create invitation code' }).isDisabled()).toBe(true);
    expect(await reader.page.locator('[data-invite-code]').count()).toBe(2);
    await reader.page.locator('[data-invite-code]').first().getByRole('button', { name: 'Delete' }).click();
    await expectCount(reader.page.locator('[data-invite-code]'), 1);
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  });
});

async function expectCount(locator: import('playwright-core').Locator, n: number): Promise<void> {
  for (let i = 0; i < 100 && await locator.count() !== n; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await locator.count()).toBe(n);
}

describe('Announcements', () => {
  it('an admin publishes a dialog announcement that needs confirmation; a signed-in user sees it, confirms it, and it is read', { timeout: 120_000 }, async () => {
    const reader = await suite.signedIn('reader');
    const admin = await suite.signedIn('opsadmin');
    await admin.page.goto(`${server.url}/admin/announcements`);
    await admin.page.getByLabel('Title').fill('House rules');
    await admin.page.getByLabel('Text').fill('Be kind to each other.');
    await admin.page.getByLabel('Display').selectOption('dialog');
    await admin.page.getByLabel('Users must confirm they have read it').check();
    await admin.page.getByRole('button', { name: 'Publish announcement' }).click();
    const item = admin.page.locator('[data-admin-announcement]', { hasText: 'House rules' });
    await item.waitFor();
    await item.getByText('needs confirmation').waitFor();

    // Arrives live on the reader's open page (main channel), as a dialog.
    const dialog = reader.page.getByRole('dialog', { name: 'House rules' });
    await dialog.waitFor();
    await dialog.getByText('Be kind to each other.').waitFor();
    await reader.page.getByRole('link', { name: 'Announcements' }).locator('.dot').waitFor();
    await dialog.getByRole('button', { name: 'I have read it' }).click();
    await dialog.waitFor({ state: 'detached' });
    const me = await server.client(await reader.page.evaluate(() => localStorage.getItem('mikan:token'))).request('i', {});
    expect(me.hasUnreadAnnouncement).toBe(false);

    // The announcements page shows it as read; a banner one can be confirmed there.
    const [banner] = [await server.client((await server.createUser({ isModerator: true })).token).request('admin/announcements/create', {
      title: 'Maintenance', text: 'Tonight at 22:00.', imageUrl: null, display: 'banner', needConfirmationToRead: true,
    })];
    await reader.page.reload();
    await reader.page.locator(`[data-announcement-banner="${banner!.id}"]`).waitFor();
    await reader.page.getByRole('link', { name: 'Announcements' }).click();
    await reader.page.waitForURL(`${server.url}/announcements`);
    const rules = reader.page.locator('[data-announcement-id]', { hasText: 'House rules' });
    await rules.getByText('Read', { exact: true }).waitFor();
    const maintenance = reader.page.locator(`[data-announcement-id="${banner!.id}"]`);
    await maintenance.getByText('Please confirm that you have read this announcement.').waitFor();
    await maintenance.getByRole('button', { name: 'I have read it' }).click();
    await maintenance.getByText('Read', { exact: true }).waitFor();
    await reader.page.locator(`[data-announcement-banner="${banner!.id}"]`).waitFor({ state: 'detached' });

    // Archived from the control panel (the admin confirms the dialog too, being a user as well): under Past.
    await admin.page.getByRole('dialog', { name: 'House rules' }).getByRole('button', { name: 'I have read it' }).click();
    await admin.page.getByRole('dialog').waitFor({ state: 'detached' });
    await item.getByRole('button', { name: 'Archive' }).click();
    await item.waitFor({ state: 'detached' });
    await reader.page.getByRole('tab', { name: 'Past' }).click();
    await reader.page.locator('[data-announcement-id]', { hasText: 'House rules' }).waitFor();
    expect((await server.client().request('admin/announcements/list' as never, {} as never).catch((e: { code: string }) => e)).code).toBe('CREDENTIAL_REQUIRED');
    expect(reader.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
    await reader.context.close();
    await admin.context.close();
  });
});
