import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { driveFiles } from '../../src/db/schema/index.js';
import { DriveFileSchema } from '../../src/core/drive/schema.js';
import { expectApiError, expectSchema } from '../accounts/helpers.js';
import type { TestServer } from '../harness.js';
import { blob, driveErrors as e, gif, jpegWithExif, mp4, pngWithOrientation, startDriveServer, upload, webp } from './helpers.js';

let server: TestServer & { dataDir: string };
beforeAll(async () => { server = await startDriveServer(); }, 120_000);
afterAll(async () => { await server?.close(); });

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

async function fetchBytes(url: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe('drive/files/create', () => {
  it('stores a JPEG: type from content, md5, size, dimensions as displayed, blurhash, thumbnail, GPS-free web-public version', async () => {
    const user = await server.createUser();
    const data = await jpegWithExif(64, 32);
    const file = await upload(server, user.token, data, { name: 'photo.jpg', comment: 'a red square' });
    expectSchema(DriveFileSchema, file);
    expect(file).toMatchObject({ name: 'photo.jpg', type: 'image/jpeg', md5: md5(data), size: data.length, comment: 'a red square', isSensitive: false, userId: user.id, folderId: null });
    // EXIF orientation 6 turns 64x32 into 32x64 on screen.
    expect(file.properties).toMatchObject({ width: 32, height: 64 });
    expect(file.properties.orientation).toBeUndefined();
    expect(file.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);
    expect(file.thumbnailUrl).toMatch(/^http/);
    expect(file.url).not.toBe(file.thumbnailUrl);

    const pub = await fetchBytes(file.url);
    expect(pub.status).toBe(200);
    const meta = await sharp(pub.body).metadata();
    expect([meta.width, meta.height]).toEqual([32, 64]);
    expect(meta.exif).toBeUndefined();
    expect(pub.body.includes(Buffer.from('MikanCam'))).toBe(false);

    const thumb = await fetchBytes(file.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(thumb.body).metadata()).format).toBe('webp');

    const [row] = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.id, file.id));
    // The original is kept as uploaded.
    const original = await fetchBytes(`${server.url}/files/${row!.accessKey}`);
    expect(md5(original.body)).toBe(md5(data));
  });

  it('applies a PNG\'s EXIF rotation in the web-public version and the thumbnail', async () => {
    const user = await server.createUser();
    const data = await pngWithOrientation(40, 20);
    const file = await upload(server, user.token, data, { name: 'rotated.png' });
    expect(file.type).toBe('image/png');
    expect(file.properties).toMatchObject({ width: 20, height: 40 });
    const pub = await sharp((await fetchBytes(file.url)).body).metadata();
    expect([pub.width, pub.height]).toEqual([20, 40]);
    const thumb = await sharp((await fetchBytes(file.thumbnailUrl)).body).metadata();
    expect([thumb.width, thumb.height]).toEqual([20, 40]);
  });

  it.each([
    ['GIF', gif, 'image/gif', 'anim.gif'],
    ['WebP', webp, 'image/webp', 'pic.webp'],
  ])('stores a %s with blurhash and thumbnail', async (_label, make, type, name) => {
    const user = await server.createUser();
    const file = await upload(server, user.token, await make(), { name });
    expect(file).toMatchObject({ type, name });
    expect(file.blurhash).toEqual(expect.any(String));
    expect(file.thumbnailUrl).toEqual(expect.any(String));
    expect((await fetchBytes(file.thumbnailUrl)).status).toBe(200);
  });

  it('stores an MP4 as video/mp4 without a thumbnail or blurhash', async () => {
    const user = await server.createUser();
    const file = await upload(server, user.token, mp4(), { name: 'clip.mp4' });
    expect(file).toMatchObject({ type: 'video/mp4', blurhash: null, thumbnailUrl: null, size: mp4().length });
    const res = await fetchBytes(file.url);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.body.equals(mp4())).toBe(true);
  });

  it('stores text as text/plain, and names a nameless Blob "untitled"', async () => {
    const user = await server.createUser();
    const file = await upload(server, user.token, 'hello, drive\n');
    expect(file).toMatchObject({ type: 'text/plain', name: 'untitled', size: 13, blurhash: null, thumbnailUrl: null });
    const res = await fetchBytes(file.url);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.body.toString()).toBe('hello, drive\n');
  });

  it('takes the file name from the multipart part when no name is given', async () => {
    const user = await server.createUser();
    const form = new FormData();
    form.append('i', user.token);
    form.append('file', new File([Buffer.from('named by the part')], 'notes.txt', { type: 'text/plain' }));
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'notes.txt', type: 'text/plain' });
  });

  it('believes the content, not the extension or the claimed type', async () => {
    const user = await server.createUser();
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'white' } }).png().toBuffer();
    const lying = await server.client(user.token).request('drive/files/create', { file: blob(png, 'text/plain'), name: 'innocent.txt' } as never) as any;
    expect(lying.type).toBe('image/png');
    // The detected type's extension is appended to a name that does not end with it, as Misskey does.
    expect(lying.name).toBe('innocent.txt.png');
    // Text named like an image stays text.
    const text = await upload(server, user.token, 'not really a picture', { name: 'picture.png' });
    expect(text.type).toBe('text/plain');
    // HTML dressed as an image is not a type the default role may upload.
    await expectApiError(upload(server, user.token, '<html><script>alert(1)</script></html>', { name: 'x.html' }), e.create.failed);
    // An executable is not either.
    await expectApiError(upload(server, user.token, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]), { name: 'cat.jpg' }), e.create.failed);
  });

  it('appends the detected extension to a name whose extension does not match the content', async () => {
    const user = await server.createUser();
    const jpeg = await jpegWithExif(8, 8);
    const named = async (name: string) => (await upload(server, user.token, jpeg, { name, force: true })).name;
    expect(await named('x.png')).toBe('x.png.jpg');
    expect(await named('photo')).toBe('photo.jpg');
    // Every spelling of the JPEG extension, in either case, matches.
    expect(await named('a.jpeg')).toBe('a.jpeg');
    expect(await named('b.JPG')).toBe('b.JPG');
    expect(await named('c.jfif')).toBe('c.jfif');
    // Text has no extension to append.
    expect((await upload(server, user.token, 'plain words', { name: 'words.log' })).name).toBe('words.log');
  });

  it('lets moderators and administrators upload types the uploadableFileTypes policy refuses', async () => {
    const html = '<html><body>moderator notes</body></html>';
    const user = await server.createUser();
    await expectApiError(upload(server, user.token, html, { name: 'page.html' }), e.create.failed);
    for (const staff of [await server.createUser({ isModerator: true }), await server.createUser({ isAdmin: true })]) {
      const file = await upload(server, staff.token, html, { name: 'page.html' });
      expect(file.type).toBe('text/html');
    }
  });

  it('refuses an empty file (application/octet-stream is not uploadable by default) and keeps nothing', async () => {
    const user = await server.createUser();
    await expectApiError(upload(server, user.token, Buffer.alloc(0), { name: 'empty.txt' }), e.create.failed);
    const rows = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.userId, user.id));
    expect(rows).toHaveLength(0);
  });

  it('returns the existing file for identical content unless `force`', async () => {
    const user = await server.createUser();
    const first = await upload(server, user.token, 'same bytes', { name: 'a.txt' });
    const again = await upload(server, user.token, 'same bytes', { name: 'b.txt' });
    expect(again.id).toBe(first.id);
    const forced = await upload(server, user.token, 'same bytes', { name: 'c.txt', force: true });
    expect(forced.id).not.toBe(first.id);
    expect(forced.name).toBe('c.txt');
  });

  it('casts multipart fields (isSensitive) and validates them', async () => {
    const user = await server.createUser();
    const file = await upload(server, user.token, 'sensitive', { isSensitive: true, force: true });
    expect(file.isSensitive).toBe(true);
    const form = new FormData();
    form.append('i', user.token);
    form.append('isSensitive', 'maybe');
    form.append('file', new Blob(['x']));
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('INVALID_PARAM');
  });

  it('refuses bad names and unknown folders', async () => {
    const user = await server.createUser();
    await expectApiError(upload(server, user.token, 'x', { name: '../etc/passwd' }), e.create.invalidFileName);
    await expectApiError(upload(server, user.token, 'x', { name: '   ' }), e.create.invalidFileName);
    await expectApiError(upload(server, user.token, 'x', { folderId: 'zzzzzzzzzzzzzzzz' }), e.create.noSuchFolder);
    const other = await server.createUser();
    const folder = await server.client(other.token).request('drive/folders/create', { name: 'theirs' });
    await expectApiError(upload(server, user.token, 'x', { folderId: folder.id }), e.create.noSuchFolder);
  });

  it('needs a credential with write:drive, a multipart body and a file', async () => {
    await expectApiError(server.client(null).request('drive/files/create', { file: blob('x') } as never), e.layer.credentialRequired);
    const user = await server.createUser();
    const readOnly = await server.createAppToken(user.id, ['read:drive']);
    await expectApiError(upload(server, readOnly, 'x'), e.layer.permissionDenied);
    const writer = await server.createAppToken(user.id, ['write:drive']);
    expect((await upload(server, writer, 'app upload')).userId).toBe(user.id);

    const json = await server.fetch('/api/drive/files/create', { json: { i: user.token } });
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject(e.layer.notMultipart);

    const noFile = new FormData();
    noFile.append('i', user.token);
    noFile.append('name', 'nothing.txt');
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: noFile });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject(e.layer.fileRequired);

    const two = new FormData();
    two.append('i', user.token);
    two.append('file', new Blob(['1']));
    two.append('file', new Blob(['2']));
    const twoRes = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: two });
    expect(twoRes.status).toBe(406);
    expect((await twoRes.json()).error).toMatchObject(e.layer.tooManyFiles);
  });

  it('refuses multipart bodies on endpoints that take no file', async () => {
    const user = await server.createUser();
    const form = new FormData();
    form.append('i', user.token);
    const res = await fetch(`${server.url}/api/drive`, { method: 'POST', body: form });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('takes the token from the Authorization header too', async () => {
    const user = await server.createUser();
    const form = new FormData();
    form.append('file', new Blob(['by header']));
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form, headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).userId).toBe(user.id);
  });

  it('leaves no temporary file behind, whatever the outcome', async () => {
    const entries = await readdir(path.join(server.dataDir, 'tmp')).catch(() => []);
    expect(entries).toEqual([]);
  });
});
