import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { DEFAULT_POLICIES } from '../../src/core/meta/policies.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, signupOk } from './helpers.js';


const invalidParam = { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' };
const permissionDenied = { code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838' };

let server: TestServer;
let counter = 0;
/** i/update allows 20 calls an hour per account, so each test gets accounts of its own. */
async function account(password = 'pw') {
  return signupOk(server, `profile${++counter}`, password);
}

beforeAll(async () => {
  server = await startTestServer();
  await account();
});
afterAll(async () => { await server?.close(); });

describe('i', () => {
  it('answers a fresh account with Misskey\'s defaults', async () => {
    const { token, id, username } = await account();
    const me = await server.client(token).request('i', {});
    expect(me).toMatchObject({
      id, username, host: null, name: null, description: null, location: null, birthday: null, lang: null,
      fields: [], followersCount: 0, followingCount: 0, notesCount: 0, pinnedNoteIds: [], pinnedNotes: [], pinnedPage: null,
      isLocked: false, isBot: false, isCat: false, isExplorable: true, isSuspended: false, isSilenced: false, isDeleted: false,
      isAdmin: false, isModerator: false, publicReactions: true, followingVisibility: 'public', followersVisibility: 'public',
      autoAcceptFollowed: true, carefulBot: false, injectFeaturedNote: true, receiveAnnouncementEmail: true,
      alwaysMarkNsfw: false, autoSensitive: false, noCrawle: false, preventAiLearning: true, hideOnlineStatus: false,
      mutedWords: [], hardMutedWords: [], mutedInstances: [], notificationRecieveConfig: {},
      emailNotificationTypes: ['follow', 'receiveFollowRequest'], twoFactorEnabled: false, usePasswordLessLogin: false,
      securityKeys: false, twoFactorBackupCodesStock: 'none', avatarId: null, bannerId: null, avatarBlurhash: null,
      avatarDecorations: [], emojis: {}, badgeRoles: [], roles: [], chatScope: 'mutual', unreadNotificationsCount: 0,
      policies: DEFAULT_POLICIES, email: null, emailVerified: false, securityKeysList: [],
    });
    expect(me).not.toHaveProperty('instance');
    expect(Date.parse(me.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('points avatarUrl at the identicon for username@host, which serves a PNG', async () => {
    const { token, username } = await account();
    const me = await server.client(token).request('i', {});
    expect(me.avatarUrl).toBe(`${server.url}/identicon/${username.toLowerCase()}@${server.ctx.config.hostname}`);
    const res = await fetch(me.avatarUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('shows the email only to the web client\'s own token', async () => {
    const res = await server.fetch('/api/signup', { json: { username: 'mailer', password: 'pw', emailAddress: 'me@example.net' }, headers: { 'x-forwarded-for': '10.200.0.1' } });
    const native = await server.client(res.body.token).request('i', {});
    expect(native.email).toBe('me@example.net');
    const app = await server.createAppToken(res.body.id, ['read:account']);
    const viaApp = await server.client(app).request('i', {});
    expect(viaApp).not.toHaveProperty('email');
    expect(viaApp).not.toHaveProperty('securityKeysList');
  });

  it('needs read:account from app tokens', async () => {
    const { id } = await account();
    await expectApiError(server.client(await server.createAppToken(id, ['write:notes'])).request('i', {}), permissionDenied);
  });

  it('counts days of use and shows the account online', async () => {
    const { token, id } = await account();
    await server.client(token).request('i', {});
    const me = await server.client(token).request('i', {});
    expect(me.loggedInDays).toBe(1);
    expect(me.onlineStatus).toBe('online');
    await server.ctx.db.update(users).set({ lastActiveDate: new Date(Date.now() - 24 * 3600_000) }).where(eq(users.id, id));
    expect((await server.client().request('users/show', { userId: id })).onlineStatus).toBe('active');
    await server.ctx.db.update(users).set({ lastActiveDate: new Date(Date.now() - 4 * 24 * 3600_000) }).where(eq(users.id, id));
    expect((await server.client().request('users/show', { userId: id })).onlineStatus).toBe('offline');
  });
});

describe('i/update', () => {
  it('changes every profile field and answers the account; i shows the same', async () => {
    const { token } = await account();
    const update = {
      name: '  Alice Liddell  ', description: 'Curiouser and curiouser.', location: 'Wonderland', birthday: '1852-05-04',
      lang: 'en-GB' as const, fields: [{ name: ' Site ', value: ' https://example.com ' }, { name: 'blank', value: '  ' }],
      isLocked: true, isExplorable: false, hideOnlineStatus: true, publicReactions: false, carefulBot: true,
      autoAcceptFollowed: false, noCrawle: true, preventAiLearning: false, isBot: true, isCat: true,
      injectFeaturedNote: false, receiveAnnouncementEmail: false, alwaysMarkNsfw: true, autoSensitive: true,
      followingVisibility: 'followers' as const, followersVisibility: 'private' as const, chatScope: 'none' as const,
      followedMessage: 'Thanks!', requireSigninToViewContents: true, makeNotesFollowersOnlyBefore: -86400, makeNotesHiddenBefore: 1700000000,
      mutedWords: [['cake', 'eat'], '/drink\\s+me/i'], hardMutedWords: [['jabberwock']], mutedInstances: [' Spam.Example ', ''],
      notificationRecieveConfig: { follow: { type: 'following' as const }, reaction: { type: 'never' as const } },
      emailNotificationTypes: ['mention'],
    };
    const answered = await server.client(token).request('i/update', update);
    const expected = {
      ...update,
      name: 'Alice Liddell',
      fields: [{ name: 'Site', value: 'https://example.com' }],
      mutedInstances: ['spam.example'],
    };
    expect(answered).toMatchObject(expected);
    expect(answered.onlineStatus).toBe('unknown');
    // updatedAt is the time of the latest note (Misskey): editing the profile does not set it.
    expect(answered.updatedAt).toBeNull();
    expect(await server.client(token).request('i', {})).toMatchObject(expected);
  });

  it('changes only what is sent, and clears with null', async () => {
    const { token } = await account();
    await server.client(token).request('i/update', { name: 'Named', description: 'Bio', location: 'Here' });
    const me = await server.client(token).request('i/update', { description: null, name: '   ' });
    expect(me).toMatchObject({ name: null, description: null, location: 'Here' });
  });

  it('enforces Misskey\'s limits with INVALID_PARAM', async () => {
    const { token } = await account();
    const client = server.client(token);
    const bad: Record<string, unknown>[] = [
      { name: 'n'.repeat(51) }, { description: 'd'.repeat(1501) }, { location: 'l'.repeat(51) }, { birthday: '04/05/1852' },
      { fields: Array.from({ length: 17 }, (_, i) => ({ name: `f${i}`, value: 'v' })) }, { fields: [{ name: 'no value' }] },
      { lang: 'xx-NOPE' }, { followingVisibility: 'everyone' }, { isCat: 'yes' }, { makeNotesHiddenBefore: 2 ** 40 },
    ];
    for (const params of bad) await expectApiError(client.request('i/update', params as any), invalidParam);
    const before = await client.request('i', {});
    expect(before.name).toBeNull();
    expect((await client.request('i/update', { name: 'n'.repeat(50), fields: Array.from({ length: 16 }, (_, i) => ({ name: `f${i}`, value: 'v' })) })).fields).toHaveLength(16);
  });

  it('refuses files, pages and aliases that do not exist with i/update\'s declared errors', async () => {
    const { token } = await account();
    const client = server.client(token);
    await expectApiError(client.request('i/update', { avatarId: 'aaaaaaaaaaaaaaaa' }), { code: 'NO_SUCH_AVATAR', id: '539f3a45-f215-4f81-a9a8-31293640207f' });
    await expectApiError(client.request('i/update', { bannerId: 'aaaaaaaaaaaaaaaa' }), { code: 'NO_SUCH_BANNER', id: '0d8f5629-f210-41c2-9433-735831a58595' });
    await expectApiError(client.request('i/update', { pinnedPageId: 'aaaaaaaaaaaaaaaa' }), { code: 'NO_SUCH_PAGE', id: '8e01b590-7eb9-431b-a239-860e086c408e' });
    await expectApiError(client.request('i/update', { alsoKnownAs: ['@someone@elsewhere.example'] }), { code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' });
    // Null clears (there was nothing) and is fine.
    expect((await client.request('i/update', { avatarId: null, bannerId: null, alsoKnownAs: [] })).avatarId).toBeNull();
  });

  it('checks muted words: regexps must compile, and the total is capped by the wordMuteLimit policy', async () => {
    const { token } = await account();
    const client = server.client(token);
    const invalidRegexp = { code: 'INVALID_REGEXP', id: '0d786918-10df-41cd-8f33-8dec7d9a89a5' };
    await expectApiError(client.request('i/update', { mutedWords: ['not a regexp'] }), invalidRegexp);
    await expectApiError(client.request('i/update', { hardMutedWords: ['/unclosed(/'] }), invalidRegexp);
    await expectApiError(client.request('i/update', { mutedWords: [['x'.repeat(201)]] }), { code: 'TOO_MANY_MUTED_WORDS', id: '010665b1-a211-42d2-bc64-8f6609d79785' });
    expect((await client.request('i/update', { mutedWords: [['x'.repeat(200)]] })).mutedWords).toEqual([['x'.repeat(200)]]);
  });

  it('needs write:account from app tokens', async () => {
    const { id } = await account();
    const reader = await server.createAppToken(id, ['read:account']);
    await expectApiError(server.client(reader).request('i/update', { name: 'x' }), permissionDenied);
    const writer = await server.createAppToken(id, ['write:account']);
    expect((await server.client(writer).request('i/update', { name: 'Via app' })).name).toBe('Via app');
  });

  it('allows 20 updates an hour per account', async () => {
    const { token } = await account();
    const client = server.client(token);
    for (let i = 0; i < 20; i++) await client.request('i/update', { location: `place ${i}` });
    await expectApiError(client.request('i/update', { location: 'one too many' }), { code: 'RATE_LIMIT_EXCEEDED', id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef' });
  });
});
