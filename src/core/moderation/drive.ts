import { and, asc, eq, isNotNull, isNull, like, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, users, type DriveFileRow } from '../../db/schema/index.js';
import { deleteFile, findFileById, findFileByUrl } from '../drive/files.js';
import { fileThumbnailUrl, fileUrl, publicProperties } from '../drive/pack.js';
import { paginate, type Page } from '../pagination.js';
import { recordModerationAction } from './log.js';

/** What moderators do to drive files (admin/drive/*, admin/delete-all-files-of-a-user). */

export interface AdminFileQuery extends Page {
  limit: number;
  userId?: string | null;
  type?: string | null;
  origin: 'combined' | 'local' | 'remote';
  hostname?: string | null;
}

/** `admin/drive/files`: every account's files, newest first; `userId` narrows to one account. */
export async function listFilesForModerators(ctx: AppContext, query: AdminFileQuery): Promise<DriveFileRow[]> {
  const { where, orderBy } = paginate(driveFiles.id, query);
  const conditions: (SQL | undefined)[] = [where];
  if (query.userId) conditions.push(eq(driveFiles.userId, query.userId));
  else if (query.hostname) conditions.push(eq(driveFiles.userHost, query.hostname.toLowerCase()));
  else if (query.origin === 'local') conditions.push(isNull(driveFiles.userHost));
  else if (query.origin === 'remote') conditions.push(isNotNull(driveFiles.userHost));
  if (query.type) {
    conditions.push(query.type.endsWith('/*') ? like(driveFiles.type, `${query.type.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`) : eq(driveFiles.type, query.type));
  }
  return ctx.db.select().from(driveFiles).where(and(...conditions)).orderBy(orderBy).limit(query.limit);
}

export async function findFileForModerators(ctx: AppContext, by: { fileId?: string; url?: string }): Promise<DriveFileRow | null> {
  if (by.fileId) return findFileById(ctx, by.fileId);
  return by.url ? findFileByUrl(ctx, by.url) : null;
}

/** `admin/drive/show-file`'s shape (misskey-js): the stored row, keys and all. Mikan keeps no request IP/headers for uploads. */
export function packFileForModerators(ctx: AppContext, row: DriveFileRow) {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    userId: row.userId,
    userHost: row.userHost,
    md5: row.md5,
    name: row.name,
    type: row.type,
    size: row.size,
    comment: row.comment,
    blurhash: row.blurhash,
    properties: publicProperties(row),
    storedInternal: true,
    url: fileUrl(ctx, row),
    thumbnailUrl: fileThumbnailUrl(ctx, row),
    webpublicUrl: row.webpublicAccessKey ? fileUrl(ctx, row) : null,
    accessKey: row.accessKey,
    thumbnailAccessKey: row.thumbnailAccessKey,
    webpublicAccessKey: row.webpublicAccessKey,
    uri: row.uri,
    src: row.src,
    folderId: row.folderId,
    isSensitive: row.isSensitive,
    isLink: row.isLink,
    maybeSensitive: row.maybeSensitive,
    maybePorn: false,
    requestIp: null,
    requestHeaders: null,
  };
}

const BATCH = 100;

/**
 * Deletes files one batch at a time (each file: row, blobs, avatars/banners showing it), logging
 * each as `deleteDriveFile` when a moderator asked. Resumable: a rerun finds what is left.
 * Answers how many it deleted.
 */
export async function deleteFilesWhere(ctx: AppContext, condition: SQL, moderatorId: string | null, onProgress?: (deleted: number) => Promise<void>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await ctx.db.select({ file: driveFiles, username: users.username }).from(driveFiles)
      .leftJoin(users, eq(users.id, driveFiles.userId))
      .where(condition).orderBy(asc(driveFiles.id)).limit(BATCH);
    if (batch.length === 0) return deleted;
    for (const { file, username } of batch) {
      await deleteFile(ctx, file);
      if (moderatorId) {
        await recordModerationAction(ctx, {
          moderatorId, type: 'deleteDriveFile',
          info: { fileId: file.id, fileUserId: file.userId, fileUserUsername: username, fileUserHost: file.userHost },
        });
      }
      deleted++;
    }
    await onProgress?.(deleted);
  }
}

export const filesOfUser = (userId: string) => eq(driveFiles.userId, userId);
/** Misskey's `admin/drive/cleanup`: files no account owns any more. */
export const ownerlessFiles = () => isNull(driveFiles.userId);
