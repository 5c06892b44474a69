import { beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { TEST_PASSWORD, useWebClientSuite } from './web-client.js';

// Settings > Account in the web client: aliases, moving an account (its follower moves along),
// deleting an account with its password.
let server: TestServer;
const suite = useWebClientSuite();
beforeAll(() => { ({ server } = suite); });

it('sets an alias on the target, moves from the other account: the follower count moves', { timeout: 120_000 }, async () => {
  const oldAcct = await server.createUser({ username: 'oldhome', password: TEST_PASSWORD });
  const newAcct = await server.createUser({ username: 'newhome', password: TEST_PASSWORD });
  const fan = await server.createUser({ username: 'fan' });
  await server.client(fan.token).request('following/create', { userId: oldAcct.id });

  // On the target: add the old account as an alias.
  const target = await suite.signedIn('newhome');
  await target.page.getByRole('link', { name: 'Account' }).click();
  await target.page.getByText('No aliases.').waitFor();
  await target.page.locator('input[name="alias"]').fill('@nobody_at_all');
  await target.page.getByRole('button', { name: 'Add alias' }).click();
  await target.page.getByText('NO_SUCH_USER').waitFor();
  await target.page.locator('input[name="alias"]').fill('@oldhome');
  await target.page.getByRole('button', { name: 'Add alias' }).click();
  await target.page.locator(`[data-alias-id="${oldAcct.id}"]`).waitFor();
  expect((await server.client(newAcct.token).request('i', {})).alsoKnownAs).toEqual([oldAcct.id]);

  // On the old account: move, with confirmation.
  const mover = await suite.signedIn('oldhome');
  await mover.page.goto(`${server.url}/settings/account`);
  await mover.page.locator('input[name="move-to"]').fill('@newhome');
  await mover.page.getByRole('button', { name: 'Move…' }).click();
  await mover.page.getByTestId('move-confirm').getByText('@newhome').waitFor();
  expect((await server.client(oldAcct.token).request('i', {})).movedTo).toBeNull();
  await mover.page.getByRole('button', { name: 'Yes, move my account' }).click();
  await mover.page.getByTestId('moved-notice').getByText('@newhome').waitFor();
  expect((await server.client(oldAcct.token).request('i', {})).movedTo).toBe(newAcct.id);
  expect((await server.client(newAcct.token).request('i', {})).followersCount).toBe(1);
  expect((await server.client(oldAcct.token).request('i', {})).followersCount).toBe(0);

  // The target removes the alias again (its page reloads the list).
  await target.page.reload();
  await target.page.locator(`[data-alias-id="${oldAcct.id}"]`).getByRole('button', { name: 'Remove' }).click();
  await target.page.getByText('No aliases.').waitFor();
  expect((await server.client(newAcct.token).request('i', {})).alsoKnownAs).toBeNull();
  expect(target.problems).toEqual([]);
  expect(mover.problems).toEqual([]);
  await target.context.close();
  await mover.context.close();
});

it('deletes an account from the settings page with its password', { timeout: 120_000 }, async () => {
  const doomed = await server.createUser({ username: 'leaving', password: TEST_PASSWORD });
  await server.client(doomed.token).request('notes/create', { text: 'goodbye' });
  const { context, page, problems } = await suite.signedIn('leaving');
  await page.goto(`${server.url}/settings/account`);
  await page.locator('input[name="delete-password"]').fill('wrong password');
  await page.getByRole('button', { name: 'Delete account…' }).click();
  await page.getByTestId('delete-confirm').waitFor();
  await page.getByRole('button', { name: 'Yes, delete my account' }).click();
  await page.getByText('INCORRECT_PASSWORD').waitFor();
  expect((await server.client(doomed.token).request('i', {})).id).toBe(doomed.id);

  await page.locator('input[name="delete-password"]').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Yes, delete my account' }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
  expect(await page.evaluate(() => localStorage.getItem('mikan:token'))).toBeNull();
  await expect(server.client(doomed.token).request('i', {})).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  expect(await server.client().request('username/available', { username: 'leaving' })).toEqual({ available: false });
  expect(problems).toEqual([]);
  await context.close();
});
