import path from 'node:path';
import type { AppContext } from '../context.js';
import { LocalStorage } from './local.js';
import { S3Storage } from './s3.js';
import type { BlobStorage } from './storage.js';

export type { BlobStorage, BlobRange, BlobRead, BlobStat } from './storage.js';
export { blobUrl, FILES_PATH } from './url.js';

const storages = new WeakMap<AppContext, BlobStorage>();

/** The context's blob storage, made on first use from its config (S3 when MIKAN_S3_BUCKET is set). */
export function storageOf(ctx: AppContext): BlobStorage {
  let storage = storages.get(ctx);
  if (!storage) {
    storage = ctx.config.s3 ? new S3Storage(ctx.config.s3) : new LocalStorage(path.join(ctx.config.dataDir, 'files'));
    storages.set(ctx, storage);
  }
  return storage;
}

/** Where uploads are received before they are checked and stored (same file system as local storage, so storing is a rename). */
export function uploadTempDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'tmp');
}

/** Releases the storage's connections (S3 keep-alive sockets); the next use makes a new one. */
export async function closeStorage(ctx: AppContext): Promise<void> {
  const storage = storages.get(ctx);
  storages.delete(ctx);
  await storage?.close();
}
