import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, users, type DriveFileRow, type DriveFolderRow } from '../../db/schema/index.js';
import { parseIdTime } from '../../misc/id.js';
import { blobUrl } from '../../storage/url.js';
import { packUserLite } from '../users/pack.js';
import type { DriveFile, DriveFolder } from './schema.js';

export type { DriveFileRow, DriveFolderRow };

export interface PackFileOptions {
  /** Include `folder` (detailed: counts and the chain of parents), as drive/files/show does. */
  detail?: boolean;
  /** Include `user` (UserLite). */
  withUser?: boolean;
}

/** Image types browsers show inline; the original of these doubles as its own thumbnail (Misskey). */
const WEB_IMAGE_TYPES = new Set(['image/png', 'image/gif', 'image/jpeg', 'image/webp', 'image/avif', 'image/apng', 'image/bmp', 'image/vnd.microsoft.icon']);

/** `url`: the web-public version when one was made (EXIF applied, metadata stripped), else the original. */
export function fileUrl(ctx: AppContext, file: Pick<DriveFileRow, 'accessKey' | 'webpublicAccessKey'>): string {
  return blobUrl(ctx.config, file.webpublicAccessKey ?? file.accessKey);
}

export function fileThumbnailUrl(ctx: AppContext, file: Pick<DriveFileRow, 'accessKey' | 'webpublicAccessKey' | 'thumbnailAccessKey' | 'type'>): string | null {
  if (file.thumbnailAccessKey) return blobUrl(ctx.config, file.thumbnailAccessKey);
  if (WEB_IMAGE_TYPES.has(file.type)) return fileUrl(ctx, file);
  return null;
}

/** Misskey's public properties: width/height as displayed (EXIF orientation 5-8 swaps them), no orientation. */
export function publicProperties(file: Pick<DriveFileRow, 'properties'>): DriveFile['properties'] {
  const { orientation, ...rest } = file.properties ?? {};
  if (orientation != null && orientation >= 5 && rest.width != null && rest.height != null) {
    return { ...rest, width: rest.height, height: rest.width };
  }
  return rest;
}

function packFolderRow(folder: DriveFolderRow): DriveFolder {
  return {
    id: folder.id,
    createdAt: folder.createdAt.toISOString(),
    name: folder.name,
    parentId: folder.parentId,
  };
}

/**
 * Detailed folders (Misskey's `detail: true`): counts of child folders and files, and the parent
 * chain, each level detailed too. Two queries for any number of folders: one recursive query for
 * the folders and all their ancestors, one for the counts.
 */
async function loadDetailedFolders(ctx: AppContext, folderIds: readonly string[]): Promise<Map<string, DriveFolder>> {
  const result = new Map<string, DriveFolder>();
  if (folderIds.length === 0) return result;
  const ids = sql`ARRAY[${sql.join([...new Set(folderIds)].map((id) => sql`${id}`), sql`, `)}]::varchar[]`;
  const { rows } = await ctx.db.execute<{ id: string; user_id: string; name: string; parent_id: string | null; created_at: string | Date }>(sql`
    WITH RECURSIVE chain AS (
      SELECT f.* FROM drive_folders f WHERE f.id = ANY(${ids})
      UNION
      SELECT p.* FROM drive_folders p JOIN chain c ON p.id = c.parent_id
    )
    SELECT id, user_id, name, parent_id, created_at FROM chain`);
  if (rows.length === 0) return result;
  const allIds = sql`ARRAY[${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)}]::varchar[]`;
  const { rows: counts } = await ctx.db.execute<{ id: string; folders: string | number; files: string | number }>(sql`
    SELECT x.id,
      (SELECT count(*) FROM drive_folders c WHERE c.parent_id = x.id) AS folders,
      (SELECT count(*) FROM drive_files d WHERE d.folder_id = x.id) AS files
    FROM unnest(${allIds}) AS x(id)`);
  const countById = new Map(counts.map((c) => [c.id, c]));
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const build = (id: string, depth: number): DriveFolder | null => {
    const cached = result.get(id);
    if (cached) return cached;
    const row = rowById.get(id);
    if (!row || depth > 1000) return null;
    const count = countById.get(id);
    const packed: DriveFolder = {
      id: row.id,
      createdAt: new Date(row.created_at).toISOString(),
      name: row.name,
      parentId: row.parent_id,
      foldersCount: Number(count?.folders ?? 0),
      filesCount: Number(count?.files ?? 0),
    };
    if (row.parent_id) packed.parent = build(row.parent_id, depth + 1);
    result.set(id, packed);
    return packed;
  };
  for (const row of rows) build(row.id, 0);
  return result;
}

/** Folders as the API shows them; `detail` adds counts and the parent chain (a fixed number of queries). */
export async function packDriveFolders(ctx: AppContext, folders: readonly DriveFolderRow[], options: { detail?: boolean } = {}): Promise<DriveFolder[]> {
  if (!options.detail) return folders.map(packFolderRow);
  const detailed = await loadDetailedFolders(ctx, folders.map((f) => f.id));
  return folders.map((f) => detailed.get(f.id) ?? packFolderRow(f));
}

export async function packDriveFolder(ctx: AppContext, folder: DriveFolderRow, options: { detail?: boolean } = {}): Promise<DriveFolder> {
  return (await packDriveFolders(ctx, [folder], options))[0]!;
}

function packFileRow(ctx: AppContext, file: DriveFileRow): DriveFile {
  return {
    id: file.id,
    createdAt: (file.createdAt ?? parseIdTime(file.id)).toISOString(),
    name: file.name,
    type: file.type,
    md5: file.md5,
    size: file.size,
    isSensitive: file.isSensitive,
    blurhash: file.blurhash,
    properties: publicProperties(file),
    url: fileUrl(ctx, file),
    thumbnailUrl: fileThumbnailUrl(ctx, file),
    comment: file.comment,
    folderId: file.folderId,
    userId: file.userId,
  };
}

/** Files as the API shows them, in the order given. At most three queries whatever the number of files. */
export async function packDriveFiles(ctx: AppContext, rows: readonly DriveFileRow[], options: PackFileOptions = {}): Promise<DriveFile[]> {
  const packed = rows.map((row) => packFileRow(ctx, row));
  if (options.detail) {
    const folderIds = rows.flatMap((r) => (r.folderId ? [r.folderId] : []));
    const folders = await loadDetailedFolders(ctx, folderIds);
    packed.forEach((p) => { p.folder = p.folderId ? folders.get(p.folderId) ?? null : null; });
  }
  if (options.withUser) {
    const userIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
    const owners = userIds.length > 0 ? await ctx.db.select().from(users).where(inArray(users.id, userIds)) : [];
    const byId = new Map(owners.map((u) => [u.id, packUserLite(ctx, u)]));
    packed.forEach((p) => { p.user = p.userId ? byId.get(p.userId) ?? null : null; });
  }
  return packed;
}

export async function packDriveFile(ctx: AppContext, row: DriveFileRow, options: PackFileOptions = {}): Promise<DriveFile> {
  return (await packDriveFiles(ctx, [row], options))[0]!;
}

/**
 * Files by id (note attachments): one query, missing ids left out of the map. Callers keep their
 * own order (a note's `fileIds`).
 */
export async function packDriveFilesByIds(ctx: AppContext, ids: readonly string[], options: PackFileOptions = {}): Promise<Map<string, DriveFile>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.select().from(driveFiles).where(inArray(driveFiles.id, unique));
  const packed = await packDriveFiles(ctx, rows, options);
  return new Map(packed.map((p) => [p.id, p]));
}
