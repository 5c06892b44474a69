import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../config.js';
import type { BlobRange, BlobRead, BlobStat, BlobStorage } from './storage.js';

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/** Blobs in an S3-compatible bucket, for deployments where several machines share the drive. */
export class S3Storage implements BlobStorage {
  readonly kind = 's3' as const;
  // The SDK (about 35 MiB once loaded) is imported only by an instance that stores its drive in S3.
  private readonly ready: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }>;

  constructor(readonly config: S3Config) {
    this.ready = import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
      // Only checksums the store asks for: S3-compatible stores differ in what they accept.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }) }));
  }

  private objectKey(key: string): string {
    return this.config.prefix ? `${this.config.prefix}/${key}` : key;
  }

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    const { size } = await stat(path);
    const { sdk, client } = await this.ready;
    // A stream with a known length: the file is never held in memory.
    await client.send(new sdk.PutObjectCommand({
      Bucket: this.config.bucket, Key: this.objectKey(key), Body: createReadStream(path), ContentLength: size, ContentType: contentType,
    }));
    await rm(path, { force: true });
  }

  async putBuffer(key: string, data: Buffer, contentType: string): Promise<void> {
    const { sdk, client } = await this.ready;
    await client.send(new sdk.PutObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key), Body: data, ContentType: contentType }));
  }

  async stat(key: string): Promise<BlobStat | null> {
    const { sdk, client } = await this.ready;
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
      return { size: Number(head.ContentLength ?? 0), modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: BlobRange): Promise<BlobRead | null> {
    const { sdk, client } = await this.ready;
    try {
      const object = await client.send(new sdk.GetObjectCommand({
        Bucket: this.config.bucket, Key: this.objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }));
      return { body: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.ready;
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
  }

  async close(): Promise<void> {
    (await this.ready).client.destroy();
  }
}
