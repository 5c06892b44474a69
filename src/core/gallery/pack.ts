import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { galleryLikes, type GalleryPostRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packDriveFilesByIds } from '../drive/pack.js';
import { packUserLite } from '../users/pack.js';
import { findUsersForPacking } from '../users/read.js';
import type { GalleryPost } from './schema.js';

/**
 * Gallery posts as misskey-js `GalleryPost`, in order, in a fixed number of queries: authors, files
 * and the viewer's likes. Files deleted from the drive since drop out of `files` (Misskey packs by id).
 */
export async function packGalleryPosts(ctx: AppContext, rows: readonly GalleryPostRow[], viewer: AuthUser | null): Promise<GalleryPost[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [authors, files, liked] = await Promise.all([
    findUsersForPacking(ctx, [...new Set(rows.map((row) => row.userId))]),
    packDriveFilesByIds(ctx, [...new Set(rows.flatMap((row) => row.fileIds))]),
    viewer
      ? ctx.db.select({ postId: galleryLikes.postId }).from(galleryLikes)
        .where(and(eq(galleryLikes.userId, viewer.id), inArray(galleryLikes.postId, ids)))
      : Promise.resolve([]),
  ]);
  const myLikes = new Set(liked.map((row) => row.postId));
  return rows.flatMap((row) => {
    const author = authors.get(row.userId);
    if (!author) return [];
    const packed: GalleryPost = {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      userId: row.userId,
      user: packUserLite(ctx, author, viewer),
      title: row.title,
      description: row.description,
      fileIds: row.fileIds,
      files: row.fileIds.flatMap((id) => { const file = files.get(id); return file ? [file] : []; }),
      tags: [],
      isSensitive: row.isSensitive,
      likedCount: row.likedCount,
    };
    if (viewer) packed.isLiked = myLikes.has(row.id);
    return [packed];
  });
}

export async function packGalleryPost(ctx: AppContext, row: GalleryPostRow, viewer: AuthUser | null): Promise<GalleryPost> {
  const [packed] = await packGalleryPosts(ctx, [row], viewer);
  if (!packed) throw new Error(`gallery post ${row.id}: its author is gone`);
  return packed;
}
