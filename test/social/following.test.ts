import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { followings, users } from '../../src/db/schema/index.js';
import { UserDetailedNotMeSchema } from '../../src/core/users/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import { createUsers, errors, type TestUser } from './helpers.js';

const e = {
  create: {
    noSuchUser: { code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' },
    followeeIsYourself: { code: 'FOLLOWEE_IS_YOURSELF', id: '26fbe7bb-a331-4857-af17-205b426669a9' },
    alreadyFollowing: { code: 'ALREADY_FOLLOWING', id: '35387507-38c7-4cb9-9197-300b93783fa0' },
    blocking: { code: 'BLOCKING', id: '4e2206ec-aa4f-4960-b865-6c23ac38e2d9' },
    blocked: { code: 'BLOCKED', id: 'c4ab57cc-4e41-45e9-bfd9-584f61e35ce0' },
  },
  delete: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '5b12c78d-2b28-4dca-99d2-f56139b42ff8' },
    followeeIsYourself: { code: 'FOLLOWEE_IS_YOURSELF', id: 'd9e400b9-36b0-4808-b1d8-79e707f1296c' },
    notFollowing: { code: 'NOT_FOLLOWING', id: '5dbf82f5-c92b-40b1-87d1-6c8c0741fd09' },
  },
  invalidate: {
    noSuchUser: { code: 'NO_SUCH_USER', id: 'b77e6ae6-a3e5-40da-9cc8-c240115479cc' },
    followerIsYourself: { code: 'FOLLOWER_IS_YOURSELF', id: '07dc03b9-03da-422d-885b-438313707662' },
    notFollowing: { code: 'NOT_FOLLOWING', id: '918faac3-074f-41ae-9c43-ed5d2946770d' },
  },
  update: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '14318698-f67e-492a-99da-5353a5ac52be' },
    followeeIsYourself: { code: 'FOLLOWEE_IS_YOURSELF', id: '4c4cbaf9-962a-463b-8418-a5e365dbf2eb' },
    notFollowing: { code: 'NOT_FOLLOWING', id: 'b8dc75cf-1cb5-46c9-b14b-5f1ffbd782c9' },
  },
  accept: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '66ce1645-d66c-46bb-8b79-96739af885bd' },
    noFollowRequest: { code: 'NO_FOLLOW_REQUEST', id: 'bcde4f8b-0913-4614-8881-614e522fb041' },
  },
  reject: { noSuchUser: { code: 'NO_SUCH_USER', id: 'abc2ffa6-25b2-4380-ba99-321ff3a94555' } },
  cancel: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '4e68c551-fc4c-4e46-bb41-7d4a37bf9dab' },
    followRequestNotFound: { code: 'FOLLOW_REQUEST_NOT_FOUND', id: '089b125b-d338-482a-9a09-e2622ac9f8d4' },
  },
  followers: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '27fa5435-88ab-43de-9360-387de88727cd' },
    forbidden: { code: 'FORBIDDEN', id: '3c6a84db-d619-26af-ca14-06232a21df8a' },
  },
  following: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '63e4aba4-4156-4e53-be25-c9559e42d71b' },
    forbidden: { code: 'FORBIDDEN', id: 'f6cdb0df-c19f-ec5c-7dbb-0ba84a1f92ba' },
  },
};
const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

async function counts(userId: string) {
  const [row] = await server.ctx.db.select({ followersCount: users.followersCount, followingCount: users.followingCount }).from(users).where(eq(users.id, userId));
  const [followers] = await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(followings).where(eq(followings.followeeId, userId));
  const [following] = await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(followings).where(eq(followings.followerId, userId));
  return { stored: row!, rows: { followersCount: followers!.n, followingCount: following!.n } };
}

describe('following/create and following/delete', () => {
  let alice: TestUser, bob: TestUser;
  beforeAll(async () => { [alice, bob] = await createUsers(server, 2); });

  it('follows, shows the relation on both sides, and counts', async () => {
    const followee = await server.client(alice.token).request('following/create', { userId: bob.id, withReplies: true });
    expect(followee.id).toBe(bob.id);
    const shown = await server.client(alice.token).request('users/show', { userId: bob.id });
    expectSchema(UserDetailedNotMeSchema, shown);
    expect(shown).toMatchObject({ isFollowing: true, isFollowed: false, followersCount: 1, withReplies: true, notify: 'none' });
    const fromBob = await server.client(bob.token).request('users/show', { userId: alice.id });
    expect(fromBob).toMatchObject({ isFollowing: false, isFollowed: true, followingCount: 1 });
    expect(await server.client(alice.token).request('users/relation', { userId: bob.id })).toEqual({
      id: bob.id, isFollowing: true, isFollowed: false, hasPendingFollowRequestFromYou: false, hasPendingFollowRequestToYou: false,
      isBlocking: false, isBlocked: false, isMuted: false, isRenoteMuted: false,
    });
    const both = await server.client(bob.token).request('users/relation', { userId: [alice.id, unknownId] });
    expect(both).toHaveLength(2);
    expect((both as any[])[0]).toMatchObject({ id: alice.id, isFollowed: true });
  });

  it('declares the errors of following/create', async () => {
    const client = server.client(alice.token);
    await expectApiError(client.request('following/create', { userId: bob.id }), e.create.alreadyFollowing);
    await expectApiError(client.request('following/create', { userId: alice.id }), e.create.followeeIsYourself);
    await expectApiError(client.request('following/create', { userId: unknownId }), e.create.noSuchUser);
    await expectApiError(server.client().request('following/create', { userId: bob.id }), errors.credentialRequired);
    await expectApiError(client.request('following/create', { userId: 42 } as any), errors.invalidParam);
  });

  it('updates notify and withReplies, one follow or all', async () => {
    const client = server.client(alice.token);
    await client.request('following/update', { userId: bob.id, notify: 'normal', withReplies: false });
    expect(await client.request('users/show', { userId: bob.id })).toMatchObject({ notify: 'normal', withReplies: false });
    await client.request('following/update-all', { notify: 'none', withReplies: true });
    expect(await client.request('users/show', { userId: bob.id })).toMatchObject({ notify: 'none', withReplies: true });
    await expectApiError(client.request('following/update', { userId: alice.id }), e.update.followeeIsYourself);
    await expectApiError(client.request('following/update', { userId: unknownId }), e.update.noSuchUser);
    await expectApiError(server.client(bob.token).request('following/update', { userId: alice.id }), e.update.notFollowing);
  });

  it('unfollows, with its errors', async () => {
    const client = server.client(alice.token);
    expect((await client.request('following/delete', { userId: bob.id })).id).toBe(bob.id);
    await expectApiError(client.request('following/delete', { userId: bob.id }), e.delete.notFollowing);
    await expectApiError(client.request('following/delete', { userId: alice.id }), e.delete.followeeIsYourself);
    await expectApiError(client.request('following/delete', { userId: unknownId }), e.delete.noSuchUser);
    expect(await counts(bob.id)).toMatchObject({ stored: { followersCount: 0 } });
  });

  it('lets the followee remove a follower (following/invalidate)', async () => {
    await server.client(alice.token).request('following/create', { userId: bob.id });
    const removed = await server.client(bob.token).request('following/invalidate', { userId: alice.id });
    expect(removed.id).toBe(alice.id);
    expect(await server.client(alice.token).request('users/relation', { userId: bob.id })).toMatchObject({ isFollowing: false });
    await expectApiError(server.client(bob.token).request('following/invalidate', { userId: alice.id }), e.invalidate.notFollowing);
    await expectApiError(server.client(bob.token).request('following/invalidate', { userId: bob.id }), e.invalidate.followerIsYourself);
    await expectApiError(server.client(bob.token).request('following/invalidate', { userId: unknownId }), e.invalidate.noSuchUser);
  });

  it('needs a user and read:account for users/relation', async () => {
    await expectApiError(server.client().request('users/relation', { userId: bob.id }), errors.credentialRequired);
    const token = await server.createAppToken(alice.id, ['read:following']);
    await expectApiError(server.client(token).request('users/relation', { userId: bob.id }), errors.permissionDenied);
  });

  it('refuses an app token without write:following, accepts one with it', async () => {
    const readOnly = await server.createAppToken(alice.id, ['read:following']);
    await expectApiError(server.client(readOnly).request('following/create', { userId: bob.id }), errors.permissionDenied);
    const writer = await server.createAppToken(alice.id, ['write:following']);
    await server.client(writer).request('following/create', { userId: bob.id });
    await server.client(writer).request('following/delete', { userId: bob.id });
  });
});

describe('locked accounts and follow requests', () => {
  let locked: TestUser, fan: TestUser, other: TestUser;
  beforeAll(async () => {
    [locked, fan, other] = await createUsers(server, 3);
    await server.client(locked.token).request('i/update', { isLocked: true });
  });

  it('turns a follow into a request, listed on both sides', async () => {
    await server.client(fan.token).request('following/create', { userId: locked.id });
    expect(await server.client(fan.token).request('users/relation', { userId: locked.id }))
      .toMatchObject({ isFollowing: false, hasPendingFollowRequestFromYou: true });
    const received = await server.client(locked.token).request('following/requests/list', {});
    expect(received.map((r) => [r.follower.id, r.followee.id])).toEqual([[fan.id, locked.id]]);
    const sent = await server.client(fan.token).request('following/requests/sent', {});
    expect(sent.map((r) => r.followee.id)).toEqual([locked.id]);
    const me = await server.client(locked.token).request('i', {});
    expect(me.hasPendingReceivedFollowRequest).toBe(true);
    expect(await server.client(locked.token).request('users/show', { userId: fan.id })).toMatchObject({ hasPendingFollowRequestToYou: true });
  });

  it('accepts: the request becomes a follow', async () => {
    await expectApiError(server.client(locked.token).request('following/requests/accept', { userId: other.id }), e.accept.noFollowRequest);
    await expectApiError(server.client(locked.token).request('following/requests/accept', { userId: unknownId }), e.accept.noSuchUser);
    await server.client(locked.token).request('following/requests/accept', { userId: fan.id });
    expect(await server.client(fan.token).request('users/relation', { userId: locked.id }))
      .toMatchObject({ isFollowing: true, hasPendingFollowRequestFromYou: false });
    expect((await counts(locked.id)).stored.followersCount).toBe(1);
    expect(await server.client(locked.token).request('following/requests/list', {})).toEqual([]);
  });

  it('rejects and cancels', async () => {
    await server.client(other.token).request('following/create', { userId: locked.id });
    await server.client(locked.token).request('following/requests/reject', { userId: other.id });
    expect(await server.client(other.token).request('following/requests/sent', {})).toEqual([]);
    // Rejecting again is not an error (Misskey).
    await server.client(locked.token).request('following/requests/reject', { userId: other.id });
    await expectApiError(server.client(locked.token).request('following/requests/reject', { userId: unknownId }), e.reject.noSuchUser);

    await server.client(other.token).request('following/create', { userId: locked.id });
    expect((await server.client(other.token).request('following/requests/cancel', { userId: locked.id })).id).toBe(locked.id);
    await expectApiError(server.client(other.token).request('following/requests/cancel', { userId: locked.id }), e.cancel.followRequestNotFound);
    await expectApiError(server.client(other.token).request('following/requests/cancel', { userId: unknownId }), e.cancel.noSuchUser);
    expect(await server.client(other.token).request('users/relation', { userId: locked.id })).toMatchObject({ isFollowing: false });
  });

  it('needs read:following to list requests', async () => {
    const token = await server.createAppToken(locked.id, ['write:following']);
    await expectApiError(server.client(token).request('following/requests/list', {}), errors.permissionDenied);
    await expectApiError(server.client().request('following/requests/list', {}), errors.credentialRequired);
  });
});

describe('blocks stop follows', () => {
  it('refuses to follow across a block, either way', async () => {
    const [a, b] = await createUsers(server, 2);
    await server.client(a.token).request('blocking/create', { userId: b.id });
    await expectApiError(server.client(a.token).request('following/create', { userId: b.id }), e.create.blocking);
    await expectApiError(server.client(b.token).request('following/create', { userId: a.id }), e.create.blocked);
  });
});

describe('counts under concurrency', () => {
  it('stay equal to the follow rows after many parallel follows and unfollows', async () => {
    const target = await server.createUser();
    const fans = await createUsers(server, 25);
    await Promise.all(fans.map((fan) => server.client(fan.token).request('following/create', { userId: target.id })));
    // Half unfollow while the others follow the target's followers back and forth; duplicates race too.
    await Promise.all([
      ...fans.slice(0, 12).map((fan) => server.client(fan.token).request('following/delete', { userId: target.id })),
      ...fans.slice(12).map((fan) => server.client(fan.token).request('following/create', { userId: target.id }).catch(() => null)),
      ...fans.map((fan) => server.client(target.token).request('following/create', { userId: fan.id })),
      ...fans.slice(0, 5).map((fan) => server.client(fan.token).request('following/create', { userId: fans[24]!.id }).catch(() => null)),
      ...fans.slice(0, 5).map((fan) => server.client(fan.token).request('following/create', { userId: fans[24]!.id }).catch(() => null)),
    ]);
    const result = await counts(target.id);
    expect(result.stored).toEqual(result.rows);
    expect(result.rows).toEqual({ followersCount: 13, followingCount: 25 });
    for (const fan of fans) {
      const c = await counts(fan.id);
      expect(c.stored).toEqual(c.rows);
    }
    const [pair] = await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(followings)
      .where(and(eq(followings.followeeId, fans[24]!.id), eq(followings.followerId, fans[0]!.id)));
    expect(pair!.n).toBe(1);
  });
});

describe('users/following and users/followers', () => {
  let owner: TestUser, follower: TestUser, stranger: TestUser, followee: TestUser;
  beforeAll(async () => {
    [owner, follower, stranger, followee] = await createUsers(server, 4);
    await server.client(follower.token).request('following/create', { userId: owner.id });
    await server.client(owner.token).request('following/create', { userId: followee.id });
  });

  it('lists public lists to anyone, by id or by username', async () => {
    const following = await server.client().request('users/following', { userId: owner.id });
    expect(following.map((f) => [f.followerId, f.followeeId, f.followee?.id])).toEqual([[owner.id, followee.id, followee.id]]);
    expect(following[0]).not.toHaveProperty('follower');
    const followers = await server.client().request('users/followers', { username: owner.username, host: null });
    expect(followers.map((f) => f.follower?.id)).toEqual([follower.id]);
    await expectApiError(server.client().request('users/followers', { userId: unknownId }), e.followers.noSuchUser);
    await expectApiError(server.client().request('users/following', { username: 'nobody', host: null }), e.following.noSuchUser);
    await expectApiError(server.client().request('users/following', { username: owner.username, host: 'elsewhere.example' }), e.following.noSuchUser);
  });

  it('pages by id', async () => {
    const more = await createUsers(server, 3);
    for (const user of more) await server.client(user.token).request('following/create', { userId: owner.id });
    const first = await server.client().request('users/followers', { userId: owner.id, limit: 2 });
    expect(first.map((f) => f.follower?.id)).toEqual([more[2]!.id, more[1]!.id]);
    const next = await server.client().request('users/followers', { userId: owner.id, limit: 2, untilId: first[1]!.id });
    expect(next.map((f) => f.follower?.id)).toEqual([more[0]!.id, follower.id]);
  });

  it('honours followers visibility: owner always, followers only when following', async () => {
    await server.client(owner.token).request('i/update', { followingVisibility: 'followers', followersVisibility: 'followers' });
    await expectApiError(server.client().request('users/following', { userId: owner.id }), e.following.forbidden);
    await expectApiError(server.client(stranger.token).request('users/following', { userId: owner.id }), e.following.forbidden);
    await expectApiError(server.client(stranger.token).request('users/followers', { userId: owner.id }), e.followers.forbidden);
    expect(await server.client(follower.token).request('users/following', { userId: owner.id })).toHaveLength(1);
    expect(await server.client(owner.token).request('users/following', { userId: owner.id })).toHaveLength(1);
    // Counts hide the same way.
    expect(await server.client(stranger.token).request('users/show', { userId: owner.id })).toMatchObject({ followingCount: 0, followersCount: 0 });
    expect(await server.client(follower.token).request('users/show', { userId: owner.id })).toMatchObject({ followingCount: 1, followersCount: 4 });
  });

  it('honours private visibility: nobody but the owner', async () => {
    await server.client(owner.token).request('i/update', { followingVisibility: 'private', followersVisibility: 'private' });
    await expectApiError(server.client().request('users/followers', { userId: owner.id }), e.followers.forbidden);
    await expectApiError(server.client(follower.token).request('users/following', { userId: owner.id }), e.following.forbidden);
    await expectApiError(server.client(follower.token).request('users/followers', { userId: owner.id }), e.followers.forbidden);
    expect(await server.client(owner.token).request('users/followers', { userId: owner.id })).toHaveLength(4);
    expect(await server.client(follower.token).request('users/show', { userId: owner.id })).toMatchObject({ followingCount: 0, followersCount: 0 });
    expect(await server.client(owner.token).request('i', {})).toMatchObject({ followingCount: 1, followersCount: 4 });
  });
});

describe('carefulBot', () => {
  it('makes bots ask to follow, while people still follow at once', async () => {
    const [careful, bot, person] = await createUsers(server, 3);
    await server.client(careful.token).request('i/update', { carefulBot: true });
    await server.client(bot.token).request('i/update', { isBot: true });
    await server.client(bot.token).request('following/create', { userId: careful.id });
    expect(await server.client(bot.token).request('users/relation', { userId: careful.id }))
      .toMatchObject({ isFollowing: false, hasPendingFollowRequestFromYou: true });
    await server.client(person.token).request('following/create', { userId: careful.id });
    expect(await server.client(person.token).request('users/relation', { userId: careful.id })).toMatchObject({ isFollowing: true });
    await server.client(careful.token).request('following/requests/accept', { userId: bot.id });
    expect(await server.client(bot.token).request('users/relation', { userId: careful.id })).toMatchObject({ isFollowing: true });
  });
});

describe('unlocking an account', () => {
  it('accepts every pending request, as Misskey does', async () => {
    const [locked, a, b] = await createUsers(server, 3);
    await server.client(locked.token).request('i/update', { isLocked: true });
    await server.client(a.token).request('following/create', { userId: locked.id });
    await server.client(b.token).request('following/create', { userId: locked.id });
    const me = await server.client(locked.token).request('i/update', { isLocked: false });
    expect(me.followersCount).toBe(2);
    expect(await server.client(locked.token).request('following/requests/list', {})).toEqual([]);
  });
});

describe('lists that contain the viewer', () => {
  it('pack the viewer\'s own account too', async () => {
    const [star, fan] = await createUsers(server, 2);
    await server.client(fan.token).request('following/create', { userId: star.id });
    const followers = await server.client(fan.token).request('users/followers', { userId: star.id });
    expect(followers.map((f) => f.follower?.id)).toEqual([fan.id]);
  });

  it('a blocked user loses followers-only lists of the blocker', async () => {
    const [owner, ex] = await createUsers(server, 2);
    await server.client(owner.token).request('i/update', { followersVisibility: 'followers' });
    await server.client(ex.token).request('following/create', { userId: owner.id });
    expect(await server.client(ex.token).request('users/followers', { userId: owner.id })).toHaveLength(1);
    await server.client(owner.token).request('blocking/create', { userId: ex.id });
    await expectApiError(server.client(ex.token).request('users/followers', { userId: owner.id }), e.followers.forbidden);
  });
});
