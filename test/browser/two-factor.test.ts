import { describe, expect, it } from 'vitest';
import { openClient, submitSignIn, tokenIn, TEST_PASSWORD, useWebClientSuite } from './web-client.js';
import { stableStep, totpCode } from '../two-factor/helpers.js';

const suite = useWebClientSuite();

describe('Settings > Security and two-factor sign-in', () => {
  it('turns TOTP on (QR, secret, backup codes), then the sign-in page asks for the code', async () => {
    await stableStep();
    await suite.server.createUser({ username: 'totp_user', password: TEST_PASSWORD });
    const { page, context, problems } = await suite.signedIn('totp_user');
    await page.goto(`${suite.server.url}/settings/security`);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await expect.poll(() => page.getByAltText('QR code of the two-factor secret').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Code from the app').fill(totpCode(secret, -1));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => page.getByTestId('backup-codes').locator('li').count()).toBe(5);
    await expect.poll(() => page.getByTestId('totp-status').textContent()).toContain('Backup codes left: all');
    await context.close();

    const fresh = await openClient(suite.browser, suite.server);
    await fresh.page.goto(`${suite.server.url}/signin`);
    await submitSignIn(fresh.page, 'totp_user', TEST_PASSWORD);
    await fresh.page.waitForTimeout(1100);
    await fresh.page.getByLabel('Two-factor code').fill(totpCode(secret));
    await fresh.page.getByRole('button', { name: 'Sign in' }).click();
    await fresh.page.waitForURL(`${suite.server.url}/`);
    expect(await tokenIn(fresh.page)).toEqual(expect.any(String));
    // The history shows both sign-ins.
    await fresh.page.goto(`${suite.server.url}/settings/security`);
    await expect.poll(() => fresh.page.getByTestId('signin-history').locator('tbody tr').count()).toBe(2);
    expect([...problems, ...fresh.problems]).toEqual([]);
    await fresh.context.close();
  }, 90_000);

  it('registers a passkey with Chromium\'s virtual authenticator, then signs in with it alone', async () => {
    await stableStep();
    // WebAuthn refuses IP addresses as relying party ids: this test uses the server as http://localhost.
    const server = suite.server;
    const origin = server.url.replace('127.0.0.1', 'localhost');
    const previousUrl = server.ctx.config.url;
    const previousAuthRateLimit = server.ctx.config.authRateLimit;
    server.ctx.config.url = origin;
    try {
      const user = await server.createUser({ username: 'passkey_user', password: TEST_PASSWORD });
      const api = server.client(user.token);
      const { secret } = await api.request('i/2fa/register', { password: TEST_PASSWORD });
      await api.request('i/2fa/done', { token: totpCode(secret, -1) });

      const { page, context, problems } = await openClient(suite.browser, server, { allowOrigins: [origin] });
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });

      await page.goto(`${origin}/signin`);
      await submitSignIn(page, 'passkey_user', TEST_PASSWORD);
      // signin-flow allows one attempt per second and address (Misskey's minInterval): a person takes longer to type.
      await page.waitForTimeout(1100);
      await page.getByLabel('Two-factor code').fill(totpCode(secret));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${origin}/`).catch(async (e) => { throw new Error(`${e}\n${await page.locator('main').textContent()}\n${problems.join('\n')}`); });

      await page.goto(`${origin}/settings/security`);
      await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
      await page.getByLabel('Two-factor code').fill(totpCode(secret, 1));
      await page.getByLabel('Name of the new key').fill('Virtual key');
      await page.getByRole('button', { name: 'Add a security key' }).click();
      await expect.poll(() => page.getByTestId('security-key').textContent()).toContain('Virtual key');
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]!.isResidentCredential).toBe(true);

      await page.getByLabel('Sign in with a passkey alone (no password)').check();
      await expect.poll(async () => (await api.request('i', {})).usePasswordLessLogin).toBe(true);

      // Sign out in this tab (the virtual authenticator belongs to it) and sign in with the passkey alone.
      await page.evaluate(() => localStorage.removeItem('mikan:token'));
      // The virtual authenticator answers at once, faster than signin-with-passkey's 250 ms between calls allow; a person does not.
      server.ctx.config.authRateLimit = false;
      await page.goto(`${origin}/signin`);
      await page.getByRole('button', { name: 'Use a passkey instead of a password' }).click();
      await page.waitForURL(`${origin}/`).catch(async (e) => { throw new Error(`${e}\n${await page.locator('main').textContent()}\n${problems.join('\n')}`); });
      const token = await tokenIn(page);
      expect(token).toEqual(expect.any(String));
      expect((await server.client(token!).request('i', {})).id).toBe(user.id);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      server.ctx.config.url = previousUrl;
      server.ctx.config.authRateLimit = previousAuthRateLimit;
    }
  }, 90_000);
});
