import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mutings } from '../../src/db/schema/index.js';
import { BlockingSchema, MutingSchema, RenoteMutingSchema } from '../../src/core/blocking/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import { createUsers, errors } from './helpers.js';

const e = {
  blockCreate: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '7cc4f851-e2f1-4621-9633-ec9e1d00c01e' },
    blockeeIsYourself: { code: 'BLOCKEE_IS_YOURSELF', id: '88b19138-f28d-42c0-8499-6a31bbd0fdc6' },
    alreadyBlocking: { code: 'ALREADY_BLOCKING', id: '787fed64-acb9-464a-82eb-afbd745b9614' },
  },
  blockDelete: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '8621d8bf-c358-4303-a066-5ea78610eb3f' },
    blockeeIsYourself: { code: 'BLOCKEE_IS_YOURSELF', id: '06f6fac6-524b-473c-a354-e97a40ae6eac' },
    notBlocking: { code: 'NOT_BLOCKING', id: '291b2efa-60c6-45c0-9f6a-045c8f9b02cd' },
  },
  muteCreate: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '6fef56f3-e765-4957-88e5-c6f65329b8a5' },
    muteeIsYourself: { code: 'MUTEE_IS_YOURSELF', id: 'a4619cb2-5f23-484b-9301-94c903074e10' },
    alreadyMuting: { code: 'ALREADY_MUTING', id: '7e7359cb-160c-4956-b08f-4d1c653cd007' },
  },
  muteDelete: {
    noSuchUser: { code: 'NO_SUCH_USER', id: 'b851d00b-8ab1-4a56-8b1b-e24187cb48ef' },
    muteeIsYourself: { code: 'MUTEE_IS_YOURSELF', id: 'f428b029-6b39-4d48-a1d2-cc1ae6dd5cf9' },
    notMuting: { code: 'NOT_MUTING', id: '5467d020-daa9-4553-81e1-135c0c35a96d' },
  },
  renoteCreate: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '5e0a5dff-1e94-4202-87ae-4d9c89eb2271' },
    muteeIsYourself: { code: 'MUTEE_IS_YOURSELF', id: '37285718-52f7-4aef-b7de-c38b8e8a8420' },
    alreadyMuting: { code: 'ALREADY_MUTING', id: 'ccfecbe4-1f1c-4fc2-8a3d-c3ffee61cb7b' },
  },
  renoteDelete: {
    noSuchUser: { code: 'NO_SUCH_USER', id: '9b6728cf-638c-4aa1-bedb-e07d8101474d' },
    muteeIsYourself: { code: 'MUTEE_IS_YOURSELF', id: '619b1314-0850-4597-a242-e245f3da42af' },
    notMuting: { code: 'NOT_MUTING', id: '2e4ef874-8bf0-4b4b-b069-4598f6d05817' },
  },
};
const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });

describe('blocking', () => {
  it('removes follows and pending requests both ways, and updates the counts', async () => {
    const [blocker, blockee, bystander] = await createUsers(server, 3);
    await server.client(blocker.token).request('following/create', { userId: blockee.id });
    await server.client(blockee.token).request('following/create', { userId: blocker.id });
    await server.client(bystander.token).request('following/create', { userId: blockee.id });
    await server.client(blocker.token).request('i/update', { isLocked: true });
    const [requester] = await createUsers(server, 1);
    await server.client(requester.token).request('following/create', { userId: blocker.id });

    const packed = await server.client(blocker.token).request('blocking/create', { userId: blockee.id });
    expect(packed).toMatchObject({ id: blockee.id, isBlocking: true, isFollowing: false, isFollowed: false, followersCount: 1 });
    await server.client(blocker.token).request('blocking/create', { userId: requester.id });
    expect(await server.client(blocker.token).request('following/requests/list', {})).toEqual([]);

    expect(await server.client(blockee.token).request('users/relation', { userId: blocker.id }))
      .toMatchObject({ isBlocked: true, isBlocking: false, isFollowing: false, isFollowed: false });
    const me = await server.client(blocker.token).request('i', {});
    expect(me).toMatchObject({ followersCount: 0, followingCount: 0 });

    const list = await server.client(blocker.token).request('blocking/list', {});
    expect(list.map((b) => b.blockeeId)).toEqual([requester.id, blockee.id]);
    for (const item of list) expectSchema(BlockingSchema, item);

    expect((await server.client(blocker.token).request('blocking/delete', { userId: blockee.id })).id).toBe(blockee.id);
    expect(await server.client(blockee.token).request('users/relation', { userId: blocker.id })).toMatchObject({ isBlocked: false });
  });

  it('declares its errors and needs the blocks permissions', async () => {
    const [a, b] = await createUsers(server, 2);
    const client = server.client(a.token);
    await client.request('blocking/create', { userId: b.id });
    await expectApiError(client.request('blocking/create', { userId: b.id }), e.blockCreate.alreadyBlocking);
    await expectApiError(client.request('blocking/create', { userId: a.id }), e.blockCreate.blockeeIsYourself);
    await expectApiError(client.request('blocking/create', { userId: unknownId }), e.blockCreate.noSuchUser);
    await client.request('blocking/delete', { userId: b.id });
    await expectApiError(client.request('blocking/delete', { userId: b.id }), e.blockDelete.notBlocking);
    await expectApiError(client.request('blocking/delete', { userId: a.id }), e.blockDelete.blockeeIsYourself);
    await expectApiError(client.request('blocking/delete', { userId: unknownId }), e.blockDelete.noSuchUser);
    const readOnly = await server.createAppToken(a.id, ['read:blocks']);
    await expectApiError(server.client(readOnly).request('blocking/create', { userId: b.id }), errors.permissionDenied);
    expect(await server.client(readOnly).request('blocking/list', {})).toEqual([]);
    await expectApiError(server.client().request('blocking/list', {}), errors.credentialRequired);
  });
});

describe('muting', () => {
  it('mutes, lists, and unmutes', async () => {
    const [muter, mutee] = await createUsers(server, 2);
    const client = server.client(muter.token);
    await client.request('mute/create', { userId: mutee.id });
    expect(await client.request('users/relation', { userId: mutee.id })).toMatchObject({ isMuted: true });
    const list = await client.request('mute/list', {});
    expect(list.map((m) => [m.muteeId, m.expiresAt])).toEqual([[mutee.id, null]]);
    expectSchema(MutingSchema, list[0]);
    await expectApiError(client.request('mute/create', { userId: mutee.id }), e.muteCreate.alreadyMuting);
    await expectApiError(client.request('mute/create', { userId: muter.id }), e.muteCreate.muteeIsYourself);
    await expectApiError(client.request('mute/create', { userId: unknownId }), e.muteCreate.noSuchUser);
    await client.request('mute/delete', { userId: mutee.id });
    await expectApiError(client.request('mute/delete', { userId: mutee.id }), e.muteDelete.notMuting);
    await expectApiError(client.request('mute/delete', { userId: muter.id }), e.muteDelete.muteeIsYourself);
    await expectApiError(client.request('mute/delete', { userId: unknownId }), e.muteDelete.noSuchUser);
  });

  it('honours expiresAt at read time, and an expired mute can be renewed', async () => {
    const [muter, mutee] = await createUsers(server, 2);
    const client = server.client(muter.token);
    const expiresAt = Date.now() + 60_000;
    await client.request('mute/create', { userId: mutee.id, expiresAt });
    expect((await client.request('mute/list', {}))[0]!.expiresAt).toBe(new Date(expiresAt).toISOString());
    // Let it lapse without waiting.
    await server.ctx.db.update(mutings).set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(mutings.muterId, muter.id), eq(mutings.muteeId, mutee.id)));
    expect(await client.request('users/relation', { userId: mutee.id })).toMatchObject({ isMuted: false });
    expect(await client.request('mute/list', {})).toEqual([]);
    await expectApiError(client.request('mute/delete', { userId: mutee.id }), e.muteDelete.notMuting);
    await client.request('mute/create', { userId: mutee.id });
    expect(await client.request('users/relation', { userId: mutee.id })).toMatchObject({ isMuted: true });
  });

  it('ignores an expiry in the past, and needs write:mutes', async () => {
    const [muter, mutee] = await createUsers(server, 2);
    await server.client(muter.token).request('mute/create', { userId: mutee.id, expiresAt: Date.now() - 1000 });
    expect(await server.client(muter.token).request('mute/list', {})).toEqual([]);
    const readOnly = await server.createAppToken(muter.id, ['read:mutes']);
    await expectApiError(server.client(readOnly).request('mute/create', { userId: mutee.id }), errors.permissionDenied);
    await expectApiError(server.client(readOnly).request('renote-mute/create', { userId: mutee.id }), errors.permissionDenied);
    // Beyond what a date can hold: a validation error, never a 500.
    await expectApiError(server.client(muter.token).request('mute/create', { userId: mutee.id, expiresAt: 1e20 }), errors.invalidParam);
  });
});

describe('renote muting', () => {
  it('mutes renotes, lists, and unmutes, with its errors', async () => {
    const [muter, mutee] = await createUsers(server, 2);
    const client = server.client(muter.token);
    await client.request('renote-mute/create', { userId: mutee.id });
    expect(await client.request('users/relation', { userId: mutee.id })).toMatchObject({ isRenoteMuted: true, isMuted: false });
    const list = await client.request('renote-mute/list', {});
    expect(list.map((m) => m.muteeId)).toEqual([mutee.id]);
    expectSchema(RenoteMutingSchema, list[0]);
    await expectApiError(client.request('renote-mute/create', { userId: mutee.id }), e.renoteCreate.alreadyMuting);
    await expectApiError(client.request('renote-mute/create', { userId: muter.id }), e.renoteCreate.muteeIsYourself);
    await expectApiError(client.request('renote-mute/create', { userId: unknownId }), e.renoteCreate.noSuchUser);
    await client.request('renote-mute/delete', { userId: mutee.id });
    await expectApiError(client.request('renote-mute/delete', { userId: mutee.id }), e.renoteDelete.notMuting);
    await expectApiError(client.request('renote-mute/delete', { userId: muter.id }), e.renoteDelete.muteeIsYourself);
    await expectApiError(client.request('renote-mute/delete', { userId: unknownId }), e.renoteDelete.noSuchUser);
  });
});

describe('a block racing follows', () => {
  it('never leaves a follow across a block', async () => {
    const pairs = await Promise.all(Array.from({ length: 10 }, () => createUsers(server, 2)));
    await Promise.all(pairs.flatMap(([a, b]) => [
      server.client(b!.token).request('following/create', { userId: a!.id }).catch(() => null),
      server.client(a!.token).request('blocking/create', { userId: b!.id }),
      server.client(a!.token).request('following/create', { userId: b!.id }).catch(() => null),
    ]));
    for (const [a, b] of pairs) {
      expect(await server.client(a!.token).request('users/relation', { userId: b!.id }))
        .toMatchObject({ isBlocking: true, isFollowing: false, isFollowed: false });
      expect(await server.client(a!.token).request('i', {})).toMatchObject({ followersCount: 0, followingCount: 0 });
    }
  });
});
