import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../src/bus/topics.js';
import { UserListMembershipSchema, UserListSchema, UserListWithLikesSchema } from '../../src/core/lists/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import { createUsers, errors } from './helpers.js';

// Codes and ids exactly as ../shared/spec/errors.tsv.
const e = {
  create: {
    tooManyUserLists: { code: 'TOO_MANY_USERLISTS', id: '0cf21a28-7715-4f39-a20d-777bfdb8d138' },
    listUsersLimitExceeded: { code: 'LIST_USERS_LIMIT_EXCEEDED', id: 'af66c10d-b0e6-418c-a205-4dd46a482e30' },
  },
  fromPublic: {
    tooManyUserLists: { code: 'TOO_MANY_USERLISTS', id: 'e9c105b2-c595-47de-97fb-7f7c2c33e92f' },
    noSuchList: { code: 'NO_SUCH_LIST', id: '9292f798-6175-4f7d-93f4-b6742279667d' },
    youHaveBeenBlocked: { code: 'YOU_HAVE_BEEN_BLOCKED', id: 'a2497f2a-2389-439c-8626-5298540530f4' },
    tooManyUsers: { code: 'TOO_MANY_USERS', id: '1845ea77-38d1-426e-8e4e-8b83b24f5bd7' },
    listUsersLimitExceeded: { code: 'LIST_USERS_LIMIT_EXCEEDED', id: '3e205e58-0798-40f2-a589-a78a619ee3d4' },
  },
  delete: { noSuchList: { code: 'NO_SUCH_LIST', id: '78436795-db79-42f5-b1e2-55ea2cf19166' } },
  favorite: {
    noSuchList: { code: 'NO_SUCH_USER_LIST', id: '7dbaf3cf-7b42-4b8f-b431-b3919e580dbe' },
    alreadyFavorited: { code: 'ALREADY_FAVORITED', id: '6425bba0-985b-461e-af1b-518070e72081' },
  },
  unfavorite: {
    noSuchList: { code: 'NO_SUCH_USER_LIST', id: 'baedb33e-76b8-4b0c-86a8-9375c0a7b94b' },
    notFavorited: { code: 'ALREADY_FAVORITED', id: '835c4b27-463d-4cfa-969b-a9058678d465' },
  },
  memberships: { noSuchList: { code: 'NO_SUCH_LIST', id: '7bc05c21-1d7a-41ae-88f1-66820f4dc686' } },
  list: {
    noSuchUser: { code: 'NO_SUCH_USER', id: 'a8af4a82-0980-4cc4-a6af-8b0ffd54465e' },
    invalidParam: { code: 'INVALID_PARAM', id: 'ab36de0e-29e9-48cb-9732-d82f1281620d' },
  },
  pull: {
    noSuchList: { code: 'NO_SUCH_LIST', id: '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02' },
    noSuchUser: { code: 'NO_SUCH_USER', id: '588e7f72-c744-4a61-b180-d354e912bda2' },
  },
  push: {
    noSuchList: { code: 'NO_SUCH_LIST', id: '2214501d-ac96-4049-b717-91e42272a711' },
    noSuchUser: { code: 'NO_SUCH_USER', id: 'a89abd3d-f0bc-4cce-beb1-2f446f4f1e6a' },
    alreadyAdded: { code: 'ALREADY_ADDED', id: '1de7c884-1595-49e9-857e-61f12f4d4fc5' },
    youHaveBeenBlocked: { code: 'YOU_HAVE_BEEN_BLOCKED', id: '990232c5-3f9d-4d83-9f3f-ef27b6332a4b' },
    tooManyUsers: { code: 'TOO_MANY_USERS', id: '2dd9752e-a338-413d-8eec-41814430989b' },
    listLimitExceeded: { code: 'LIST_LIMIT_EXCEEDED', id: '5906ab2d-c164-44bc-a60a-464beba52be9' },
    listUsersLimitExceeded: { code: 'LIST_USERS_LIMIT_EXCEEDED', id: 'd1054b77-908a-4f7d-a9cc-44d665267108' },
  },
  show: { noSuchList: { code: 'NO_SUCH_LIST', id: '7bc05c21-1d7a-41ae-88f1-66820f4dc686' } },
  update: {
    noSuchList: { code: 'NO_SUCH_LIST', id: '796666fe-3dff-4d39-becb-8a5932c1d5b7' },
    listLimitExceeded: { code: 'LIST_LIMIT_EXCEEDED', id: '0a1fa63e-3e4c-4bc2-afd1-1ff853b4560e' },
    listUsersLimitExceeded: { code: 'LIST_USERS_LIMIT_EXCEEDED', id: '831fd3b2-4ac8-421e-89db-bfd98944e529' },
  },
  updateMembership: {
    noSuchList: { code: 'NO_SUCH_LIST', id: '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02' },
    noSuchUser: { code: 'NO_SUCH_USER', id: '588e7f72-c744-4a61-b180-d354e912bda2' },
    listLimitExceeded: { code: 'LIST_LIMIT_EXCEEDED', id: 'd4005118-e773-4132-bafb-10ba22c78da3' },
    listUsersLimitExceeded: { code: 'LIST_USERS_LIMIT_EXCEEDED', id: 'db7fe164-73d0-4788-8ed1-b6a19e95990d' },
  },
};
const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });
// Tests that lower the limits put them back.
afterEach(async () => { await server.ctx.meta.update({ policies: {} }); });

async function setPolicies(policies: Record<string, number>) {
  await server.ctx.meta.update({ policies });
}

describe('list membership lifecycle', () => {
  it('creates, pushes, updates membership, pulls, renames and deletes, publishing membership changes', async () => {
    const [owner, alice, bob] = await createUsers(server, 3);
    const api = server.client(owner.token);
    const list = await api.request('users/lists/create', { name: 'friends' });
    expectSchema(UserListSchema, list);
    expect(list).toMatchObject({ name: 'friends', isPublic: false, userIds: [] });

    const events: unknown[] = [];
    const unsubscribe = server.ctx.bus.subscribe(topics.userList(list.id), (message) => events.push(message));
    try {
      await api.request('users/lists/push', { listId: list.id, userId: alice.id });
      await api.request('users/lists/push', { listId: list.id, userId: bob.id });
      // Yourself too, as in Misskey.
      await api.request('users/lists/push', { listId: list.id, userId: owner.id });
      expect((await api.request('users/lists/show', { listId: list.id })).userIds).toEqual([alice.id, bob.id, owner.id]);

      const memberships = await api.request('users/lists/get-memberships', { listId: list.id });
      for (const membership of memberships) expectSchema(UserListMembershipSchema, membership);
      expect(memberships.map((m) => m.userId)).toEqual([owner.id, bob.id, alice.id]);
      expect(memberships.every((m) => m.withReplies === false)).toBe(true);
      const page = await api.request('users/lists/get-memberships', { listId: list.id, limit: 1, untilId: memberships[0]!.id });
      expect(page.map((m) => m.userId)).toEqual([bob.id]);

      await api.request('users/lists/update-membership', { listId: list.id, userId: alice.id, withReplies: true });
      const after = await api.request('users/lists/get-memberships', { listId: list.id });
      expect(after.find((m) => m.userId === alice.id)?.withReplies).toBe(true);
      expect(after.find((m) => m.userId === bob.id)?.withReplies).toBe(false);

      await api.request('users/lists/pull', { listId: list.id, userId: bob.id });
      // Pulling a non-member is not an error.
      await api.request('users/lists/pull', { listId: list.id, userId: bob.id });
      expect((await api.request('users/lists/show', { listId: list.id })).userIds).toEqual([alice.id, owner.id]);

      const renamed = await api.request('users/lists/update', { listId: list.id, name: 'close friends', isPublic: true });
      expect(renamed).toMatchObject({ id: list.id, name: 'close friends', isPublic: true });
      expect(await api.request('users/lists/list', {})).toEqual([renamed]);

      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([
        { type: 'userAdded', body: expect.objectContaining({ id: alice.id, username: alice.username }) },
        { type: 'userAdded', body: expect.objectContaining({ id: bob.id }) },
        { type: 'userAdded', body: expect.objectContaining({ id: owner.id }) },
        { type: 'userRemoved', body: expect.objectContaining({ id: bob.id }) },
      ]);
    } finally {
      unsubscribe();
    }

    await api.request('users/lists/delete', { listId: list.id });
    expect(await api.request('users/lists/list', {})).toEqual([]);
    await expectApiError(api.request('users/lists/show', { listId: list.id }), e.show.noSuchList);
    await expectApiError(api.request('users/lists/delete', { listId: list.id }), e.delete.noSuchList);
  });

  it('answers every declared error of push, pull and update-membership', async () => {
    const [owner, alice, blocker, other] = await createUsers(server, 4);
    const api = server.client(owner.token);
    const list = await api.request('users/lists/create', { name: 'l' });
    const othersList = await server.client(other.token).request('users/lists/create', { name: 'theirs' });

    await expectApiError(api.request('users/lists/push', { listId: unknownId, userId: alice.id }), e.push.noSuchList);
    await expectApiError(api.request('users/lists/push', { listId: othersList.id, userId: alice.id }), e.push.noSuchList);
    await expectApiError(api.request('users/lists/push', { listId: list.id, userId: unknownId }), e.push.noSuchUser);
    await api.request('users/lists/push', { listId: list.id, userId: alice.id });
    await expectApiError(api.request('users/lists/push', { listId: list.id, userId: alice.id }), e.push.alreadyAdded);
    await server.client(blocker.token).request('blocking/create', { userId: owner.id });
    await expectApiError(api.request('users/lists/push', { listId: list.id, userId: blocker.id }), e.push.youHaveBeenBlocked);
    // Blocking someone does not stop you listing them (only being blocked does).
    await api.request('blocking/create', { userId: other.id });
    await api.request('users/lists/push', { listId: list.id, userId: other.id });

    await expectApiError(api.request('users/lists/pull', { listId: othersList.id, userId: alice.id }), e.pull.noSuchList);
    await expectApiError(api.request('users/lists/pull', { listId: list.id, userId: unknownId }), e.pull.noSuchUser);

    await expectApiError(api.request('users/lists/update-membership', { listId: othersList.id, userId: alice.id, withReplies: true }), e.updateMembership.noSuchList);
    await expectApiError(api.request('users/lists/update-membership', { listId: list.id, userId: unknownId, withReplies: true }), e.updateMembership.noSuchUser);
    // Not a member: Misskey answers NO_SUCH_USER too.
    await expectApiError(api.request('users/lists/update-membership', { listId: list.id, userId: blocker.id, withReplies: true }), e.updateMembership.noSuchUser);

    await expectApiError(api.request('users/lists/update', { listId: othersList.id, name: 'mine now' }), e.update.noSuchList);
    await expectApiError(api.request('users/lists/delete', { listId: othersList.id }), e.delete.noSuchList);
    expect(await server.client(other.token).request('users/lists/show', { listId: othersList.id })).toMatchObject({ name: 'theirs' });
  });

  it('removes the blocker from the blockee\'s lists when blocking, and publishes it', async () => {
    const [owner, member] = await createUsers(server, 2);
    const list = await server.client(owner.token).request('users/lists/create', { name: 'l' });
    await server.client(owner.token).request('users/lists/push', { listId: list.id, userId: member.id });
    const events: unknown[] = [];
    const unsubscribe = server.ctx.bus.subscribe(topics.userList(list.id), (message) => events.push(message));
    try {
      await server.client(member.token).request('blocking/create', { userId: owner.id });
      expect((await server.client(owner.token).request('users/lists/show', { listId: list.id })).userIds).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([{ type: 'userRemoved', body: expect.objectContaining({ id: member.id }) }]);
    } finally {
      unsubscribe();
    }
  });
});

describe('list limits (role policies)', () => {
  it('refuses more lists than userListLimit, and more users than userEachUserListsLimit', async () => {
    const [owner, a, b, c] = await createUsers(server, 4);
    const api = server.client(owner.token);
    await setPolicies({ userListLimit: 2, userEachUserListsLimit: 2 });
    const first = await api.request('users/lists/create', { name: '1' });
    await api.request('users/lists/create', { name: '2' });
    await expectApiError(api.request('users/lists/create', { name: '3' }), e.create.tooManyUserLists);

    await api.request('users/lists/push', { listId: first.id, userId: a.id });
    await api.request('users/lists/push', { listId: first.id, userId: b.id });
    await expectApiError(api.request('users/lists/push', { listId: first.id, userId: c.id }), e.push.tooManyUsers);

    // Limits lowered below what the owner already has: the fork's *_LIMIT_EXCEEDED errors.
    await setPolicies({ userListLimit: 1, userEachUserListsLimit: 2 });
    await expectApiError(api.request('users/lists/push', { listId: first.id, userId: c.id }), e.push.listLimitExceeded);
    await expectApiError(api.request('users/lists/update', { listId: first.id, name: 'x' }), e.update.listLimitExceeded);
    await expectApiError(api.request('users/lists/update-membership', { listId: first.id, userId: a.id, withReplies: true }), e.updateMembership.listLimitExceeded);

    await setPolicies({ userListLimit: 10, userEachUserListsLimit: 1 });
    await expectApiError(api.request('users/lists/push', { listId: first.id, userId: c.id }), e.push.listUsersLimitExceeded);
    await expectApiError(api.request('users/lists/update', { listId: first.id, name: 'x' }), e.update.listUsersLimitExceeded);
    await expectApiError(api.request('users/lists/update-membership', { listId: first.id, userId: a.id, withReplies: true }), e.updateMembership.listUsersLimitExceeded);
    await expectApiError(api.request('users/lists/create', { name: '3' }), e.create.listUsersLimitExceeded);
  });

  it('keeps the list limit under concurrent creates', async () => {
    const [owner] = await createUsers(server, 1);
    await setPolicies({ userListLimit: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => server.client(owner.token).request('users/lists/create', { name: `n${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await server.client(owner.token).request('users/lists/list', {})).toHaveLength(3);
  });
});

describe('visibility', () => {
  it('never shows a private list to anyone else; public lists to everyone', async () => {
    const [owner, stranger] = await createUsers(server, 2);
    const api = server.client(owner.token);
    const secret = await api.request('users/lists/create', { name: 'secret' });
    const open = await api.request('users/lists/create', { name: 'open' });
    await api.request('users/lists/update', { listId: open.id, isPublic: true });
    await api.request('users/lists/push', { listId: secret.id, userId: stranger.id });

    for (const client of [server.client(stranger.token), server.client()]) {
      await expectApiError(client.request('users/lists/show', { listId: secret.id }), e.show.noSuchList);
      await expectApiError(client.request('users/lists/show', { listId: secret.id, forPublic: true }), e.show.noSuchList);
      await expectApiError(client.request('users/lists/get-memberships', { listId: secret.id }), e.memberships.noSuchList);
      await expectApiError(client.request('users/lists/get-memberships', { listId: secret.id, forPublic: true }), e.memberships.noSuchList);
      // Without forPublic only your own lists are found, public or not.
      await expectApiError(client.request('users/lists/show', { listId: open.id }), e.show.noSuchList);
      const shown = await client.request('users/lists/show', { listId: open.id, forPublic: true });
      expectSchema(UserListWithLikesSchema, shown);
      expect(shown).toMatchObject({ id: open.id, name: 'open', isPublic: true, likedCount: 0, isLiked: false });
      expect(await client.request('users/lists/get-memberships', { listId: open.id, forPublic: true })).toEqual([]);
      expect((await client.request('users/lists/list', { userId: owner.id })).map((l) => l.id)).toEqual([open.id]);
    }
    // Even the owner, asking by userId, sees the public ones only (Misskey).
    expect((await api.request('users/lists/list', { userId: owner.id })).map((l) => l.id)).toEqual([open.id]);
    expect((await api.request('users/lists/list', {})).map((l) => l.id)).toEqual([secret.id, open.id]);
    // Making it private again hides it.
    await api.request('users/lists/update', { listId: open.id, isPublic: false });
    await expectApiError(server.client(stranger.token).request('users/lists/show', { listId: open.id, forPublic: true }), e.show.noSuchList);
    expect(await server.client(stranger.token).request('users/lists/list', { userId: owner.id })).toEqual([]);
  });

  it('users/lists/list: errors for an unknown user and for an anonymous caller without userId', async () => {
    await expectApiError(server.client().request('users/lists/list', { userId: unknownId }), e.list.noSuchUser);
    await expectApiError(server.client().request('users/lists/list', {}), e.list.invalidParam);
  });
});

describe('favourites', () => {
  it('likes and unlikes public lists only, counted on show', async () => {
    const [owner, fan, fan2] = await createUsers(server, 3);
    const open = await server.client(owner.token).request('users/lists/create', { name: 'open' });
    const secret = await server.client(owner.token).request('users/lists/create', { name: 'secret' });
    await server.client(owner.token).request('users/lists/update', { listId: open.id, isPublic: true });

    await server.client(fan.token).request('users/lists/favorite', { listId: open.id });
    await server.client(fan2.token).request('users/lists/favorite', { listId: open.id });
    await expectApiError(server.client(fan.token).request('users/lists/favorite', { listId: open.id }), e.favorite.alreadyFavorited);
    await expectApiError(server.client(fan.token).request('users/lists/favorite', { listId: secret.id }), e.favorite.noSuchList);
    await expectApiError(server.client(fan.token).request('users/lists/favorite', { listId: unknownId }), e.favorite.noSuchList);
    expect(await server.client(fan.token).request('users/lists/show', { listId: open.id, forPublic: true })).toMatchObject({ likedCount: 2, isLiked: true });
    expect(await server.client(owner.token).request('users/lists/show', { listId: open.id, forPublic: true })).toMatchObject({ likedCount: 2, isLiked: false });
    // Without forPublic no like fields.
    expect(await server.client(owner.token).request('users/lists/show', { listId: open.id })).not.toHaveProperty('likedCount');

    await server.client(fan.token).request('users/lists/unfavorite', { listId: open.id });
    await expectApiError(server.client(fan.token).request('users/lists/unfavorite', { listId: open.id }), e.unfavorite.notFavorited);
    await expectApiError(server.client(fan.token).request('users/lists/unfavorite', { listId: secret.id }), e.unfavorite.noSuchList);
    expect(await server.client(fan.token).request('users/lists/show', { listId: open.id, forPublic: true })).toMatchObject({ likedCount: 1, isLiked: false });
  });
});

describe('create-from-public', () => {
  it('copies the members of a public list into a new private list of yours', async () => {
    const [owner, copier, a, b] = await createUsers(server, 4);
    const open = await server.client(owner.token).request('users/lists/create', { name: 'open' });
    await server.client(owner.token).request('users/lists/update', { listId: open.id, isPublic: true });
    await server.client(owner.token).request('users/lists/push', { listId: open.id, userId: a.id });
    await server.client(owner.token).request('users/lists/push', { listId: open.id, userId: b.id });
    await server.client(owner.token).request('users/lists/update-membership', { listId: open.id, userId: b.id, withReplies: true });

    const copy = await server.client(copier.token).request('users/lists/create-from-public', { name: 'copy', listId: open.id });
    expectSchema(UserListSchema, copy);
    expect(copy).toMatchObject({ name: 'copy', isPublic: false, userIds: [a.id, b.id] });
    const memberships = await server.client(copier.token).request('users/lists/get-memberships', { listId: copy.id });
    expect(memberships.find((m) => m.userId === b.id)?.withReplies).toBe(true);
  });

  it('answers its declared errors and leaves nothing half-made', async () => {
    const [owner, copier, blocker, a] = await createUsers(server, 4);
    const ownerApi = server.client(owner.token);
    const open = await ownerApi.request('users/lists/create', { name: 'open' });
    const secret = await ownerApi.request('users/lists/create', { name: 'secret' });
    await ownerApi.request('users/lists/update', { listId: open.id, isPublic: true });
    const copierApi = server.client(copier.token);

    await expectApiError(copierApi.request('users/lists/create-from-public', { name: 'x', listId: secret.id }), e.fromPublic.noSuchList);
    await expectApiError(copierApi.request('users/lists/create-from-public', { name: 'x', listId: unknownId }), e.fromPublic.noSuchList);

    await ownerApi.request('users/lists/push', { listId: open.id, userId: a.id });
    await ownerApi.request('users/lists/push', { listId: open.id, userId: blocker.id });
    await server.client(blocker.token).request('blocking/create', { userId: copier.id });
    await expectApiError(copierApi.request('users/lists/create-from-public', { name: 'x', listId: open.id }), e.fromPublic.youHaveBeenBlocked);
    expect(await copierApi.request('users/lists/list', {})).toEqual([]);
    await server.client(blocker.token).request('blocking/delete', { userId: copier.id });

    await setPolicies({ userEachUserListsLimit: 1 });
    await expectApiError(copierApi.request('users/lists/create-from-public', { name: 'x', listId: open.id }), e.fromPublic.tooManyUsers);
    expect(await copierApi.request('users/lists/list', {})).toEqual([]);

    await setPolicies({});
    const mine = await copierApi.request('users/lists/create-from-public', { name: 'x', listId: open.id });
    await setPolicies({ userEachUserListsLimit: 1 });
    await ownerApi.request('users/lists/pull', { listId: open.id, userId: blocker.id });
    await expectApiError(copierApi.request('users/lists/create-from-public', { name: 'y', listId: open.id }), e.fromPublic.listUsersLimitExceeded);
    await setPolicies({ userListLimit: 1 });
    await expectApiError(copierApi.request('users/lists/create-from-public', { name: 'y', listId: open.id }), e.fromPublic.tooManyUserLists);
    expect((await copierApi.request('users/lists/list', {})).map((l) => l.id)).toEqual([mine.id]);
  });
});

describe('callers', () => {
  const writes = [
    ['users/lists/create', { name: 'x' }],
    ['users/lists/create-from-public', { name: 'x', listId: unknownId }],
    ['users/lists/delete', { listId: unknownId }],
    ['users/lists/update', { listId: unknownId, name: 'x' }],
    ['users/lists/push', { listId: unknownId, userId: unknownId }],
    ['users/lists/pull', { listId: unknownId, userId: unknownId }],
    ['users/lists/update-membership', { listId: unknownId, userId: unknownId }],
    ['users/lists/favorite', { listId: unknownId }],
    ['users/lists/unfavorite', { listId: unknownId }],
  ] as const;
  const reads = [
    ['users/lists/list', {}],
    ['users/lists/show', { listId: unknownId }],
    ['users/lists/get-memberships', { listId: unknownId }],
  ] as const;

  it('refuses anonymous callers on writes and tokens without write:account / read:account', async () => {
    const [user] = await createUsers(server, 1);
    const readOnly = await server.createAppToken(user.id, ['read:account']);
    const writeOnly = await server.createAppToken(user.id, ['write:account']);
    for (const [endpoint, body] of writes) {
      const anonymous = await server.fetch(`/api/${endpoint}`, { json: body });
      expect(anonymous.body.error, endpoint).toMatchObject(errors.credentialRequired);
      const denied = await server.fetch(`/api/${endpoint}`, { json: { ...body, i: readOnly } });
      expect(denied.body.error, endpoint).toMatchObject(errors.permissionDenied);
    }
    for (const [endpoint, body] of reads) {
      const denied = await server.fetch(`/api/${endpoint}`, { json: { ...body, i: writeOnly } });
      expect(denied.body.error, endpoint).toMatchObject(errors.permissionDenied);
    }
    // With the permission, an app token works.
    const appList = await server.client(writeOnly).request('users/lists/create', { name: 'from app' });
    expect((await server.client(readOnly).request('users/lists/list', {})).map((l) => l.id)).toEqual([appList.id]);
  });

  it('validates params', async () => {
    const [user] = await createUsers(server, 1);
    for (const body of [{ name: '' }, { name: 'x'.repeat(101) }, {}]) {
      const res = await server.fetch('/api/users/lists/create', { json: { ...body, i: user.token } });
      expect(res.body.error).toMatchObject(errors.invalidParam);
    }
    const res = await server.fetch('/api/users/lists/get-memberships', { json: { listId: unknownId, limit: 101, i: user.token } });
    expect(res.body.error).toMatchObject(errors.invalidParam);
  });
});
