import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobRange, BlobRead, BlobStat, BlobStorage } from './storage.js';

/** Blobs as files in one directory (MIKAN_DATA_DIR/files). */
export class LocalStorage implements BlobStorage {
  readonly kind = 'local' as const;
  private ready: Promise<unknown> | null = null;

  constructor(readonly directory: string) {}

  private pathOf(key: string): string {
    // Keys are made by the drive, but a served URL carries one: never let it leave the directory.
    if (!/^[A-Za-z0-9._-]+$/.test(key) || key.startsWith('.')) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return path.join(this.directory, key);
  }

  private ensureDirectory(): Promise<unknown> {
    this.ready ??= mkdir(this.directory, { recursive: true });
    return this.ready;
  }

  async putFile(key: string, source: string, _contentType: string): Promise<void> {
    await this.ensureDirectory();
    const target = this.pathOf(key);
    try {
      await rename(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // Another file system: copy to a temporary name first so no half-written blob is ever visible.
      const partial = `${target}.partial`;
      try {
        await copyFile(source, partial);
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
      await rm(source, { force: true });
    }
  }

  async putBuffer(key: string, data: Buffer, _contentType: string): Promise<void> {
    await this.ensureDirectory();
    const target = this.pathOf(key);
    const partial = `${target}.partial`;
    await writeFile(partial, data);
    await rename(partial, target);
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
    } catch {
      return null;
    }
  }

  async read(key: string, range?: BlobRange): Promise<BlobRead | null> {
    const info = await this.stat(key);
    if (!info) return null;
    const body = createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
    return { body, size: range ? range.end - range.start + 1 : info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async close(): Promise<void> {}
}
