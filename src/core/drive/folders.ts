import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, driveFolders, type DriveFolderRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { publishDriveStream } from '../../bus/topics.js';
import { paginate, type Page } from '../pagination.js';
import { packDriveFolder } from './pack.js';

export class FolderError extends Error {
  constructor(readonly reason: 'no-such-folder' | 'no-such-parent' | 'recursive-nesting' | 'has-children', message: string) {
    super(message);
    this.name = 'FolderError';
  }
}

/** A folder of this user's, or null (someone else's folder is as good as none). */
export async function findOwnFolder(ctx: AppContext, userId: string, folderId: string): Promise<DriveFolderRow | null> {
  const [row] = await ctx.db.select().from(driveFolders).where(and(eq(driveFolders.id, folderId), eq(driveFolders.userId, userId)));
  return row ?? null;
}

export async function listFolders(ctx: AppContext, userId: string, query: Page & { limit: number; folderId: string | null }): Promise<DriveFolderRow[]> {
  const { where, orderBy } = paginate(driveFolders.id, query);
  const parent = query.folderId === null ? isNull(driveFolders.parentId) : eq(driveFolders.parentId, query.folderId);
  return ctx.db.select().from(driveFolders).where(and(eq(driveFolders.userId, userId), parent, where)).orderBy(orderBy).limit(query.limit);
}

export async function findFoldersByName(ctx: AppContext, userId: string, name: string, parentId: string | null): Promise<DriveFolderRow[]> {
  return ctx.db.select().from(driveFolders).where(and(
    eq(driveFolders.userId, userId), eq(driveFolders.name, name),
    parentId === null ? isNull(driveFolders.parentId) : eq(driveFolders.parentId, parentId),
  )).orderBy(desc(driveFolders.id)).limit(100);
}

export async function createFolder(ctx: AppContext, userId: string, name: string, parentId: string | null): Promise<DriveFolderRow> {
  if (parentId && !await findOwnFolder(ctx, userId, parentId)) throw new FolderError('no-such-parent', 'No such folder.');
  const [row] = await ctx.db.insert(driveFolders).values({ id: genId(), userId, name, parentId }).returning();
  publishDriveStream(ctx, userId, 'folderCreated', await packDriveFolder(ctx, row!));
  return row!;
}

/**
 * Renames and/or moves a folder. A move may not put a folder inside itself or one of its
 * descendants (RECURSIVE_NESTING): checked by walking up from the new parent, under a per-user lock
 * so two concurrent moves cannot build a cycle between them.
 */
export async function updateFolder(ctx: AppContext, folder: DriveFolderRow, changes: { name?: string; parentId?: string | null }): Promise<DriveFolderRow> {
  const row = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`drive-folders:${folder.userId}`}, 0))`);
    const set: Partial<DriveFolderRow> = {};
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.parentId !== undefined) {
      if (changes.parentId !== null) {
        if (changes.parentId === folder.id) throw new FolderError('recursive-nesting', 'It can not be structured like nesting folders recursively.');
        const [parent] = await tx.select({ id: driveFolders.id }).from(driveFolders)
          .where(and(eq(driveFolders.id, changes.parentId), eq(driveFolders.userId, folder.userId)));
        if (!parent) throw new FolderError('no-such-parent', 'No such parent folder.');
        const { rows } = await tx.execute<{ id: string }>(sql`
          WITH RECURSIVE ancestors AS (
            SELECT id, parent_id FROM drive_folders WHERE id = ${changes.parentId}
            UNION
            SELECT f.id, f.parent_id FROM drive_folders f JOIN ancestors a ON f.id = a.parent_id
          )
          SELECT id FROM ancestors WHERE id = ${folder.id}`);
        if (rows.length > 0) throw new FolderError('recursive-nesting', 'It can not be structured like nesting folders recursively.');
      }
      set.parentId = changes.parentId;
    }
    if (Object.keys(set).length === 0) return folder;
    const [updated] = await tx.update(driveFolders).set(set).where(eq(driveFolders.id, folder.id)).returning();
    return updated ?? folder;
  });
  publishDriveStream(ctx, folder.userId, 'folderUpdated', await packDriveFolder(ctx, row));
  return row;
}

/** Deletes an empty folder; one holding files or folders is refused (HAS_CHILD_FILES_OR_FOLDERS). */
export async function deleteFolder(ctx: AppContext, folder: DriveFolderRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`drive-folders:${folder.userId}`}, 0))`);
    const [child] = await tx.select({ id: driveFolders.id }).from(driveFolders).where(eq(driveFolders.parentId, folder.id)).limit(1);
    const [file] = await tx.select({ id: driveFiles.id }).from(driveFiles).where(eq(driveFiles.folderId, folder.id)).limit(1);
    if (child || file) throw new FolderError('has-children', 'This folder has child files or folders.');
    await tx.delete(driveFolders).where(eq(driveFolders.id, folder.id));
  });
  publishDriveStream(ctx, folder.userId, 'folderDeleted', folder.id);
}
