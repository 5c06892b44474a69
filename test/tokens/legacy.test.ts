import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { accessTokens, apps, authSessions } from '../../src/db/schema/index.js';
import { apiErrors } from '../../src/api/errors.js';
import { hashToken } from '../../src/core/auth/token.js';
import { AppSchema, AuthSessionSchema } from '../../src/core/apps/schema.js';
import { UserDetailedNotMeSchema } from '../../src/core/users/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectError, expectSchema } from '../accounts/helpers.js';
import { expectStoredNowhere } from './helpers.js';


const errors = {
  showNoSuchApp: { code: 'NO_SUCH_APP', id: 'dce83913-2dc6-4093-8a7b-71dbb11718a3' },
  generateNoSuchApp: { code: 'NO_SUCH_APP', id: '92f93e63-428e-4f2f-a5a4-39e1407fe998' },
  showNoSuchSession: { code: 'NO_SUCH_SESSION', id: 'bd72c97d-eba7-4adb-a467-f171b8847250' },
  acceptNoSuchSession: { code: 'NO_SUCH_SESSION', id: '9c72d8de-391a-43c1-9d06-08d29efde8df' },
  userkeyNoSuchApp: { code: 'NO_SUCH_APP', id: 'fcab192a-2c5a-43b7-8ad8-9b7054d8d40d' },
  userkeyNoSuchSession: { code: 'NO_SUCH_SESSION', id: '5b5a1503-8bc8-4bd0-8054-dc189e8cdcb3' },
  pendingSession: { code: 'PENDING_SESSION', id: '8c8a4145-02cc-4cca-8e66-29ba60445a8e' },
};

let server: TestServer;
let developer: { id: string; token: string };
let user: { id: string; username: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  developer = await server.createUser();
  user = await server.createUser();
});
afterAll(async () => { await server?.close(); });

function createApp(permission = ['read:account', 'write:notes'], callbackUrl: string | null = 'https://app.example/callback') {
  return server.client(developer.token).request('app/create', { name: 'Legacy App', description: 'Made before MiAuth', permission, callbackUrl });
}

/** The whole flow as a legacy app and its user go through it. */
async function signIn(app: { secret?: string }) {
  const anonymous = server.client();
  const session = await anonymous.request('auth/session/generate', { appSecret: app.secret! });
  await server.client(user.token).request('auth/accept', { token: session.token });
  const key = await anonymous.request('auth/session/userkey', { appSecret: app.secret!, token: session.token });
  return { session, ...key };
}

describe('app/create, app/show, my/apps', () => {
  it('creates an app and shows its secret once; later answers never carry it', async () => {
    const app = await createApp();
    expectSchema(AppSchema, app);
    expect(app).toMatchObject({ name: 'Legacy App', callbackUrl: 'https://app.example/callback', permission: ['read:account', 'write:notes'] });
    expect(app.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(app.isAuthorized).toBeUndefined();

    const shown = await server.client(developer.token).request('app/show', { appId: app.id });
    expect(shown).toMatchObject({ id: app.id, name: 'Legacy App', isAuthorized: false });
    expect(shown.secret).toBeUndefined();
    expect((await server.client().request('app/show', { appId: app.id })).isAuthorized).toBeUndefined();

    const mine = await server.client(developer.token).request('my/apps', {});
    expect(mine.map((a) => a.id)).toContain(app.id);
    expect(mine.every((a) => a.secret === undefined)).toBe(true);
    const [row] = await server.ctx.db.select().from(apps).where(eq(apps.id, app.id));
    expect(row.secretHash).toBe(hashToken(app.secret!));
    await expectStoredNowhere(server, app.secret!);
  });

  it('maps old permission spellings and drops what no app can hold', async () => {
    const app = await createApp(['note-write', 'account-read', 'account/write', 'reaction-write', 'vote-write', 'note-read', 'read:admin:stream', 'something:new']);
    expect(app.permission).toEqual(['write:notes', 'read:account', 'write:account', 'write:reactions', 'write:votes']);
  });

  it('can be created anonymously (credential optional, as in Misskey)', async () => {
    const app = await server.client().request('app/create', { name: 'Anon', description: '', permission: ['read:account'] });
    expect(app.callbackUrl).toBeNull();
    const [row] = await server.ctx.db.select().from(apps).where(eq(apps.id, app.id));
    expect(row.userId).toBeNull();
  });

  it('answers NO_SUCH_APP for an unknown app', async () => {
    await expectApiError(server.client().request('app/show', { appId: '0000000000000000' }), errors.showNoSuchApp);
  });

  it('my/apps needs read:account and lists only the caller\'s apps', async () => {
    const other = await server.createUser();
    expect(await server.client(other.token).request('my/apps', {})).toEqual([]);
    const noRead = await server.createAppToken(developer.id, ['write:notes']);
    expectError(await server.fetch('/api/my/apps', { json: { i: noRead } }), apiErrors.permissionDenied, 403);
    const reader = await server.createAppToken(developer.id, ['read:account']);
    expect((await server.fetch('/api/my/apps', { json: { i: reader, limit: 1 } })).body).toHaveLength(1);
  });
});

describe('legacy sign-in', () => {
  it('generate → show → accept → userkey gives a token with the app\'s permissions, usable plain and signed', async () => {
    const app = await createApp();
    const anonymous = server.client();
    const session = await anonymous.request('auth/session/generate', { appSecret: app.secret! });
    expect(session.url).toBe(`${server.url}/auth/${session.token}`);
    expect(session.token).toMatch(/^[0-9a-f-]{36}$/);

    const shown = await server.client(user.token).request('auth/session/show', { token: session.token });
    expectSchema(AuthSessionSchema, shown);
    expect(shown).toMatchObject({ token: session.token, app: { id: app.id, name: 'Legacy App', isAuthorized: false, description: 'Made before MiAuth' } });

    await expectApiError(anonymous.request('auth/session/userkey', { appSecret: app.secret!, token: session.token }), errors.pendingSession);
    await server.client(user.token).request('auth/accept', { token: session.token });

    const key = await anonymous.request('auth/session/userkey', { appSecret: app.secret!, token: session.token });
    expect(key.accessToken).toMatch(/^[A-Za-z0-9]{32}$/);
    expectSchema(UserDetailedNotMeSchema, key.user);
    expect(key.user).toMatchObject({ id: user.id, username: user.username });

    const signed = createHash('sha256').update(key.accessToken + app.secret).digest('hex');
    expect((await server.client(signed).request('i', {})).id).toBe(user.id);
    expect((await server.client(key.accessToken).request('i', {})).id).toBe(user.id);
    // write:notes and read:account only.
    await expectApiError(server.client(signed).request('i/update', { name: 'nope' }), apiErrors.permissionDenied);
    // Never a secure endpoint.
    expectError(await server.fetch('/api/i/apps', { json: { i: signed } }), apiErrors.accessDeniedSecureEndpoint, 403);

    expect((await server.client(user.token).request('app/show', { appId: app.id })).isAuthorized).toBe(true);
    await expectStoredNowhere(server, key.accessToken, signed, session.token, app.secret!);
    const [row] = await server.ctx.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, hashToken(key.accessToken)));
    expect(row).toMatchObject({ appId: app.id, userId: user.id, isNative: false, name: 'Legacy App', permissions: ['read:account', 'write:notes'], signedTokenHash: hashToken(signed) });
  });

  it('hands the key out once: the session is gone afterwards', async () => {
    const app = await createApp();
    const { session } = await signIn(app);
    await expectApiError(server.client().request('auth/session/userkey', { appSecret: app.secret!, token: session.token }), errors.userkeyNoSuchSession);
    await expectApiError(server.client().request('auth/session/show', { token: session.token }), errors.showNoSuchSession);
    expect(await server.ctx.db.select().from(authSessions).where(eq(authSessions.tokenHash, hashToken(session.token)))).toEqual([]);
  });

  it('refuses a wrong app secret, and another app\'s session', async () => {
    const app = await createApp();
    const other = await createApp();
    await expectApiError(server.client().request('auth/session/generate', { appSecret: 'wrong' }), errors.generateNoSuchApp);
    await expectApiError(server.client().request('auth/session/generate', { appSecret: app.secret!.slice(0, -1) + (app.secret!.endsWith('x') ? 'y' : 'x') }), errors.generateNoSuchApp);
    const session = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    await server.client(user.token).request('auth/accept', { token: session.token });
    await expectApiError(server.client().request('auth/session/userkey', { appSecret: 'wrong', token: session.token }), errors.userkeyNoSuchApp);
    await expectApiError(server.client().request('auth/session/userkey', { appSecret: other.secret!, token: session.token }), errors.userkeyNoSuchSession);
    // The right app still gets its key.
    expect((await server.client().request('auth/session/userkey', { appSecret: app.secret!, token: session.token })).user.id).toBe(user.id);
  });

  it('refuses unknown sessions everywhere', async () => {
    const app = await createApp();
    const unknown = randomUUID();
    await expectApiError(server.client().request('auth/session/show', { token: unknown }), errors.showNoSuchSession);
    await expectApiError(server.client(user.token).request('auth/accept', { token: unknown }), errors.acceptNoSuchSession);
    await expectApiError(server.client().request('auth/session/userkey', { appSecret: app.secret!, token: unknown }), errors.userkeyNoSuchSession);
  });

  it('accepts a session once: a second accept, by anyone, is NO_SUCH_SESSION and the first user keeps it', async () => {
    const app = await createApp();
    const session = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    await server.client(user.token).request('auth/accept', { token: session.token });
    await expectApiError(server.client(user.token).request('auth/accept', { token: session.token }), errors.acceptNoSuchSession);
    const intruder = await server.createUser();
    await expectApiError(server.client(intruder.token).request('auth/accept', { token: session.token }), errors.acceptNoSuchSession);
    expect((await server.client().request('auth/session/userkey', { appSecret: app.secret!, token: session.token })).user.id).toBe(user.id);
  });

  it('expires sessions after 15 minutes, accepted or not', async () => {
    const app = await createApp();
    const pending = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    const accepted = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    await server.client(user.token).request('auth/accept', { token: accepted.token });
    const [row] = await server.ctx.db.select().from(authSessions).where(eq(authSessions.tokenHash, hashToken(pending.token)));
    const lifetime = row.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60 * 1000);

    await server.ctx.db.update(authSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authSessions.appId, app.id));
    await expectApiError(server.client().request('auth/session/show', { token: pending.token }), errors.showNoSuchSession);
    await expectApiError(server.client(user.token).request('auth/accept', { token: pending.token }), errors.acceptNoSuchSession);
    await expectApiError(server.client().request('auth/session/userkey', { appSecret: app.secret!, token: accepted.token }), errors.userkeyNoSuchSession);
    // The next generate sweeps expired sessions away.
    await server.client().request('auth/session/generate', { appSecret: app.secret! });
    expect(await server.ctx.db.select().from(authSessions).where(eq(authSessions.tokenHash, hashToken(pending.token)))).toEqual([]);
  });

  it('accept is secure: an app token cannot accept for its user', async () => {
    const app = await createApp();
    const session = await server.client().request('auth/session/generate', { appSecret: app.secret! });
    const appToken = await server.createAppToken(user.id, ['read:account', 'write:account']);
    expectError(await server.fetch('/api/auth/accept', { json: { i: appToken, token: session.token } }), apiErrors.accessDeniedSecureEndpoint, 403);
    expectError(await server.fetch('/api/auth/accept', { json: { token: session.token } }), apiErrors.credentialRequired, 401);
  });
});

describe('i/revoke-token with a legacy signed token', () => {
  it('revokes the token named by its signed form sha256(accessToken + appSecret)', async () => {
    const viewer = await server.createUser();
    const app = await createApp(['read:account']);
    const original = user;
    user = viewer as typeof user;
    try {
      const key = await signIn(app);
      const signed = createHash('sha256').update(key.accessToken + app.secret).digest('hex');
      expect((await server.client(signed).request('i', {})).id).toBe(viewer.id);
      await server.client(viewer.token).request('i/revoke-token', { token: signed });
      expectError(await server.fetch('/api/i', { json: { i: signed } }), apiErrors.authenticationFailed, 401);
      expectError(await server.fetch('/api/i', { json: { i: key.accessToken } }), apiErrors.authenticationFailed, 401);
    } finally {
      user = original;
    }
  });
});

describe('i/authorized-apps', () => {
  it('lists one item per app token with the token id, and i/revoke-token takes the access away', async () => {
    const viewer = await server.createUser();
    const app = await createApp(['read:account']);
    const original = user;
    user = viewer as typeof user;
    try {
      const first = await signIn(app);
      const second = await signIn(app);
      await server.client(viewer.token).request('miauth/gen-token', { session: null, name: 'not an app', permission: ['read:account'] });

      const listed = await server.client(viewer.token).request('i/authorized-apps', {}) as Array<{ id: string; tokenId?: string; isAuthorized?: boolean; permission: string[]; name: string }>;
      expect(listed).toHaveLength(2);
      expect(listed.every((item) => item.id === app.id && item.isAuthorized === true && item.name === 'Legacy App')).toBe(true);
      expect(listed[0].permission).toEqual(['read:account']);
      // Newest token first by default; asc reverses.
      const asc = await server.client(viewer.token).request('i/authorized-apps', { sort: 'asc' }) as typeof listed;
      expect(asc.map((item) => item.tokenId)).toEqual(listed.map((item) => item.tokenId).reverse());
      expect(await server.client(viewer.token).request('i/authorized-apps', { limit: 1, offset: 1 })).toHaveLength(1);

      for (const item of listed) await server.client(viewer.token).request('i/revoke-token', { tokenId: item.tokenId! });
      expect(await server.client(viewer.token).request('i/authorized-apps', {})).toEqual([]);
      expectError(await server.fetch('/api/i', { json: { i: first.accessToken } }), apiErrors.authenticationFailed, 401);
      expectError(await server.fetch('/api/i', { json: { i: createHash('sha256').update(second.accessToken + app.secret).digest('hex') } }), apiErrors.authenticationFailed, 401);
      expect((await server.client(viewer.token).request('app/show', { appId: app.id })).isAuthorized).toBe(false);
    } finally {
      user = original;
    }
  });
});
