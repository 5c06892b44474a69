import type { Config } from '../config.js';

/** Path prefix under which Mikan serves drive blobs itself (src/web/files.ts). */
export const FILES_PATH = '/files';

/**
 * The public URL of a stored blob. Local disk (and S3 without a public URL): Mikan serves it at
 * `<MIKAN_URL>/files/<key>`; S3 with `MIKAN_S3_PUBLIC_URL`: straight from the bucket.
 */
export function blobUrl(config: Pick<Config, 'url' | 's3'>, key: string): string {
  if (config.s3?.publicUrl) {
    const prefix = config.s3.prefix ? `${config.s3.prefix}/` : '';
    return `${config.s3.publicUrl}/${prefix}${encodeURIComponent(key)}`;
  }
  return `${config.url}${FILES_PATH}/${encodeURIComponent(key)}`;
}
