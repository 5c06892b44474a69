import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { LocalStorage } from './local.js';
import { blobUrl } from './url.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'mikan-storage-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('storage config', () => {
  it('uses local storage unless MIKAN_S3_BUCKET is set, and reads the S3 variables', () => {
    expect(loadConfig({}).s3).toBeNull();
    expect(loadConfig({}).maxUploadBytes).toBeNull();
    expect(loadConfig({
      MIKAN_S3_BUCKET: 'b', MIKAN_S3_ENDPOINT: 'http://minio:9000/', MIKAN_S3_PREFIX: '/drive/', MIKAN_S3_PUBLIC_URL: 'https://cdn.example/b/',
      MIKAN_S3_ACCESS_KEY_ID: 'k', MIKAN_S3_SECRET_ACCESS_KEY: 's', MIKAN_MAX_UPLOAD_MB: '2',
    })).toMatchObject({
      s3: { bucket: 'b', endpoint: 'http://minio:9000', region: 'us-east-1', prefix: 'drive', forcePathStyle: true, publicUrl: 'https://cdn.example/b', accessKeyId: 'k', secretAccessKey: 's' },
      maxUploadBytes: 2 * 1024 * 1024,
    });
    expect(loadConfig({ MIKAN_S3_BUCKET: 'b' }).s3).toMatchObject({ endpoint: null, forcePathStyle: false });
    expect(() => loadConfig({ MIKAN_MAX_UPLOAD_MB: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ MIKAN_S3_BUCKET: 'b', MIKAN_S3_ENDPOINT: 'minio' })).toThrow(/MIKAN_S3_ENDPOINT/);
  });

  it('links blobs through Mikan, or straight to a public bucket', () => {
    expect(blobUrl({ url: 'https://m.example', s3: null }, 'abc.png')).toBe('https://m.example/files/abc.png');
    const s3 = loadConfig({ MIKAN_S3_BUCKET: 'b', MIKAN_S3_PREFIX: 'p', MIKAN_S3_PUBLIC_URL: 'https://cdn.example' }).s3;
    expect(blobUrl({ url: 'https://m.example', s3 }, 'abc.png')).toBe('https://cdn.example/p/abc.png');
  });
});

describe('LocalStorage', () => {
  it('moves files in, reads whole blobs and ranges, and deletes them', async () => {
    const storage = new LocalStorage(path.join(dir, 'files'));
    const source = path.join(dir, 'upload');
    await writeFile(source, '0123456789');
    await storage.putFile('k1.txt', source, 'text/plain');
    await expect(readFile(source)).rejects.toThrow();
    expect(await storage.stat('k1.txt')).toMatchObject({ size: 10 });
    expect(await text((await storage.read('k1.txt'))!.body)).toBe('0123456789');
    const part = (await storage.read('k1.txt', { start: 2, end: 4 }))!;
    expect(part.size).toBe(3);
    expect(await text(part.body)).toBe('234');
    await storage.putBuffer('k2.webp', Buffer.from('x'), 'image/webp');
    expect(await storage.stat('k2.webp')).toMatchObject({ size: 1 });
    await storage.delete('k1.txt');
    await storage.delete('k1.txt');
    expect(await storage.stat('k1.txt')).toBeNull();
    expect(await storage.read('k1.txt')).toBeNull();
  });

  it('refuses keys that could leave its directory', async () => {
    const storage = new LocalStorage(path.join(dir, 'files'));
    expect(await storage.stat('../upload')).toBeNull();
    await expect(storage.delete('../x')).rejects.toThrow(/invalid storage key/);
    await expect(storage.putBuffer('a/b', Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid storage key/);
  });
});
