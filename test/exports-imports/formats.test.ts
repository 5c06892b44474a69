import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDriveServer, upload } from '../drive/helpers.js';
import { post } from '../notes/helpers.js';
import type { TestServer } from '../harness.js';
import { runExport, type ExportJobData } from '../../src/core/exports/run.js';
import { runImport } from '../../src/core/imports/run.js';
import { silentProgress } from '../../src/core/exports/progress.js';
import { genId } from '../../src/misc/id.js';
import { acct, blockees, downloadDriveFile, exportNotifications, followees, listsOf, mutees, uploadCsv, type TestUser } from './helpers.js';

/**
 * The files exports write and imports read, byte for byte as Misskey's; the export and import
 * functions are called as their jobs call them (the endpoints and the job queue: api.test.ts).
 */

let server: TestServer;
let me: TestUser;
let others: TestUser[];

async function exportOf(user: TestUser, request: Omit<ExportJobData, 'exportId' | 'userId'>): Promise<{ file: any; text: string; exportId: string }> {
  const exportId = genId();
  await runExport(server.ctx, { ...request, exportId, userId: user.id }, silentProgress);
  const [latest] = await exportNotifications(server, user.token); 
  return { ...await downloadDriveFile(server, user.token, latest.fileId), exportId };
}

beforeAll(async () => {
  server = await startDriveServer();
  me = await server.createUser();
  others = await Promise.all(Array.from({ length: 5 }, () => server.createUser()));
  // The first i/notifications compiles its large response schema (seconds on a loaded machine): not part of any test.
  await exportNotifications(server, me.token);
});
afterAll(() => server?.close());

describe('exports', () => {
  it('following: username@host lines, LF, no header, in follow order; excludeMuting leaves out muted followees', async () => {
    const user = await server.createUser();
    const client = server.client(user.token);
    for (const other of others.slice(0, 3)) await client.request('following/create', { userId: other.id });
    await client.request('mute/create', { userId: others[1]!.id }); 

    const all = await exportOf(user, { entity: 'following' }); 
    expect(all.text).toBe(others.slice(0, 3).map((other) => `${acct(server, other)}\n`).join(''));
    expect(all.file.name).toMatch(/^following-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/);
    expect(all.file.folderId).toBeNull();
    const [notification] = await exportNotifications(server, user.token);
    expect(notification).toMatchObject({ type: 'exportCompleted', exportedEntity: 'following', fileId: all.file.id });

    const withoutMuted = await exportOf(user, { entity: 'following', excludeMuting: true });
    expect(withoutMuted.text).toBe(`${acct(server, others[0]!)}\n${acct(server, others[2]!)}\n`);
  });

  it('following: excludeInactive leaves out followees whose profile has not changed in 90 days', async () => {
    const user = await server.createUser();
    const [active, inactive] = await Promise.all([server.createUser(), server.createUser()]);
    await server.client(user.token).request('following/create', { userId: active.id });
    await server.client(user.token).request('following/create', { userId: inactive.id });
    await server.ctx.database.pool.query(`UPDATE users SET updated_at = now() - interval '91 days' WHERE id = $1`, [inactive.id]);
    expect((await exportOf(user, { entity: 'following', excludeInactive: true })).text).toBe(`${acct(server, active)}\n`);
    expect((await exportOf(user, { entity: 'following' })).text).toBe(`${acct(server, active)}\n${acct(server, inactive)}\n`);
  });

  it('mute: permanent mutes only (a mute with an expiry is not exported, as in Misskey); blocking: every block', async () => {
    const user = await server.createUser();
    const client = server.client(user.token);
    await client.request('mute/create', { userId: others[0]!.id });
    await client.request('mute/create', { userId: others[1]!.id, expiresAt: Date.now() + 3_600_000 });
    await client.request('blocking/create', { userId: others[2]!.id });
    await client.request('blocking/create', { userId: others[3]!.id });

    const muting = await exportOf(user, { entity: 'muting' });
    expect(muting.text).toBe(`${acct(server, others[0]!)}\n`);
    expect(muting.file.name).toMatch(/^mute-.*\.csv$/);
    const blocking = await exportOf(user, { entity: 'blocking' });
    expect(blocking.text).toBe(`${acct(server, others[2]!)}\n${acct(server, others[3]!)}\n`);
    expect(blocking.file.name).toMatch(/^blocking-.*\.csv$/);
    expect((await exportNotifications(server, user.token)).map((n) => n.exportedEntity)).toEqual(['blocking', 'muting']);
  });

  it('user lists: `name,username@host` per member, a name with a comma quoted', async () => {
    const user = await server.createUser();
    const client = server.client(user.token);
    const friends = await client.request('users/lists/create', { name: 'Friends' }) as any;
    const work = await client.request('users/lists/create', { name: 'Work, old' }) as any;
    await client.request('users/lists/push', { listId: friends.id, userId: others[0]!.id });
    await client.request('users/lists/push', { listId: friends.id, userId: others[1]!.id });
    await client.request('users/lists/push', { listId: work.id, userId: others[2]!.id });
    const lists = await exportOf(user, { entity: 'userList' });
    expect(lists.text).toBe(`Friends,${acct(server, others[0]!)}\nFriends,${acct(server, others[1]!)}\n"Work, old",${acct(server, others[2]!)}\n`);
    expect(lists.file.name).toMatch(/^user-lists-.*\.csv$/);
  });

  it('notes: a JSON array of every note, oldest first, with Misskey\'s fields, packed files and the poll', async () => {
    const user = await server.createUser();
    const image = await upload(server, user.token, 'hello file', { name: 'hello.txt' });
    const first = await post(server, user, { text: 'first', fileIds: [image.id] });
    const second = await post(server, user, { text: 'which?', cw: 'poll', visibility: 'home', poll: { choices: ['a', 'b'], multiple: true } });
    const renote = await post(server, user, { renoteId: first.id });
    const notes = await exportOf(user, { entity: 'note' });
    expect(notes.file.name).toMatch(/^notes-.*\.json$/);
    expect(notes.text.startsWith('[{') && notes.text.includes('},\n{') && notes.text.endsWith('}]')).toBe(true);
    const parsed = JSON.parse(notes.text);
    expect(parsed.map((note: any) => note.id)).toEqual([first.id, second.id, renote.id]);
    expect(Object.keys(parsed[0])).toEqual(['id', 'text', 'createdAt', 'fileIds', 'files', 'replyId', 'renoteId', 'poll', 'cw', 'visibility', 'visibleUserIds', 'localOnly', 'reactionAcceptance']);
    expect(parsed[0]).toMatchObject({ text: 'first', createdAt: first.createdAt, fileIds: [image.id], replyId: null, renoteId: null, poll: null, visibility: 'public', localOnly: false });
    expect(parsed[0].files).toEqual([expect.objectContaining({ id: image.id, name: 'hello.txt', url: image.url, md5: image.md5 })]);
    expect(parsed[1]).toMatchObject({ cw: 'poll', visibility: 'home', poll: { noteId: second.id, choices: ['a', 'b'], votes: [0, 0], multiple: true, expiresAt: null, noteVisibility: 'home', userId: user.id, userHost: null } });
    expect(parsed[2]).toMatchObject({ text: null, renoteId: first.id, files: [] });
  });

  it('notes: a user with none gets `[]`', async () => {
    const user = await server.createUser();
    expect((await exportOf(user, { entity: 'note' })).text).toBe('[]');
  });

  it('favorites: each favourite with its note and the note\'s author', async () => {
    const user = await server.createUser();
    const note = await post(server, others[0]!, { text: 'worth keeping' });
    await server.client(user.token).request('notes/favorites/create', { noteId: note.id });
    const favorites = await exportOf(user, { entity: 'favorite' });
    expect(favorites.file.name).toMatch(/^favorites-.*\.json$/);
    const [favorite] = JSON.parse(favorites.text);
    expect(Object.keys(favorite)).toEqual(['id', 'createdAt', 'note']);
    expect(favorite.note).toMatchObject({
      id: note.id, text: 'worth keeping', createdAt: note.createdAt, fileIds: [], poll: null, visibility: 'public', uri: null, url: null,
      user: { id: others[0]!.id, name: null, username: others[0]!.username, host: null, uri: null },
    });
  });

  it('run again with the same export id (a retried job) it stores no second file and no second notification', async () => {
    const user = await server.createUser();
    await server.client(user.token).request('following/create', { userId: others[0]!.id });
    const { exportId } = await exportOf(user, { entity: 'following' });
    await runExport(server.ctx, { exportId, userId: user.id, entity: 'following' }, silentProgress);
    // Another export (a new id) is a new file: an empty one, still stored.
    await runExport(server.ctx, { exportId: genId(), userId: user.id, entity: 'blocking' }, silentProgress);
    const files = await server.client(user.token).request('drive/files', { limit: 100 }) as any[];
    expect(files.filter((file) => file.name.startsWith('following-'))).toHaveLength(1);
    expect(files.filter((file) => file.name.startsWith('blocking-')).map((file) => file.size)).toEqual([0]);
    expect((await exportNotifications(server, user.token)).filter((n) => n.exportedEntity === 'following')).toHaveLength(1);
  });
});

describe('imports', () => {
  it('following: reads a Mastodon-style file (BOM, header, CRLF), acct with and without host; unknown and remote rows are skipped and counted', async () => {
    const user = await server.createUser();
    const text = '\uFEFFAccount address,Show boosts\r\n'
      + `${acct(server, others[0]!)},true\r\n`
      + `@${others[1]!.username},true\r\n`
      + 'nobody_here,true\r\n'
      + 'alice@remote.example,true\r\n'
      + `${user.username}\r\n`
      + 'not an account\r\n';
    const fileId = await uploadCsv(server, user.token, text);
    const summary = await runImport(server.ctx, { userId: user.id, fileId, kind: 'following' }, silentProgress);
    expect(summary).toEqual({ rows: 6, applied: 2, unchanged: 0, skipped: { invalid: 1, unknownUser: 1, remoteUser: 1, self: 1, refused: 0 } });
    expect(await followees(server, user)).toEqual([others[0]!.username, others[1]!.username].sort());

    // Again (a retried job): nothing changes, each follow happened once.
    const again = await runImport(server.ctx, { userId: user.id, fileId, kind: 'following' }, silentProgress);
    expect(again).toMatchObject({ applied: 0, unchanged: 2 });
    const follows = await server.client(others[0]!.token).request('i/notifications', { includeTypes: ['follow'], limit: 100 }) as any[];
    expect(follows.filter((n) => n.user.id === user.id)).toHaveLength(1);
  });

  it('muting and blocking: Misskey\'s own export format (no header, LF)', async () => {
    const user = await server.createUser();
    const csv = `${acct(server, others[0]!)}\n${acct(server, others[1]!)}\n`;
    const muting = await runImport(server.ctx, { userId: user.id, fileId: await uploadCsv(server, user.token, csv, 'mute.csv'), kind: 'muting' }, silentProgress);
    expect(muting).toMatchObject({ rows: 2, applied: 2 });
    expect(await mutees(server, user)).toEqual([others[0]!.username, others[1]!.username].sort());
    const blocking = await runImport(server.ctx, { userId: user.id, fileId: await uploadCsv(server, user.token, `${csv}${acct(server, others[2]!)}`, 'block.csv'), kind: 'blocking' }, silentProgress);
    expect(blocking).toMatchObject({ rows: 3, applied: 3 });
    expect(await blockees(server, user)).toEqual([others[0]!.username, others[1]!.username, others[2]!.username].sort());
  });

  it('user lists: creates missing lists by name, adds to an existing one, skips bad rows', async () => {
    const user = await server.createUser();
    const existing = await server.client(user.token).request('users/lists/create', { name: 'Friends' }) as any;
    await server.client(user.token).request('users/lists/push', { listId: existing.id, userId: others[0]!.id });
    const csv = `Friends,${acct(server, others[0]!)}\r\nFriends,${acct(server, others[1]!)}\r\n"Work, old",${others[2]!.username}\r\nWork,ghost@elsewhere.example\r\n,${acct(server, others[3]!)}\r\n`;
    const summary = await runImport(server.ctx, { userId: user.id, fileId: await uploadCsv(server, user.token, csv), kind: 'userList' }, silentProgress);
    expect(summary).toEqual({ rows: 5, applied: 2, unchanged: 1, skipped: { invalid: 1, unknownUser: 0, remoteUser: 1, self: 0, refused: 0 } });
    expect(await listsOf(server, user)).toEqual({
      Friends: [others[0]!.username, others[1]!.username].sort(),
      'Work, old': [others[2]!.username],
    });
  });
});
