import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, linkIn, type TestSmtpServer } from '../fixtures/smtp.js';
import { openClient, submitSignIn, TEST_PASSWORD, useWebClientSuite } from './web-client.js';

const suite = useWebClientSuite();
let smtp: TestSmtpServer;
let adminToken: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const admin = await suite.server.client().request('admin/accounts/create', { username: 'mailadmin', password: TEST_PASSWORD });
  adminToken = admin.token;
  return () => smtp.close();
}, 60_000);

/** Mail on through the API, for the tests that do not go through the control panel. */
async function mailOn(): Promise<void> {
  await suite.server.client(adminToken).request('admin/update-meta', smtp.settings());
}

describe('e-mail in the web client', () => {
  it('control panel: the administrator configures SMTP and mail turns on', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await suite.signedIn('mailadmin');
    await page.goto(`${suite.server.url}/admin/email`);
    await page.getByTestId('email-enabled').getByText('off').waitFor();
    const settings = smtp.settings('panel@mikan.test');
    await page.getByLabel('From address').fill(settings.email);
    await page.getByLabel('SMTP host').fill(settings.smtpHost);
    await page.getByLabel('SMTP port').fill(String(settings.smtpPort));
    await page.getByLabel('SMTP user').fill(settings.smtpUser);
    await page.getByLabel('SMTP password').fill(settings.smtpPass);
    await page.getByRole('button', { name: 'Save mail settings' }).click();
    await page.getByText('Saved: mail is on.').waitFor();
    expect((await suite.server.client().request('meta', {})).enableEmail).toBe(true);
    await page.getByLabel('To').fill('someone@example.com');
    await page.getByRole('button', { name: 'Send' }).click();
    const mail = await smtp.waitFor((m) => m.to.includes('someone@example.com'));
    expect(mail.from).toBe('panel@mikan.test');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('settings: add an address, confirm it from the mail, choose notification types', { timeout: 120_000 }, async () => {
    await mailOn();
    const user = await suite.server.createUser({ username: 'mailuser', password: TEST_PASSWORD });
    const { context, page, problems } = await suite.signedIn('mailuser');
    await page.getByRole('link', { name: 'E-mail' }).click();
    await page.getByTestId('email-state').getByText('No address.').waitFor();
    await page.getByLabel('New address (empty to remove)').fill('mailuser@example.com');
    await page.getByLabel('Your password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('not confirmed yet').waitFor();
    const mail = await smtp.waitFor((m) => m.to.includes('mailuser@example.com') && m.subject === 'Email verification');
    const verify = await context.newPage();
    await verify.goto(linkIn(mail, `${suite.server.url}/verify-email/`));
    await verify.getByText('Verification succeeded!').waitFor();
    await page.reload();
    await page.getByTestId('email-state').getByText('confirmed').waitFor();
    await page.locator('input[name="email-type-mention"]').check();
    await page.locator('input[name="email-type-follow"]').uncheck();
    await page.getByRole('button', { name: 'Save notifications' }).click();
    await page.getByText('Mail notifications saved.').waitFor();
    const me = await suite.server.client(user.token).request('i', {});
    expect(me.emailNotificationTypes.sort()).toEqual(['mention', 'receiveFollowRequest']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('forgot password → mail → reset page → sign in with the new password', { timeout: 120_000 }, async () => {
    await mailOn();
    const user = await suite.server.createUser({ username: 'forgetful', password: 'old password' });
    await suite.server.client(user.token).request('i/update-email', { password: 'old password', email: 'forgetful@example.com' });
    const confirm = await smtp.waitFor((m) => m.to.includes('forgetful@example.com') && m.subject === 'Email verification');
    expect((await fetch(linkIn(confirm, `${suite.server.url}/verify-email/`))).status).toBe(200);

    const { context, page, problems } = await openClient(suite.browser, suite.server);
    await page.goto(`${suite.server.url}/signin`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Username').fill('forgetful');
    await page.getByLabel('E-mail address').fill('forgetful@example.com');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('a link to choose a new password is on its way').waitFor();

    const mail = await smtp.waitFor((m) => m.to.includes('forgetful@example.com') && m.subject === 'Password reset');
    await page.goto(linkIn(mail, `${suite.server.url}/reset-password/`));
    await page.getByLabel('New password').fill('brand new password');
    await page.getByLabel('Repeat it').fill('brand new password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password was changed.').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await submitSignIn(page, 'forgetful', 'brand new password');
    await page.waitForURL(`${suite.server.url}/`);
    expect(await page.evaluate(() => localStorage.getItem('mikan:token'))).toBeTruthy();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sign-up with a required address: the mailed link finishes the account and signs in', { timeout: 120_000 }, async () => {
    await mailOn();
    await suite.server.client(adminToken).request('admin/update-meta', { emailRequiredForSignup: true });
    try {
      const { context, page, problems } = await openClient(suite.browser, suite.server);
      await page.goto(`${suite.server.url}/signup`);
      await page.getByLabel('Username').fill('newcomer');
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByLabel('E-mail address').fill('newcomer@example.com');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('We sent a link to').waitFor();
      const mail = await smtp.waitFor((m) => m.to.includes('newcomer@example.com') && m.subject === 'Signup');
      await page.goto(linkIn(mail, `${suite.server.url}/signup-complete/`));
      await page.waitForURL(`${suite.server.url}/`);
      const token = await page.evaluate(() => localStorage.getItem('mikan:token'));
      const me = await suite.server.client(token).request('i', {});
      expect(me.username).toBe('newcomer');
      expect(me.emailVerified).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await suite.server.client(adminToken).request('admin/update-meta', { emailRequiredForSignup: false });
    }
  });
});
