import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import type { TestServer } from '../harness.js';
import { startDriveServer, upload, gif } from '../drive/helpers.js';
import { expectSchema } from '../accounts/helpers.js';
import { ChannelSchema } from '../../src/core/channels/schema.js';
import { channelErrors as e, commonErrors, createChannel, expectApiError, MISSING_ID, post, type TestUser } from './helpers.js';

let server: TestServer;
let owner: TestUser;
let other: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  server = await startDriveServer();
  [owner, other, moderator] = await Promise.all([server.createUser(), server.createUser(), server.createUser({ isModerator: true })]);
});
afterAll(() => server?.close());

describe('channels/create, show, update', () => {
  it('creates a channel as misskey-js describes it, with Misskey defaults', async () => {
    const channel = await createChannel(server, owner, { name: 'Oranges', description: 'All about citrus' });
    expectSchema(ChannelSchema, channel);
    expect(channel).toMatchObject({
      name: 'Oranges', description: 'All about citrus', userId: owner.id, color: '#86b300', isArchived: false,
      isSensitive: false, allowRenoteToExternal: true, usersCount: 0, notesCount: 0, lastNotedAt: null,
      bannerId: null, bannerUrl: null, pinnedNoteIds: [], isFollowing: false, isFavorited: false, isMuting: false,
    });
    const shown = await server.client().request('channels/show', { channelId: channel.id });
    expectSchema(ChannelSchema, shown);
    expect(shown.pinnedNotes).toEqual([]);
    expect(shown).not.toHaveProperty('isFollowing');
  });

  it('takes a banner from the caller\'s drive only', async () => {
    const file = await upload(server, owner.token, await gif(), { name: 'banner.gif' });
    const channel = await createChannel(server, owner, { bannerId: file.id, color: '#ff8800', isSensitive: true, allowRenoteToExternal: false });
    expect(channel).toMatchObject({ bannerId: file.id, color: '#ff8800', isSensitive: true, allowRenoteToExternal: false });
    expect(channel.bannerUrl).toBe(file.url);
    await expectApiError(createChannel(server, other, { bannerId: file.id }), e.create.noSuchFile);
    await expectApiError(server.client(owner.token).request('channels/update', { channelId: channel.id, bannerId: MISSING_ID }), e.update.noSuchFile);
    const cleared = await server.client(owner.token).request('channels/update', { channelId: channel.id, bannerId: null });
    expect(cleared).toMatchObject({ bannerId: null, bannerUrl: null });
  });

  it('validates params as Misskey (name 1..128, colour up to 16)', async () => {
    await expectApiError(createChannel(server, owner, { name: '' }), commonErrors.invalidParam);
    await expectApiError(createChannel(server, owner, { name: 'x'.repeat(129) }), commonErrors.invalidParam);
    await expectApiError(createChannel(server, owner, { color: 'x'.repeat(17) }), commonErrors.invalidParam);
  });

  it('lets the owner and moderators update; others get ACCESS_DENIED', async () => {
    const channel = await createChannel(server, owner);
    const updated = await server.client(owner.token).request('channels/update', { channelId: channel.id, name: 'Renamed', description: null, color: '#123456', isSensitive: true });
    expect(updated).toMatchObject({ name: 'Renamed', description: null, color: '#123456', isSensitive: true });
    await expectApiError(server.client(other.token).request('channels/update', { channelId: channel.id, name: 'Mine now' }), e.update.accessDenied);
    const byModerator = await server.client(moderator.token).request('channels/update', { channelId: channel.id, name: 'Moderated' });
    expect(byModerator.name).toBe('Moderated');
    await expectApiError(server.client(owner.token).request('channels/update', { channelId: MISSING_ID, name: 'x' }), e.update.noSuchChannel);
    await expectApiError(server.client().request('channels/show', { channelId: MISSING_ID }), e.show.noSuchChannel);
  });

  it('shows pinned notes of the channel, in the order pinned, and leaves out notes elsewhere', async () => {
    const channel = await createChannel(server, owner);
    const first = await post(server, owner, { text: 'first', channelId: channel.id });
    const second = await post(server, other, { text: 'second', channelId: channel.id });
    const outside = await post(server, owner, { text: 'outside' });
    await server.client(owner.token).request('channels/update', { channelId: channel.id, pinnedNoteIds: [second.id, outside.id, first.id] });
    const shown = await server.client(other.token).request('channels/show', { channelId: channel.id });
    expect(shown.pinnedNoteIds).toEqual([second.id, outside.id, first.id]);
    expect(shown.pinnedNotes!.map((note) => note.id)).toEqual([second.id, first.id]);
    expect(shown.pinnedNotes![0]!.channel).toMatchObject({ id: channel.id });
  });

  it('refuses to create without the canCreateChannel policy (ROLE_PERMISSION_DENIED); admins still may', async () => {
    await server.ctx.meta.update({ policies: { canCreateChannel: false } });
    try {
      await expectApiError(createChannel(server, owner), e.rolePolicyRequired);
      const admin = await server.createUser({ isAdmin: true });
      await expect(createChannel(server, admin)).resolves.toMatchObject({ userId: admin.id });
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
    await expect(createChannel(server, owner)).resolves.toMatchObject({ userId: owner.id });
  });
});

describe('following, favourites, mutes', () => {
  it('follow/unfollow shows in isFollowing and channels/followed; unknown channels fail', async () => {
    const [a, b] = [await createChannel(server, owner), await createChannel(server, owner)];
    const client = server.client(other.token);
    await client.request('channels/follow', { channelId: a.id });
    await client.request('channels/follow', { channelId: b.id });
    await client.request('channels/follow', { channelId: b.id }); // again: no error, no duplicate
    const followed = await client.request('channels/followed', { limit: 10 });
    expectSchema(Type.Array(ChannelSchema), followed);
    expect(followed.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(followed.every((c) => c.isFollowing)).toBe(true);
    expect((await client.request('channels/followed', { limit: 1 })).map((c) => c.id)).toEqual([b.id]);
    await client.request('channels/unfollow', { channelId: a.id });
    expect((await client.request('channels/show', { channelId: a.id })).isFollowing).toBe(false);
    expect((await client.request('channels/followed', {})).map((c) => c.id)).toEqual([b.id]);
    await expectApiError(client.request('channels/follow', { channelId: MISSING_ID }), e.follow.noSuchChannel);
    await expectApiError(client.request('channels/unfollow', { channelId: MISSING_ID }), e.unfollow.noSuchChannel);
  });

  it('favorite/unfavorite and channels/my-favorites', async () => {
    const channel = await createChannel(server, owner);
    const client = server.client(other.token);
    await client.request('channels/favorite', { channelId: channel.id });
    const favorites = await client.request('channels/my-favorites', {});
    expect(favorites.map((c) => c.id)).toContain(channel.id);
    expect(favorites.find((c) => c.id === channel.id)!.isFavorited).toBe(true);
    await client.request('channels/unfavorite', { channelId: channel.id });
    expect((await client.request('channels/my-favorites', {})).map((c) => c.id)).not.toContain(channel.id);
    await expectApiError(client.request('channels/favorite', { channelId: MISSING_ID }), e.favorite.noSuchChannel);
    await expectApiError(client.request('channels/unfavorite', { channelId: MISSING_ID }), e.unfavorite.noSuchChannel);
  });

  it('channels/mute/create|delete|list with their errors', async () => {
    const channel = await createChannel(server, owner);
    const client = server.client(other.token);
    await client.request('channels/mute/create', { channelId: channel.id });
    await expectApiError(client.request('channels/mute/create', { channelId: channel.id }), e.muteCreate.alreadyMuting);
    await expectApiError(client.request('channels/mute/create', { channelId: MISSING_ID }), e.muteCreate.noSuchChannel);
    const muted = await client.request('channels/mute/list', {});
    expectSchema(Type.Array(ChannelSchema), muted);
    expect(muted.map((c) => c.id)).toEqual([channel.id]);
    expect(muted[0]!.isMuting).toBe(true);
    await client.request('channels/mute/delete', { channelId: channel.id });
    expect(await client.request('channels/mute/list', {})).toEqual([]);
    await expectApiError(client.request('channels/mute/delete', { channelId: channel.id }), e.muteDelete.notMuting);
    await expectApiError(client.request('channels/mute/delete', { channelId: MISSING_ID }), e.muteDelete.noSuchChannel);
    // A timed mute ends by itself; one already in the past mutes nothing.
    await client.request('channels/mute/create', { channelId: channel.id, expiresAt: Date.now() - 1000 });
    expect(await client.request('channels/mute/list', {})).toEqual([]);
    await client.request('channels/mute/create', { channelId: channel.id, expiresAt: Date.now() + 60_000 });
    expect((await client.request('channels/mute/list', {})).map((c) => c.id)).toEqual([channel.id]);
  });
});

describe('lists: owned, featured, search', () => {
  it('channels/owned leaves out archived channels; archived ones refuse new notes', async () => {
    const user = await server.createUser();
    const open = await createChannel(server, user, { name: 'open one' });
    const archived = await createChannel(server, user, { name: 'to archive' });
    await server.client(user.token).request('channels/update', { channelId: archived.id, isArchived: true });
    const owned = await server.client(user.token).request('channels/owned', {});
    expect(owned.map((c) => c.id)).toEqual([open.id]);
    await expectApiError(post(server, user, { text: 'into the archive', channelId: archived.id }), e.notesCreate.noSuchChannel);
    await expectApiError(post(server, user, { text: 'nowhere', channelId: MISSING_ID }), e.notesCreate.noSuchChannel);
    // Still readable.
    expect((await server.client().request('channels/show', { channelId: archived.id })).isArchived).toBe(true);
  });

  it('channels/featured ranks open channels by their latest note', async () => {
    const user = await server.createUser();
    const older = await createChannel(server, user);
    const newer = await createChannel(server, user);
    const silent = await createChannel(server, user);
    await post(server, user, { text: 'a', channelId: newer.id });
    await post(server, user, { text: 'b', channelId: older.id });
    const featured = (await server.client().request('channels/featured', {})).map((c) => c.id);
    expect(featured.indexOf(older.id)).toBeLessThan(featured.indexOf(newer.id));
    expect(featured.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(featured).not.toContain(silent.id);
  });

  it('channels/search by name, or name and description; archived channels are not found', async () => {
    const user = await server.createUser();
    const tag = Math.random().toString(36).slice(2, 8);
    const byName = await createChannel(server, user, { name: `Kumquat ${tag}`, description: 'small fruit' });
    const byDescription = await createChannel(server, user, { name: 'Something else', description: `about kumquat ${tag}` });
    const archived = await createChannel(server, user, { name: `kumquat ${tag} old` });
    await server.client(user.token).request('channels/update', { channelId: archived.id, isArchived: true });
    const both = await server.client().request('channels/search', { query: `KUMQUAT ${tag}`, limit: 10 });
    expect(both.map((c) => c.id).sort()).toEqual([byName.id, byDescription.id].sort());
    const nameOnly = await server.client().request('channels/search', { query: `kumquat ${tag}`, type: 'nameOnly' });
    expect(nameOnly.map((c) => c.id)).toEqual([byName.id]);
    // LIKE wildcards are taken literally.
    expect(await server.client().request('channels/search', { query: `%${tag}` })).toEqual([]);
    await expectApiError(server.client().request('channels/search', { query: 'x', type: 'everything' as never }), commonErrors.invalidParam);
  });
});

describe('permissions', () => {
  it('asks for read:channels / write:channels on app tokens and a credential where Misskey does', async () => {
    const channel = await createChannel(server, owner);
    const reader = await server.createAppToken(other.id, ['read:channels']);
    const writer = await server.createAppToken(other.id, ['write:channels']);
    const writes: [string, Record<string, unknown>][] = [
      ['channels/create', { name: 'app channel' }], ['channels/update', { channelId: channel.id, name: 'x' }],
      ['channels/follow', { channelId: channel.id }], ['channels/unfollow', { channelId: channel.id }],
      ['channels/favorite', { channelId: channel.id }], ['channels/unfavorite', { channelId: channel.id }],
      ['channels/mute/create', { channelId: channel.id }], ['channels/mute/delete', { channelId: channel.id }],
    ];
    const reads: [string, Record<string, unknown>][] = [['channels/followed', {}], ['channels/owned', {}], ['channels/my-favorites', {}], ['channels/mute/list', {}]];
    for (const [endpoint, params] of writes) {
      await expectApiError(server.client(reader).request(endpoint as any, params as any), commonErrors.permissionDenied);
      await expectApiError(server.client().request(endpoint as any, params as any), commonErrors.credentialRequired);
    }
    for (const [endpoint, params] of reads) {
      await expectApiError(server.client(writer).request(endpoint as any, params as any), commonErrors.permissionDenied);
      await expectApiError(server.client().request(endpoint as any, params as any), commonErrors.credentialRequired);
      await expect(server.client(reader).request(endpoint as any, params as any)).resolves.toBeInstanceOf(Array);
    }
    await server.client(writer).request('channels/follow', { channelId: channel.id });
    expect((await server.client(reader).request('channels/followed', {})).map((c: any) => c.id)).toContain(channel.id);
    // Public reads need neither credential nor permission.
    for (const endpoint of ['channels/show', 'channels/timeline'] as const) {
      await expect(server.client().request(endpoint as 'channels/show', { channelId: channel.id })).resolves.toBeTruthy();
    }
    await expectApiError(server.client().request('channels/timeline', { channelId: MISSING_ID }), e.timeline.noSuchChannel);
  });
});
