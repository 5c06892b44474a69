import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationSchema } from '../../src/core/notifications/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema, signin, signupOk } from '../accounts/helpers.js';
import { createUsers, errors } from './helpers.js';

const birthdayInvalid = { code: 'BIRTHDAY_DATE_FORMAT_INVALID', id: 'a2b007b9-4782-4eba-abd3-93b05ed4130d' };

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

let counter = 0;
const types = async (token: string) => (await server.client(token).request('i/notifications', { markAsRead: false })).map((n) => n.type);

describe('login notifications', () => {
  it('notifies every successful sign-in, not failed ones, unless set to never', async () => {
    const account = await signupOk(server, `login${++counter}`, 'right password');
    expect(await types(account.token)).toEqual([]);
    expect((await signin(server, { username: account.username, password: 'wrong' })).status).toBe(403);
    expect(await types(account.token)).toEqual([]);
    expect((await signin(server, { username: account.username, password: 'right password' })).status).toBe(200);
    const notifications = await server.client(account.token).request('i/notifications', {});
    expect(notifications.map((n) => n.type)).toEqual(['login']);
    expectSchema(NotificationSchema, notifications[0]);
    expect(Object.keys(notifications[0]!).sort()).toEqual(['createdAt', 'id', 'type']);

    // misskey-js does not list `login` among the configurable types; Misskey stores any key, so does Mikan.
    const update = await server.fetch('/api/i/update', { json: { i: account.token, notificationRecieveConfig: { login: { type: 'never' } } } });
    expect(update.status).toBe(200);
    expect((await signin(server, { username: account.username, password: 'right password' })).status).toBe(200);
    expect(await types(account.token)).toEqual(['login']);
  });
});

describe('createToken notifications', () => {
  it('notifies a token made through MiAuth (gen-token)', async () => {
    const [user] = await createUsers(server, 1);
    await server.client(user.token).request('miauth/gen-token', { session: randomUUID(), name: 'App', permission: ['read:account'] });
    await server.client(user.token).request('miauth/gen-token', { session: null, name: 'Manual', permission: ['read:account'] });
    const notifications = await server.client(user.token).request('i/notifications', {});
    expect(notifications.map((n) => n.type)).toEqual(['createToken', 'createToken']);
    for (const notification of notifications) expectSchema(NotificationSchema, notification);
  });

  it('notifies a token made through the legacy app flow', async () => {
    const [developer, user] = await createUsers(server, 2);
    const app = await server.client(developer.token).request('app/create', { name: 'Legacy', description: 'old', permission: ['read:account'], callbackUrl: null });
    const anonymous = server.client();
    const session = await anonymous.request('auth/session/generate', { appSecret: app.secret! });
    await server.client(user.token).request('auth/accept', { token: session.token });
    expect(await types(user.token)).toEqual([]);
    await anonymous.request('auth/session/userkey', { appSecret: app.secret!, token: session.token });
    expect(await types(user.token)).toEqual(['createToken']);
    expect(await types(developer.token)).toEqual([]);
  });
});

describe('i/notifications-grouped', () => {
  it('answers ungrouped notifications as i/notifications does, and marks them read unless asked not to', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    await server.client(bob.token).request('following/create', { userId: alice.id });
    await server.client(carol.token).request('following/create', { userId: alice.id });
    const grouped = await server.client(alice.token).request('i/notifications-grouped', { markAsRead: false });
    expect(grouped).toEqual(await server.client(alice.token).request('i/notifications', { markAsRead: false }));
    expect(grouped.map((n) => n.type)).toEqual(['follow', 'follow']);
    expect(await server.client(alice.token).request('i', {})).toMatchObject({ hasUnreadNotification: true });
    const filtered = await server.client(alice.token).request('i/notifications-grouped', { excludeTypes: ['follow'] });
    expect(filtered).toEqual([]);
    expect(await server.client(alice.token).request('i', {})).toMatchObject({ hasUnreadNotification: false });
    expect(await server.client(alice.token).request('i/notifications-grouped', { limit: 1 })).toHaveLength(1);
  });

  it('groups reactions to one note and renotes of one note', async () => {
    const [alice, bob, carol, dave] = await createUsers(server, 4);
    const { createdNote } = await server.client(alice.token).request('notes/create', { text: 'hello' });
    await server.client(bob.token).request('notes/reactions/create', { noteId: createdNote.id, reaction: '👍' });
    await server.client(carol.token).request('notes/reactions/create', { noteId: createdNote.id, reaction: '❤' });
    await server.client(dave.token).request('following/create', { userId: alice.id });
    await server.client(bob.token).request('notes/create', { renoteId: createdNote.id });
    await server.client(carol.token).request('notes/create', { renoteId: createdNote.id });

    const grouped = await server.client(alice.token).request('i/notifications-grouped', {});
    expect(grouped.map((n) => n.type)).toEqual(['renote:grouped', 'follow', 'reaction:grouped']);
    const [renotes, , reactions] = grouped;
    if (renotes?.type !== 'renote:grouped' || reactions?.type !== 'reaction:grouped') throw new Error('not grouped');
    expect(renotes.users.map((u) => u.id)).toEqual([carol.id, bob.id]);
    expect(renotes.note.renoteId).toBe(createdNote.id);
    expect(reactions.note.id).toBe(createdNote.id);
    expect(reactions.reactions.map((r) => [r.user.id, r.reaction])).toEqual([[carol.id, '❤'], [bob.id, '👍']]);
    // A group carries its oldest member's id, so paging continues after it.
    const all = await server.client(alice.token).request('i/notifications', {});
    expect(reactions.id).toBe(all.at(-1)!.id);
    expect(await server.client(alice.token).request('i/notifications-grouped', { untilId: reactions.id })).toEqual([]);
  });

  it('needs a credential with read:notifications', async () => {
    const [user] = await createUsers(server, 1);
    const anonymous = await server.fetch('/api/i/notifications-grouped', { json: {} });
    expect(anonymous.body.error).toMatchObject(errors.credentialRequired);
    const token = await server.createAppToken(user.id, ['read:account']);
    const denied = await server.fetch('/api/i/notifications-grouped', { json: { i: token } });
    expect(denied.body.error).toMatchObject(errors.permissionDenied);
    const bad = await server.fetch('/api/i/notifications-grouped', { json: { i: user.token, includeTypes: ['nope'] } });
    expect(bad.body.error).toMatchObject(errors.invalidParam);
  });
});

describe('users/following birthday filter', () => {
  it('lists followees born on that month and day', async () => {
    const [viewer, may13, may14] = await createUsers(server, 3);
    await server.client(may13.token).request('i/update', { birthday: '1990-05-13' });
    await server.client(may14.token).request('i/update', { birthday: '1985-05-14' });
    for (const followee of [may13, may14]) await server.client(viewer.token).request('following/create', { userId: followee.id });

    const today = await server.client().request('users/following', { userId: viewer.id, birthday: '2026-05-13' });
    expect(today.map((f) => f.followeeId)).toEqual([may13.id]);
    expect((await server.client().request('users/following', { userId: viewer.id, birthday: null })).map((f) => f.followeeId)).toHaveLength(2);
    expect(await server.client().request('users/following', { userId: viewer.id, birthday: '2026-01-01' })).toEqual([]);
    await expectApiError(server.client().request('users/following', { userId: viewer.id, birthday: 'someday' }), birthdayInvalid);
    await expectApiError(server.client().request('users/following', { userId: viewer.id, birthday: '2026-13-01' }), birthdayInvalid);
  });
});
