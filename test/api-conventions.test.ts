import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema/index.js';
import { apiErrors } from '../src/api/errors.js';
import { fixtureEndpoints } from './fixtures/endpoints.js';
import { spyOnQueries, startTestServer, type TestServer } from './harness.js';
import { setSuspended } from '../src/core/users/account.js';
import { usersChanged } from '../src/core/cache/caches.js';

let server: TestServer;
let alice: { id: string; token: string };
let bob: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer({}, { extraEndpoints: fixtureEndpoints });
  alice = await server.createUser();
  bob = await server.createUser();
});
afterAll(async () => { await server?.close(); });

function expectError(res: { status: number; body: any }, error: { code: string; id: string }, status: number) {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({ code: error.code, id: error.id });
  expect(typeof res.body.error.message).toBe('string');
  expect(['client', 'server', 'permission']).toContain(res.body.error.kind);
}

describe('credentials', () => {
  it('accepts the token in the body field `i` and in an Authorization: Bearer header', async () => {
    expect(await server.client(alice.token).request('test/whoami' as any, {})).toEqual({ id: alice.id });
    const res = await server.fetch('/api/test/whoami', { json: {}, headers: { authorization: `Bearer ${bob.token}` } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: bob.id });
  });

  it('prefers the Bearer header over `i`, as Misskey does', async () => {
    const res = await server.fetch('/api/test/whoami', { json: { i: alice.token }, headers: { authorization: `Bearer ${bob.token}` } });
    expect(res.body).toEqual({ id: bob.id });
  });

  it('answers 401 CREDENTIAL_REQUIRED with WWW-Authenticate when no token is sent', async () => {
    const res = await server.fetch('/api/test/whoami', { json: {} });
    expectError(res, apiErrors.credentialRequired, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="Misskey"');
  });

  it('answers a multipart call without a credential with the same bare challenge', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('hello')], { type: 'text/plain' }), 'a.txt');
    const res = await server.fetch('/api/drive/files/create', { body: form });
    expectError(res, apiErrors.credentialRequired, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="Misskey"');
  });

  it('carries invalid_request with the message on every client-kind error, none on success', async () => {
    const invalid = await server.fetch('/api/test', { json: {} });
    expectError(invalid, apiErrors.invalidParam, 400);
    expect(invalid.headers.get('www-authenticate')).toBe('Bearer realm="Misskey", error="invalid_request", error_description="Invalid param."');
    const badJson = await server.fetch('/api/ping', { body: '{', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('www-authenticate')).toMatch(/^Bearer realm="Misskey", error="invalid_request", error_description="/);
    const noSuchNote = await server.fetch('/api/notes/show', { json: { noteId: 'aaaaaaaaaaaaaaaa' } });
    expect(noSuchNote.body.error.code).toBe('NO_SUCH_NOTE');
    expect(noSuchNote.headers.get('www-authenticate')).toBe(`Bearer realm="Misskey", error="invalid_request", error_description="${noSuchNote.body.error.message}"`);
    const multipartInvalid = new FormData();
    multipartInvalid.append('i', alice.token);
    multipartInvalid.append('isSensitive', 'maybe');
    multipartInvalid.append('file', new Blob([Buffer.from('hello')], { type: 'text/plain' }), 'a.txt');
    const multipart = await server.fetch('/api/drive/files/create', { body: multipartInvalid });
    expect(multipart.status).toBe(400);
    expect(multipart.headers.get('www-authenticate')).toMatch(/^Bearer realm="Misskey", error="invalid_request", error_description="/);
    expect((await server.fetch('/api/ping', { json: {} })).headers.get('www-authenticate')).toBeNull();
  });

  it('answers 401 AUTHENTICATION_FAILED for garbage, empty and oversized tokens, even on open endpoints', async () => {
    for (const i of ['garbage', '', 'x'.repeat(5000), alice.token + 'x']) {
      const res = await server.fetch('/api/test/optional-credential', { json: { i } });
      expectError(res, apiErrors.authenticationFailed, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    }
  });

  it('treats `i: null` as anonymous (misskey-js sends it without a credential)', async () => {
    expect(await server.client(null).request('test/optional-credential' as any, {})).toEqual({ userId: null });
    expect(await server.client(alice.token).request('test/optional-credential' as any, {})).toEqual({ userId: alice.id });
  });

  it('answers a bare 400 when the token is not a string', async () => {
    const res = await server.fetch('/api/test/whoami', { json: { i: 12345 } });
    expect(res.status).toBe(400);
    expect(res.text).toBe('');
  });

  it('refuses the token of a deleted user', async () => {
    const carol = await server.createUser();
    expect((await server.fetch('/api/test/whoami', { json: { i: carol.token } })).status).toBe(200);
    await server.ctx.db.update(users).set({ isDeleted: true }).where(eq(users.id, carol.id));
    usersChanged(server.ctx, carol.id);
    expectError(await server.fetch('/api/test/whoami', { json: { i: carol.token } }), apiErrors.authenticationFailed, 401);
  });

  it('refuses suspended users on endpoints that need credentials', async () => {
    const dave = await server.createUser();
    await setSuspended(server.ctx, dave.id, true);
    expectError(await server.fetch('/api/test/whoami', { json: { i: dave.token } }), apiErrors.yourAccountSuspended, 403);
  });
});

describe('permissions', () => {
  it('lets an app token call an endpoint whose kind it holds, and refuses it otherwise with 403 PERMISSION_DENIED', async () => {
    const reader = await server.createAppToken(alice.id, ['read:account']);
    const writer = await server.createAppToken(alice.id, ['write:notes']);
    expect((await server.fetch('/api/test/whoami', { json: { i: reader } })).body).toEqual({ id: alice.id });
    const res = await server.fetch('/api/test/whoami', { json: { i: writer } });
    expectError(res, apiErrors.permissionDenied, 403);
    expect(res.body.error.kind).toBe('permission');
    expect(res.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
  });

  it('checks a declared kind even where no credential is required', async () => {
    const writer = await server.createAppToken(alice.id, ['write:notes']);
    expectError(await server.fetch('/api/test/kind-without-credential', { json: { i: writer } }), apiErrors.permissionDenied, 403);
    expect((await server.fetch('/api/test/kind-without-credential', { json: {} })).status).toBe(200);
  });

  it('gives the native token every permission', async () => {
    expect((await server.fetch('/api/test/kind-without-credential', { json: { i: alice.token } })).status).toBe(200);
  });

  it('refuses app tokens on secure endpoints, even with every permission', async () => {
    const everything = await server.createAppToken(alice.id, ['read:account', 'write:account']);
    expectError(await server.fetch('/api/test/secure', { json: { i: everything } }), apiErrors.accessDeniedSecureEndpoint, 403);
    expect((await server.fetch('/api/test/secure', { json: { i: alice.token } })).body).toEqual({ id: alice.id });
    expectError(await server.fetch('/api/test/secure', { json: {} }), apiErrors.credentialRequired, 401);
  });

  it('requires the moderator or admin role where declared', async () => {
    const moderator = await server.createUser({ isModerator: true });
    const admin = await server.createUser({ isAdmin: true });
    expectError(await server.fetch('/api/test/moderator', { json: { i: alice.token } }), apiErrors.roleModeratorRequired, 403);
    expect((await server.fetch('/api/test/moderator', { json: { i: moderator.token } })).status).toBe(200);
    expect((await server.fetch('/api/test/moderator', { json: { i: admin.token } })).status).toBe(200);
    expectError(await server.fetch('/api/test/admin', { json: { i: moderator.token } }), apiErrors.roleAdminRequired, 403);
    expect((await server.fetch('/api/test/admin', { json: { i: admin.token } })).status).toBe(200);
    expectError(await server.fetch('/api/test/admin', { json: {} }), apiErrors.credentialRequired, 401);
  });

  it('checks the token permission before the role', async () => {
    const moderator = await server.createUser({ isModerator: true });
    const wrongKind = await server.createAppToken(moderator.id, ['read:account']);
    expectError(await server.fetch('/api/test/moderator', { json: { i: wrongKind } }), apiErrors.permissionDenied, 403);
    const rightKind = await server.createAppToken(moderator.id, ['read:admin:show-user']);
    expect((await server.fetch('/api/test/moderator', { json: { i: rightKind } })).status).toBe(200);
  });

  it('requires a declared role policy', async () => {
    expectError(await server.fetch('/api/test/policy', { json: { i: alice.token } }), apiErrors.rolePolicyRequired, 403);
    await server.ctx.meta.update({ policies: { canManageCustomEmojis: true } });
    try {
      expect((await server.fetch('/api/test/policy', { json: { i: alice.token } })).status).toBe(200);
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
  });

  it('refuses a revoked token at once', async () => {
    const token = await server.createAppToken(alice.id, ['read:account']);
    expect((await server.fetch('/api/test/whoami', { json: { i: token } })).status).toBe(200);
    await server.ctx.database.pool.query('DELETE FROM access_tokens WHERE user_id = $1 AND is_native = false', [alice.id]);
    usersChanged(server.ctx, alice.id);
    expectError(await server.fetch('/api/test/whoami', { json: { i: token } }), apiErrors.authenticationFailed, 401);
  });
});

describe('parameters and bodies', () => {
  it('answers INVALID_PARAM with the failing parameter in `info`', async () => {
    const res = await server.fetch('/api/test/whoami', { json: { i: alice.token, n: 'three' } });
    expectError(res, apiErrors.invalidParam, 400);
    expect(res.body.error.info).toMatchObject({ param: '#/properties/n/type' });
    expect(res.body.error.info.reason).toMatch(/integer/);
    const missing = await server.fetch('/api/test/get-typed', { json: {} });
    expectError(missing, apiErrors.invalidParam, 400);
    expect(missing.body.error.info.reason).toMatch(/n/);
  });

  it('names the failing parameter as a path in `info.path` (missing, wrong type, nested, GET cast)', async () => {
    const wrongType = await server.fetch('/api/test/whoami', { json: { i: alice.token, n: 'three' } });
    expect(wrongType.body.error.info.path).toBe('n');
    // Misskey's `param` is `#/required` here, which names no parameter.
    const missing = await server.fetch('/api/test/get-typed', { json: {} });
    expect(missing.body.error.info).toMatchObject({ param: '#/required', path: 'n' });
    const nested = await server.fetch('/api/test/get-typed', { json: { n: 1, tags: ['a', 5] } });
    expectError(nested, apiErrors.invalidParam, 400);
    expect(nested.body.error.info.path).toBe('tags.1');
    const cast = await server.fetch('/api/test/get-typed?n=three', { method: 'GET' });
    expectError(cast, apiErrors.invalidParamCast, 400);
    expect(cast.body.error.info.path).toBe('n');
    // A real endpoint, through misskey-js: the client reads `info` from the rejected error.
    const error = await server.client(alice.token).request('notes/create', { text: 'x', poll: { choices: ['only one'] } }).catch((e: unknown) => e) as { code: string; info: { path: string } };
    expect(error.code).toBe('INVALID_PARAM');
    expect(error.info.path).toBe('poll.choices');
  });

  it('ignores unknown extra parameters', async () => {
    const res = await server.fetch('/api/test/whoami', { json: { i: alice.token, somethingElse: [1, 2, 3] } });
    expect(res.status).toBe(200);
  });

  it('does not touch the database beyond the token lookup when params are invalid', async () => {
    await server.fetch('/api/test/whoami', { json: { i: alice.token } });
    const spy = spyOnQueries(server.ctx);
    try {
      // The credential is cached since the call above: no query at all.
      const res = await server.fetch('/api/test/whoami', { json: { i: alice.token, n: 99 } });
      expect(res.status).toBe(400);
      expect(spy.count()).toBe(0);
      // Once the account changed, the token is looked up again: exactly that one query.
      usersChanged(server.ctx, alice.id);
      const again = await server.fetch('/api/test/whoami', { json: { i: alice.token, n: 99 } });
      expect(again.status).toBe(400);
      expect(spy.count()).toBe(1);
    } finally {
      spy.restore();
    }
  });

  it('refuses malformed JSON, non-object bodies and JSON null with INVALID_PARAM', async () => {
    for (const body of ['{"i": ', '[1,2]', '"text"', '42', 'null']) {
      const res = await server.fetch('/api/test/optional-credential', { body, headers: { 'content-type': 'application/json' } });
      expect(res.status, body).toBe(400);
      expect(res.body.error.code, body).toBe('INVALID_PARAM');
    }
  });

  it('treats an empty body, or none, as no parameters', async () => {
    expect((await server.fetch('/api/test/optional-credential', { body: '', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect((await server.fetch('/api/test/optional-credential', {})).status).toBe(200);
  });

  it('accepts JSON sent as text/plain and refuses other content types with 415', async () => {
    const plain = await server.fetch('/api/test/optional-credential', { body: '{}', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
    expect(plain.status).toBe(200);
    const xml = await server.fetch('/api/test/optional-credential', { body: '<a/>', headers: { 'content-type': 'application/xml' } });
    expectError(xml, apiErrors.unsupportedMediaType, 415);
  });

  it('refuses bodies over 1 MiB with 413 and a Misskey-style error', async () => {
    const res = await server.fetch('/api/test/optional-credential', { json: { filler: 'x'.repeat(1024 * 1024 + 10) } });
    expectError(res, apiErrors.payloadTooLarge, 413);
  });
});

describe('responses', () => {
  it('answers 204 with no body when the endpoint returns nothing; misskey-js sees null', async () => {
    const res = await server.fetch('/api/test/no-content', { json: {} });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await server.client().request('test/no-content' as any, {})).toBeNull();
  });

  it('answers 200 application/json; charset=utf-8 with private no-cache headers and CORS', async () => {
    const res = await server.fetch('/api/test/optional-credential', { json: {}, headers: { origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers CORS preflights from any origin', async () => {
    const res = await server.fetch('/api/test/whoami', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('sends declared errors with their code, id and status', async () => {
    const res = await server.fetch('/api/test/declared-error', { json: { which: 'noSuchThing' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { message: 'No such thing.', code: 'NO_SUCH_THING', id: '0e9a4a1c-95a5-4a56-8d1c-2b0b8e3b7a11', kind: 'client' } });
    expect((await server.fetch('/api/test/declared-error', { json: { which: 'teapot' } })).status).toBe(418);
  });

  it('hides internal errors behind INTERNAL_ERROR with a logged id and no details', async () => {
    const logged = vi.spyOn(server.ctx.log, 'error');
    try {
      const res = await server.fetch('/api/test/crash', { json: {} });
      expectError(res, apiErrors.internalError, 500);
      expect(res.body.error.kind).toBe('server');
      expect(res.text).not.toMatch(/hunter2|secret|at .*\.ts/);
      const errorId = res.body.error.info.e.id;
      expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ errorId }), expect.any(String));
    } finally {
      logged.mockRestore();
    }
  });

  it('turns an undeclared error name and a response that breaks its schema into INTERNAL_ERROR', async () => {
    expectError(await server.fetch('/api/test/declared-error', { json: { which: 'undeclared' } }), apiErrors.internalError, 500);
    expectError(await server.fetch('/api/test/bad-response', { json: {} }), apiErrors.internalError, 500);
  });
});

describe('methods and paths', () => {
  it('answers GET with typed query parameters where allowed, cached publicly when anonymous', async () => {
    const res = await server.fetch('/api/test/get-typed?n=5&flag=true&tags=%5B%22a%22%5D', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ n: 5, flag: true, tags: ['a'] });
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    const signedIn = await server.fetch(`/api/test/get-typed?n=1&i=${alice.token}`, { method: 'GET' });
    expect(signedIn.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
  });

  it('refuses GET query values that cannot be cast', async () => {
    const res = await server.fetch('/api/test/get-typed?n=five', { method: 'GET' });
    expectError(res, apiErrors.invalidParamCast, 400);
  });

  it('answers 405 to GET on POST-only endpoints', async () => {
    const res = await server.fetch('/api/test/whoami', { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers 404 for unknown endpoints: UNKNOWN_API_ENDPOINT on GET, plain 404 otherwise', async () => {
    const get = await server.fetch('/api/no/such/endpoint', { method: 'GET' });
    expectError(get, apiErrors.unknownApiEndpoint, 404);
    const post = await server.fetch('/api/no/such/endpoint', { json: {} });
    expect(post.status).toBe(404);
  });
});

describe('rate limits', () => {
  it('refuses calls beyond the limit with 429, Retry-After and reset info, per actor', async () => {
    const first = await server.fetch('/api/test/limited', { json: { i: alice.token } });
    expect(first.status).toBe(200);
    expect((await server.fetch('/api/test/limited', { json: { i: alice.token } })).status).toBe(200);
    const third = await server.fetch('/api/test/limited', { json: { i: alice.token } });
    expectError(third, apiErrors.rateLimitExceeded, 429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(third.body.error.info.resetMs).toBeGreaterThan(50_000);
    expect((await server.fetch('/api/test/limited', { json: { i: bob.token } })).status).toBe(200);
  });

  it('limits anonymous callers by IP', async () => {
    expect((await server.fetch('/api/test/limited', { json: {} })).status).toBe(200);
    expect((await server.fetch('/api/test/limited', { json: {} })).status).toBe(200);
    expect((await server.fetch('/api/test/limited', { json: {} })).status).toBe(429);
  });

  it('enforces a minimum interval, and a rateLimitFactor of 0 lifts limits', async () => {
    const erin = await server.createUser();
    expect((await server.fetch('/api/test/min-interval', { json: { i: erin.token } })).status).toBe(200);
    expect((await server.fetch('/api/test/min-interval', { json: { i: erin.token } })).status).toBe(429);
    await server.ctx.meta.update({ policies: { rateLimitFactor: 0 } });
    try {
      expect((await server.fetch('/api/test/min-interval', { json: { i: erin.token } })).status).toBe(200);
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
  });

  it('checks the rate limit before credentials, as Misskey does', async () => {
    const frank = await server.createUser();
    await server.fetch('/api/test/min-interval', { json: { i: frank.token } });
    await setSuspended(server.ctx, frank.id, true);
    expect((await server.fetch('/api/test/min-interval', { json: { i: frank.token } })).status).toBe(429);
  });

  it('can be switched off for load tests (MIKAN_RATE_LIMIT=off)', async () => {
    const unlimited = await startTestServer({ rateLimit: false }, { extraEndpoints: fixtureEndpoints });
    try {
      for (let n = 0; n < 5; n++) expect((await unlimited.fetch('/api/test/limited', { json: {} })).status).toBe(200);
    } finally {
      await unlimited.close();
    }
  });
});

describe('the test endpoint (SDKs check their validation handling against it)', () => {
  it('echoes the validated params with defaults filled in', async () => {
    const client = server.client();
    expect(await client.request('test', { required: true })).toEqual({ required: true, default: 'hello', nullableDefault: 'hello' });
    expect(await client.request('test', { required: false, string: 'x', default: 'y', nullableDefault: 'z', id: '9zzzzzzzzzzzzzzz' }))
      .toEqual({ required: false, string: 'x', default: 'y', nullableDefault: 'z', id: '9zzzzzzzzzzzzzzz' });
  });

  it('keeps an explicit null for nullableDefault', async () => {
    expect(await server.client().request('test', { required: true, nullableDefault: null })).toMatchObject({ nullableDefault: null });
  });

  it('refuses a missing required, a wrong type, a null where not nullable and an id of the wrong format', async () => {
    for (const json of [{}, { required: 'yes' }, { required: true, string: 1 }, { required: true, default: null }, { required: true, id: 'not-an-id!' }]) {
      const res = await server.fetch('/api/test', { json });
      expectError(res, apiErrors.invalidParam, 400);
    }
  });
});
