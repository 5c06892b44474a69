import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { expectApiError, roleErrors } from '../roles/helpers.js';
import { TEST_PASSWORD, openClient, submitSignIn, useWebClientSuite } from './web-client.js';

const PASSWORD = TEST_PASSWORD;
let browser: Browser;
let server: TestServer;

const suite = useWebClientSuite();
beforeAll(async () => {
  ({ server, browser } = suite);
});

describe('Control panel > Roles', () => {
  it('an administrator creates a moderator role with a policy and assigns it; the member can then call a moderator endpoint', { timeout: 120_000 }, async () => {
    await server.createUser({ username: 'boss', password: PASSWORD, isAdmin: true });
    const bob = await server.createUser({ username: 'bob' });
    await expectApiError(server.client(bob.token).request('admin/roles/list', {}), roleErrors.layer.roleModeratorRequired);

    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await submitSignIn(page, 'boss', PASSWORD);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Control panel' }).click();
    await page.waitForURL(`${server.url}/admin`);
    await page.locator('nav.admin-nav').getByRole('link', { name: 'Roles' }).click();
    await page.waitForURL(`${server.url}/admin/roles`);
    await page.getByText('No roles yet.').waitFor();

    await page.getByRole('link', { name: 'New role' }).click();
    await page.locator('input[name="name"]').fill('Moderators');
    await page.locator('input[name="color"]').fill('#3366ff');
    await page.locator('input[name="isModerator"]').check();
    await page.locator('input[name="isPublic"]').check();
    const pinLimit = page.locator('[data-policy="pinLimit"]');
    await pinLimit.locator('input[name="pinLimit-default"]').uncheck();
    await pinLimit.locator('input[name="pinLimit-value"]').fill('12');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.waitForURL(/\/admin\/roles\/[0-9a-z]{16}$/);
    const roleId = page.url().split('/').pop()!;

    await page.getByText('Nobody holds this role.').waitFor();
    await page.locator('input[name="assign-username"]').fill('@bob');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.locator('[data-member="bob"]').waitFor();

    const role = await server.client(bob.token).request('admin/roles/show', { roleId });
    expect(role).toMatchObject({ name: 'Moderators', color: '#3366ff', isModerator: true, isPublic: true, usersCount: 1 });
    expect(role.policies.pinLimit).toEqual({ useDefault: false, priority: 0, value: 12 });
    expect(await server.client(bob.token).request('i', {})).toMatchObject({ isModerator: true, policies: expect.objectContaining({ pinLimit: 12 }) });
    expect((await server.client(bob.token).request('admin/roles/list', {})).map((r) => r.id)).toEqual([roleId]);

    // The list shows it; unassigning from the page takes the rights away again.
    await page.getByRole('link', { name: 'Roles' }).first().click();
    await page.locator(`[data-role-id="${roleId}"]`, { hasText: '1 assigned' }).waitFor();
    await page.locator(`[data-role-id="${roleId}"] a`).click();
    await page.locator('[data-member="bob"]').getByRole('button', { name: 'Unassign' }).click();
    await page.getByText('Nobody holds this role.').waitFor();
    await expectApiError(server.client(bob.token).request('admin/roles/list', {}), roleErrors.layer.roleModeratorRequired);
    expect(problems).toEqual([]);
    await context.close();
  });
});
