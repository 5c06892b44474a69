import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stream } from 'misskey-js';
import { startDriveServer } from '../drive/helpers.js';
import { openStream, closeAll } from '../streaming/helpers.js';
import { errors as commonErrors } from '../social/helpers.js';
import type { TestServer } from '../harness.js';
import { blockees, downloadDriveFile, followees, importsDone, listsOf, mutees, uploadCsv, type TestUser } from './helpers.js';

/** The i/export-* and i/import-* endpoints through misskey-js, run by the job queue. */

let server: TestServer;
let people: TestUser[];

/** The next exportCompleted notification on the user's main stream. */
function nextExport(stream: Stream, entity: string): Promise<{ fileId: string }> {
  return new Promise((resolve) => {
    const main = stream.useChannel('main');
    main.on('notification', (notification: any) => {
      if (notification.type === 'exportCompleted' && notification.exportedEntity === entity) resolve(notification);
    });
  });
}

async function callError(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  server = await startDriveServer();
  people = await Promise.all(Array.from({ length: 6 }, () => server.createUser()));
});
afterAll(async () => {
  closeAll();
  await server?.close();
});

describe('round trip: an export imports back with the same graph', () => {
  it('following, mute, blocking and user lists exported by one user and imported by a fresh one', async () => {
    const [a, b, c, d, e, f] = people as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
    const original = await server.createUser();
    const fresh = await server.createUser();
    const client = server.client(original.token);
    await client.request('following/create', { userId: a.id });
    await client.request('following/create', { userId: b.id });
    await client.request('mute/create', { userId: c.id });
    await client.request('blocking/create', { userId: d.id });
    const list = await client.request('users/lists/create', { name: 'Close friends' }) as any;
    await client.request('users/lists/push', { listId: list.id, userId: e.id });
    await client.request('users/lists/push', { listId: list.id, userId: f.id });

    const stream = await openStream(server, original.token);
    const imports = [
      ['following', 'i/export-following', 'i/import-following', 'importFollowing'],
      ['muting', 'i/export-mute', 'i/import-muting', 'importMuting'],
      ['blocking', 'i/export-blocking', 'i/import-blocking', 'importBlocking'],
      ['userList', 'i/export-user-lists', 'i/import-user-lists', 'importUserLists'],
    ] as const;
    for (const [entity, exportEndpoint, importEndpoint, importKind] of imports) {
      const done = nextExport(stream, entity);
      await client.request(exportEndpoint as 'i/export-following', {});
      const { fileId } = await done;
      // The other user takes the file to their own drive, as a person moving accounts would.
      const { text } = await downloadDriveFile(server, original.token, fileId);
      const copy = await uploadCsv(server, fresh.token, text, `${entity}.csv`);
      await server.client(fresh.token).request(importEndpoint as 'i/import-muting', { fileId: copy });
      await importsDone(server, importKind, fresh.id);
    }

    expect(await followees(server, fresh)).toEqual(await followees(server, original));
    expect(await mutees(server, fresh)).toEqual([c.username]);
    expect(await blockees(server, fresh)).toEqual([d.username]);
    expect(await listsOf(server, fresh)).toEqual({ 'Close friends': [e.username, f.username].sort() });
  }, 120_000);

  it('i/export-notes and i/export-favorites write their JSON file and notify', async () => {
    const user = await server.createUser();
    const client = server.client(user.token);
    const { createdNote } = await client.request('notes/create', { text: 'exported' });
    await client.request('notes/favorites/create', { noteId: createdNote.id });
    const stream = await openStream(server, user.token);
    for (const [entity, endpoint] of [['note', 'i/export-notes'], ['favorite', 'i/export-favorites']] as const) {
      const done = nextExport(stream, entity);
      await client.request(endpoint as 'i/export-notes', {});
      const { text } = await downloadDriveFile(server, user.token, (await done).fileId);
      const [first] = JSON.parse(text);
      expect(entity === 'note' ? first.id : first.note.id).toBe(createdNote.id);
    }
  }, 60_000);
});

describe('errors', () => {
  const importErrors = {
    'i/import-following': { noSuchFile: 'b98644cf-a5ac-4277-a502-0b8054a709a3', tooBigFile: 'dee9d4ed-ad07-43ed-8b34-b2856398bc60', emptyFile: '31a1b42c-06f7-42ae-8a38-a661c5c9f691', max: 50_000 },
    'i/import-muting': { noSuchFile: 'e674141e-bd2a-ba85-e616-aefb187c9c2a', tooBigFile: '9b4ada6d-d7f7-0472-0713-4f558bd1ec9c', emptyFile: 'd2f12af1-e7b4-feac-86a3-519548f2728e', max: 50_000 },
    'i/import-blocking': { noSuchFile: 'ebb53e5f-6574-9c0c-0b92-7ca6def56d7e', tooBigFile: 'b7fbf0b1-aeef-3b21-29ef-fadd4cb72ccf', emptyFile: '6f3a4dcc-f060-a707-4950-806fbdbe60d6', max: 50_000 },
    'i/import-user-lists': { noSuchFile: 'ea9cc34f-c415-4bc6-a6fe-28ac40357049', tooBigFile: 'ae6e7a22-971b-4b52-b2be-fc0b9b121fe9', emptyFile: '99efe367-ce6e-4d44-93f8-5fae7b040356', max: 30_000 },
  } as const;

  for (const [endpoint, ids] of Object.entries(importErrors)) {
    it(`${endpoint}: NO_SUCH_FILE (missing, or another user's file), TOO_BIG_FILE, EMPTY_FILE; nothing is queued`, async () => {
      const user = await server.createUser();
      const other = await server.createUser();
      const client = server.client(user.token);
      const request = (fileId: string) => callError(client.request(endpoint as 'i/import-following', { fileId }));
      expect(await request('0000000000000000')).toMatchObject({ code: 'NO_SUCH_FILE', id: ids.noSuchFile });
      const othersFile = await uploadCsv(server, other.token, `${people[0]!.username}\n`);
      expect(await request(othersFile)).toMatchObject({ code: 'NO_SUCH_FILE', id: ids.noSuchFile });
      const big = await uploadCsv(server, user.token, `${'x'.repeat(ids.max)}\n`);
      expect(await request(big)).toMatchObject({ code: 'TOO_BIG_FILE', id: ids.tooBigFile });
      // An empty file (uploads of zero bytes are refused by the default type policy): an export of no blocks.
      const stream = await openStream(server, user.token);
      const exported = nextExport(stream, 'blocking');
      await client.request('i/export-blocking', {});
      const empty = (await exported).fileId;
      expect(await request(empty)).toMatchObject({ code: 'EMPTY_FILE', id: ids.emptyFile });
      const { rows } = await server.ctx.database.pool.query(`SELECT 1 FROM pgboss.job WHERE name LIKE 'import%' AND data->>'userId' = $1`, [user.id]);
      expect(rows).toHaveLength(0);
    });
  }

  it('every endpoint is secure: an app token, even with every permission, is refused (ACCESS_DENIED)', async () => {
    const user = await server.createUser();
    const token = await server.createAppToken(user.id, ['read:account', 'write:account', 'read:drive', 'write:drive', 'write:following', 'write:mutes', 'write:blocks']);
    for (const endpoint of ['i/export-notes', 'i/export-following', 'i/export-mute', 'i/export-blocking', 'i/export-user-lists', 'i/export-favorites']) {
      const response = await server.fetch(`/api/${endpoint}`, { json: { i: token } });
      expect(response.status, endpoint).toBe(403);
      expect(response.body.error.code, endpoint).toBe('ACCESS_DENIED');
    }
    const response = await server.fetch('/api/i/import-following', { json: { i: token, fileId: '0000000000000000' } });
    expect(response.body.error.code).toBe('ACCESS_DENIED');
    expect((await server.fetch('/api/i/export-notes', { json: {} })).body.error.code).toBe(commonErrors.credentialRequired.code);
  });

  it('bad params get INVALID_PARAM', async () => {
    const user = await server.createUser();
    const client = server.client(user.token);
    expect(await callError(client.request('i/export-following', { excludeMuting: 'yes' } as never))).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await callError(client.request('i/import-following', {} as never))).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('rate limits (Misskey\'s)', () => {
  it('i/export-following: once an hour; i/import-muting: once an hour', async () => {
    const limited = await startDriveServer({ rateLimit: true });
    try {
      const user = await limited.createUser();
      const client = limited.client(user.token);
      await client.request('i/export-following', {});
      expect(await callError(client.request('i/export-following', {}))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
      const fileId = await uploadCsv(limited, user.token, 'nobody\n');
      await client.request('i/import-muting', { fileId });
      expect(await callError(client.request('i/import-muting', { fileId }))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    } finally {
      await limited.close();
    }
  });
});
