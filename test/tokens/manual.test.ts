import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens } from '../../src/db/schema/index.js';
import { apiErrors } from '../../src/api/errors.js';
import { hashToken } from '../../src/core/auth/token.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectError } from '../accounts/helpers.js';
import { expectStoredNowhere } from './helpers.js';


let server: TestServer;
let alice: { id: string; token: string };
let bob: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.createUser();
  bob = await server.createUser();
});
afterAll(async () => { await server?.close(); });

// Settings > API: the web client calls miauth/gen-token with the user's native token.
describe('manual tokens (miauth/gen-token)', () => {
  it('issues a 32-character token carrying exactly the granted permissions', async () => {
    const { token } = await server.client(alice.token).request('miauth/gen-token', { session: null, name: 'bot', permission: ['read:account'] });
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await server.client(token).request('i', {})).id).toBe(alice.id);
    // `i/update` needs write:account, which this token lacks.
    await expectApiError(server.client(token).request('i/update', { name: 'x' }), apiErrors.permissionDenied);
    const res = await server.fetch('/api/i/update', { json: { i: token, name: 'x' } });
    expectError(res, apiErrors.permissionDenied, 403);
  });

  it('is refused on secure endpoints, and cannot make tokens itself', async () => {
    const { token } = await server.client(alice.token).request('miauth/gen-token', { session: null, permission: ['read:account', 'write:account'] });
    expectError(await server.fetch('/api/i/apps', { json: { i: token } }), apiErrors.accessDeniedSecureEndpoint, 403);
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: token, session: null, permission: ['read:account'] } }), apiErrors.accessDeniedSecureEndpoint, 403);
    expectError(await server.fetch('/api/miauth/gen-token', { json: { session: null, permission: [] } }), apiErrors.credentialRequired, 401);
  });

  it('grants only permissions an app can hold: old spellings modernised, unknown and closed ones left out', async () => {
    const { token } = await server.client(alice.token).request('miauth/gen-token', {
      session: null,
      name: 'mixed',
      permission: ['note-write', 'account/read', 'notification-read', 'read:admin:stream', 'write:no-such-thing', 'write:drive'],
    });
    const [row] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashToken(token)));
    expect(row.permissions).toEqual(['write:notes', 'read:account', 'read:notifications', 'write:drive']);
    expect(row.isNative).toBe(false);
  });

  it('refuses repeated permissions and over-long names as INVALID_PARAM', async () => {
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: alice.token, session: null, permission: ['read:account', 'read:account'] } }), apiErrors.invalidParam, 400);
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: alice.token, session: null, name: 'x'.repeat(129), permission: [] } }), apiErrors.invalidParam, 400);
    expectError(await server.fetch('/api/miauth/gen-token', { json: { i: alice.token, name: 'no session', permission: [] } }), apiErrors.invalidParam, 400);
  });

  it('stores the token only as a hash', async () => {
    const { token } = await server.client(alice.token).request('miauth/gen-token', { session: null, name: 'hashed', permission: ['read:account'] });
    await expectStoredNowhere(server, token);
  });
});

describe('i/apps', () => {
  it('lists the user\'s app tokens, never the native sign-in tokens nor other users\' tokens', async () => {
    const carol = await server.createUser();
    await server.client(carol.token).request('miauth/gen-token', { session: null, name: 'first', description: 'one', iconUrl: 'https://app.example/icon.png', permission: ['read:account'] });
    await server.client(carol.token).request('miauth/gen-token', { session: null, name: 'second', permission: ['write:notes', 'read:drive'] });
    await server.client(bob.token).request('miauth/gen-token', { session: null, name: 'bob\'s', permission: ['read:account'] });

    const listed = await server.client(carol.token).request('i/apps', {});
    expect(listed.map((t) => t.name)).toEqual(['first', 'second']);
    expect(listed[0]).toMatchObject({ name: 'first', description: 'one', iconUrl: 'https://app.example/icon.png', permission: ['read:account'] });
    expect(listed[1]).toMatchObject({ name: 'second', permission: ['write:notes', 'read:drive'] });
    expect(listed[0].lastUsedAt).toBeUndefined();
    expect(new Date(listed[0].createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const nativeIds = (await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.userId, carol.id)))
      .filter((row) => row.isNative).map((row) => row.id);
    expect(nativeIds).toHaveLength(1);
    expect(listed.map((t) => t.id)).not.toContain(nativeIds[0]);
  });

  it('sorts as Misskey does: +createdAt newest first, -createdAt (and no sort) oldest first, ±lastUsedAt by last use', async () => {
    const dave = await server.createUser();
    const made = [];
    for (const name of ['a', 'b', 'c']) made.push(await server.client(dave.token).request('miauth/gen-token', { session: null, name, permission: ['read:account'] }));
    await server.client(made[1].token).request('i', {});
    const names = async (sort?: '+createdAt' | '-createdAt' | '+lastUsedAt' | '-lastUsedAt') => (await server.client(dave.token).request('i/apps', sort ? { sort } : {})).map((t) => t.name);
    expect(await names()).toEqual(['a', 'b', 'c']);
    expect(await names('-createdAt')).toEqual(['a', 'b', 'c']);
    expect(await names('+createdAt')).toEqual(['c', 'b', 'a']);
    await vi.waitFor(async () => expect((await names('+lastUsedAt'))[0]).toBe('b'));
    expect(await names('-lastUsedAt')).toEqual(['b', 'a', 'c']);
    const used = (await server.client(dave.token).request('i/apps', {})).find((t) => t.name === 'b');
    expect(used?.lastUsedAt).toEqual(expect.any(String));
  });
});

describe('i/revoke-token', () => {
  it('revokes by id and by token; a revoked token gets 401', async () => {
    const erin = await server.createUser();
    const one = await server.client(erin.token).request('miauth/gen-token', { session: null, name: 'one', permission: ['read:account'] });
    const two = await server.client(erin.token).request('miauth/gen-token', { session: null, name: 'two', permission: ['read:account'] });
    const [listedOne] = (await server.client(erin.token).request('i/apps', {})).filter((t) => t.name === 'one');

    await server.client(erin.token).request('i/revoke-token', { tokenId: listedOne.id });
    expectError(await server.fetch('/api/i', { json: { i: one.token } }), apiErrors.authenticationFailed, 401);
    expect((await server.client(two.token).request('i', {})).id).toBe(erin.id);

    await server.client(erin.token).request('i/revoke-token', { token: two.token });
    expectError(await server.fetch('/api/i', { json: { i: two.token } }), apiErrors.authenticationFailed, 401);
    expect(await server.client(erin.token).request('i/apps', {})).toEqual([]);
  });

  it('leaves other users\' tokens and native tokens alone, silently (204), as Misskey does', async () => {
    const frank = await server.createUser();
    const theirs = await server.client(bob.token).request('miauth/gen-token', { session: null, name: 'bob keeps it', permission: ['read:account'] });
    const [theirsListed] = (await server.client(bob.token).request('i/apps', {})).filter((t) => t.name === 'bob keeps it');

    for (const body of [{ tokenId: theirsListed.id }, { token: theirs.token }, { token: bob.token }, { token: frank.token }, { token: null }, { tokenId: '0000000000000000' }]) {
      const res = await server.fetch('/api/i/revoke-token', { json: { i: frank.token, ...body } });
      expect(res.status, JSON.stringify(body)).toBe(204);
    }
    expect((await server.client(theirs.token).request('i', {})).id).toBe(bob.id);
    expect((await server.client(bob.token).request('i', {})).id).toBe(bob.id);
    // The caller's own native token is not an app token either.
    expect((await server.client(frank.token).request('i', {})).id).toBe(frank.id);
  });

  it('is secure: an app token cannot revoke tokens', async () => {
    const { token } = await server.client(alice.token).request('miauth/gen-token', { session: null, permission: ['write:account'] });
    expectError(await server.fetch('/api/i/revoke-token', { json: { i: token, token } }), apiErrors.accessDeniedSecureEndpoint, 403);
    expectError(await server.fetch('/api/i/revoke-token', { json: { i: alice.token } }), apiErrors.invalidParam, 400);
  });
});
