import type { Readable } from 'node:stream';

/** Where a blob lives; a byte range is inclusive at both ends, as in HTTP. */
export interface BlobRange { start: number; end: number }

export interface BlobStat { size: number; modifiedAt: Date }

export interface BlobRead { body: Readable; size: number }

/**
 * The drive's blob store: local disk under MIKAN_DATA_DIR/files by default, an S3-compatible
 * object store when MIKAN_S3_BUCKET is set. Keys are opaque, flat, URL-safe names made by the drive.
 */
export interface BlobStorage {
  readonly kind: 'local' | 's3';
  /** Stores the file at `path` under `key`; the file at `path` is gone (moved or uploaded and removed) afterwards. */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  putBuffer(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Null when there is no such blob. */
  stat(key: string): Promise<BlobStat | null>;
  /** The blob or a range of it; null when there is no such blob. */
  read(key: string, range?: BlobRange): Promise<BlobRead | null>;
  /** Removes the blob; no error if it is already gone. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
