import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stream } from 'misskey-js';
import sharp from 'sharp';
import { emojis } from '../../src/db/schema/index.js';
import { genId } from '../../src/misc/id.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { startDriveServer, upload } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';
import { roleFor, policy } from '../roles/helpers.js';
import { closeAll, openStream } from '../streaming/helpers.js';
import { waitFor as eventually } from '../notes-interactions/helpers.js';

/** admin/emoji/* through misskey-js: every endpoint, its declared errors, the stream events, the policy gate. */

const errors = {
  addNoSuchFile: { code: 'NO_SUCH_FILE', id: 'fc46b5a4-6b92-4c33-ac66-b806659bb5cf' },
  unsupportedFileType: { code: 'UNSUPPORTED_FILE_TYPE', id: 'f7599d96-8750-af68-1633-9575d625c1a7' },
  duplicateName: { code: 'DUPLICATE_NAME', id: 'f7a3462c-4e6e-4069-8421-b9bd4f4c3975' },
  copyNoSuchEmoji: { code: 'NO_SUCH_EMOJI', id: 'e2785b66-dca3-4087-9cac-b93c541cc425' },
  copyFailed: { code: 'FAILED_TO_UPLOAD_IMAGE_FROM_URL', id: '5c77c4d7-0f68-48f9-8694-8453a2294840' },
  deleteNoSuchEmoji: { code: 'NO_SUCH_EMOJI', id: 'be83669b-773a-44b7-b1f8-e5e5170ac3c2' },
  updateNoSuchEmoji: { code: 'NO_SUCH_EMOJI', id: '684dec9d-a8c2-4364-9aa8-456c49cb1dc8' },
  updateNoSuchFile: { code: 'NO_SUCH_FILE', id: '14fb9fd9-0731-4e2f-aeb9-f09e4740333d' },
  sameName: { code: 'SAME_NAME_EMOJI_EXISTS', id: '7180fe9d-1ee3-bff9-647d-fe9896d2ffb8' },
  rolePolicyRequired: { code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a' },
  secure: { code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' },
} as const;

const unknownId = 'zzzzzzzzzzzzzzzz';

let server: TestServer;
let admin: { id: string; token: string };
let user: { id: string; token: string };
let stream: Stream;
const broadcast: { type: string; body: any }[] = [];
let pngServer: Server;
let pngUrl: string;
let png: Buffer;

function pngOf(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 32, channels: 4, background: { r, g, b, alpha: 1 } } }).png().toBuffer();
}

async function image(token = admin.token, name = 'emoji.png'): Promise<string> {
  const file = await upload(server, token, png, { name, force: true });
  return file.id;
}

async function addEmoji(name: string, extra: Record<string, unknown> = {}): Promise<any> {
  return server.client(admin.token).request('admin/emoji/add', { name, fileId: await image(), ...extra } as never);
}

beforeAll(async () => {
  server = await startDriveServer({ allowPrivateNetwork: true });
  admin = await server.createUser({ isAdmin: true });
  user = await server.createUser();
  png = await pngOf(250, 120, 0);
  stream = await openStream(server, user.token);
  for (const type of ['emojiAdded', 'emojiUpdated', 'emojiDeleted'] as const) {
    stream.on(type, (body: any) => broadcast.push({ type, body }));
  }
  pngServer = createServer((req, res) => {
    if (req.url === '/blob.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(png); return; }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((resolve) => pngServer.listen(0, '127.0.0.1', resolve));
  pngUrl = `http://127.0.0.1:${(pngServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  closeAll();
  await new Promise((resolve) => pngServer?.close(resolve));
  await server?.close();
});

describe('admin/emoji/add', () => {
  it('adds an emoji served at its drive file\'s URL, listed by emojis and announced with emojiAdded', async () => {
    const fileId = await image();
    const file = await server.client(admin.token).request('drive/files/show', { fileId });
    const emoji = await server.client(admin.token).request('admin/emoji/add', {
      name: 'mikan_add', fileId, category: 'fruit', aliases: ['orange', ' ', ' tangerine '], license: 'CC0', isSensitive: false, localOnly: true,
    });
    expect(emoji).toMatchObject({ name: 'mikan_add', category: 'fruit', aliases: ['orange', 'tangerine'], license: 'CC0', host: null, localOnly: true, isSensitive: false, roleIdsThatCanBeUsedThisEmojiAsReaction: [] });
    expect(emoji.url).toBe(file.url);
    const served = await fetch(emoji.url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const { emojis: list } = await server.client().request('emojis', {});
    expect(list.find((e) => e.name === 'mikan_add')).toMatchObject({ url: emoji.url, localOnly: true, aliases: ['orange', 'tangerine'] });
    const added = await eventually(() => broadcast.find((event) => event.type === 'emojiAdded' && event.body.emoji.name === 'mikan_add'));
    expect(added!.body.emoji).toEqual(emoji);
    const logs = await server.client(admin.token).request('admin/show-moderation-logs', { type: 'addCustomEmoji' });
    expect(logs[0]).toMatchObject({ type: 'addCustomEmoji', info: { emojiId: emoji.id } });
  });

  it('refuses a taken name, a missing file, a file that is not an image, a bad name', async () => {
    const client = server.client(admin.token);
    await addEmoji('taken');
    await expectApiError(addEmoji('taken'), errors.duplicateName);
    await expectApiError(client.request('admin/emoji/add', { name: 'nofile', fileId: unknownId }), errors.addNoSuchFile);
    const text = await upload(server, admin.token, 'plain text', { name: 'a.txt', force: true });
    await expectApiError(client.request('admin/emoji/add', { name: 'textual', fileId: text.id }), errors.unsupportedFileType);
    await expectApiError(client.request('admin/emoji/add', { name: 'has-dash', fileId: await image() }), commonErrors.invalidParam);
    const raw = await server.fetch('/api/admin/emoji/add', { method: 'POST', json: { i: admin.token, name: 42, fileId: 'x' } });
    expect(raw.status).toBe(400);
  });

  it('needs canManageCustomEmojis (administrators always pass); app tokens need write:admin:emoji', async () => {
    const moderator = await server.createUser({ isModerator: true });
    await expectApiError(server.client(user.token).request('admin/emoji/add', { name: 'nope', fileId: await image(user.token) }), errors.rolePolicyRequired);
    await expectApiError(server.client(moderator.token).request('admin/emoji/list', {}), errors.rolePolicyRequired);
    const manager = await server.createUser();
    await roleFor(server.client(admin.token), [manager.id], { policies: { canManageCustomEmojis: policy(true) } });
    const emoji = await server.client(manager.token).request('admin/emoji/add', { name: 'by_manager', fileId: await image(manager.token) });
    expect(emoji.name).toBe('by_manager');
    const readOnly = await server.createAppToken(admin.id, ['read:admin:emoji']);
    await expectApiError(server.client(readOnly).request('admin/emoji/add', { name: 'apptoken', fileId: await image() }), commonErrors.permissionDenied);
    expect(Array.isArray(await server.client(readOnly).request('admin/emoji/list', {}))).toBe(true);
    const anonymous = await server.fetch('/api/admin/emoji/list', { method: 'POST', json: {} });
    expect(anonymous.status).toBe(401);
  });
});

describe('admin/emoji/update', () => {
  it('changes fields by id, announces emojiUpdated; a rename is announced as deleted + added', async () => {
    const emoji = await addEmoji('upd_one', { category: 'a', license: 'x' });
    const client = server.client(admin.token);
    await client.request('admin/emoji/update', { id: emoji.id, category: 'b', isSensitive: true, roleIdsThatCanBeUsedThisEmojiAsReaction: [] });
    const updated = await eventually(() => broadcast.find((event) => event.type === 'emojiUpdated' && event.body.emojis[0]?.id === emoji.id));
    expect(updated!.body.emojis[0]).toMatchObject({ name: 'upd_one', category: 'b', isSensitive: true, license: 'x' });
    await client.request('admin/emoji/update', { id: emoji.id, name: 'upd_renamed' });
    await eventually(() => broadcast.find((event) => event.type === 'emojiDeleted' && event.body.emojis[0]?.name === 'upd_one'));
    await eventually(() => broadcast.find((event) => event.type === 'emojiAdded' && event.body.emoji.name === 'upd_renamed'));
    expect((await server.client().request('emoji', { name: 'upd_renamed' })).category).toBe('b');
    // By name alone: `name` finds it.
    await client.request('admin/emoji/update', { name: 'upd_renamed', license: null });
    expect((await server.client().request('emoji', { name: 'upd_renamed' })).license).toBeNull();
  });

  it('replaces the image with fileId', async () => {
    const emoji = await addEmoji('upd_file');
    const other = await upload(server, admin.token, await pngOf(0, 0, 255), { name: 'blue.png', force: true });
    await server.client(admin.token).request('admin/emoji/update', { id: emoji.id, fileId: other.id });
    expect((await server.client().request('emoji', { name: 'upd_file' })).url).toBe(other.url);
  });

  it('answers noSuchEmoji, noSuchFile, sameNameEmojiExists, and needs id or name', async () => {
    const client = server.client(admin.token);
    const emoji = await addEmoji('upd_err');
    await addEmoji('upd_other');
    await expectApiError(client.request('admin/emoji/update', { id: unknownId, category: 'x' }), errors.updateNoSuchEmoji);
    await expectApiError(client.request('admin/emoji/update', { name: 'no_such_emoji_here' }), errors.updateNoSuchEmoji);
    await expectApiError(client.request('admin/emoji/update', { id: emoji.id, fileId: unknownId }), errors.updateNoSuchFile);
    await expectApiError(client.request('admin/emoji/update', { id: emoji.id, name: 'upd_other' }), errors.sameName);
    await expectApiError(client.request('admin/emoji/update', { category: 'x' } as never), commonErrors.invalidParam);
  });
});

describe('admin/emoji/list and list-remote', () => {
  it('lists local emojis newest first, with query by name/alias/category or :exact: names, paged by id', async () => {
    const client = server.client(admin.token);
    const a = await addEmoji('list_apple', { aliases: ['ringo'], category: 'listfruit' });
    const b = await addEmoji('list_banana', { category: 'listfruit' });
    const c = await addEmoji('list_cherry');
    const byName = await client.request('admin/emoji/list', { query: 'list_', limit: 10 });
    expect(byName.map((e) => e.name)).toEqual(['list_cherry', 'list_banana', 'list_apple']);
    expect((await client.request('admin/emoji/list', { query: 'ringo' })).map((e) => e.id)).toEqual([a.id]);
    expect((await client.request('admin/emoji/list', { query: 'listfruit' })).map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await client.request('admin/emoji/list', { query: ':list_apple::list_cherry:' })).map((e) => e.id)).toEqual([c.id, a.id]);
    expect((await client.request('admin/emoji/list', { query: 'list_', untilId: c.id, limit: 1 })).map((e) => e.id)).toEqual([b.id]);
    expect((await client.request('admin/emoji/list', { query: 'list_', sinceId: a.id })).map((e) => e.id)).toEqual([b.id, c.id]);
    await expectApiError(client.request('admin/emoji/list', { limit: 101 }), commonErrors.invalidParam);
  });

  it('list-remote lists other servers\' emojis only: of one host, or of all when host is null', async () => {
    const ids = [genId(), genId(), genId()];
    await server.ctx.db.insert(emojis).values([
      { id: ids[0]!, name: 'r_one', host: 'one.example', originalUrl: 'https://one.example/r1.png' },
      { id: ids[1]!, name: 'r_two', host: 'two.example', originalUrl: 'https://two.example/r2.png' },
      { id: ids[2]!, name: 'r_three', host: 'two.example', originalUrl: 'https://two.example/r3.png' },
    ]);
    const client = server.client(admin.token);
    const all = await client.request('admin/emoji/list-remote', { limit: 100 });
    expect(all.every((e) => e.host != null)).toBe(true);
    expect(all.map((e) => e.name)).toEqual(expect.arrayContaining(['r_one', 'r_two', 'r_three']));
    expect((await client.request('admin/emoji/list-remote', { host: 'TWO.example' })).map((e) => e.name)).toEqual(['r_three', 'r_two']);
    expect((await client.request('admin/emoji/list-remote', { host: 'two.example', query: 'thr' })).map((e) => e.name)).toEqual(['r_three']);
  });
});

describe('bulk changes', () => {
  it('set/add/remove aliases, set category and license, each announced with emojiUpdated; unknown ids ignored', async () => {
    const client = server.client(admin.token);
    const a = await addEmoji('bulk_a', { aliases: ['one'] });
    const b = await addEmoji('bulk_b', { aliases: ['two'] });
    const ids = [a.id, b.id, unknownId];
    const show = async () => Promise.all(['bulk_a', 'bulk_b'].map((name) => server.client().request('emoji', { name })));

    await client.request('admin/emoji/add-aliases-bulk', { ids, aliases: ['shared', 'one'] });
    expect((await show()).map((e) => e.aliases)).toEqual([['one', 'shared'], ['two', 'shared', 'one']]);
    await client.request('admin/emoji/remove-aliases-bulk', { ids, aliases: ['one'] });
    expect((await show()).map((e) => [...e.aliases].sort())).toEqual([['shared'], ['shared', 'two']]);
    await client.request('admin/emoji/set-aliases-bulk', { ids, aliases: ['same'] });
    expect((await show()).map((e) => e.aliases)).toEqual([['same'], ['same']]);
    await client.request('admin/emoji/set-category-bulk', { ids, category: 'bulkcat' });
    expect((await show()).map((e) => e.category)).toEqual(['bulkcat', 'bulkcat']);
    await client.request('admin/emoji/set-category-bulk', { ids });
    expect((await show()).map((e) => e.category)).toEqual([null, null]);
    await client.request('admin/emoji/set-license-bulk', { ids, license: 'CC-BY' });
    expect((await show()).map((e) => e.license)).toEqual(['CC-BY', 'CC-BY']);
    const event = await eventually(() => broadcast.find((e) => e.type === 'emojiUpdated' && e.body.emojis.length === 2 && e.body.emojis.every((x: any) => x.license === 'CC-BY')));
    expect(event!.body.emojis.map((x: any) => x.name).sort()).toEqual(['bulk_a', 'bulk_b']);
    await expectApiError(client.request('admin/emoji/set-aliases-bulk', { ids } as never), commonErrors.invalidParam);
    await expectApiError(client.request('admin/emoji/set-license-bulk', { ids: 'x' } as never), commonErrors.invalidParam);
  });
});

describe('admin/emoji/delete and delete-bulk', () => {
  it('deletes, announces emojiDeleted, logs deleteCustomEmoji; an unknown id is noSuchEmoji', async () => {
    const client = server.client(admin.token);
    const emoji = await addEmoji('del_one');
    await client.request('admin/emoji/delete', { id: emoji.id });
    await expectApiError(server.client().request('emoji', { name: 'del_one' }), { code: 'NO_SUCH_EMOJI', id: 'ad56b582-a453-4009-8fb3-3fa8f45f99d2' });
    const deleted = await eventually(() => broadcast.find((e) => e.type === 'emojiDeleted' && e.body.emojis[0]?.id === emoji.id));
    expect(deleted!.body.emojis[0].name).toBe('del_one');
    await expectApiError(client.request('admin/emoji/delete', { id: emoji.id }), errors.deleteNoSuchEmoji);
    const logs = await client.request('admin/show-moderation-logs', { type: 'deleteCustomEmoji' });
    expect(logs[0]).toMatchObject({ info: { emojiId: emoji.id } });

    const a = await addEmoji('del_a');
    const b = await addEmoji('del_b');
    await client.request('admin/emoji/delete-bulk', { ids: [a.id, b.id, unknownId] });
    const { emojis: list } = await server.client().request('emojis', {});
    expect(list.some((e) => e.name === 'del_a' || e.name === 'del_b')).toBe(false);
    await eventually(() => broadcast.find((e) => e.type === 'emojiDeleted' && e.body.emojis.length === 2));
  });
});

describe('admin/emoji/copy', () => {
  it('copies a remote emoji into a local one (its image fetched into the drive); local or unknown ids are noSuchEmoji', async () => {
    const remoteId = genId();
    await server.ctx.db.insert(emojis).values({ id: remoteId, name: 'copyme', host: 'far.example', category: 'remote', aliases: ['c'], originalUrl: `${pngUrl}/blob.png` });
    const client = server.client(admin.token);
    const { id } = await client.request('admin/emoji/copy', { emojiId: remoteId });
    const copied = await server.client().request('emoji', { name: 'copyme' });
    expect(copied).toMatchObject({ id, host: null, category: 'remote', aliases: ['c'] });
    expect((await fetch(copied.url)).status).toBe(200);
    await expectApiError(client.request('admin/emoji/copy', { emojiId: remoteId }), errors.duplicateName);
    await expectApiError(client.request('admin/emoji/copy', { emojiId: id }), errors.copyNoSuchEmoji);
    await expectApiError(client.request('admin/emoji/copy', { emojiId: unknownId }), errors.copyNoSuchEmoji);
    const broken = genId();
    await server.ctx.db.insert(emojis).values({ id: broken, name: 'broken', host: 'far.example', originalUrl: `${pngUrl}/missing.png` });
    await expectApiError(client.request('admin/emoji/copy', { emojiId: broken }), errors.copyFailed);
  });
});

describe('import-zip and export-custom-emojis need a native token', () => {
  it('refuses app tokens (secure)', async () => {
    const token = await server.createAppToken(admin.id, ['write:admin:emoji', 'read:admin:emoji']);
    await expectApiError(server.client(token).request('admin/emoji/import-zip', { fileId: unknownId }), errors.secure);
    await expectApiError(server.client(token).request('export-custom-emojis', {}), errors.secure);
  });
  it('import-zip needs canManageCustomEmojis', async () => {
    await expectApiError(server.client(user.token).request('admin/emoji/import-zip', { fileId: unknownId }), errors.rolePolicyRequired);
  });
});
