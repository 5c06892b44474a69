import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../accounts/helpers.js';
import type { TestServer } from '../harness.js';
import { driveErrors as e, jpegWithExif, startDriveServer, upload } from './helpers.js';

let server: TestServer & { dataDir: string };
beforeAll(async () => { server = await startDriveServer(); }, 120_000);
afterAll(async () => { await server?.close(); });

describe('files on notes', () => {
  it('attaches files to notes end to end, and lists a file\'s notes (drive/files/attached-notes)', async () => {
    const user = await server.createUser();
    const reader = await server.createUser();
    const api = server.client(user.token);
    const image = await upload(server, user.token, await jpegWithExif(), { name: 'pic.jpg' });
    const text = await upload(server, user.token, 'notes', { name: 'n.txt' });
    const first = (await api.request('notes/create', { text: 'one', fileIds: [image.id] })).createdNote;
    const second = (await api.request('notes/create', { text: 'two', fileIds: [text.id, image.id] })).createdNote;
    await api.request('notes/create', { text: 'none' });
    expect(second.fileIds).toEqual([text.id, image.id]);
    expect(second.files!.map((f) => f.id)).toEqual([text.id, image.id]);

    // Another user reading the note sees the file and can load it.
    const seen = await server.client(reader.token).request('notes/show', { noteId: first.id });
    expect(seen.files![0]).toMatchObject({ id: image.id, url: image.url, thumbnailUrl: image.thumbnailUrl, blurhash: image.blurhash });
    expect((await fetch(seen.files![0]!.url)).status).toBe(200);

    const attached = await api.request('drive/files/attached-notes', { fileId: image.id });
    expect(attached.map((n) => n.id)).toEqual([second.id, first.id]);
    expect((await api.request('drive/files/attached-notes', { fileId: image.id, limit: 1 })).map((n) => n.id)).toEqual([second.id]);
    expect((await api.request('drive/files/attached-notes', { fileId: text.id })).map((n) => n.id)).toEqual([second.id]);

    await expectApiError(api.request('drive/files/attached-notes', { fileId: 'zzzzzzzzzzzzzzzz' }), e.attachedNotes.noSuchFile);
    await expectApiError(server.client(reader.token).request('drive/files/attached-notes', { fileId: image.id }), e.attachedNotes.noSuchFile);
    const writeOnly = await server.createAppToken(user.id, ['write:drive']);
    await expectApiError(server.client(writeOnly).request('drive/files/attached-notes', { fileId: image.id }), e.layer.permissionDenied);
  });

  it('another user\'s file cannot be attached', async () => {
    const owner = await server.createUser();
    const other = await server.createUser();
    const file = await upload(server, owner.token, 'mine');
    await expect(server.client(other.token).request('notes/create', { text: 'x', fileIds: [file.id] })).rejects.toMatchObject({ code: 'NO_SUCH_FILE' });
  });
});
