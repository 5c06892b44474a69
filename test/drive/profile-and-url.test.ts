import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { driveFiles } from '../../src/db/schema/index.js';
import { topics } from '../../src/bus/topics.js';
import { expectApiError } from '../accounts/helpers.js';
import type { TestServer } from '../harness.js';
import { driveErrors as e, jpegWithExif, startDriveServer, upload, webp } from './helpers.js';

let server: TestServer & { dataDir: string };
let origin: http.Server;
let originUrl: string;
let picture: Buffer;

beforeAll(async () => {
  server = await startDriveServer();
  picture = await webp();
  origin = http.createServer((request, response) => {
    if (request.url === '/pic.webp') return response.writeHead(200, { 'content-type': 'image/webp' }).end(picture);
    if (request.url === '/redirect-inside') return response.writeHead(302, { location: 'http://127.0.0.1:1/secret' }).end();
    if (request.url === '/big') return response.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(30_000, 0x61));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => origin?.close(resolve));
});

describe('avatar and banner (i/update)', () => {
  it('shows the avatar on the user everywhere, with its blurhash, and the banner on detailed users', async () => {
    const user = await server.createUser();
    const other = await server.createUser();
    const api = server.client(user.token);
    const avatar = await upload(server, user.token, await jpegWithExif(), { name: 'me.jpg' });
    const banner = await upload(server, user.token, await webp(), { name: 'banner.webp' });
    const me = await api.request('i/update', { avatarId: avatar.id, bannerId: banner.id });
    expect(me).toMatchObject({ avatarId: avatar.id, bannerId: banner.id, avatarUrl: avatar.url, avatarBlurhash: avatar.blurhash, bannerUrl: banner.url, bannerBlurhash: banner.blurhash });
    const seen = await server.client(other.token).request('users/show', { userId: user.id });
    expect(seen).toMatchObject({ avatarUrl: avatar.url, avatarBlurhash: avatar.blurhash, bannerUrl: banner.url });
    expect((await fetch(seen.avatarUrl)).status).toBe(200);

    const cleared = await api.request('i/update', { avatarId: null });
    expect(cleared.avatarId).toBeNull();
    expect(cleared.avatarUrl).toContain('/identicon/');
    expect(cleared.avatarBlurhash).toBeNull();
    expect(cleared.bannerUrl).toBe(banner.url);

    // Deleting the banner's file takes it off the profile.
    await api.request('drive/files/delete', { fileId: banner.id });
    expect(await api.request('i', {})).toMatchObject({ bannerId: null, bannerUrl: null });
  });

  it('refuses files that are not yours or not images', async () => {
    const user = await server.createUser();
    const other = await server.createUser();
    const api = server.client(user.token);
    const text = await upload(server, user.token, 'not an image');
    const theirs = await upload(server, other.token, await webp(), { force: true });
    await expectApiError(api.request('i/update', { avatarId: 'zzzzzzzzzzzzzzzz' }), e.iUpdate.noSuchAvatar);
    await expectApiError(api.request('i/update', { avatarId: theirs.id }), e.iUpdate.noSuchAvatar);
    await expectApiError(api.request('i/update', { bannerId: theirs.id }), e.iUpdate.noSuchBanner);
    await expectApiError(api.request('i/update', { avatarId: text.id }), e.iUpdate.avatarNotAnImage);
    await expectApiError(api.request('i/update', { bannerId: text.id }), e.iUpdate.bannerNotAnImage);
  });
});

describe('drive/files/upload-from-url', () => {
  function waitForEvent(userId: string, type: string): Promise<any> {
    return new Promise((resolve) => {
      const unsubscribe = server.ctx.bus.subscribe(topics.main(userId), (event: any) => {
        if (event.type === type) {
          void unsubscribe;
          resolve(event.body);
        }
      });
    });
  }

  it('answers at once, then the file appears and is announced with the marker', async () => {
    const user = await server.createUser();
    server.ctx.config.allowPrivateNetwork = true;
    try {
      const finished = waitForEvent(user.id, 'urlUploadFinished');
      const created = waitForEvent(user.id, 'driveFileCreated');
      const res = await server.client(user.token).request('drive/files/upload-from-url', { url: `${originUrl}/pic.webp`, marker: 'm-1', comment: 'fetched' });
      expect(res).toBeNull();
      const event = await finished;
      expect(event.marker).toBe('m-1');
      expect(event.file).toMatchObject({ name: 'pic.webp', type: 'image/webp', size: picture.length, comment: 'fetched', userId: user.id });
      expect((await created).id).toBe(event.file.id);
      const [row] = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.id, event.file.id));
      expect(row!.src).toBe(`${originUrl}/pic.webp`);
    } finally {
      server.ctx.config.allowPrivateNetwork = false;
    }
  });

  it('fetches nothing from loopback, private or link-local addresses, nor other schemes, nor over the size limit', async () => {
    const user = await server.createUser();
    const api = server.client(user.token);
    const spy = vi.spyOn(server.ctx.log, 'info');
    const urls = [
      `${originUrl}/pic.webp`, 'http://localhost:1/x', 'http://10.0.0.1/x', 'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/x', 'file:///etc/passwd', 'ftp://example.com/x',
    ];
    for (const url of urls) await api.request('drive/files/upload-from-url', { url });
    // Redirect target and size are checked too (with private addresses allowed, to reach the test origin).
    server.ctx.config.allowPrivateNetwork = true;
    await server.ctx.meta.update({ policies: { maxFileSizeMb: 0.01 } });
    try {
      await api.request('drive/files/upload-from-url', { url: `${originUrl}/big` });
      await vi.waitFor(() => expect(spy.mock.calls.filter((c) => c[1] === 'upload from URL failed').length).toBe(urls.length + 1), { timeout: 20_000 });
    } finally {
      server.ctx.config.allowPrivateNetwork = false;
      await server.ctx.meta.update({ policies: {} });
    }
    const reasons = spy.mock.calls.filter((c) => c[1] === 'upload from URL failed').map((c) => (c[0] as any).err.reason);
    expect(reasons.sort()).toEqual(['address', 'address', 'address', 'address', 'address', 'protocol', 'protocol', 'too-large'].sort());
    spy.mockRestore();
    expect(await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.userId, user.id))).toEqual([]);
  });
});
