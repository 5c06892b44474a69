import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { grantablePermissions, type Permission } from '../api/permissions.js';
import { checkRateLimit, ipActor, retryAfterSeconds, type RateLimit } from '../api/rate-limit.js';
import { authenticate } from '../core/auth/authenticate.js';
import { createTransaction, exchangeCode, findTransaction, issueCode, takeTransaction } from '../core/oauth/authorization.js';
import { ClientIdError, clientDisplayName, discoverClient, parseClientId, SafeFetchError } from '../core/oauth/client.js';
import { isS256Challenge } from '../core/oauth/pkce.js';
import { sendWebClient, sendWebClientWithMeta } from './spa.js';

/**
 * OAuth 2.0 authorization code flow with PKCE (S256 only) and IndieAuth client ids, as Misskey
 * serves it:
 * - GET /.well-known/oauth-authorization-server — RFC 8414 metadata;
 * - GET /oauth/authorize — validates the request (fetching the client_id page SSRF-safely for its
 *   redirect URIs and h-app), stores a 10-minute transaction and answers 200 with the web client's
 *   consent page carrying Misskey's `<meta name="misskey:oauth:transaction-id">`, `…:client-name`
 *   and `…:client-logo` (docs/web-client.md);
 * - POST /oauth/decision — Misskey's form (`transaction_id`, `login_token`, `cancel`: 302 back to the
 *   app), or the JSON variant the web client posts; GET /oauth/transactions/:id for the page;
 * - POST /oauth/token — code + verifier → access token (JSON or form body).
 */

/** Each authorization request makes the server fetch a page of the caller's choosing; per IP address. */
export const AUTHORIZE_RATE_LIMIT: RateLimit = { key: 'oauth-authorize', duration: 60_000, max: 30 };

const GRANTABLE = new Set<string>(grantablePermissions);
const STATE_MAX_LENGTH = 1024;
/** Schemes a browser would run or render instead of handing the code to an app (issue 18). */
const FORBIDDEN_REDIRECT_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);
const UNKNOWN_TRANSACTION = 'This authorization request is unknown or has expired. Go back to the app and start again.';

type Query = Record<string, string | string[] | undefined>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A single string parameter; `undefined` when absent, `null` when repeated (RFC 6749: parameters must not repeat). */
function single(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return null;
}

/** URLs are compared as the authorization request stored them (WHATWG-serialised). */
function normalizedUrl(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/.test(String(request.headers.accept ?? ''));
}

/** The refusal page's look: light and dark, readable on a phone. Allowed by its hash, so the CSP still refuses any other style. */
const REFUSAL_STYLE = `:root{color-scheme:light dark;--bg:#fff;--fg:#1d1d1f;--muted:#5f6368;--line:#d9d9de;--accent:#b35400;--panel:#fff4ea}
@media (prefers-color-scheme:dark){:root{--bg:#141416;--fg:#ececf0;--muted:#a8a8b3;--line:#3a3a40;--accent:#ffa24d;--panel:#2a1f16}}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:40rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.5rem;margin:0 0 1rem}
.problem{border-left:4px solid var(--accent);background:var(--panel);padding:.75rem 1rem;border-radius:6px;overflow-wrap:anywhere}
.fix{margin-top:1.25rem}.muted{color:var(--muted);font-size:.9rem}code{font-family:ui-monospace,monospace;overflow-wrap:anywhere}`;
const REFUSAL_STYLE_HASH = createHash('sha256').update(REFUSAL_STYLE).digest('base64');

/**
 * An error that must not be sent to the redirect URI (RFC 6749 §4.1.2.1: the client or its
 * redirect URI is not established): shown to the person in the browser, or as JSON to a program.
 * `fix` says what the app's developer (or the server's administrator) can do about it.
 */
function refuseAuthorization(request: FastifyRequest, reply: FastifyReply, status: number, error: string, description: string, fix?: string): FastifyReply {
  reply.code(status).header('Cache-Control', 'no-store');
  if (!wantsHtml(request)) return reply.header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify({ error, error_description: description }));
  return reply
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', `default-src 'none'; style-src 'sha256-${REFUSAL_STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cannot authorize this app</title><style>${REFUSAL_STYLE}</style></head><body><main>
<h1>Cannot authorize this app</h1>
<p class="problem" data-testid="problem">${escapeHtml(description)}</p>
<p>The app sent an authorization request this server cannot accept, so you have not been sent back to it and nothing was shared.</p>
<p class="fix" data-testid="fix"><strong>What to fix:</strong> ${fix ? escapeHtml(fix) : 'tell the app&#39;s developer what this page says; the app has to send a corrected request.'}</p>
<p class="muted">Error code <code>${escapeHtml(error)}</code> (OAuth 2.0).</p>
</main></body></html>`);
}

/** What the app's developer or the administrator can change when the client_id page cannot be read. */
function clientPageFix(error: SafeFetchError, allowPrivateNetwork: boolean): string {
  switch (error.reason) {
    case 'address':
    case 'dns':
      return allowPrivateNetwork
        ? 'Make sure client_id is an address this server can reach.'
        : 'This server only fetches app pages on the public internet. For local development (client_id on localhost, 127.0.0.1 or a private network), the administrator can start Mikan with MIKAN_ALLOW_PRIVATE_NETWORK=on.';
    case 'status': return 'The page at client_id must answer 200 with an HTML page (or JSON client metadata).';
    case 'content-type': return 'Serve the page at client_id as text/html (or application/json).';
    case 'timeout': case 'network': return 'Make sure the app\'s server is running and reachable from this server, then try again.';
    default: return 'client_id must be the https URL of a page that describes the app.';
  }
}

function withParameters(target: string, parameters: Record<string, string | null | undefined>): string {
  const url = new URL(target);
  for (const [name, value] of Object.entries(parameters)) if (value != null) url.searchParams.set(name, value);
  return url.href;
}

/** An OAuth error (RFC 6749) as JSON, never cached. */
function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status)
    .header('Cache-Control', 'no-store')
    .header('Pragma', 'no-cache')
    .header('Content-Type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ error, error_description: description }));
}

function parseJson(_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void): void {
  try {
    done(null, body.trim() === '' ? {} : JSON.parse(body));
  } catch {
    done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400, oauth: true }));
  }
}

/** application/x-www-form-urlencoded; a repeated name gives an array (refused later as a repeated parameter). */
function parseForm(_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void): void {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  done(null, fields);
}

export interface OAuthPluginOptions {
  ctx: AppContext;
  /** The built web client (tests point this elsewhere); see src/web/spa.ts. */
  distDir?: string;
}

export async function oauthPlugin(app: FastifyInstance, options: OAuthPluginOptions): Promise<void> {
  const { ctx } = options;
  const issuer = () => ctx.config.url;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, parseJson);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, parseForm);
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) {
      ctx.log.error({ err: error, url: request.url }, 'OAuth request failed');
      return oauthError(reply, 500, 'server_error', 'The server failed to handle this request.');
    }
    if (request.url.startsWith('/oauth/token')) reply.header('Access-Control-Allow-Origin', '*');
    const description = (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
      ? 'Send the parameters as application/x-www-form-urlencoded or application/json.'
      : (error as Error).message;
    return oauthError(reply, 400, 'invalid_request', description);
  });

  app.get('/.well-known/oauth-authorization-server', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'public, max-age=600');
    return {
      issuer: issuer(),
      authorization_endpoint: `${issuer()}/oauth/authorize`,
      token_endpoint: `${issuer()}/oauth/token`,
      scopes_supported: grantablePermissions,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code'],
      token_endpoint_auth_methods_supported: ['none'],
      service_documentation: `${issuer()}/api-doc`,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    };
  });

  app.get('/oauth/authorize', async (request, reply) => {
    const query = request.query as Query;
    // The consent page itself: the web client reads transaction_id from the query.
    if (query.transaction_id !== undefined) return sendWebClient(ctx, request, reply, options.distDir);

    if (ctx.config.rateLimit) {
      const verdict = await checkRateLimit(ctx.cache, AUTHORIZE_RATE_LIMIT, ipActor(request.ip), 'oauth-authorize', 1);
      if (verdict.blocked) {
        reply.header('Retry-After', String(retryAfterSeconds(verdict.resetMs)));
        return refuseAuthorization(request, reply, 429, 'temporarily_unavailable', 'Too many authorization requests from this address. Try again in a minute.');
      }
    }

    // 1. What cannot be redirected: the client and its redirect URI.
    const rawClientId = single(query.client_id);
    if (typeof rawClientId !== 'string' || rawClientId === '') return refuseAuthorization(request, reply, 400, 'invalid_request', 'The client_id parameter is missing or repeated.');
    let clientId: URL;
    try {
      clientId = parseClientId(rawClientId);
    } catch (error) {
      if (error instanceof ClientIdError) return refuseAuthorization(request, reply, 400, 'invalid_request', `${error.message}.`);
      throw error;
    }
    const rawRedirectUri = single(query.redirect_uri);
    if (typeof rawRedirectUri !== 'string' || rawRedirectUri === '') return refuseAuthorization(request, reply, 400, 'invalid_request', 'The redirect_uri parameter is missing or repeated.');
    let redirectUri: URL;
    try {
      redirectUri = new URL(rawRedirectUri);
    } catch {
      return refuseAuthorization(request, reply, 400, 'invalid_request', 'redirect_uri is not a URL.');
    }
    if (FORBIDDEN_REDIRECT_SCHEMES.has(redirectUri.protocol)) return refuseAuthorization(request, reply, 400, 'invalid_request', `redirect_uri must not use the ${redirectUri.protocol} scheme.`);
    if (redirectUri.hash || redirectUri.href.length > 2048) return refuseAuthorization(request, reply, 400, 'invalid_request', 'redirect_uri must not contain a fragment and must be at most 2048 characters long.');

    let client;
    try {
      client = await discoverClient(ctx, clientId);
    } catch (error) {
      if (error instanceof SafeFetchError) {
        return refuseAuthorization(request, reply, 400, 'invalid_request', `The app's page at client_id could not be read: ${error.message}.`, clientPageFix(error, ctx.config.allowPrivateNetwork));
      }
      throw error;
    }
    // IndieAuth: a redirect URI on the client_id's own origin needs no listing; any other must be listed.
    const listed = client.redirectUris.includes(redirectUri.href);
    if (!listed && redirectUri.origin !== clientId.origin) {
      return refuseAuthorization(request, reply, 400, 'invalid_request', 'redirect_uri is neither on the client_id\'s origin nor listed by the client_id page (<link rel="redirect_uri">).', 'List the redirect URI on the client_id page with <link rel="redirect_uri" href="…">, or use one on the client_id\'s origin.');
    }

    // 2. Everything else goes back to the app (RFC 6749 §4.1.2.1), with state and iss (RFC 9207).
    const state = single(query.state);
    const back = (error: string, description: string) => reply.code(302).header('Cache-Control', 'no-store').redirect(withParameters(redirectUri.href, {
      error, error_description: description, state: typeof state === 'string' ? state : undefined, iss: issuer(),
    }));
    if (state === null) return back('invalid_request', 'The state parameter is repeated.');
    if (state !== undefined && state.length > STATE_MAX_LENGTH) return back('invalid_request', `state must be at most ${STATE_MAX_LENGTH} characters long.`);
    const responseType = single(query.response_type);
    if (responseType !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.');
    const codeChallenge = single(query.code_challenge);
    if (typeof codeChallenge !== 'string' || codeChallenge === '') return back('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
    if (single(query.code_challenge_method) !== 'S256') return back('invalid_request', 'Only code_challenge_method=S256 is supported.');
    if (!isS256Challenge(codeChallenge)) return back('invalid_request', 'code_challenge must be the 43-character base64url SHA-256 of the code verifier.');
    const scope = single(query.scope);
    if (scope === null) return back('invalid_request', 'The scope parameter is repeated.');
    // As Misskey: scopes this server does not know are left out; none left is an error.
    const scopes = [...new Set((scope ?? '').split(' ').filter((s) => GRANTABLE.has(s)))] as Permission[];
    if (scopes.length === 0) return back('invalid_scope', 'scope names none of the permissions this server grants (see scopes_supported in /.well-known/oauth-authorization-server).');

    const transactionId = await createTransaction(ctx, {
      clientId: client.id,
      clientName: clientDisplayName(client),
      clientLogo: client.logo,
      redirectUri: redirectUri.href,
      scopes,
      state: state ?? null,
      codeChallenge,
    });
    // The consent page, as Misskey serves it: 200 at this URL, the transaction in <meta> tags.
    return sendWebClientWithMeta(reply, {
      'misskey:oauth:transaction-id': transactionId,
      'misskey:oauth:client-name': clientDisplayName(client),
      ...(client.logo ? { 'misskey:oauth:client-logo': client.logo } : {}),
    }, options.distDir);
  });

  app.get('/oauth/transactions/:id', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const transaction = await findTransaction(ctx, (request.params as { id: string }).id);
    if (!transaction) return oauthError(reply, 404, 'invalid_request', UNKNOWN_TRANSACTION);
    return {
      clientId: transaction.clientId,
      clientName: transaction.clientName,
      clientLogo: transaction.clientLogo,
      redirectUri: transaction.redirectUri,
      scopes: transaction.scopes,
    };
  });

  /** The user's decision on a transaction: where to send the browser back, or an error to answer. */
  async function decide(transactionId: string, token: string, allow: boolean): Promise<{ redirectTo: string } | { status: number; error: string; description: string }> {
    const auth = await authenticate(ctx, token);
    if (!auth) return { status: 401, error: 'invalid_token', description: 'Your sign-in is not valid any more. Sign in again.' };
    if (!auth.token.isNative) return { status: 403, error: 'access_denied', description: 'Only the web client\'s own sign-in can authorize an app.' };
    if (auth.user.isSuspended) return { status: 403, error: 'access_denied', description: 'Your account is suspended.' };
    const transaction = await takeTransaction(ctx, transactionId);
    // 403 as Misskey (oauth2orize cannot load the transaction).
    if (!transaction) return { status: 403, error: 'invalid_request', description: UNKNOWN_TRANSACTION };
    const state = transaction.state ?? undefined;
    if (!allow) return { redirectTo: withParameters(transaction.redirectUri, { error: 'access_denied', error_description: 'The user denied the request.', state, iss: issuer() }) };
    const code = await issueCode(ctx, transaction, auth.user.id);
    return { redirectTo: withParameters(transaction.redirectUri, { code, state, iss: issuer() }) };
  }

  app.post('/oauth/decision', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;

    // Misskey's consent form: transaction_id, login_token (the user's own web token, which a
    // cross-site page cannot know) and cancel; the answer sends the browser back to the app.
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const transactionId = single(body.transaction_id);
      const loginToken = single(body.login_token);
      if (typeof transactionId !== 'string' || transactionId === '') return oauthError(reply, 400, 'invalid_request', 'transaction_id is missing.');
      if (typeof loginToken !== 'string' || loginToken === '') return oauthError(reply, 400, 'invalid_request', 'login_token is missing: sign in first.');
      const outcome = await decide(transactionId, loginToken, body.cancel === undefined);
      if ('status' in outcome) return oauthError(reply, outcome.status, outcome.error, outcome.description);
      return reply.code(302).redirect(outcome.redirectTo);
    }

    // The web client's JSON variant: it navigates to redirectTo itself.
    if (!contentType.startsWith('application/json')) {
      return oauthError(reply, 400, 'invalid_request', 'Send the decision as application/x-www-form-urlencoded or application/json.');
    }
    const { transactionId, token, allow } = body;
    if (typeof transactionId !== 'string' || typeof token !== 'string' || typeof allow !== 'boolean') {
      return oauthError(reply, 400, 'invalid_request', 'Send {transactionId: string, token: string, allow: boolean}.');
    }
    const outcome = await decide(transactionId, token, allow);
    if ('status' in outcome) return oauthError(reply, outcome.status, outcome.error, outcome.description);
    return outcome;
  });

  app.options('/oauth/token', async (_request, reply) => reply.code(204)
    .header('Access-Control-Allow-Origin', '*')
    .header('Access-Control-Allow-Methods', 'POST')
    .header('Access-Control-Allow-Headers', 'Content-Type, Authorization')
    .header('Access-Control-Max-Age', '86400')
    .send());

  app.post('/oauth/token', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return oauthError(reply, 400, 'invalid_request', 'Send the parameters as application/x-www-form-urlencoded or application/json.');
    const fields = body as Record<string, unknown>;
    const get = (name: string) => single(fields[name]);
    const names = ['grant_type', 'code', 'client_id', 'redirect_uri', 'code_verifier'];
    const repeated = names.find((name) => get(name) === null);
    if (repeated) return oauthError(reply, 400, 'invalid_request', `${repeated} must be one string, sent once.`);

    const grantType = get('grant_type');
    if (grantType === undefined) return oauthError(reply, 400, 'invalid_request', 'grant_type is missing.');
    // 501 as Misskey (oauth2orize's status for unsupported_grant_type), e.g. for grant_type=password.
    if (grantType !== 'authorization_code') return oauthError(reply, 501, 'unsupported_grant_type', 'Only grant_type=authorization_code is supported.');
    const code = get('code');
    if (!code) return oauthError(reply, 400, 'invalid_request', 'code is missing.');

    const outcome = await exchangeCode(ctx, {
      code,
      clientId: normalizedUrl(get('client_id')),
      redirectUri: normalizedUrl(get('redirect_uri')),
      codeVerifier: get('code_verifier') ?? undefined,
    });
    if (outcome.result !== 'ok') return oauthError(reply, 400, outcome.result, outcome.description);
    return reply.code(200)
      .header('Cache-Control', 'no-store')
      .header('Pragma', 'no-cache')
      .header('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ access_token: outcome.accessToken, token_type: 'Bearer', scope: outcome.scopes.join(' ') }));
  });
}
