import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens, oauthCodes, oauthTransactions } from '../../src/db/schema/index.js';
import { apiErrors } from '../../src/api/errors.js';
import { grantablePermissions } from '../../src/api/permissions.js';
import { hashToken } from '../../src/core/auth/token.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectError } from '../accounts/helpers.js';
import { expectStoredNowhere, freshIp } from './helpers.js';


/** The app's own web site: its client_id page and its redirect target, on 127.0.0.1. */
interface ClientSite { origin: string; hits: string[]; close(): Promise<void> }

async function startClientSite(): Promise<ClientSite> {
  const hits: string[] = [];
  let origin = '';
  const site = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    hits.push(url.pathname);
    const html = (body: string, headers: Record<string, string> = {}) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(`<!doctype html><html><head><title>client</title>${body}`);
    switch (url.pathname) {
      case '/':
        return html(`<link rel="redirect_uri" href="/callback"></head><body>
          <div class="h-app"><img class="u-logo" src="/logo.png" alt="logo"><a class="u-url p-name" href="/">Test Client</a></div>
          <a rel="redirect_uri" href="https://injected.example/steal">a comment's link</a></body></html>`);
      case '/elsewhere':
        return html('<link rel="redirect_uri" href="https://app.example/cb"></head><body><div class="h-app"><span class="p-name">Not this page\'s app</span><a class="u-url" href="https://someone-else.example/">x</a></div></body></html>',
          { Link: '<https://linked.example/cb>; rel="redirect_uri"' });
      case '/plain':
        return html('</head><body>No h-app here.</body></html>');
      case '/json':
        return response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      // Static hosts label client pages oddly; Misskey reads them whatever the type.
      case '/text':
        return response.writeHead(200, { 'Content-Type': 'text/plain' }).end('<link rel="redirect_uri" href="https://text.example/cb">');
      case '/untyped':
        response.removeHeader('Content-Type');
        response.writeHead(200, { Link: '<https://untyped-header.example/cb>; rel="redirect_uri"' });
        return response.end('<link rel="redirect_uri" href="https://untyped.example/cb">');
      case '/empty':
        return response.writeHead(200, { 'Content-Type': 'text/html', Link: '<https://empty.example/cb>; rel="redirect_uri"' }).end();
      case '/scripted':
        return html('<link rel="redirect_uri" href="javascript:alert(document.cookie)"><link rel="redirect_uri" href="data:text/html,<script>alert(1)</script>"></head><body></body></html>');
      default:
        return response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  return { origin, hits, close: () => new Promise<void>((resolve) => { site.closeAllConnections(); site.close(() => resolve()); }) };
}

let server: TestServer;
let site: ClientSite;
let alice: { id: string; token: string };

beforeAll(async () => {
  site = await startClientSite();
  server = await startTestServer({ allowPrivateNetwork: true });
  alice = await server.createUser();
});
afterAll(async () => {
  await server?.close();
  await site?.close();
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeParams(overrides: Record<string, string | undefined> = {}, challenge = pkce().challenge): URLSearchParams {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: `${site.origin}/`,
    redirect_uri: `${site.origin}/callback`,
    scope: 'read:account write:notes',
    state: 'xyz state',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  return new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function authorize(target: TestServer, params: URLSearchParams, accept = 'application/json') {
  return target.fetch(`/oauth/authorize?${params}`, { method: 'GET', redirect: 'manual', headers: { accept, 'x-forwarded-for': freshIp() } });
}

/** A `<meta name=… content=…>` of a page, unescaped; null when absent. */
function metaTag(html: string, name: string): string | null {
  const match = new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html);
  return match ? match[1]!.replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code))) : null;
}

/** GET /oauth/authorize as the browser would: 200, the consent page with the transaction in Misskey's meta tag. */
async function startAuthorization(params: URLSearchParams): Promise<string> {
  const res = await authorize(server, params, 'text/html');
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return metaTag(res.text, 'misskey:oauth:transaction-id')!;
}

function decide(transactionId: string, allow: boolean, token = alice.token) {
  return server.fetch('/oauth/decision', { json: { transactionId, token, allow } });
}

function tokenRequest(fields: Record<string, string>, form = false) {
  return form
    ? server.fetch('/oauth/token', { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    : server.fetch('/oauth/token', { json: fields });
}

/** The whole flow up to the code. */
async function getCode(scope = 'read:account write:notes') {
  const { verifier, challenge } = pkce();
  const transactionId = await startAuthorization(authorizeParams({ scope }, challenge));
  const decision = await decide(transactionId, true);
  expect(decision.status, decision.text).toBe(200);
  const back = new URL(decision.body.redirectTo);
  return { verifier, code: back.searchParams.get('code')!, back };
}

function exchange(code: string, verifier: string, overrides: Record<string, string> = {}, form = false) {
  return tokenRequest({ grant_type: 'authorization_code', client_id: `${site.origin}/`, redirect_uri: `${site.origin}/callback`, code, code_verifier: verifier, ...overrides }, form);
}

function expectOAuthError(res: { status: number; body: any; headers: Headers }, error: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body).toMatchObject({ error, error_description: expect.any(String) });
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('discovery', () => {
  it('publishes RFC 8414 metadata', async () => {
    const res = await server.fetch('/.well-known/oauth-authorization-server', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toMatchObject({
      issuer: server.url,
      authorization_endpoint: `${server.url}/oauth/authorize`,
      token_endpoint: `${server.url}/oauth/token`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code'],
      authorization_response_iss_parameter_supported: true,
      service_documentation: expect.stringMatching(/^http/),
    });
    expect(res.body.scopes_supported).toEqual(grantablePermissions);
  });
});

describe('authorization code flow', () => {
  it('authorize → consent → code → token; the token carries exactly the granted scopes', async () => {
    const { verifier, challenge } = pkce();
    const transactionId = await startAuthorization(authorizeParams({}, challenge));
    expect(transactionId).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The consent page reads the transaction …
    const transaction = await server.fetch(`/oauth/transactions/${transactionId}`, { method: 'GET' });
    expect(transaction.status).toBe(200);
    expect(transaction.body).toEqual({
      clientId: `${site.origin}/`,
      clientName: 'Test Client',
      clientLogo: `${site.origin}/logo.png`,
      redirectUri: `${site.origin}/callback`,
      scopes: ['read:account', 'write:notes'],
    });
    // … and is served at the same URL with the transaction id (links of the earlier contract).
    const page = await server.fetch(`/oauth/authorize?transaction_id=${transactionId}`, { method: 'GET' });
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);

    // … then posts the decision with the user's native token.
    const decision = await decide(transactionId, true);
    expect(decision.status).toBe(200);
    const back = new URL(decision.body.redirectTo);
    expect(back.origin + back.pathname).toBe(`${site.origin}/callback`);
    expect(back.searchParams.get('state')).toBe('xyz state');
    expect(back.searchParams.get('iss')).toBe(server.url);
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await exchange(code, verifier);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{32}$/), token_type: 'Bearer', scope: 'read:account write:notes' });
    const token = res.body.access_token as string;

    expect((await server.client(token).request('i', {})).id).toBe(alice.id);
    const bearer = await server.fetch('/api/i', { json: {}, headers: { authorization: `Bearer ${token}` } });
    expect(bearer.body.id).toBe(alice.id);
    await expectApiError(server.client(token).request('i/update', { name: 'x' }), apiErrors.permissionDenied);
    expectError(await server.fetch('/api/i/apps', { json: { i: token } }), apiErrors.accessDeniedSecureEndpoint, 403);

    const [row] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashToken(token)));
    expect(row).toMatchObject({ userId: alice.id, isNative: false, permissions: ['read:account', 'write:notes'], name: 'Test Client', iconUrl: `${site.origin}/logo.png` });
    await expectStoredNowhere(server, token, code, verifier, transactionId);

    // The user sees the client among their tokens and authorized apps, and can revoke it.
    expect((await server.client(alice.token).request('i/apps', {})).map((t) => t.name)).toContain('Test Client');
    const authorized = await server.client(alice.token).request('i/authorized-apps', {}) as Array<{ name: string; tokenId?: string }>;
    const item = authorized.find((a) => a.name === 'Test Client')!;
    expect(item.tokenId).toBe(row.id);
    await server.client(alice.token).request('i/revoke-token', { tokenId: item.tokenId! });
    expectError(await server.fetch('/api/i', { json: { i: token } }), apiErrors.authenticationFailed, 401);
  });

  it('takes the token request as a form too, and answers CORS preflights', async () => {
    const { code, verifier } = await getCode('read:account');
    const res = await exchange(code, verifier, {}, true);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scope).toBe('read:account');
    const preflight = await server.fetch('/oauth/token', { method: 'OPTIONS', headers: { origin: 'https://spa.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves out unknown scopes, and refuses a request naming none it knows (invalid_scope)', async () => {
    const { code, verifier } = await getCode('read:account write:something-new read:admin:stream');
    expect((await exchange(code, verifier)).body.scope).toBe('read:account');
    const res = await authorize(server, authorizeParams({ scope: 'write:something-new' }));
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('invalid_scope');
    expect(back.searchParams.get('state')).toBe('xyz state');
  });
});

describe('the code', () => {
  it('is single-use: a second exchange fails with invalid_grant and revokes the token of the first', async () => {
    const { code, verifier } = await getCode();
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    expect((await server.client(first.body.access_token).request('i', {})).id).toBe(alice.id);
    expectOAuthError(await exchange(code, verifier), 'invalid_grant');
    expectError(await server.fetch('/api/i', { json: { i: first.body.access_token } }), apiErrors.authenticationFailed, 401);
    expectOAuthError(await exchange(code, verifier), 'invalid_grant');
  });

  it('needs the right PKCE verifier; a wrong or missing one does not spend the code', async () => {
    const { code, verifier } = await getCode();
    expectOAuthError(await exchange(code, pkce().verifier), 'invalid_grant');
    expectOAuthError(await exchange(code, 'short'), 'invalid_grant');
    const { code_verifier: _omitted, ...withoutVerifier } = { grant_type: 'authorization_code', client_id: `${site.origin}/`, redirect_uri: `${site.origin}/callback`, code, code_verifier: '' };
    expectOAuthError(await tokenRequest(withoutVerifier), 'invalid_grant');
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('is bound to its client_id and redirect_uri', async () => {
    const { code, verifier } = await getCode();
    expectOAuthError(await exchange(code, verifier, { client_id: 'https://other-client.example/' }), 'invalid_grant');
    expectOAuthError(await exchange(code, verifier, { redirect_uri: `${site.origin}/other-callback` }), 'invalid_grant');
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('expires after 5 minutes', async () => {
    const { code, verifier } = await getCode();
    const [row] = await server.ctx.db.select().from(oauthCodes).where(eq(oauthCodes.codeHash, hashToken(code)));
    const lifetime = row.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(4 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(5 * 60 * 1000);
    await server.ctx.db.update(oauthCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oauthCodes.codeHash, hashToken(code)));
    expectOAuthError(await exchange(code, verifier), 'invalid_grant');
  });

  it('answers RFC 6749 errors for malformed token requests', async () => {
    // 501 as Misskey (oauth2orize) answers an unsupported grant type.
    for (const grantType of ['password', 'client_credentials']) {
      const res = await tokenRequest({ grant_type: grantType, username: 'a', password: 'b' });
      expect(res.status).toBe(501);
      expect(res.body).toMatchObject({ error: 'unsupported_grant_type' });
    }
    expectOAuthError(await tokenRequest({ code: 'x' }), 'invalid_request');
    expectOAuthError(await tokenRequest({ grant_type: 'authorization_code' }), 'invalid_request');
    expectOAuthError(await tokenRequest({ grant_type: 'authorization_code', code: 'no-such-code', code_verifier: pkce().verifier, client_id: `${site.origin}/`, redirect_uri: `${site.origin}/callback` }), 'invalid_grant');
    expectOAuthError(await server.fetch('/oauth/token', { body: 'grant_type=authorization_code&code=a&code=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'invalid_request');
    expectOAuthError(await server.fetch('/oauth/token', { body: '{not json', headers: { 'content-type': 'application/json' } }), 'invalid_request');
    expectOAuthError(await server.fetch('/oauth/token', { body: 'x', headers: { 'content-type': 'text/plain' } }), 'invalid_request');
  });
});

describe('the authorization request', () => {
  it('sends errors about anything but the client and redirect_uri back to the app, with state and iss', async () => {
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: undefined }, 'invalid_request'],
      [{ code_challenge: undefined }, 'invalid_request'],
      [{ code_challenge: 'too-short' }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ response_type: undefined }, 'unsupported_response_type'],
      [{ scope: undefined }, 'invalid_scope'],
    ];
    for (const [overrides, error] of cases) {
      const res = await authorize(server, authorizeParams(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(302);
      const back = new URL(res.headers.get('location')!);
      expect(back.origin + back.pathname).toBe(`${site.origin}/callback`);
      expect(back.searchParams.get('error'), JSON.stringify(overrides)).toBe(error);
      expect(back.searchParams.get('state')).toBe('xyz state');
      expect(back.searchParams.get('iss')).toBe(server.url);
      expect(back.searchParams.get('code')).toBeNull();
    }
  });

  it('never redirects to a redirect_uri the client did not publish (400, explained)', async () => {
    for (const redirectUri of ['https://attacker.example/cb', 'https://injected.example/steal']) {
      const res = await authorize(server, authorizeParams({ redirect_uri: redirectUri }));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.body).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('redirect_uri') });
    }
    const html = await authorize(server, authorizeParams({ redirect_uri: 'https://attacker.example/cb' }), 'text/html');
    expect(html.status).toBe(400);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toContain('redirect_uri');
  });

  it('accepts redirect URIs from the Link header and <link> elements, and any on the client_id\'s own origin', async () => {
    for (const redirectUri of ['https://linked.example/cb', 'https://app.example/cb']) {
      expect((await authorize(server, authorizeParams({ client_id: `${site.origin}/elsewhere`, redirect_uri: redirectUri }))).status).toBe(200);
    }
    const unlisted = await authorize(server, authorizeParams({ redirect_uri: `${site.origin}/not-listed-but-same-origin` }));
    expect(metaTag(unlisted.text, 'misskey:oauth:transaction-id')).toBeTruthy();
  });

  it('reads the client_id page whatever its Content-Type (text/plain, none, an empty body with a Link header)', async () => {
    for (const [path, redirectUri] of [['/text', 'https://text.example/cb'], ['/untyped', 'https://untyped.example/cb'], ['/untyped', 'https://untyped-header.example/cb'], ['/empty', 'https://empty.example/cb']]) {
      const res = await authorize(server, authorizeParams({ client_id: `${site.origin}${path}`, redirect_uri: redirectUri }));
      expect(res.status, `${path} ${redirectUri}: ${res.text.slice(0, 200)}`).toBe(200);
    }
  });

  it('answers 200 with Misskey\'s meta tags: transaction id, client name and, when given, logo', async () => {
    const res = await authorize(server, authorizeParams(), 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(metaTag(res.text, 'misskey:oauth:transaction-id')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(metaTag(res.text, 'misskey:oauth:client-name')).toBe('Test Client');
    expect(metaTag(res.text, 'misskey:oauth:client-logo')).toBe(`${site.origin}/logo.png`);
    const plain = await authorize(server, authorizeParams({ client_id: `${site.origin}/plain`, redirect_uri: `${site.origin}/callback` }));
    expect(metaTag(plain.text, 'misskey:oauth:client-name')).toBe(`${site.origin}/plain`);
    expect(metaTag(plain.text, 'misskey:oauth:client-logo')).toBeNull();
  });

  it('refuses javascript: and data: redirect URIs even when the client page lists them', async () => {
    for (const redirectUri of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>']) {
      const res = await authorize(server, authorizeParams({ client_id: `${site.origin}/scripted`, redirect_uri: redirectUri }));
      expect(res.status, redirectUri).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('names the client by its h-app only when the h-app is about the client_id; otherwise by the URL', async () => {
    for (const path of ['/elsewhere', '/plain']) {
      const transactionId = await startAuthorization(authorizeParams({ client_id: `${site.origin}${path}`, redirect_uri: `${site.origin}/callback` }));
      const transaction = await server.fetch(`/oauth/transactions/${transactionId}`, { method: 'GET' });
      expect(transaction.body).toMatchObject({ clientId: `${site.origin}${path}`, clientName: `${site.origin}${path}`, clientLogo: null });
    }
  });

  it('refuses bad client ids and unreadable client pages without redirecting', async () => {
    const bad = ['not a url', 'ftp://app.example/', `${site.origin}/#frag`, 'https://user:pw@app.example/', 'https://app.example/a/../b', 'https://10.0.0.1/', `${site.origin}/missing`];
    for (const clientId of bad) {
      const res = await authorize(server, authorizeParams({ client_id: clientId }));
      expect(res.status, clientId).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect(res.headers.get('location')).toBeNull();
    }
    for (const params of [authorizeParams({ client_id: undefined }), authorizeParams({ redirect_uri: undefined }), authorizeParams({ redirect_uri: 'not a url' })]) {
      expect((await authorize(server, params)).status).toBe(400);
    }
    const repeated = authorizeParams();
    repeated.append('client_id', 'https://other.example/');
    expect((await authorize(server, repeated)).status).toBe(400);
  });

  it('refuses a client_id on a private address unless MIKAN_ALLOW_PRIVATE_NETWORK is on', async () => {
    const strict = await startTestServer();
    try {
      expect(strict.ctx.config.allowPrivateNetwork).toBe(false);
      const before = site.hits.length;
      for (const clientId of [`${site.origin}/`, `http://localhost:${new URL(site.origin).port}/`, 'http://[::1]/']) {
        const res = await authorize(strict, authorizeParams({ client_id: clientId, redirect_uri: `${clientId.replace(/\/$/, '')}/callback` }));
        expect(res.status, clientId).toBe(400);
        expect(res.body.error_description).toMatch(/loopback/);
      }
      expect(site.hits.length).toBe(before);
    } finally {
      await strict.close();
    }
  });
});

describe('the consent decision', () => {
  it('denied: the app gets error=access_denied with its state, and no code or token is issued', async () => {
    const tokensBefore = (await server.ctx.db.select().from(accessTokens)).length;
    const codesBefore = (await server.ctx.db.select().from(oauthCodes)).length;
    const transactionId = await startAuthorization(authorizeParams());
    const res = await decide(transactionId, false);
    expect(res.status).toBe(200);
    const back = new URL(res.body.redirectTo);
    expect(back.origin + back.pathname).toBe(`${site.origin}/callback`);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('xyz state');
    expect(back.searchParams.get('iss')).toBe(server.url);
    expect(back.searchParams.get('code')).toBeNull();
    expect((await server.ctx.db.select().from(accessTokens)).length).toBe(tokensBefore);
    expect((await server.ctx.db.select().from(oauthCodes)).length).toBe(codesBefore);
    // The transaction is over: 403, as Misskey answers a transaction it cannot load.
    expect((await decide(transactionId, true)).status).toBe(403);
  });

  it('needs the user\'s native token', async () => {
    const transactionId = await startAuthorization(authorizeParams());
    const appToken = await server.createAppToken(alice.id, ['read:account', 'write:account']);
    const asApp = await decide(transactionId, true, appToken);
    expect(asApp.status).toBe(403);
    expect(asApp.body.error).toBe('access_denied');
    const garbage = await decide(transactionId, true, 'not-a-token');
    expect(garbage.status).toBe(401);
    // Neither spent the transaction.
    expect((await decide(transactionId, true)).status).toBe(200);
    expect((await decide(transactionId, true)).status).toBe(403);
  });

  it('takes Misskey\'s form (transaction_id, login_token, cancel) and answers with a 302 to the app', async () => {
    const form = (fields: Record<string, string>) => server.fetch('/oauth/decision', {
      body: new URLSearchParams(fields).toString(), redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const allowed = await startAuthorization(authorizeParams());
    // No login token: refused, and the transaction is not spent.
    const anonymous = await form({ transaction_id: allowed });
    expect(anonymous.status).toBe(400);
    expect(anonymous.headers.get('location')).toBeNull();
    expect((await form({ transaction_id: allowed, login_token: 'not-a-token' })).status).toBe(401);
    const res = await form({ transaction_id: allowed, login_token: alice.token });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${site.origin}/callback`);
    expect(back.searchParams.get('state')).toBe('xyz state');
    expect(back.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cancelled = await form({ transaction_id: await startAuthorization(authorizeParams()), login_token: alice.token, cancel: 'Cancel' });
    expect(cancelled.status).toBe(302);
    const denied = new URL(cancelled.headers.get('location')!);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();

    expect((await form({ transaction_id: 'no-such-transaction', login_token: alice.token })).status).toBe(403);
    expect((await form({ transaction_id: allowed, login_token: alice.token })).status).toBe(403);
  });

  it('refuses a malformed JSON decision', async () => {
    const transactionId = await startAuthorization(authorizeParams());
    expect((await server.fetch('/oauth/decision', { json: { transactionId, token: alice.token, allow: 'yes' } })).status).toBe(400);
    expect((await server.fetch('/oauth/decision', { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
    expect((await decide(transactionId, true)).status).toBe(200);
  });

  it('expires transactions after 10 minutes', async () => {
    const transactionId = await startAuthorization(authorizeParams());
    const [row] = await server.ctx.db.select().from(oauthTransactions).where(eq(oauthTransactions.idHash, hashToken(transactionId)));
    const lifetime = row.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60 * 1000);
    await server.ctx.db.update(oauthTransactions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oauthTransactions.idHash, hashToken(transactionId)));
    const shown = await server.fetch(`/oauth/transactions/${transactionId}`, { method: 'GET' });
    expect(shown.status).toBe(404);
    expect(shown.body).toMatchObject({ error: expect.any(String) });
    expect((await decide(transactionId, true)).status).toBe(403);
    expect((await server.fetch('/oauth/transactions/no-such-transaction', { method: 'GET' })).status).toBe(404);
  });
});

describe('paths under /oauth/', () => {
  it('answers 404 for an unknown one, never the web client', async () => {
    for (const path of ['/oauth/nothing-here', '/oauth/authorize/extra', '/oauth/']) {
      const res = await server.fetch(path, { method: 'GET', headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('<div id="app"');
    }
  });
});
