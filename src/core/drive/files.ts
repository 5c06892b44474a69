import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { and, arrayContains, asc, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usersChanged } from '../cache/caches.js';
import { driveFiles, driveFolders, notes, userProfiles, users, type DriveFileRow, type NoteRow } from '../../db/schema/index.js';
import type { Executor, Tx } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { blobUrl, storageOf } from '../../storage/index.js';
import { publishDriveStream, publishMainStream } from '../../bus/topics.js';
import { paginate, type Page } from '../pagination.js';
import { detectType, processImage } from './file-info.js';
import { packDriveFile } from './pack.js';
import { policiesOf } from '../roles/policies.js';
import { recordDriveFile } from '../charts/record.js';
import type { RolePolicies } from '../meta/policies.js';

/** Why a file was not stored; the endpoints turn these into their declared errors. */
export class DriveError extends Error {
  constructor(readonly reason: 'no-free-space' | 'unallowed-type' | 'invalid-name' | 'no-such-folder' | 'too-large', message: string) {
    super(message);
    this.name = 'DriveError';
  }
}

/** Misskey's rule for file names (DriveFileRepository.validateFileName). */
export function isValidFileName(name: string): boolean {
  return name.trim().length > 0 && name.length <= 200 && !name.includes('\\') && !name.includes('/') && !name.includes('..');
}

function capUpload(ctx: AppContext, policyMb: number): number {
  const policy = policyMb * 1024 * 1024;
  return ctx.config.maxUploadBytes == null ? policy : Math.min(policy, ctx.config.maxUploadBytes);
}

/** Largest file this user may upload: their role policy `maxFileSizeMb`, capped by MIKAN_MAX_UPLOAD_MB. */
export async function maxUploadBytes(ctx: AppContext, userId: string): Promise<number> {
  return capUpload(ctx, (await policiesOf(ctx, userId)).maxFileSizeMb);
}

/**
 * Largest file anyone may upload (the base policy or any role's), for reading an upload before its
 * sender is known; the sender's own limit is checked once they are (src/api/call.ts).
 */
export function largestUploadBytes(ctx: AppContext): number {
  const mb = Math.max(ctx.meta.policies.maxFileSizeMb, ...ctx.roles.latest.roles.map((role) => {
    const value = role.policies.maxFileSizeMb?.value;
    return typeof value === 'number' && role.policies.maxFileSizeMb?.useDefault === false ? value : 0;
  }));
  return capUpload(ctx, mb);
}

export async function driveCapacityBytes(ctx: AppContext, userId: string): Promise<number> {
  return (await policiesOf(ctx, userId)).driveCapacityMb * 1024 * 1024;
}

/** Bytes the user's files take (originals, as Misskey counts). */
export async function driveUsage(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ total: sql<string | null>`sum(${driveFiles.size})` }).from(driveFiles).where(eq(driveFiles.userId, userId));
  return Number(row?.total ?? 0);
}

function isAllowedType(policies: RolePolicies, mime: string): boolean {
  return policies.uploadableFileTypes.some((pattern) =>
    pattern === '*/*' || (pattern.endsWith('/*') ? mime.startsWith(pattern.slice(0, -1)) : pattern === mime));
}

export interface NewFile {
  userId: string;
  /** A file Mikan owns: it is moved into storage or removed, never left behind. */
  path: string;
  size: number;
  md5: string;
  name: string;
  folderId?: string | null;
  comment?: string | null;
  isSensitive?: boolean;
  /** False: an identical file (same MD5) already in the user's drive is returned instead of storing a copy. */
  force?: boolean;
  /** upload-from-url: where it came from. */
  src?: string | null;
  /** Moderators and administrators may upload any type: the `uploadableFileTypes` policy does not apply (as in Misskey). */
  uploaderIsModerator?: boolean;
  /**
   * The server wrote the file and knows its type (an export): used instead of sniffing it, and not
   * held against the owner's `uploadableFileTypes` (an empty export is still stored).
   */
  knownType?: { mime: string; ext: string };
  /** Writes that must commit with the file's row (an export's record and notification); it throws to refuse the file. */
  inTransaction?: (tx: Tx, row: DriveFileRow) => Promise<void>;
}

function storageKey(ext: string | null, prefix = ''): string {
  return `${prefix}${randomUUID()}${ext ? `.${ext}` : ''}`;
}

function extensionOf(name: string): string | null {
  const ext = path.extname(name).slice(1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : null;
}

/** Extensions that name the same detected type (file-type reports the first). */
const EXTENSION_ALIASES: Record<string, string[]> = { jpg: ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'], tif: ['tif', 'tiff'] };

/**
 * Misskey's `correctFilename`: a name whose extension does not match the type detected from the
 * content gets the detected extension appended (`x.png` holding a JPEG becomes `x.png.jpg`), so a
 * downloaded file opens as what it is. Types without a known extension (text, unknown bytes) keep
 * the name as given (Misskey appends `.unknown`; see docs/decisions.md).
 */
export function withDetectedExtension(name: string, detectedExt: string | null): string {
  if (!detectedExt) return name;
  const ext = extensionOf(name);
  if (ext && (EXTENSION_ALIASES[detectedExt] ?? [detectedExt]).includes(ext)) return name;
  return `${name}.${detectedExt}`;
}

/**
 * Stores an uploaded file: type from its content, checks (name, folder, type policy, capacity),
 * image variants, blobs into storage, then the row — capacity re-checked under a per-user lock in
 * the same transaction, so racing uploads cannot overrun it. Any failure removes what was stored,
 * so no blob and no row outlive a refused upload. Publishes `driveFileCreated` / `fileCreated`.
 */
export async function addFile(ctx: AppContext, input: NewFile): Promise<DriveFileRow> {
  const storage = storageOf(ctx);
  const stored: string[] = [];
  try {
    if (!isValidFileName(input.name)) throw new DriveError('invalid-name', 'Invalid file name.');
    if (!input.force) {
      const [same] = await ctx.db.select().from(driveFiles)
        .where(and(eq(driveFiles.userId, input.userId), eq(driveFiles.md5, input.md5), eq(driveFiles.size, input.size))).limit(1);
      if (same) return same;
    }
    if (input.folderId) {
      const [folder] = await ctx.db.select({ id: driveFolders.id }).from(driveFolders)
        .where(and(eq(driveFolders.id, input.folderId), eq(driveFolders.userId, input.userId)));
      if (!folder) throw new DriveError('no-such-folder', 'No such folder.');
    }
    const policies = await policiesOf(ctx, input.userId);
    const type = input.knownType ?? await detectType(input.path, input.size, input.name);
    if (!input.knownType && !input.uploaderIsModerator && !isAllowedType(policies, type.mime)) throw new DriveError('unallowed-type', `Cannot upload the file because it is an unallowed file type (${type.mime}).`);
    const capacity = policies.driveCapacityMb * 1024 * 1024;
    if (await driveUsage(ctx.db, input.userId) + input.size > capacity) throw new DriveError('no-free-space', 'Cannot upload the file because you have no free space of drive.');

    const name = withDetectedExtension(input.name, type.ext);
    const image = await processImage(input.path, type.mime);
    const [owner] = await ctx.db.select({ alwaysMarkNsfw: userProfiles.alwaysMarkNsfw }).from(userProfiles).where(eq(userProfiles.userId, input.userId));

    const accessKey = storageKey(type.ext ?? extensionOf(name));
    const thumbnailAccessKey = image?.thumbnail ? storageKey('webp', 'thumbnail-') : null;
    const webpublicAccessKey = image?.webpublic ? storageKey(image.webpublic.type === 'image/png' ? 'png' : 'webp', 'webpublic-') : null;
    await storage.putFile(accessKey, input.path, type.mime);
    stored.push(accessKey);
    if (image?.thumbnail && thumbnailAccessKey) {
      await storage.putBuffer(thumbnailAccessKey, image.thumbnail.data, image.thumbnail.type);
      stored.push(thumbnailAccessKey);
    }
    if (image?.webpublic && webpublicAccessKey) {
      await storage.putBuffer(webpublicAccessKey, image.webpublic.data, image.webpublic.type);
      stored.push(webpublicAccessKey);
    }

    const row = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`drive:${input.userId}`}, 0))`);
      if (await driveUsage(tx, input.userId) + input.size > capacity) throw new DriveError('no-free-space', 'Cannot upload the file because you have no free space of drive.');
      const properties: DriveFileRow['properties'] = {};
      if (image?.width != null) properties.width = image.width;
      if (image?.height != null) properties.height = image.height;
      if (image?.orientation != null) properties.orientation = image.orientation;
      if (image?.avgColor) properties.avgColor = image.avgColor;
      const [inserted] = await tx.insert(driveFiles).values({
        id: genId(),
        userId: input.userId,
        userHost: null,
        folderId: input.folderId ?? null,
        name,
        type: type.mime,
        md5: input.md5,
        size: input.size,
        comment: input.comment ?? null,
        blurhash: image?.blurhash ?? null,
        properties,
        isSensitive: Boolean(input.isSensitive || policies.alwaysMarkNsfw || owner?.alwaysMarkNsfw),
        accessKey,
        thumbnailAccessKey,
        webpublicAccessKey,
        webpublicType: image?.webpublic?.type ?? null,
        src: input.src ?? null,
        width: image?.width ?? null,
        height: image?.height ?? null,
      }).returning();
      await input.inTransaction?.(tx, inserted!);
      return inserted!;
    });
    stored.length = 0;
    recordDriveFile(ctx, row, true);
    const packed = await packDriveFile(ctx, row);
    publishMainStream(ctx, input.userId, 'driveFileCreated', packed);
    publishDriveStream(ctx, input.userId, 'fileCreated', packed);
    return row;
  } finally {
    await rm(input.path, { force: true });
    await Promise.all(stored.map((key) => storage.delete(key).catch((error) => ctx.log.warn({ err: error, key }, 'could not remove a blob of a failed upload'))));
  }
}

export async function findFileById(ctx: AppContext, fileId: string): Promise<DriveFileRow | null> {
  const [row] = await ctx.db.select().from(driveFiles).where(eq(driveFiles.id, fileId));
  return row ?? null;
}

/** The file a public URL (`url`, `thumbnailUrl` or the original's) points at, if it is one of ours. */
export async function findFileByKey(ctx: AppContext, key: string): Promise<DriveFileRow | null> {
  const [row] = await ctx.db.select().from(driveFiles)
    .where(or(eq(driveFiles.accessKey, key), eq(driveFiles.thumbnailAccessKey, key), eq(driveFiles.webpublicAccessKey, key))).limit(1);
  return row ?? null;
}

export interface ListFilesQuery extends Page {
  limit: number;
  /** undefined: any folder (drive/stream); null: the root. */
  folderId?: string | null;
  /** A MIME type, `image/*` style wildcards allowed. */
  type?: string | null;
  sort?: '+createdAt' | '-createdAt' | '+name' | '-name' | '+size' | '-size' | null;
}

function typeFilter(type: string | null | undefined): SQL | undefined {
  if (!type) return undefined;
  if (type.endsWith('/*')) return like(driveFiles.type, `${type.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`);
  return eq(driveFiles.type, type);
}

export async function listFiles(ctx: AppContext, userId: string, query: ListFilesQuery): Promise<DriveFileRow[]> {
  const folder = query.folderId === undefined ? undefined : query.folderId === null ? isNull(driveFiles.folderId) : eq(driveFiles.folderId, query.folderId);
  const base = and(eq(driveFiles.userId, userId), folder, typeFilter(query.type));
  if (query.sort) {
    // Misskey: sorting replaces id paging.
    const column = query.sort.endsWith('createdAt') ? driveFiles.id : query.sort.endsWith('name') ? driveFiles.name : driveFiles.size;
    const order = query.sort.startsWith('+') ? desc : asc;
    return ctx.db.select().from(driveFiles).where(base).orderBy(order(column), order(driveFiles.id)).limit(query.limit);
  }
  const { where, orderBy } = paginate(driveFiles.id, query);
  return ctx.db.select().from(driveFiles).where(and(base, where)).orderBy(orderBy).limit(query.limit);
}

export async function findFilesByName(ctx: AppContext, userId: string, name: string, folderId: string | null): Promise<DriveFileRow[]> {
  return ctx.db.select().from(driveFiles).where(and(
    eq(driveFiles.userId, userId), eq(driveFiles.name, name),
    folderId === null ? isNull(driveFiles.folderId) : eq(driveFiles.folderId, folderId),
  )).orderBy(desc(driveFiles.id)).limit(100);
}

export async function findFilesByHash(ctx: AppContext, userId: string, md5: string): Promise<DriveFileRow[]> {
  return ctx.db.select().from(driveFiles).where(and(eq(driveFiles.userId, userId), eq(driveFiles.md5, md5.toLowerCase())))
    .orderBy(desc(driveFiles.id)).limit(100);
}

export interface FileChanges { name?: string; folderId?: string | null; comment?: string | null; isSensitive?: boolean }

/** Updates a file the caller owns; folder must be the caller's. Publishes `fileUpdated`. */
export async function updateFile(ctx: AppContext, file: DriveFileRow, changes: FileChanges): Promise<DriveFileRow> {
  if (changes.name !== undefined && !isValidFileName(changes.name)) throw new DriveError('invalid-name', 'Invalid file name.');
  if (changes.folderId) {
    const [folder] = await ctx.db.select({ id: driveFolders.id }).from(driveFolders)
      .where(and(eq(driveFolders.id, changes.folderId), eq(driveFolders.userId, file.userId!)));
    if (!folder) throw new DriveError('no-such-folder', 'No such folder.');
  }
  const set: Partial<DriveFileRow> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.folderId !== undefined) set.folderId = changes.folderId;
  if (changes.comment !== undefined) set.comment = changes.comment;
  if (changes.isSensitive !== undefined) set.isSensitive = changes.isSensitive;
  let row = file;
  if (Object.keys(set).length > 0) {
    const [updated] = await ctx.db.update(driveFiles).set(set).where(eq(driveFiles.id, file.id)).returning();
    row = updated ?? file;
  }
  if (file.userId) publishDriveStream(ctx, file.userId, 'fileUpdated', await packDriveFile(ctx, row));
  return row;
}

/** Moves several of the user's files into a folder (or the root); files that are not theirs are left alone. */
export async function moveFiles(ctx: AppContext, userId: string, fileIds: readonly string[], folderId: string | null): Promise<void> {
  if (folderId) {
    const [folder] = await ctx.db.select({ id: driveFolders.id }).from(driveFolders).where(and(eq(driveFolders.id, folderId), eq(driveFolders.userId, userId)));
    if (!folder) throw new DriveError('no-such-folder', 'No such folder.');
  }
  if (fileIds.length === 0) return;
  const moved = await ctx.db.update(driveFiles).set({ folderId })
    .where(and(eq(driveFiles.userId, userId), inArray(driveFiles.id, [...fileIds]))).returning();
  for (const row of moved) publishDriveStream(ctx, userId, 'fileUpdated', await packDriveFile(ctx, row));
}

/** Deletes the row, then its blobs; avatars/banners that showed it are cleared. Publishes `fileDeleted`. */
export async function deleteFile(ctx: AppContext, file: DriveFileRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(driveFiles).where(eq(driveFiles.id, file.id));
    await tx.update(users).set({ avatarId: null, avatarUrl: null, avatarBlurhash: null }).where(eq(users.avatarId, file.id));
    await tx.update(users).set({ bannerId: null, bannerUrl: null, bannerBlurhash: null }).where(eq(users.bannerId, file.id));
  });
  recordDriveFile(ctx, file, false);
  if (file.userId) usersChanged(ctx, file.userId);
  const storage = storageOf(ctx);
  for (const key of [file.accessKey, file.thumbnailAccessKey, file.webpublicAccessKey]) {
    if (key) await storage.delete(key).catch((error) => ctx.log.warn({ err: error, key }, 'could not remove a deleted file\'s blob'));
  }
  if (file.userId) publishDriveStream(ctx, file.userId, 'fileDeleted', file.id);
}

/** The file a URL Mikan gave out (`url`, `thumbnailUrl`, or the original's) belongs to. */
export async function findFileByUrl(ctx: AppContext, url: string): Promise<DriveFileRow | null> {
  const base = blobUrl(ctx.config, 'KEY').replace(/KEY$/, '');
  if (!url.startsWith(base)) return null;
  let key: string;
  try {
    key = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]!);
  } catch {
    return null;
  }
  return key ? findFileByKey(ctx, key) : null;
}

/** Notes that carry this file, newest first (paged by note id; the GIN index on file_ids finds them). */
export async function listAttachedNotes(ctx: AppContext, fileId: string, page: Page & { limit: number }): Promise<NoteRow[]> {
  const { where, orderBy } = paginate(notes.id, page);
  return ctx.db.select().from(notes).where(and(arrayContains(notes.fileIds, [fileId]), where)).orderBy(orderBy).limit(page.limit);
}
