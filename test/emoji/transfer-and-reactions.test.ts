import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import sharp from 'sharp';
import { startDriveServer, upload } from '../drive/helpers.js';
import type { TestServer } from '../harness.js';
import { waitFor } from '../notes-interactions/helpers.js';
import { roleFor } from '../roles/helpers.js';

/** export-custom-emojis → admin/emoji/import-zip into a second server; Misskey packs; emoji in notes and reactions. */

let first: TestServer;
let second: TestServer;
let admin1: { id: string; token: string };
let admin2: { id: string; token: string };

function pngOf(r: number): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 4, background: { r, g: 10, b: 10, alpha: 1 } } }).png().toBuffer();
}

async function addEmoji(server: TestServer, token: string, name: string, extra: Record<string, unknown> = {}): Promise<any> {
  const file = await upload(server, token, await pngOf(name.length * 10), { name: `${name}.png`, force: true });
  return server.client(token).request('admin/emoji/add', { name, fileId: file.id, ...extra } as never);
}

beforeAll(async () => {
  [first, second] = await Promise.all([startDriveServer(), startDriveServer()]);
  admin1 = await first.createUser({ isAdmin: true });
  admin2 = await second.createUser({ isAdmin: true });
});
afterAll(async () => { await Promise.all([first?.close(), second?.close()]); });

async function importZip(server: TestServer, token: string, zip: Uint8Array, expectNames: string[]): Promise<void> {
  const file = await upload(server, token, Buffer.from(zip), { name: 'pack.zip', force: true });
  await server.client(token).request('admin/emoji/import-zip', { fileId: file.id });
  await waitFor(async () => {
    const { emojis } = await server.client().request('emojis', {});
    return expectNames.every((name) => emojis.some((emoji) => emoji.name === name));
  }, 15_000);
}

describe('export-custom-emojis and admin/emoji/import-zip', () => {
  it('round trip: a zip in Misskey\'s format lands in the drive and imports into another server unchanged', async () => {
    const role = await roleFor(first.client(admin1.token), [], { name: 'r' });
    await addEmoji(first, admin1.token, 'rt_one', { category: 'cat', aliases: ['uno'], license: 'CC0', isSensitive: true, localOnly: true, roleIdsThatCanBeUsedThisEmojiAsReaction: [role.id] });
    await addEmoji(first, admin1.token, 'rt_two');
    await first.client(admin1.token).request('export-custom-emojis', {});
    const notification = await waitFor(async () => {
      const list = await first.client(admin1.token).request('i/notifications', { includeTypes: ['exportCompleted'] }) as any[];
      return list.find((n) => n.exportedEntity === 'customEmoji');
    }, 15_000);
    const file = await first.client(admin1.token).request('drive/files/show', { fileId: notification.fileId });
    expect(file.name).toMatch(/^custom-emojis-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.zip$/);
    expect(file.type).toBe('application/zip');
    const zip = new Uint8Array(await (await fetch(file.url)).arrayBuffer());
    const entries = unzipSync(zip);
    const meta = JSON.parse(Buffer.from(entries['meta.json']!).toString());
    expect(meta).toMatchObject({ metaVersion: 2, host: first.ctx.config.hostname });
    expect(typeof meta.exportedAt).toBe('string');
    const one = meta.emojis.find((e: any) => e.emoji.name === 'rt_one');
    expect(one).toMatchObject({ fileName: 'rt_one.png', downloaded: true, emoji: { name: 'rt_one', category: 'cat', aliases: ['uno'], license: 'CC0', isSensitive: true, localOnly: true, host: null } });
    expect(Buffer.from(entries['rt_one.png']!).subarray(1, 4).toString()).toBe('PNG');

    await importZip(second, admin2.token, zip, ['rt_one', 'rt_two']);
    const imported = await second.client().request('emoji', { name: 'rt_one' });
    expect(imported).toMatchObject({ category: 'cat', aliases: ['uno'], license: 'CC0', isSensitive: true, localOnly: true, host: null, roleIdsThatCanBeUsedThisEmojiAsReaction: [] });
    const image = await fetch(imported.url);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(entries['rt_one.png']!))).toBe(true);
  });

  it('imports a pack as Misskey writes it, skipping undownloaded entries, bad names and path tricks; same names are replaced', async () => {
    const png = await pngOf(200);
    await addEmoji(second, admin2.token, 'ms_replaced', { category: 'old' });
    const meta = {
      metaVersion: 2, host: 'misskey.example', exportedAt: 'Sun Dec 06 2026 10:00:00 GMT+0000 (Coordinated Universal Time)',
      emojis: [
        { downloaded: true, fileName: 'ms_ok.png', emoji: { id: '9xyz', updatedAt: null, name: 'ms_ok', host: null, category: 'Misskey', originalUrl: 'https://misskey.example/files/a', publicUrl: 'https://misskey.example/files/a', uri: null, type: 'image/png', aliases: ['ok', ''], license: 'MIT', localOnly: false, isSensitive: false, roleIdsThatCanBeUsedThisEmojiAsReaction: ['role1'] } },
        { downloaded: true, fileName: 'ms_replaced.png', emoji: { name: 'ms_replaced', category: 'new', aliases: [] } },
        { downloaded: false, fileName: 'ms_missing.png', emoji: { name: 'ms_missing', aliases: [] } },
        { downloaded: true, fileName: '../evil.png', emoji: { name: 'ms_evil', aliases: [] } },
        { downloaded: true, fileName: 'ms_badname.png', emoji: { name: 'bad-name', aliases: [] } },
      ],
    };
    const zip = zipSync({
      'meta.json': strToU8(JSON.stringify(meta)), 'ms_ok.png': png, 'ms_replaced.png': png, '../evil.png': png, 'ms_badname.png': png,
    });
    await importZip(second, admin2.token, zip, ['ms_ok']);
    await waitFor(async () => (await second.client().request('emoji', { name: 'ms_replaced' }).catch(() => null))?.category === 'new', 15_000);
    const ok = await second.client().request('emoji', { name: 'ms_ok' });
    expect(ok).toMatchObject({ category: 'Misskey', aliases: ['ok'], license: 'MIT', roleIdsThatCanBeUsedThisEmojiAsReaction: [] });
    const { emojis } = await second.client().request('emojis', {});
    expect(emojis.filter((e) => e.name === 'ms_replaced')).toHaveLength(1);
    for (const name of ['ms_missing', 'ms_evil', 'bad-name']) expect(emojis.some((e) => e.name === name)).toBe(false);
  });

  it('a file that is not a zip imports nothing and breaks nothing', async () => {
    const file = await upload(second, admin2.token, await pngOf(1), { name: 'x.png', force: true });
    await second.client(admin2.token).request('admin/emoji/import-zip', { fileId: file.id });
    await second.client(admin2.token).request('admin/emoji/import-zip', { fileId: 'zzzzzzzzzzzzzzzz' });
    expect((await second.client().request('emojis', {})).emojis.length).toBeGreaterThan(0);
  });
});

describe('custom emoji in notes and reactions', () => {
  it(':name: in a note is kept in text; reacting with :name@.: is stored and counted; unknown names fall back to ❤', async () => {
    await addEmoji(first, admin1.token, 'react_me');
    const author = await first.createUser();
    const reactor = await first.createUser();
    const other = await first.createUser();
    const { createdNote: note } = await first.client(author.token).request('notes/create', { text: 'hello :react_me:' });
    expect(note.text).toBe('hello :react_me:');
    await first.client(reactor.token).request('notes/reactions/create', { noteId: note.id, reaction: ':react_me@.:' });
    await first.client(other.token).request('notes/reactions/create', { noteId: note.id, reaction: ':react_me:' });
    const shown = await first.client(author.token).request('notes/show', { noteId: note.id });
    expect(shown.reactions).toEqual({ ':react_me@.:': 2 });
    expect(shown.reactionCount).toBe(2);
    const reactions = await first.client(author.token).request('notes/reactions', { noteId: note.id, type: ':react_me@.:' });
    expect(reactions).toHaveLength(2);
    const stranger = await first.createUser();
    await first.client(stranger.token).request('notes/reactions/create', { noteId: note.id, reaction: ':no_such_emoji_x:' });
    expect((await first.client(author.token).request('notes/show', { noteId: note.id })).reactions).toEqual({ ':react_me@.:': 2, '❤': 1 });
  });

  it('a role-restricted emoji works for holders of the role; others\' reactions fall back to ❤; a denied role falls back too', async () => {
    const holder = await first.createUser();
    const outsider = await first.createUser();
    const denied = await first.createUser();
    const role = await roleFor(first.client(admin1.token), [holder.id], { name: 'emoji-club' });
    const deniedRole = await roleFor(first.client(admin1.token), [denied.id], { name: 'no-emoji' });
    await addEmoji(first, admin1.token, 'club_only', { roleIdsThatCanBeUsedThisEmojiAsReaction: [role.id] });
    await addEmoji(first, admin1.token, 'not_for_some', { roleIdsThatCanNotBeUsedThisEmojiAsReaction: [deniedRole.id] });
    const author = await first.createUser();
    const { createdNote: note } = await first.client(author.token).request('notes/create', { text: 'club' });
    await first.client(holder.token).request('notes/reactions/create', { noteId: note.id, reaction: ':club_only@.:' });
    await first.client(outsider.token).request('notes/reactions/create', { noteId: note.id, reaction: ':club_only@.:' });
    expect((await first.client(author.token).request('notes/show', { noteId: note.id })).reactions).toEqual({ ':club_only@.:': 1, '❤': 1 });
    const { createdNote: second } = await first.client(author.token).request('notes/create', { text: 'deny' });
    await first.client(denied.token).request('notes/reactions/create', { noteId: second.id, reaction: ':not_for_some@.:' });
    await first.client(outsider.token).request('notes/reactions/create', { noteId: second.id, reaction: ':not_for_some@.:' });
    expect((await first.client(author.token).request('notes/show', { noteId: second.id })).reactions).toEqual({ ':not_for_some@.:': 1, '❤': 1 });
  });
});
