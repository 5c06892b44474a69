import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors as e, expectApiError } from '../api-errors.js';
import { createUsers, post } from '../notes/helpers.js';

/** Achievements: i/claim-achievement, users/achievements, the server-side milestones and `achievementEarned`. */

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

const names = async (userId: string) => (await server.client().request('users/achievements', { userId })).map((a) => a.name);
const earnedNotifications = async (token: string) => (await server.client(token).request('i/notifications', { markAsRead: false }))
  .filter((n) => n.type === 'achievementEarned').map((n) => (n as { achievement: string }).achievement);

describe('i/claim-achievement', () => {
  it('unlocks a name once, notifies achievementEarned once, and users/achievements lists it with its time', async () => {
    const [user] = await createUsers(server, 1);
    const before = Date.now();
    await server.client(user!.token).request('i/claim-achievement', { name: 'iLoveMisskey' });
    await server.client(user!.token).request('i/claim-achievement', { name: 'iLoveMisskey' });
    await server.client(user!.token).request('i/claim-achievement', { name: 'dimensionConfigured' } as never); // the fork's name, not in misskey-js
    const list = await server.client().request('users/achievements', { userId: user!.id });
    expect(list.map((a) => a.name)).toEqual(['iLoveMisskey', 'dimensionConfigured']);
    expect(list[0]!.unlockedAt).toBeGreaterThanOrEqual(before);
    expect(list[0]!.unlockedAt).toBeLessThanOrEqual(Date.now());
    expect((await earnedNotifications(user!.token)).sort()).toEqual(['dimensionConfigured', 'iLoveMisskey']);
    // `i` carries them too.
    expect((await server.client(user!.token).request('i', {})).achievements.map((a) => a.name)).toContain('iLoveMisskey');
  });

  it('refuses names Misskey does not know, and needs write:account', async () => {
    const [user] = await createUsers(server, 1);
    await expectApiError(server.client(user!.token).request('i/claim-achievement', { name: 'everything' } as never), e.invalidParam);
    await expectApiError(server.client(user!.token).request('i/claim-achievement', {} as never), e.invalidParam);
    const read = await server.createAppToken(user!.id, ['read:account']);
    const write = await server.createAppToken(user!.id, ['write:account']);
    await expectApiError(server.client(read).request('i/claim-achievement', { name: 'cookieClicked' }), e.permissionDenied);
    await server.client(write).request('i/claim-achievement', { name: 'cookieClicked' });
    await expectApiError(server.client().request('i/claim-achievement', { name: 'cookieClicked' }), e.credentialRequired);
    expect(await names(user!.id)).toEqual(['cookieClicked']);
  });

  it('users/achievements: none for an unknown user, and bad ids are INVALID_PARAM', async () => {
    expect(await server.client().request('users/achievements', { userId: '0000000000000000' })).toEqual([]);
    await expectApiError(server.client().request('users/achievements', { userId: 'not an id' }), e.invalidParam);
  });
});

describe('no unlocking by the server itself', () => {
  it('posting and following unlock nothing until a client claims it (Misskey\'s client claims notes1, following1 …)', async () => {
    const [a, b] = await createUsers(server, 2);
    await post(server, a!, { text: 'first' });
    await server.client(a!.token).request('following/create', { userId: b!.id });
    await server.client(a!.token).request('i', {});
    expect(await names(a!.id)).toEqual([]);
    expect(await names(b!.id)).toEqual([]);
    await server.client(a!.token).request('i/claim-achievement', { name: 'notes1' });
    expect(await names(a!.id)).toEqual(['notes1']);
  });
});
