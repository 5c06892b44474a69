import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import { publishMainStream } from '../../bus/topics.js';
import { safeFetch } from '../../net/safe-fetch.js';
import { uploadTempDir } from '../../storage/index.js';
import { addFile, maxUploadBytes } from './files.js';
import { packDriveFile, type DriveFileRow } from './pack.js';

export interface UrlUpload {
  userId: string;
  url: string;
  folderId: string | null;
  isSensitive: boolean;
  comment: string | null;
  marker: string | null;
  force: boolean;
  /** The `uploadableFileTypes` policy does not apply to moderators and administrators. */
  uploaderIsModerator: boolean;
}

/** The file name a URL suggests: its last path segment, else "untitled". */
export function nameFromUrl(url: string): string {
  try {
    const segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return segment.trim() !== '' && segment.length <= 200 && !segment.includes('..') ? segment : 'untitled';
  } catch {
    return 'untitled';
  }
}

/**
 * Fetches a URL into the user's drive (upload-from-url), SSRF-safe: http(s) only, public addresses
 * only after DNS resolution (unless MIKAN_ALLOW_PRIVATE_NETWORK), every redirect re-checked, a
 * timeout and the upload size cap. On success the file is announced like any upload
 * (`driveFileCreated`, drive `fileCreated`) and with Misskey's `urlUploadFinished { marker, file }`.
 * Failures are logged; nothing is kept.
 */
export async function uploadFromUrl(ctx: AppContext, job: UrlUpload): Promise<void> {
  try {
    const row = await fetchIntoDrive(ctx, job);
    publishMainStream(ctx, job.userId, 'urlUploadFinished', { marker: job.marker, file: await packDriveFile(ctx, row) });
  } catch (error) {
    ctx.log.info({ err: error, url: job.url, userId: job.userId }, 'upload from URL failed');
  }
}

/** Fetches a URL into the user's drive with the same safeguards, and answers the new file; throws when it cannot. */
export async function fetchIntoDrive(ctx: AppContext, job: Omit<UrlUpload, 'marker'>): Promise<DriveFileRow> {
  const tempDir = uploadTempDir(ctx);
  const tempPath = path.join(tempDir, `url-${randomUUID()}`);
  try {
    const response = await safeFetch(job.url, {
      allowPrivateNetwork: ctx.config.allowPrivateNetwork,
      timeoutMs: 60_000,
      maxBytes: await maxUploadBytes(ctx, job.userId),
      contentTypes: ['*/*'],
    });
    await mkdir(tempDir, { recursive: true });
    await writeFile(tempPath, response.bytes);
    return await addFile(ctx, {
      userId: job.userId,
      path: tempPath,
      size: response.bytes.length,
      md5: createHash('md5').update(response.bytes).digest('hex'),
      name: nameFromUrl(response.url),
      folderId: job.folderId,
      comment: job.comment,
      isSensitive: job.isSensitive,
      force: job.force,
      src: job.url.slice(0, 512),
      uploaderIsModerator: job.uploaderIsModerator,
    });
  } finally {
    await rm(tempPath, { force: true });
  }
}
