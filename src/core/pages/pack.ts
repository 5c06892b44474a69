import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, pageLikes, type PageRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packDriveFiles } from '../drive/pack.js';
import type { DriveFile } from '../drive/schema.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { Page } from './schema.js';

/** The file ids of a page's image blocks, sections searched too (Misskey's `attachedFiles`). */
export function imageFileIds(blocks: readonly unknown[]): string[] {
  const ids: string[] = [];
  const walk = (list: readonly unknown[]) => {
    for (const block of list) {
      if (typeof block !== 'object' || block === null) continue;
      const { type, fileId, children } = block as { type?: unknown; fileId?: unknown; children?: unknown };
      if (type === 'image' && typeof fileId === 'string') ids.push(fileId);
      if (Array.isArray(children)) walk(children);
    }
  };
  walk(blocks);
  return ids;
}

/**
 * Pages as misskey-js `Page`, in order, in a fixed number of queries: authors, files (eye-catching
 * images and the image blocks' files, those of the page's author only, as Misskey) and the
 * viewer's likes.
 */
export async function packPages(ctx: AppContext, rows: readonly PageRow[], viewer: AuthUser | null): Promise<Page[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const fileIds = [...new Set(rows.flatMap((row) => [...imageFileIds(row.content), ...(row.eyeCatchingImageId ? [row.eyeCatchingImageId] : [])]))];
  const [authors, fileRows, liked] = await Promise.all([
    findUsersForPacking(ctx, [...new Set(rows.map((row) => row.userId))]),
    fileIds.length > 0 ? ctx.db.select().from(driveFiles).where(inArray(driveFiles.id, fileIds)) : Promise.resolve([]),
    viewer
      ? ctx.db.select({ pageId: pageLikes.pageId }).from(pageLikes).where(and(eq(pageLikes.userId, viewer.id), inArray(pageLikes.pageId, ids)))
      : Promise.resolve([]),
  ]);
  const packedFiles = await packDriveFiles(ctx, fileRows);
  const files = new Map<string, { owner: string; file: DriveFile }>(fileRows.map((row, i) => [row.id, { owner: row.userId ?? '', file: packedFiles[i]! }]));
  const myLikes = new Set(liked.map((row) => row.pageId));
  const authorsFile = (id: string | null, owner: string) => {
    const found = id ? files.get(id) : undefined;
    return found && found.owner === owner ? found.file : null;
  };
  return rows.flatMap((row) => {
    const author = authors.get(row.userId);
    if (!author) return [];
    const packed: Page = {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      userId: row.userId,
      user: packUserLite(ctx, author, viewer),
      content: row.content as Page['content'],
      variables: row.variables as Page['variables'],
      title: row.title,
      name: row.name,
      summary: row.summary,
      hideTitleWhenPinned: row.hideTitleWhenPinned,
      alignCenter: row.alignCenter,
      font: row.font,
      script: row.script,
      eyeCatchingImageId: row.eyeCatchingImageId,
      eyeCatchingImage: authorsFile(row.eyeCatchingImageId, row.userId),
      attachedFiles: [...new Set(imageFileIds(row.content))].flatMap((id) => { const file = authorsFile(id, row.userId); return file ? [file] : []; }),
      likedCount: row.likedCount,
    };
    if (viewer) packed.isLiked = myLikes.has(row.id);
    return [packed];
  });
}

export async function packPage(ctx: AppContext, row: PageRow, viewer: AuthUser | null): Promise<Page> {
  const [packed] = await packPages(ctx, [row], viewer);
  if (!packed) throw new Error(`page ${row.id}: its author is gone`);
  return packed;
}
