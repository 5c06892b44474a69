import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import { driveFiles } from '../../src/db/schema/index.js';
import { storageOf } from '../../src/storage/index.js';
import type { S3Config } from '../../src/config.js';
import type { TestServer } from '../harness.js';
import { jpegWithExif, mp4, startDriveServer, upload } from './helpers.js';

let s3: { close(): Promise<void> };
let s3Dir: string;
let endpoint: string;
let server: TestServer & { dataDir: string };

function s3Config(overrides: Partial<S3Config> = {}): S3Config {
  return {
    bucket: 'mikan', endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER',
    prefix: 'drive', forcePathStyle: true, publicUrl: null, ...overrides,
  };
}

beforeAll(async () => {
  s3Dir = await mkdtemp(path.join(os.tmpdir(), 'mikan-s3rver-'));
  const instance = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'mikan' }] });
  const { port } = await instance.run();
  s3 = instance;
  endpoint = `http://127.0.0.1:${port}`;
  server = await startDriveServer({ s3: s3Config() });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await s3?.close();
  await rm(s3Dir, { recursive: true, force: true });
});

describe('S3 storage', () => {
  it('stores uploads in the bucket, serves them through Mikan with ranges, and deletes them', async () => {
    expect(storageOf(server.ctx).kind).toBe('s3');
    const user = await server.createUser();
    const data = Buffer.concat([mp4(), Buffer.from('abcdef')]);
    const video = await upload(server, user.token, data, { name: 'clip.mp4' });
    const image = await upload(server, user.token, await jpegWithExif(), { name: 'photo.jpg' });
    expect(video.url.startsWith(`${server.url}/files/`)).toBe(true);

    const full = await fetch(video.url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await full.arrayBuffer()).equals(data)).toBe(true);
    const part = await fetch(video.url, { headers: { range: 'bytes=-6' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('abcdef');
    expect((await fetch(image.thumbnailUrl)).headers.get('content-type')).toBe('image/webp');

    // Nothing on the local disk: the blobs are objects in the bucket.
    expect(await readdir(path.join(server.dataDir, 'files')).catch(() => [])).toEqual([]);
    const [row] = await server.ctx.db.select().from(driveFiles).where(eq(driveFiles.id, image.id));
    const storage = storageOf(server.ctx);
    expect(await storage.stat(row!.accessKey)).toMatchObject({ size: image.size });
    expect(await storage.stat(row!.thumbnailAccessKey!)).not.toBeNull();

    await server.client(user.token).request('drive/files/delete', { fileId: image.id });
    expect(await storage.stat(row!.accessKey)).toBeNull();
    expect(await storage.stat(row!.thumbnailAccessKey!)).toBeNull();
    expect(await storage.stat(row!.webpublicAccessKey!)).toBeNull();
    expect((await fetch(image.url)).status).toBe(404);
  });

  it('links files straight to the bucket when MIKAN_S3_PUBLIC_URL is set', async () => {
    server.ctx.config.s3 = s3Config({ publicUrl: `${endpoint}/mikan` });
    try {
      const user = await server.createUser();
      const file = await upload(server, user.token, 'public object', { name: 'p.txt' });
      expect(file.url.startsWith(`${endpoint}/mikan/drive/`)).toBe(true);
      const res = await fetch(file.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('public object');
    } finally {
      server.ctx.config.s3 = s3Config();
    }
  });
});
