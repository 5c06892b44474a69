import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../src/api/registry.js';
import { requiresCredential, type NamedEndpoint } from '../../src/api/define.js';
import { apiErrors } from '../../src/api/errors.js';
import { allPermissions, type Permission } from '../../src/api/permissions.js';
import { policiesOf } from '../../src/core/roles/policies.js';
import { startDriveServer } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';
import { markAccountMoved, suspendAccount } from '../fixtures/accounts.js';

/**
 * The authorisation matrix, generated from the endpoint definitions (src/api/registry.ts): every
 * endpoint is called by every kind of caller, and the answer must be exactly the refusal Misskey's
 * API layer gives that caller — or, for a caller who may call it, no authorisation refusal at all
 * (a validation error for the minimal body is fine). One server, tokens made once, endpoints in
 * concurrent batches.
 */

type Caller = 'anonymous' | 'appWithoutKind' | 'appWithKind' | 'native' | 'moderator' | 'administrator' | 'suspended' | 'moved';
const CALLERS: Caller[] = ['anonymous', 'appWithoutKind', 'appWithKind', 'native', 'moderator', 'administrator', 'suspended', 'moved'];

type Refusal = { code: string; id: string; status: number };
const refusal = (error: { code: string; id: string; httpStatusCode?: number; kind?: string }): Refusal =>
  ({ code: error.code, id: error.id, status: error.httpStatusCode ?? (error.kind === 'permission' ? 403 : 400) });

/** The API layer's refusals: an allowed caller must never get one of these. */
const AUTHORISATION_REFUSALS = [
  apiErrors.credentialRequired, apiErrors.authenticationFailed, apiErrors.accessDeniedSecureEndpoint, apiErrors.permissionDenied,
  apiErrors.roleModeratorRequired, apiErrors.roleAdminRequired, apiErrors.rolePolicyRequired,
  apiErrors.yourAccountSuspended, apiErrors.yourAccountMoved,
].map(refusal);
const isAuthorisationRefusal = (id: unknown) => AUTHORISATION_REFUSALS.some((r) => r.id === id);

// Endpoints that, called with an empty body by an allowed caller, end the caller's own session.
const SESSION_ENDING = new Set(['i/regenerate-token', 'i/delete-account']);
const BATCH = 8;

let server: TestServer;
let endpoints: NamedEndpoint[];
const nativeTokens = {} as Record<'native' | 'moderator' | 'administrator' | 'suspended' | 'moved', string>;
let administratorId: string;
let nativeUserId: string;
let movedUserId: string;
/** App tokens of the administrator (so no role check stands in the way): every permission but one, and all. */
const appTokensWithout = new Map<Permission, string>();
let appTokenWithAll: string;

beforeAll(async () => {
  server = await startDriveServer({ rateLimit: false });
  endpoints = await loadEndpoints();
  const administrator = await server.createUser({ isAdmin: true });
  administratorId = administrator.id;
  nativeTokens.administrator = administrator.token;
  nativeTokens.moderator = (await server.createUser({ isModerator: true })).token;
  const native = await server.createUser();
  nativeUserId = native.id;
  nativeTokens.native = native.token;
  const suspended = await server.createUser();
  await suspendAccount(server.ctx, suspended.id);
  nativeTokens.suspended = suspended.token;
  const moved = await server.createUser();
  await markAccountMoved(server.ctx, moved.id, `${server.url}/users/${native.id}`);
  nativeTokens.moved = moved.token;
  movedUserId = moved.id;

  appTokenWithAll = await server.createAppToken(administratorId, allPermissions);
  const kinds = new Set(endpoints.map((e) => e.meta.kind).filter((k): k is Permission => k !== undefined));
  for (const kind of kinds) appTokensWithout.set(kind, await server.createAppToken(administratorId, allPermissions.filter((p) => p !== kind)));
}, 60_000);
afterAll(() => server?.close());

function tokenOf(caller: Caller, endpoint: NamedEndpoint): string | null {
  switch (caller) {
    case 'anonymous': return null;
    // An endpoint without a kind: any app token lacks nothing, so the one with every permission stands in.
    case 'appWithoutKind': return endpoint.meta.kind ? appTokensWithout.get(endpoint.meta.kind)! : appTokenWithAll;
    case 'appWithKind': return appTokenWithAll;
    default: return nativeTokens[caller];
  }
}

/** What Misskey's API layer answers this caller on this endpoint: a refusal, or null (let through). */
async function expectedRefusal(caller: Caller, endpoint: NamedEndpoint): Promise<Refusal | null> {
  const { meta } = endpoint;
  const credential = requiresCredential(meta);
  const isApp = caller === 'appWithoutKind' || caller === 'appWithKind';
  if (isApp && meta.secure) return refusal(apiErrors.accessDeniedSecureEndpoint);
  if (caller === 'anonymous') return credential ? refusal(apiErrors.credentialRequired) : null;
  if (caller === 'suspended' && credential) return refusal(apiErrors.yourAccountSuspended);
  if (caller === 'moved' && meta.prohibitMoved) return refusal(apiErrors.yourAccountMoved);
  if (caller === 'appWithoutKind' && meta.kind) return refusal(apiErrors.permissionDenied);
  const isModerator = caller === 'moderator' || caller === 'administrator' || isApp;
  const isAdmin = caller === 'administrator' || isApp;
  if (meta.requireModerator && !isModerator) return refusal(apiErrors.roleModeratorRequired);
  if (meta.requireAdmin && !isAdmin) return refusal(apiErrors.roleAdminRequired);
  if (meta.requireRolePolicy && !isAdmin && !(await policiesOf(server.ctx, nativeUserId))[meta.requireRolePolicy]) {
    return refusal(apiErrors.rolePolicyRequired);
  }
  return null;
}

/** The minimal call: an empty body, the token in `i` as misskey-js sends it; uploads as multipart with a small file. */
async function call(endpoint: NamedEndpoint, token: string | null) {
  if (endpoint.meta.requireFile) {
    const form = new FormData();
    if (token) form.set('i', token);
    form.set('file', new Blob([Buffer.from('matrix')], { type: 'text/plain' }), 'matrix.txt');
    return server.fetch(`/api/${endpoint.name}`, { body: form });
  }
  return server.fetch(`/api/${endpoint.name}`, { json: token ? { i: token } : {} });
}

describe('authorisation matrix', () => {
  it('every endpoint answers every kind of caller as Misskey does', async () => {
    const subjects = endpoints.filter((e) => !SESSION_ENDING.has(e.name));
    expect(subjects.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let calls = 0;
    const counts: Record<string, number> = {};
    for (let start = 0; start < subjects.length; start += BATCH) {
      await Promise.all(subjects.slice(start, start + BATCH).flatMap((endpoint) => CALLERS.map(async (caller) => {
        const expected = await expectedRefusal(caller, endpoint);
        const res = await call(endpoint, tokenOf(caller, endpoint));
        calls++;
        const error = res.body?.error;
        const got = error ? `${res.status} ${error.code} ${error.id}` : String(res.status);
        if (res.status >= 500) failures.push(`${endpoint.name} × ${caller}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (expected) {
          if (res.status !== expected.status || error?.code !== expected.code || error?.id !== expected.id) {
            failures.push(`${endpoint.name} × ${caller}: expected ${expected.status} ${expected.code} ${expected.id}, got ${got}`);
          }
        } else if (isAuthorisationRefusal(error?.id)) {
          failures.push(`${endpoint.name} × ${caller}: allowed, but refused with ${got}`);
        }
        const key = expected ? expected.code : 'allowed';
        counts[key] = (counts[key] ?? 0) + 1;
      })));
    }
    expect(failures).toEqual([]);
    expect(calls).toBe(subjects.length * CALLERS.length);
    // Every kind of refusal was exercised by some endpoint, so the matrix cannot pass vacuously.
    for (const code of ['allowed', 'CREDENTIAL_REQUIRED', 'ACCESS_DENIED', 'PERMISSION_DENIED', 'ROLE_PERMISSION_DENIED', 'YOUR_ACCOUNT_SUSPENDED', 'YOUR_ACCOUNT_MOVED']) {
      expect(counts[code], code).toBeGreaterThan(0);
    }
    // The callers are still who they were: no endpoint in the matrix ended a session.
    for (const token of [...Object.values(nativeTokens).filter((t) => t !== nativeTokens.suspended), appTokenWithAll]) {
      expect((await server.fetch('/api/i', { json: { i: token } })).status).toBe(200);
    }
  }, 120_000);

  it('the session-ending endpoints refuse anonymous callers and app tokens (they are secure)', async () => {
    for (const name of SESSION_ENDING) {
      const endpoint = endpoints.find((e) => e.name === name)!;
      expect(endpoint.meta.secure).toBe(true);
      const anonymous = await call(endpoint, null);
      expect([anonymous.status, anonymous.body.error.id]).toEqual([401, apiErrors.credentialRequired.id]);
      const app = await call(endpoint, appTokenWithAll);
      expect([app.status, app.body.error.id]).toEqual([403, apiErrors.accessDeniedSecureEndpoint.id]);
      const suspended = await call(endpoint, nativeTokens.suspended);
      expect([suspended.status, suspended.body.error.id]).toEqual([403, apiErrors.yourAccountSuspended.id]);
    }
  });
});

describe('moved accounts', () => {
  it('show where they moved (movedTo, the local account\'s id) and can still read', async () => {
    const shown = await server.client(nativeTokens.native).request('users/show', { userId: movedUserId });
    expect(shown.movedTo).toBe(nativeUserId);
    const notMoved = await server.client(nativeTokens.native).request('users/show', { userId: administratorId });
    expect(notMoved.movedTo).toBeNull();
    await expect(server.client(nativeTokens.moved).request('notes/timeline', {})).resolves.toEqual(expect.any(Array));
    const refused = await server.fetch('/api/notes/create', { json: { i: nativeTokens.moved, text: 'still here' } });
    expect([refused.status, refused.body.error]).toEqual([403, expect.objectContaining({ code: 'YOUR_ACCOUNT_MOVED', id: '56f20ec9-fd06-4fa5-841b-edd6d7d4fa31' })]);
  });
});

/** ../shared/spec beside the checkout: /work/main's sibling, or a worktree's under /work/wt (one level deeper). */
const SPEC_ENDPOINTS = ['../../../shared/spec/endpoints.tsv', '../../../../shared/spec/endpoints.tsv']
  .map((relative) => path.join(import.meta.dirname, relative)).find((candidate) => fs.existsSync(candidate)) ?? path.join(import.meta.dirname, '../../../shared/spec/endpoints.tsv');

describe('endpoint definitions against Misskey (../shared/spec/endpoints.tsv)', () => {
  const specRows = fs.readFileSync(SPEC_ENDPOINTS, 'utf8')
    .split('\n').slice(1).filter(Boolean).map((line) => line.split('\t'));
  const header = fs.readFileSync(SPEC_ENDPOINTS, 'utf8').split('\n')[0]!.split('\t');
  const column = (name: string) => header.indexOf(name);
  // Only rows with Misskey's meta (fork-meta); misskey-js-only rows leave the flags unknown.
  const spec = new Map(specRows.filter((row) => row[column('metaSource')] === 'fork-meta').map((row) => [row[0]!, row]));

  it('credential, permission, secure, role and prohibitMoved flags are Misskey\'s', () => {
    const differences: string[] = [];
    for (const endpoint of endpoints) {
      const row = spec.get(endpoint.name);
      if (!row) continue;
      const { meta } = endpoint;
      const mine = [requiresCredential(meta), meta.kind ?? '', Boolean(meta.secure), meta.requireAdmin ? 'admin' : meta.requireModerator ? 'moderator' : 'none', Boolean(meta.prohibitMoved)].join(' ');
      const theirs = [row[column('requireCredential')], row[column('permission')], row[column('secure')], row[column('admin')] || 'none', row[column('prohibitMoved')]].join(' ');
      if (mine !== theirs) differences.push(`${endpoint.name}: mikan ${mine} / misskey ${theirs}`);
    }
    expect(differences).toEqual([]);
    expect([...spec.keys()].filter((name) => endpoints.some((e) => e.name === name)).length).toBeGreaterThan(100);
  });

  it('every endpoint that needs a user names the permission an app token needs, or is secure', () => {
    // Misskey refuses app tokens on such an endpoint without a kind; Mikan has none, and keeps it so.
    const without = endpoints.filter((e) => requiresCredential(e.meta) && !e.meta.kind && !e.meta.secure).map((e) => e.name);
    expect(without).toEqual([]);
  });
});
