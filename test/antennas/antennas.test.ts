import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints, entities } from 'misskey-js';
import { AntennaSchema } from '../../src/core/antennas/schema.js';
import { NoteSchema } from '../../src/core/notes/schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import { commonErrors } from '../api-errors.js';
import { createUsers, type TestUser } from '../social/helpers.js';
import { closeAll, eventually, frames, joinRaw, opened, openStream, rawSocket, settle } from '../streaming/helpers.js';
import { upload } from '../drive/helpers.js';

// Codes and ids exactly as ../shared/spec/errors.tsv.
const e = {
  create: {
    noSuchUserList: { code: 'NO_SUCH_USER_LIST', id: '95063e93-a283-4b8b-9aa5-bcdb8df69a7f' },
    tooManyAntennas: { code: 'TOO_MANY_ANTENNAS', id: 'faf47050-e8b5-438c-913c-db2b1576fde4' },
    emptyKeyword: { code: 'EMPTY_KEYWORD', id: '53ee222e-1ddd-4f9a-92e5-9fb82ddb463a' },
  },
  delete: { noSuchAntenna: { code: 'NO_SUCH_ANTENNA', id: 'b34dcf9d-348f-44bb-99d0-6c9314cfe2df' } },
  notes: { noSuchAntenna: { code: 'NO_SUCH_ANTENNA', id: '850926e0-fd3b-49b6-b69a-b28a5dbd82fe' } },
  show: { noSuchAntenna: { code: 'NO_SUCH_ANTENNA', id: 'c06569fb-b025-4f23-b22d-1fcd20d2816b' } },
  update: {
    noSuchAntenna: { code: 'NO_SUCH_ANTENNA', id: '10c673ac-8852-48eb-aa1f-f5b67f069290' },
    noSuchUserList: { code: 'NO_SUCH_USER_LIST', id: '1c6b35c9-943e-48c2-81e4-2844989407f7' },
    antennaLimitExceeded: { code: 'ANTENNA_LIMIT_EXCEEDED', id: '3166a92e-09d9-4c09-afa3-1dbe34a3afcf' },
    emptyKeyword: { code: 'EMPTY_KEYWORD', id: '721aaff6-4e1b-4d88-8de6-877fae9f68c4' },
  },
};
const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ rateLimit: false }); });
afterAll(async () => { await server?.close(); });
afterEach(async () => { closeAll(); await server.ctx.meta.update({ policies: {} }); });

/** Misskey's required fields with neutral values; `overrides` sets what a test is about. */
function antennaParams(overrides: Record<string, unknown> = {}): Endpoints['antennas/create']['req'] {
  return {
    name: 'antenna', src: 'all', keywords: [['mikan']], excludeKeywords: [], users: [],
    caseSensitive: false, withReplies: false, withFile: false, ...overrides,
  } as unknown as Endpoints['antennas/create']['req'];
}

async function createAntenna(user: TestUser, overrides: Record<string, unknown> = {}): Promise<entities.Antenna> {
  const antenna = await server.client(user.token).request('antennas/create', antennaParams(overrides) as never);
  expectSchema(AntennaSchema, antenna);
  return antenna;
}

async function post(user: TestUser, params: Record<string, unknown>): Promise<entities.Note> {
  const { createdNote } = await server.client(user.token).request('notes/create', params as never);
  return createdNote;
}

async function collected(owner: TestUser, antennaId: string, params: Record<string, unknown> = {}): Promise<string[]> {
  const notes = await server.client(owner.token).request('antennas/notes', { antennaId, ...params });
  for (const note of notes) expectSchema(NoteSchema, note);
  return notes.map((note) => note.id);
}

describe('antenna lifecycle', () => {
  it('creates, shows, lists, updates and deletes, packed as misskey-js Antenna', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner.token);
    const antenna = await createAntenna(owner, { name: 'first', keywords: [['a', 'b'], ['c']], excludeKeywords: [['x']], users: ['@someone'], localOnly: true, excludeBots: true, excludeNotesInSensitiveChannel: true });
    expect(antenna).toMatchObject({
      name: 'first', src: 'all', userListId: null, keywords: [['a', 'b'], ['c']], excludeKeywords: [['x']], users: ['@someone'],
      caseSensitive: false, localOnly: true, excludeBots: true, withReplies: false, withFile: false,
      isActive: true, hasUnreadNote: false, notify: false, excludeNotesInSensitiveChannel: true,
    });
    expect(await api.request('antennas/show', { antennaId: antenna.id })).toEqual(antenna);
    const second = await createAntenna(owner, { name: 'second' });
    const list = await api.request('antennas/list', {});
    for (const item of list) expectSchema(AntennaSchema, item);
    expect(list.map((item) => item.id)).toEqual([antenna.id, second.id]);

    const updated = await api.request('antennas/update', { antennaId: antenna.id, name: 'renamed', caseSensitive: true, localOnly: false });
    expectSchema(AntennaSchema, updated);
    expect(updated).toMatchObject({ id: antenna.id, name: 'renamed', caseSensitive: true, localOnly: false, keywords: [['a', 'b'], ['c']], excludeBots: true });
    expect(await api.request('antennas/show', { antennaId: antenna.id })).toEqual(updated);

    await api.request('antennas/delete', { antennaId: antenna.id });
    await expectApiError(api.request('antennas/show', { antennaId: antenna.id }), e.show.noSuchAntenna);
    expect((await api.request('antennas/list', {})).map((item) => item.id)).toEqual([second.id]);
  });

  it('answers every declared error', async () => {
    const [owner, other] = await createUsers(server, 2);
    const api = server.client(owner.token);
    const othersList = await server.client(other.token).request('users/lists/create', { name: 'theirs' });
    const othersAntenna = await createAntenna(other);

    await expectApiError(api.request('antennas/create', antennaParams({ keywords: [['', '']], excludeKeywords: [] }) as never), e.create.emptyKeyword);
    await expectApiError(api.request('antennas/create', antennaParams({ keywords: [], excludeKeywords: [['']] }) as never), e.create.emptyKeyword);
    await expectApiError(api.request('antennas/create', antennaParams({ src: 'list', userListId: othersList.id }) as never), e.create.noSuchUserList);
    await expectApiError(api.request('antennas/create', antennaParams({ src: 'list', userListId: unknownId }) as never), e.create.noSuchUserList);

    for (const endpoint of ['antennas/show', 'antennas/delete', 'antennas/notes'] as const) {
      const error = endpoint === 'antennas/show' ? e.show.noSuchAntenna : endpoint === 'antennas/delete' ? e.delete.noSuchAntenna : e.notes.noSuchAntenna;
      await expectApiError(api.request(endpoint as 'antennas/show', { antennaId: unknownId }), error);
      await expectApiError(api.request(endpoint as 'antennas/show', { antennaId: othersAntenna.id }), error);
    }
    await expectApiError(api.request('antennas/update', { antennaId: othersAntenna.id, name: 'mine now' }), e.update.noSuchAntenna);
    expect((await server.client(other.token).request('antennas/show', { antennaId: othersAntenna.id })).name).toBe('antenna');

    const mine = await createAntenna(owner);
    await expectApiError(api.request('antennas/update', { antennaId: mine.id, keywords: [['']], excludeKeywords: [] }), e.update.emptyKeyword);
    await expectApiError(api.request('antennas/update', { antennaId: mine.id, src: 'list', userListId: othersList.id }), e.update.noSuchUserList);
    // Invalid parameters as Misskey validates them.
    await expectApiError(api.request('antennas/create', antennaParams({ src: 'everything' }) as never), commonErrors.invalidParam);
    await expectApiError(api.request('antennas/create', antennaParams({ name: '' }) as never), commonErrors.invalidParam);
    await expectApiError(api.request('antennas/create', antennaParams({ name: 'x'.repeat(101) }) as never), commonErrors.invalidParam);
  });

  it('keeps to the antennaLimit policy: TOO_MANY_ANTENNAS on create, ANTENNA_LIMIT_EXCEEDED on update when over a lowered limit', async () => {
    const [owner] = await createUsers(server, 1);
    const api = server.client(owner.token);
    await server.ctx.meta.update({ policies: { antennaLimit: 2 } });
    const first = await createAntenna(owner);
    await createAntenna(owner);
    await expectApiError(api.request('antennas/create', antennaParams() as never), e.create.tooManyAntennas);
    expect(await api.request('antennas/update', { antennaId: first.id, name: 'at the limit is fine' })).toMatchObject({ name: 'at the limit is fine' });
    await server.ctx.meta.update({ policies: { antennaLimit: 1 } });
    await expectApiError(api.request('antennas/update', { antennaId: first.id, name: 'over' }), e.update.antennaLimitExceeded);
    await api.request('antennas/delete', { antennaId: first.id });
    expect((await api.request('antennas/list', {})).length).toBe(1);
  });

  it('asks read:account / write:account of app tokens, and a credential of everyone', async () => {
    const [owner] = await createUsers(server, 1);
    const antenna = await createAntenna(owner);
    const reader = server.client(await server.createAppToken(owner.id, ['read:account']));
    const writer = server.client(await server.createAppToken(owner.id, ['write:account']));
    const anonymous = server.client(null);
    expect((await reader.request('antennas/list', {})).map((item) => item.id)).toEqual([antenna.id]);
    expect((await reader.request('antennas/show', { antennaId: antenna.id })).id).toBe(antenna.id);
    expect(await reader.request('antennas/notes', { antennaId: antenna.id })).toEqual([]);
    await expectApiError(reader.request('antennas/create', antennaParams() as never), commonErrors.permissionDenied);
    await expectApiError(reader.request('antennas/update', { antennaId: antenna.id, name: 'x' }), commonErrors.permissionDenied);
    await expectApiError(reader.request('antennas/delete', { antennaId: antenna.id }), commonErrors.permissionDenied);
    await expectApiError(writer.request('antennas/list', {}), commonErrors.permissionDenied);
    await expectApiError(writer.request('antennas/show', { antennaId: antenna.id }), commonErrors.permissionDenied);
    await expectApiError(writer.request('antennas/notes', { antennaId: antenna.id }), commonErrors.permissionDenied);
    const made = await writer.request('antennas/create', antennaParams({ name: 'by app' }) as never);
    expect(made.name).toBe('by app');
    await writer.request('antennas/update', { antennaId: made.id, name: 'by app 2' });
    await writer.request('antennas/delete', { antennaId: made.id });
    for (const endpoint of ['antennas/list', 'antennas/show', 'antennas/notes', 'antennas/create', 'antennas/update', 'antennas/delete'] as const) {
      await expectApiError(anonymous.request(endpoint as 'antennas/show', { antennaId: antenna.id }), commonErrors.credentialRequired);
    }
  });
});

describe('what an antenna collects', () => {
  it('keywords are an OR of AND groups, excludeKeywords drop, case-insensitive unless caseSensitive; text and CW both count', async () => {
    const [owner, author] = await createUsers(server, 2);
    const groups = await createAntenna(owner, { keywords: [['apple', 'pie'], ['cherry']], excludeKeywords: [['rotten']] });
    const sensitive = await createAntenna(owner, { keywords: [['Mikan']], caseSensitive: true });
    const both = await post(author, { text: 'an APPLE pie' });
    const onlyOne = await post(author, { text: 'an apple tart' });
    const other = await post(author, { text: 'a cherry' });
    const inCw = await post(author, { text: 'hidden', cw: 'cherry season' });
    const excluded = await post(author, { text: 'a rotten cherry' });
    const upper = await post(author, { text: 'Mikan!' });
    const lower = await post(author, { text: 'mikan!' });
    const renote = await post(author, { renoteId: both.id });
    expect(await collected(owner, groups.id)).toEqual([inCw.id, other.id, both.id]);
    expect(await collected(owner, sensitive.id)).toEqual([upper.id]);
    void onlyOne; void excluded; void lower; void renote;
  });

  it('withReplies, withFile, excludeBots and localOnly filter as Misskey', async () => {
    const [owner, author, bot] = await createUsers(server, 3);
    await server.client(bot.token).request('i/update', { isBot: true });
    const plain = await createAntenna(owner, { keywords: [['kiwi']] });
    const replies = await createAntenna(owner, { keywords: [['kiwi']], withReplies: true });
    const files = await createAntenna(owner, { keywords: [['kiwi']], withFile: true });
    const noBots = await createAntenna(owner, { keywords: [['kiwi']], excludeBots: true, localOnly: true });
    const root = await post(author, { text: 'kiwi root' });
    const reply = await post(author, { text: 'kiwi reply', replyId: root.id });
    const file = await upload(server, author.token, 'kiwi bytes');
    const withFile = await post(author, { text: 'kiwi file', fileIds: [file.id] });
    const byBot = await post(bot, { text: 'kiwi bot' });
    expect(await collected(owner, plain.id)).toEqual([byBot.id, withFile.id, root.id]);
    expect(await collected(owner, replies.id)).toEqual([byBot.id, withFile.id, reply.id, root.id]);
    expect(await collected(owner, files.id)).toEqual([withFile.id]);
    // localOnly: every author here is local, so only the bot is left out.
    expect(await collected(owner, noBots.id)).toEqual([withFile.id, root.id]);
  });

  it('excludeNotesInSensitiveChannel leaves out notes posted in sensitive channels, and only those', async () => {
    const [owner, author] = await createUsers(server, 2);
    const sensitive = await server.client(author.token).request('channels/create', { name: 'after dark', isSensitive: true } as never);
    const calm = await server.client(author.token).request('channels/create', { name: 'tea room' } as never);
    const excluding = await createAntenna(owner, { keywords: [['plum']], excludeNotesInSensitiveChannel: true });
    const including = await createAntenna(owner, { keywords: [['plum']] });
    const inSensitive = await post(author, { text: 'plum at night', channelId: sensitive.id });
    const inCalm = await post(author, { text: 'plum tea', channelId: calm.id });
    expect(await collected(owner, excluding.id)).toEqual([inCalm.id]);
    expect(await collected(owner, including.id)).toEqual([inCalm.id, inSensitive.id]);
  });

  it('sources: users (by @name or name@host), users_blacklist, list, home (followees and yourself), all', async () => {
    const [owner, alice, bob, carol] = await createUsers(server, 4);
    const api = server.client(owner.token);
    const host = server.ctx.config.hostname;
    const users = await createAntenna(owner, { src: 'users', users: [`@${alice.username}`, `${bob.username.toUpperCase()}@${host}`], keywords: [['fig']] });
    const blacklist = await createAntenna(owner, { src: 'users_blacklist', users: [alice.username], keywords: [['fig']] });
    const list = await api.request('users/lists/create', { name: 'fig people' });
    await api.request('users/lists/push', { listId: list.id, userId: carol.id });
    const listed = await createAntenna(owner, { src: 'list', userListId: list.id, keywords: [['fig']] });
    expect(listed.userListId).toBe(list.id);
    await api.request('following/create', { userId: bob.id });
    const home = await createAntenna(owner, { src: 'home', keywords: [['fig']] });
    const all = await createAntenna(owner, { src: 'all', keywords: [['fig']] });
    const a = await post(alice, { text: 'fig a' });
    const b = await post(bob, { text: 'fig b' });
    const c = await post(carol, { text: 'fig c' });
    const mine = await post(owner, { text: 'fig mine' });
    expect(await collected(owner, users.id)).toEqual([b.id, a.id]);
    expect(await collected(owner, blacklist.id)).toEqual([mine.id, c.id, b.id]);
    expect(await collected(owner, listed.id)).toEqual([c.id]);
    expect(await collected(owner, home.id)).toEqual([mine.id, b.id]);
    expect(await collected(owner, all.id)).toEqual([mine.id, c.id, b.id, a.id]);

    // Moving an antenna to another source applies from the next note on.
    await api.request('antennas/update', { antennaId: users.id, src: 'list', userListId: list.id });
    const c2 = await post(carol, { text: 'fig c2' });
    await post(alice, { text: 'fig a2' });
    expect(await collected(owner, users.id)).toEqual([c2.id, b.id, a.id]);
    // Deleting the list deletes its antennas, as Misskey.
    await api.request('users/lists/delete', { listId: list.id });
    await expectApiError(api.request('antennas/show', { antennaId: listed.id }), e.show.noSuchAntenna);
    await post(carol, { text: 'fig after the list' });
  });

  it('collects only what the owner may see: followers-only and specified notes, blocks either way, mutes', async () => {
    const [owner, author, blocker, blocked, muted] = await createUsers(server, 5);
    const antenna = await createAntenna(owner, { keywords: [['plum']] });
    const followersOnly = await post(author, { text: 'plum followers', visibility: 'followers' });
    const toOwner = await post(author, { text: 'plum for you', visibility: 'specified', visibleUserIds: [owner.id] });
    await post(author, { text: 'plum for others', visibility: 'specified', visibleUserIds: [blocker.id] });
    await server.client(owner.token).request('following/create', { userId: author.id });
    const followersAfter = await post(author, { text: 'plum followers again', visibility: 'followers' });
    await server.client(blocker.token).request('blocking/create', { userId: owner.id });
    await post(blocker, { text: 'plum from someone who blocks you' });
    await server.client(owner.token).request('blocking/create', { userId: blocked.id });
    await post(blocked, { text: 'plum from someone you block' });
    await server.client(owner.token).request('mute/create', { userId: muted.id });
    await post(muted, { text: 'plum from someone you mute' });
    const home = await post(author, { text: 'plum home', visibility: 'home' });
    expect(await collected(owner, antenna.id)).toEqual([home.id, followersAfter.id, toOwner.id]);
    void followersOnly;

    // Read again with today's relations: muting the author later hides what was collected.
    await server.client(owner.token).request('mute/create', { userId: author.id });
    expect(await collected(owner, antenna.id)).toEqual([]);
    await server.client(owner.token).request('mute/delete', { userId: author.id });
    expect(await collected(owner, antenna.id)).toEqual([home.id, followersAfter.id, toOwner.id]);
  });

  it('pages by id and date, newest first (oldest first with only a lower bound); deleted notes leave', async () => {
    const [owner, author] = await createUsers(server, 2);
    const antenna = await createAntenna(owner, { keywords: [['pear']] });
    const notes: entities.Note[] = [];
    for (let i = 0; i < 5; i++) notes.push(await post(author, { text: `pear ${i}` }));
    const ids = notes.map((note) => note.id);
    expect(await collected(owner, antenna.id)).toEqual([...ids].reverse());
    expect(await collected(owner, antenna.id, { limit: 2 })).toEqual([ids[4], ids[3]]);
    expect(await collected(owner, antenna.id, { untilId: ids[3], limit: 2 })).toEqual([ids[2], ids[1]]);
    expect(await collected(owner, antenna.id, { sinceId: ids[1], limit: 2 })).toEqual([ids[2], ids[3]]);
    expect(await collected(owner, antenna.id, { sinceId: ids[0], untilId: ids[3] })).toEqual([ids[2], ids[1]]);
    const at = (note: entities.Note) => Date.parse(note.createdAt);
    expect(await collected(owner, antenna.id, { untilDate: at(notes[2]!) })).not.toContain(ids[2]);
    expect((await collected(owner, antenna.id, { sinceDate: at(notes[0]!) - 1 })).at(0)).toBe(ids[0]);
    await server.client(author.token).request('notes/delete', { noteId: ids[4]! });
    expect(await collected(owner, antenna.id, { limit: 1 })).toEqual([ids[3]]);
    await expectApiError(server.client(owner.token).request('antennas/notes', { antennaId: antenna.id, limit: 101 }), commonErrors.invalidParam);
  });
});

describe('the antenna streaming channel', () => {
  it('delivers matching notes live to the owner, and nothing else', async () => {
    const [owner, author, other] = await createUsers(server, 3);
    const antenna = await createAntenna(owner, { keywords: [['quince']] });
    const stream = await openStream(server, owner.token);
    const received: entities.Note[] = [];
    stream.useChannel('antenna', { antennaId: antenna.id }).on('note', (note) => received.push(note));
    // Another user cannot listen to it.
    const intruder = await openStream(server, other.token);
    const stolen: unknown[] = [];
    intruder.useChannel('antenna', { antennaId: antenna.id }).on('note', (note) => stolen.push(note));
    await settle();
    await post(author, { text: 'no match' });
    const match = await post(author, { text: 'quince jam' });
    await eventually(() => expect(received.map((note) => note.id)).toEqual([match.id]));
    expectSchema(NoteSchema, received[0]);
    expect(received[0]).toMatchObject({ text: 'quince jam', userId: author.id });
    await settle();
    expect(stolen).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('joins only for the owner of an existing antenna (Misskey refuses others silently)', async () => {
    const [owner, other] = await createUsers(server, 2);
    const antenna = await createAntenna(owner, { keywords: [['medlar']] });
    const mine = rawSocket(server, `?i=${owner.token}`);
    const mineFrames = frames(mine);
    await opened(mine);
    expect(await joinRaw(mine, mineFrames, 'antenna', 'a1', { antennaId: antenna.id })).toBe(true);
    expect(await joinRaw(mine, mineFrames, 'antenna', 'a2', { antennaId: unknownId })).toBe(false);
    expect(await joinRaw(mine, mineFrames, 'antenna', 'a3', {})).toBe(false);
    const theirs = rawSocket(server, `?i=${other.token}`);
    const theirFrames = frames(theirs);
    await opened(theirs);
    expect(await joinRaw(theirs, theirFrames, 'antenna', 'b1', { antennaId: antenna.id })).toBe(false);
  });
});
