import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureWebBuild } from '../../scripts/build-web.mjs';
import { startTestServer, type TestServer } from '../harness.js';
import { launchBrowser } from './browser.js';

/** Builds web/dist if its sources changed (a no-op after `npm test`'s pretest). */
export async function buildWebClient(): Promise<void> {
  await ensureWebBuild({ log: () => {} });
}

export interface ClientSession {
  context: BrowserContext;
  page: Page;
  /** Requests to other origins, CSP violations and uncaught errors seen so far; expected to stay empty. */
  problems: string[];
}

/**
 * A fresh browser profile (no token) on a page of the web client. Requests to any origin other
 * than the server (and `allowOrigins`, e.g. a fake app's) are blocked and recorded, and so are CSP
 * violations and uncaught page errors.
 */
export async function openClient(browser: Browser, server: TestServer, options: { allowOrigins?: string[]; width?: number } = {}): Promise<ClientSession> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  // Fail well before the test's own timeout when a page never shows what a test waits for; 20 s,
  // not 10: in CI two test files with a browser and a server each share two cores, and a sign-in
  // (argon2, then the home page's requests) once took over 10 s there.
  context.setDefaultTimeout(20_000);
  const allowed = new Set([new URL(server.url).origin, ...(options.allowOrigins ?? [])]);
  const problems: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (allowed.has(url.origin) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    problems.push(`request to another origin: ${url.href}`);
    return route.abort('blockedbyclient');
  });
  // Bindings are called through DevTools, so the page's CSP cannot block the report itself.
  await context.exposeBinding('reportCspViolation', (_source, text: string) => { problems.push(`CSP violation: ${text}`); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export function tokenIn(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('mikan:token'));
}

/** The password of the accounts browser tests sign in with. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface WebClientSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh browser profile signed in as `username` (password TEST_PASSWORD), on the home page. */
  signedIn(username: string): Promise<ClientSession>;
}

/**
 * One Mikan (rate limits off) and one Chromium shared by the tests of a browser test file: registers
 * the file's beforeAll/afterAll, so call it at the top level. Read `server`/`browser` inside hooks
 * and tests (they exist once beforeAll has run).
 */
export function useWebClientSuite(): WebClientSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    await buildWebClient();
    // Sign-in's own limit (one per second per IP, ten an hour) would refuse a suite whose tests
    // sign in back to back from 127.0.0.1; test/accounts checks that limit.
    server = await startTestServer({ rateLimit: false, authRateLimit: false });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const suite: WebClientSuite = {
    get server() { return server!; },
    get browser() { return browser!; },
    async signedIn(username) {
      const session = await openClient(suite.browser, suite.server);
      await session.page.goto(`${suite.server.url}/signin`);
      await submitSignIn(session.page, username, TEST_PASSWORD);
      await session.page.waitForURL(`${suite.server.url}/`);
      return session;
    },
  };
  return suite;
}

/** Fills and submits the sign-in form the page is on. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** On an auth page: expects the sign-in page with `?redirect=` pointing back, signs in, and waits to be back. */
export async function signInThroughRedirect(page: Page, server: TestServer, username: string, password: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/signin');
  const redirect = new URL(page.url()).searchParams.get('redirect');
  expect(redirect).toMatch(/^\//);
  await submitSignIn(page, username, password);
  await page.waitForURL((url) => sameLocation(url, new URL(redirect!, server.url)));
}

/** Same origin, path and query parameters (however the query string was encoded). */
export function sameLocation(a: URL, b: URL): boolean {
  const params = (url: URL) => JSON.stringify([...url.searchParams].sort());
  return a.origin === b.origin && a.pathname === b.pathname && params(a) === params(b);
}

export interface FakeApp {
  origin: string;
  /** Every request the app received, as full URLs. */
  requests: URL[];
  close(): Promise<void>;
}

// A 1×1 orange PNG.
const ICON = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==', 'base64');

/**
 * A third-party app on 127.0.0.1: `/icon.png`, any callback path (answers a small page), and `/`
 * as an IndieAuth client page (`<link rel="redirect_uri">` and an `h-app` block) for OAuth.
 */
export async function startFakeApp(name = 'Fake App'): Promise<FakeApp> {
  const requests: URL[] = [];
  let origin = '';
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    requests.push(url);
    if (url.pathname === '/icon.png') {
      response.writeHead(200, { 'Content-Type': 'image/png' }).end(ICON);
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html><head><title>${name}</title><link rel="redirect_uri" href="${origin}/oauth-callback"></head>
<body><div class="h-app"><img class="u-logo" src="${origin}/icon.png" alt=""><a class="u-url p-name" href="${origin}/">${name}</a></div></body></html>`);
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>${name}</title><p>${name} received the answer.</p>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
