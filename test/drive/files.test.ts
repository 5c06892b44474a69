import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { driveFiles } from '../../src/db/schema/index.js';
import { DriveFileSchema, DriveFolderSchema } from '../../src/core/drive/schema.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import type { TestServer } from '../harness.js';
import { topics } from '../../src/bus/topics.js';
import { driveErrors as e, jpegWithExif, startDriveServer, upload } from './helpers.js';

let server: TestServer & { dataDir: string };
beforeAll(async () => { server = await startDriveServer(); }, 120_000);
afterAll(async () => { await server?.close(); });

const unknownId = 'zzzzzzzzzzzzzzzz';
const storedBlobs = async () => (await readdir(path.join(server.dataDir, 'files')).catch(() => [] as string[])).filter((f) => !f.endsWith('.partial'));

describe('drive files', () => {
  it('lists, shows (by id and by url), finds and updates your files', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    const a = await upload(server, user.token, 'first', { name: 'a.txt' });
    const b = await upload(server, user.token, await jpegWithExif(), { name: 'b.jpg' });

    const list = await api.request('drive/files', {});
    expect(list.map((f) => f.id)).toEqual([b.id, a.id]);
    for (const f of list) expectSchema(DriveFileSchema, f);
    expect((await api.request('drive/files', { type: 'image/*' })).map((f) => f.id)).toEqual([b.id]);
    expect((await api.request('drive/files', { sort: '+size' }))[0]!.id).toBe(b.id);
    expect((await api.request('drive/files', { sinceId: a.id })).map((f) => f.id)).toEqual([b.id]);
    expect((await api.request('drive/stream', { type: 'text/plain' })).map((f) => f.id)).toEqual([a.id]);

    const shown = await api.request('drive/files/show', { fileId: b.id });
    expectSchema(DriveFileSchema, shown);
    expect(shown.user).toMatchObject({ id: user.id });
    expect(shown.folder).toBeNull();
    expect((await api.request('drive/files/show', { url: b.url })).id).toBe(b.id);
    expect((await api.request('drive/files/show', { url: b.thumbnailUrl! })).id).toBe(b.id);
    await expectApiError(api.request('drive/files/show', { url: 'https://elsewhere.example/files/x' }), e.show.noSuchFile);
    await expectApiError(api.request('drive/files/show', { fileId: unknownId }), e.show.noSuchFile);

    expect((await api.request('drive/files/find', { name: 'a.txt' })).map((f) => f.id)).toEqual([a.id]);
    expect(await api.request('drive/files/find-by-hash', { md5: b.md5 })).toHaveLength(1);
    expect(await api.request('drive/files/check-existence', { md5: b.md5 })).toBe(true);
    expect(await api.request('drive/files/check-existence', { md5: '0'.repeat(32) })).toBe(false);

    const updated = await api.request('drive/files/update', { fileId: a.id, name: 'renamed.txt', comment: 'alt text', isSensitive: true });
    expect(updated).toMatchObject({ name: 'renamed.txt', comment: 'alt text', isSensitive: true });
    await expectApiError(api.request('drive/files/update', { fileId: a.id, name: 'a/b' }), e.update.invalidFileName);
    await expectApiError(api.request('drive/files/update', { fileId: a.id, folderId: unknownId }), e.update.noSuchFolder);
    await expectApiError(api.request('drive/files/update', { fileId: unknownId, name: 'x' }), e.update.noSuchFile);
  });

  it('moves files between folders (update and move-bulk) and shows the folder chain', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    const outer = await api.request('drive/folders/create', { name: 'outer' });
    const inner = await api.request('drive/folders/create', { name: 'inner', parentId: outer.id });
    const f1 = await upload(server, user.token, 'one', { folderId: inner.id });
    const f2 = await upload(server, user.token, 'two');
    expect(f1.folderId).toBe(inner.id);

    const shown = await api.request('drive/files/show', { fileId: f1.id });
    expect(shown.folder).toMatchObject({ id: inner.id, filesCount: 1, foldersCount: 0, parent: { id: outer.id, foldersCount: 1 } });
    expect(shown.folder!.parent).not.toHaveProperty('parent');

    await api.request('drive/files/move-bulk', { fileIds: [f1.id, f2.id], folderId: outer.id });
    expect((await api.request('drive/files', { folderId: outer.id })).map((f) => f.id).sort()).toEqual([f1.id, f2.id].sort());
    expect(await api.request('drive/files', { folderId: inner.id })).toEqual([]);
    await api.request('drive/files/update', { fileId: f2.id, folderId: null });
    expect((await api.request('drive/files', {})).map((f) => f.id)).toEqual([f2.id]);
    await expectApiError(api.request('drive/files/move-bulk', { fileIds: [f1.id], folderId: unknownId }), e.layer.invalidParam);
  });

  it('keeps other users out: they cannot see, find, update, move or delete your files', async () => {
    const owner = await server.createUser();
    const other = await server.createUser();
    const file = await upload(server, owner.token, 'private', { name: 'mine.txt' });
    const api = server.client(other.token);
    await expectApiError(api.request('drive/files/show', { fileId: file.id }), e.show.accessDenied);
    await expectApiError(api.request('drive/files/show', { url: file.url }), e.show.accessDenied);
    await expectApiError(api.request('drive/files/update', { fileId: file.id, name: 'stolen.txt' }), e.update.accessDenied);
    await expectApiError(api.request('drive/files/delete', { fileId: file.id }), e.delete.accessDenied);
    expect(await api.request('drive/files', {})).toEqual([]);
    expect(await api.request('drive/files/find-by-hash', { md5: file.md5 })).toEqual([]);
    expect(await api.request('drive/files/check-existence', { md5: file.md5 })).toBe(false);
    expect(await api.request('drive/files/find', { name: 'mine.txt' })).toEqual([]);
    const theirFolder = await api.request('drive/folders/create', { name: 'theirs' });
    await api.request('drive/files/move-bulk', { fileIds: [file.id], folderId: theirFolder.id });
    const [row] = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.id, file.id));
    expect(row).toMatchObject({ name: 'mine.txt', folderId: null });
  });

  it('needs read:drive / write:drive', async () => {
    const user = await server.createUser();
    const file = await upload(server, user.token, 'perm');
    const writeOnly = server.client(await server.createAppToken(user.id, ['write:drive']));
    const readOnly = server.client(await server.createAppToken(user.id, ['read:drive']));
    await expectApiError(writeOnly.request('drive/files', {}), e.layer.permissionDenied);
    await expectApiError(writeOnly.request('drive', {}), e.layer.permissionDenied);
    await expectApiError(readOnly.request('drive/files/delete', { fileId: file.id }), e.layer.permissionDenied);
    await expectApiError(readOnly.request('drive/folders/create', { name: 'x' }), e.layer.permissionDenied);
    expect(await readOnly.request('drive/files/show', { fileId: file.id })).toMatchObject({ id: file.id });
    await expectApiError(server.client(null).request('drive/files', {}), e.layer.credentialRequired);
    await expectApiError(server.client(user.token).request('drive/files', { limit: 0 }), e.layer.invalidParam);
  });

  it('counts capacity exactly, also after deletes, and refuses what does not fit', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    expect(await api.request('drive', {})).toEqual({ capacity: 100 * 1024 * 1024, usage: 0 });
    const a = await upload(server, user.token, 'x'.repeat(1000), { name: 'a.txt' });
    const b = await upload(server, user.token, 'y'.repeat(2345), { name: 'b.txt' });
    expect((await api.request('drive', {})).usage).toBe(3345);
    await api.request('drive/files/delete', { fileId: a.id });
    expect((await api.request('drive', {})).usage).toBe(2345);
    await expectApiError(api.request('drive/files/delete', { fileId: a.id }), e.delete.noSuchFile);

    await server.ctx.meta.update({ policies: { driveCapacityMb: 0.003 } });
    try {
      // 0.003 MiB = 3145 bytes: 2345 used, 801 more do not fit, 800 do.
      await expectApiError(upload(server, user.token, 'z'.repeat(801)), e.create.noFreeSpace);
      await upload(server, user.token, 'z'.repeat(800));
      expect((await api.request('drive', {})).usage).toBe(3145);
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
    await api.request('drive/files/delete', { fileId: b.id });
    expect((await api.request('drive', {})).usage).toBe(800);
  });

  it('refuses a file over the size limit with nothing left behind', async () => {
    const user = await server.createUser();
    const before = await storedBlobs();
    await server.ctx.meta.update({ policies: { maxFileSizeMb: 0.01 } });
    try {
      const big = Buffer.alloc(20_000, 0x61);
      await expectApiError(upload(server, user.token, big), e.layer.maxFileSizeExceeded);
      const ok = await upload(server, user.token, Buffer.alloc(10_000, 0x62));
      expect(ok.size).toBe(10_000);
    } finally {
      await server.ctx.meta.update({ policies: {} });
    }
    const rows = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.userId, user.id));
    expect(rows).toHaveLength(1);
    expect((await storedBlobs()).length).toBe(before.length + 1);
    expect(await readdir(path.join(server.dataDir, 'tmp'))).toEqual([]);
  });

  it('deleting a file removes its blobs, and its URLs stop answering', async () => {
    const user = await server.createUser();
    const before = await storedBlobs();
    const file = await upload(server, user.token, await jpegWithExif(), { name: 'gone.jpg' });
    expect((await storedBlobs()).length).toBe(before.length + 3);
    expect((await fetch(file.url)).status).toBe(200);
    await server.client(user.token).request('drive/files/delete', { fileId: file.id });
    expect(await storedBlobs()).toEqual(before);
    expect((await fetch(file.url)).status).toBe(404);
    expect((await fetch(file.thumbnailUrl)).status).toBe(404);
  });

  it('a refused upload stores no blob and no row', async () => {
    const user = await server.createUser();
    const before = await storedBlobs();
    await expectApiError(upload(server, user.token, '<!DOCTYPE html><p>hi', { name: 'page.html' }), e.create.failed);
    expect(await storedBlobs()).toEqual(before);
    expect(await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.userId, user.id))).toEqual([]);
  });
});

describe('drive folders', () => {
  it('creates, lists, shows, finds, renames and deletes folders', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    const root = await api.request('drive/folders/create', { name: 'photos' });
    expectSchema(DriveFolderSchema, root);
    expect(root).toMatchObject({ name: 'photos', parentId: null });
    const untitled = await api.request('drive/folders/create', {});
    expect(untitled.name).toBe('Untitled');
    const child = await api.request('drive/folders/create', { name: '2024', parentId: root.id });
    expect((await api.request('drive/folders', {})).map((f) => f.id)).toEqual([untitled.id, root.id]);
    expect((await api.request('drive/folders', { folderId: root.id })).map((f) => f.id)).toEqual([child.id]);
    expect(await api.request('drive/folders/show', { folderId: child.id })).toMatchObject({ id: child.id, parentId: root.id, foldersCount: 0, filesCount: 0, parent: { id: root.id, foldersCount: 1 } });
    expect((await api.request('drive/folders/find', { name: '2024', parentId: root.id })).map((f) => f.id)).toEqual([child.id]);
    expect(await api.request('drive/folders/find', { name: '2024' })).toEqual([]);
    expect(await api.request('drive/folders/update', { folderId: child.id, name: '2025' })).toMatchObject({ name: '2025' });

    await expectApiError(api.request('drive/folders/create', { name: 'x', parentId: unknownId }), e.folders.createNoSuchFolder);
    await expectApiError(api.request('drive/folders/show', { folderId: unknownId }), e.folders.showNoSuchFolder);
    await expectApiError(api.request('drive/folders/update', { folderId: unknownId, name: 'x' }), e.folders.updateNoSuchFolder);
    await expectApiError(api.request('drive/folders/update', { folderId: child.id, parentId: unknownId }), e.folders.noSuchParent);

    await expectApiError(api.request('drive/folders/delete', { folderId: root.id }), e.folders.hasChildren);
    const file = await upload(server, user.token, 'in child', { folderId: child.id });
    await expectApiError(api.request('drive/folders/delete', { folderId: child.id }), e.folders.hasChildren);
    await api.request('drive/files/delete', { fileId: file.id });
    await api.request('drive/folders/delete', { folderId: child.id });
    await api.request('drive/folders/delete', { folderId: root.id });
    await expectApiError(api.request('drive/folders/delete', { folderId: root.id }), e.folders.deleteNoSuchFolder);
  });

  it('moves folders and refuses cycles', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    const a = await api.request('drive/folders/create', { name: 'a' });
    const b = await api.request('drive/folders/create', { name: 'b', parentId: a.id });
    const c = await api.request('drive/folders/create', { name: 'c', parentId: b.id });
    await expectApiError(api.request('drive/folders/update', { folderId: a.id, parentId: a.id }), e.folders.recursiveNesting);
    await expectApiError(api.request('drive/folders/update', { folderId: a.id, parentId: c.id }), e.folders.recursiveNesting);
    await expectApiError(api.request('drive/folders/update', { folderId: b.id, parentId: c.id }), e.folders.recursiveNesting);
    // Moving c to the root, then a under c, is fine.
    expect(await api.request('drive/folders/update', { folderId: c.id, parentId: null })).toMatchObject({ parentId: null });
    expect(await api.request('drive/folders/update', { folderId: a.id, parentId: c.id })).toMatchObject({ parentId: c.id, parent: { id: c.id } });
  });

  it('keeps other users out of your folders', async () => {
    const owner = await server.createUser();
    const other = await server.createUser();
    const folder = await server.client(owner.token).request('drive/folders/create', { name: 'secret' });
    const api = server.client(other.token);
    await expectApiError(api.request('drive/folders/show', { folderId: folder.id }), e.folders.showNoSuchFolder);
    await expectApiError(api.request('drive/folders/update', { folderId: folder.id, name: 'mine' }), e.folders.updateNoSuchFolder);
    await expectApiError(api.request('drive/folders/delete', { folderId: folder.id }), e.folders.deleteNoSuchFolder);
    await expectApiError(api.request('drive/folders/create', { name: 'x', parentId: folder.id }), e.folders.createNoSuchFolder);
    const own = await api.request('drive/folders/create', { name: 'own' });
    await expectApiError(api.request('drive/folders/update', { folderId: own.id, parentId: folder.id }), e.folders.noSuchParent);
    expect(await api.request('drive/folders', {})).toHaveLength(1);
  });
});

describe('drive stream events', () => {
  it('publishes file and folder events to the owner\'s drive stream, and driveFileCreated to the main stream', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    const drive: { type: string; body: any }[] = [];
    const main: { type: string; body: any }[] = [];
    const offDrive = server.ctx.bus.subscribe(topics.drive(user.id), (m: any) => drive.push(m));
    const offMain = server.ctx.bus.subscribe(topics.main(user.id), (m: any) => main.push(m));
    try {
      const folder = await api.request('drive/folders/create', { name: 'f' });
      const file = await upload(server, user.token, 'evented');
      await api.request('drive/files/update', { fileId: file.id, folderId: folder.id });
      await api.request('drive/files/delete', { fileId: file.id });
      await api.request('drive/folders/update', { folderId: folder.id, name: 'g' });
      await api.request('drive/folders/delete', { folderId: folder.id });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(drive.map((m) => m.type)).toEqual(['folderCreated', 'fileCreated', 'fileUpdated', 'fileDeleted', 'folderUpdated', 'folderDeleted']);
      expect(drive[1]!.body).toMatchObject({ id: file.id });
      expect(drive[2]!.body).toMatchObject({ id: file.id, folderId: folder.id });
      expect(drive[3]!.body).toBe(file.id);
      expect(drive[5]!.body).toBe(folder.id);
      expect(main.filter((m) => m.type === 'driveFileCreated').map((m) => m.body.id)).toEqual([file.id]);
    } finally {
      offDrive();
      offMain();
    }
  });
});
