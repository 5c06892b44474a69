import { sql } from 'drizzle-orm';
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

describe('milestones the server unlocks', () => {
  it('notes1 with the first note, notes10 with the tenth, each notified once', async () => {
    const [user] = await createUsers(server, 1);
    expect(await names(user!.id)).toEqual([]);
    await post(server, user!, { text: 'first' });
    expect(await names(user!.id)).toEqual(['notes1']);
    for (let i = 2; i <= 9; i++) await post(server, user!, { text: `note ${i}` });
    expect(await names(user!.id)).toEqual(['notes1']);
    await post(server, user!, { text: 'tenth' });
    expect(await names(user!.id)).toEqual(['notes1', 'notes10']);
    expect((await earnedNotifications(user!.token)).sort()).toEqual(['notes1', 'notes10']);
  });

  it('following1 for the follower, followers1 for the followee', async () => {
    const [a, b] = await createUsers(server, 2);
    await server.client(a!.token).request('following/create', { userId: b!.id });
    expect(await names(a!.id)).toEqual(['following1']);
    expect(await names(b!.id)).toEqual(['followers1']);
  });

  it('markedAsCat when the profile says so', async () => {
    const [user] = await createUsers(server, 1);
    await server.client(user!.token).request('i/update', { isCat: true });
    expect(await names(user!.id)).toEqual(['markedAsCat']);
  });

  it('the counter milestones are also checked when the client starts (i), e.g. after counts moved elsewhere', async () => {
    const [user] = await createUsers(server, 1);
    await server.ctx.db.execute(sql`UPDATE user_profiles SET logged_in_days = 7 WHERE user_id = ${user!.id}`);
    await server.client(user!.token).request('i', {});
    expect((await names(user!.id)).sort()).toEqual(['login3', 'login7']);
  });
});
