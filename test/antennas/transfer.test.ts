import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Stream } from 'misskey-js';
import { startDriveServer } from '../drive/helpers.js';
import { closeAll, openStream } from '../streaming/helpers.js';
import { expectApiError } from '../accounts/helpers.js';
import type { TestServer } from '../harness.js';
import { downloadDriveFile, importsDone, uploadCsv } from '../exports-imports/helpers.js';

/** i/export-antennas and i/import-antennas in Misskey's JSON format, through the job queue. */

const importErrors = {
  noSuchFile: { code: 'NO_SUCH_FILE', id: '3b71d086-c3fa-431c-b01d-ded65a777172' },
  emptyFile: { code: 'EMPTY_FILE', id: '7f60115d-8d93-4b0f-bd0e-3815dcbb389f' },
  tooManyAntennas: { code: 'TOO_MANY_ANTENNAS', id: '600917d4-a4cb-4cc5-8ba8-7ac8ea3c7779' },
  rolePermissionDenied: { code: 'ROLE_PERMISSION_DENIED' },
};

let server: TestServer;
beforeAll(async () => { server = await startDriveServer({ rateLimit: false }); });
afterEach(async () => { closeAll(); await server.ctx.meta.update({ policies: {} }); });
afterAll(async () => { await server?.close(); });

function nextExport(stream: Stream, entity: string): Promise<{ fileId: string }> {
  return new Promise((resolve) => {
    stream.useChannel('main').on('notification', (notification: any) => {
      if (notification.type === 'exportCompleted' && notification.exportedEntity === entity) resolve(notification);
    });
  });
}

const base = { excludeKeywords: [], users: [], caseSensitive: false, withReplies: false, withFile: false };

describe('antennas export and import', () => {
  it('exports Misskey\'s JSON and imports it back (a list antenna becomes a users antenna of its members); bad entries are skipped, a second import adds nothing', async () => {
    const [owner, fresh, member] = await Promise.all([server.createUser(), server.createUser(), server.createUser()]);
    // Misskey counts every entry of the file, bad ones too, against the limit (5 by default).
    await server.ctx.meta.update({ policies: { antennaLimit: 20 } });
    const client = server.client(owner.token);
    const list = await client.request('users/lists/create', { name: 'people' });
    await client.request('users/lists/push', { listId: list.id, userId: member.id });
    await client.request('antennas/create', { ...base, name: 'words', src: 'all', keywords: [['a', 'b'], ['c']], excludeKeywords: [['d']], caseSensitive: true, localOnly: true, withFile: true });
    await client.request('antennas/create', { ...base, name: 'listed', src: 'list', userListId: list.id, keywords: [['e']], withReplies: true });
    await client.request('antennas/create', { ...base, name: 'someone', src: 'users', users: [`@${member.username}`], keywords: [['f']] });

    const stream = await openStream(server, owner.token);
    const done = nextExport(stream, 'antenna');
    await client.request('i/export-antennas', {});
    const { file, text } = await downloadDriveFile(server, owner.token, (await done).fileId);
    expect(file.name).toMatch(/^antennas-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.json$/);
    const acct = `${member.username}@${server.ctx.config.hostname}`;
    expect(JSON.parse(text)).toEqual([
      { name: 'words', src: 'all', keywords: [['a', 'b'], ['c']], excludeKeywords: [['d']], users: [], userListAccts: null, caseSensitive: true, localOnly: true, withReplies: false, withFile: true },
      { name: 'listed', src: 'list', keywords: [['e']], excludeKeywords: [], users: [], userListAccts: [acct], caseSensitive: false, localOnly: false, withReplies: true, withFile: false },
      { name: 'someone', src: 'users', keywords: [['f']], excludeKeywords: [], users: [`@${member.username}`], userListAccts: null, caseSensitive: false, localOnly: false, withReplies: false, withFile: false },
    ]);

    // The other user's file: the export plus entries Misskey's importer skips.
    const entries = [...JSON.parse(text), { name: 'no src', keywords: [['x']] }, { ...base, name: 'empty first group', src: 'all', keywords: [['']] }, 'not an object'];
    const copy = await uploadCsv(server, fresh.token, JSON.stringify(entries), 'antennas.json');
    const freshClient = server.client(fresh.token);
    await freshClient.request('i/import-antennas', { fileId: copy });
    await importsDone(server, 'importAntennas', fresh.id);
    const imported = await freshClient.request('antennas/list', {});
    expect(imported.map((antenna) => ({ name: antenna.name, src: antenna.src, users: antenna.users, userListId: antenna.userListId, keywords: antenna.keywords, caseSensitive: antenna.caseSensitive, localOnly: antenna.localOnly, withReplies: antenna.withReplies, withFile: antenna.withFile, isActive: antenna.isActive }))).toEqual([
      { name: 'words', src: 'all', users: [], userListId: null, keywords: [['a', 'b'], ['c']], caseSensitive: true, localOnly: true, withReplies: false, withFile: true, isActive: true },
      { name: 'listed', src: 'users', users: [acct], userListId: null, keywords: [['e']], caseSensitive: false, localOnly: false, withReplies: true, withFile: false, isActive: true },
      { name: 'someone', src: 'users', users: [`@${member.username}`], userListId: null, keywords: [['f']], caseSensitive: false, localOnly: false, withReplies: false, withFile: false, isActive: true },
    ]);
    // The imported `users` antenna collects the list member's notes.
    const note = (await server.client(member.token).request('notes/create', { text: 'e for everyone' })).createdNote;
    expect((await freshClient.request('antennas/notes', { antennaId: imported[1]!.id })).map((n) => n.id)).toEqual([note.id]);

    // Again: identical antennas are not created twice.
    await freshClient.request('i/import-antennas', { fileId: copy });
    await importsDone(server, 'importAntennas', fresh.id, 2);
    expect((await freshClient.request('antennas/list', {})).length).toBe(3);
  }, 60_000);

  it('i/import-antennas: NO_SUCH_FILE, EMPTY_FILE, TOO_MANY_ANTENNAS, canImportAntennas; nothing is queued', async () => {
    const [user, other] = await Promise.all([server.createUser(), server.createUser()]);
    const client = server.client(user.token);
    const two = JSON.stringify([{ ...base, name: 'one', src: 'all', keywords: [['x']] }, { ...base, name: 'two', src: 'all', keywords: [['y']] }]);
    await expectApiError(client.request('i/import-antennas', { fileId: '0000000000000000' }), importErrors.noSuchFile);
    const othersFile = await uploadCsv(server, other.token, two, 'a.json');
    await expectApiError(client.request('i/import-antennas', { fileId: othersFile }), importErrors.noSuchFile);
    // An empty file: the export of a user with no blocks.
    const stream = await openStream(server, user.token);
    const exported = nextExport(stream, 'blocking');
    await client.request('i/export-blocking', {});
    await expectApiError(client.request('i/import-antennas', { fileId: (await exported).fileId }), importErrors.emptyFile);

    const mine = await uploadCsv(server, user.token, two, 'a.json');
    await server.ctx.meta.update({ policies: { antennaLimit: 2 } });
    await client.request('antennas/create', { ...base, name: 'existing', src: 'all', keywords: [['z']] });
    await expectApiError(client.request('i/import-antennas', { fileId: mine }), importErrors.tooManyAntennas);
    await server.ctx.meta.update({ policies: { antennaLimit: 5, canImportAntennas: false } });
    await expect(client.request('i/import-antennas', { fileId: mine })).rejects.toMatchObject(importErrors.rolePermissionDenied);
    const { rows } = await server.ctx.database.pool.query(`SELECT 1 FROM pgboss.job WHERE name = 'importAntennas' AND data->>'userId' = $1`, [user.id]);
    expect(rows).toEqual([]);
    expect((await client.request('antennas/list', {})).map((antenna) => antenna.name)).toEqual(['existing']);
  }, 60_000);

  it('both are secure: app tokens are refused with ACCESS_DENIED', async () => {
    const user = await server.createUser();
    const token = await server.createAppToken(user.id, ['read:account', 'write:account']);
    for (const endpoint of ['i/export-antennas', 'i/import-antennas']) {
      const response = await server.fetch(`/api/${endpoint}`, { json: { i: token, fileId: '0000000000000000' } });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('ACCESS_DENIED');
    }
  });
});
