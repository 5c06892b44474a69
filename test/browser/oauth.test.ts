import { createHash, randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';
import { buildWebClient, openClient, signInThroughRedirect, startFakeApp, type FakeApp } from './web-client.js';

// OAuth 2.0 (authorization code + PKCE) with an IndieAuth client id: the server validates
// GET /oauth/authorize and serves the consent page with its misskey:oauth meta tags, the page reads
// /oauth/transactions/:id and posts /oauth/decision (contract in docs/web-client.md).
let server: TestServer;
let browser: Browser;
let client: FakeApp;
const PASSWORD = 'oauth user password';
beforeAll(async () => {
  browser = await launchBrowser();
  await buildWebClient();
  // The client's page is on 127.0.0.1, which server-side fetches refuse unless allowed.
  server = await startTestServer({ allowPrivateNetwork: true, rateLimit: false, authRateLimit: false });
  client = await startFakeApp('Fake OAuth App');
  await server.createUser({ username: 'erin', password: PASSWORD });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await client?.close();
  await server?.close();
});

function authorizeUrl(state: string, verifier: string): string {
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return `${server.url}/oauth/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: `${client.origin}/`,
    redirect_uri: `${client.origin}/oauth-callback`,
    scope: 'read:account write:notes',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })}`;
}

describe('OAuth consent page', () => {
  it('signs the user in, shows the client from its h-app, allows, and the code gets a working token', { timeout: 90_000 }, async () => {
    const verifier = randomBytes(32).toString('base64url');
    const { context, page, problems } = await openClient(browser, server, { allowOrigins: [client.origin] });
    await page.goto(authorizeUrl('state-1', verifier));
    await signInThroughRedirect(page, server, 'erin', PASSWORD);
    // The consent page carries the transaction in Misskey's meta tag.
    expect(await page.locator('meta[name="misskey:oauth:transaction-id"]').getAttribute('content')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await page.getByRole('heading', { name: 'Fake OAuth App' }).waitFor();
    const panel = page.locator('.consent');
    expect(await panel.locator('.perm-id').allTextContents()).toEqual(['read:account', 'write:notes']);
    expect(await panel.locator('img.app-icon').getAttribute('src')).toBe(`${client.origin}/icon.png`);

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((u) => u.origin === client.origin && u.pathname === '/oauth-callback');
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('state-1');
    expect(landed.searchParams.get('iss')).toBeTruthy();
    const code = landed.searchParams.get('code');
    expect(code).toBeTruthy();

    const token = await server.fetch('/oauth/token', {
      json: { grant_type: 'authorization_code', client_id: `${client.origin}/`, redirect_uri: `${client.origin}/oauth-callback`, code, code_verifier: verifier },
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    expect((await server.client(token.body.access_token).request('i', {})).username).toBe('erin');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends access_denied back to the client when the user denies', { timeout: 90_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server, { allowOrigins: [client.origin] });
    await page.goto(authorizeUrl('state-2', randomBytes(32).toString('base64url')));
    await signInThroughRedirect(page, server, 'erin', PASSWORD);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((u) => u.origin === client.origin && u.pathname === '/oauth-callback');
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('state')).toBe('state-2');
    expect(landed.searchParams.get('code')).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains an unknown or expired transaction', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await openClient(browser, server);
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Username').fill('erin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    const answer = await server.fetch('/oauth/transactions/no-such-transaction', { method: 'GET' });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: expect.anything() });
    // The SPA's own handling, independent of how the server answers GET /oauth/authorize without a request.
    await page.evaluate(() => { history.pushState({}, '', '/oauth/authorize?transaction_id=no-such-transaction'); dispatchEvent(new PopStateEvent('popstate')); });
    await page.getByRole('heading', { name: 'This request has expired' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
