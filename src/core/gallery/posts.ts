import { and, desc, eq, gt, inArray, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, galleryLikes, galleryPosts, type GalleryPostRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { authorsHiddenFrom, canSeeAuthorContent, loadViewerContext } from '../notes/visibility.js';
import { paginate, type Page } from '../pagination.js';

/**
 * Gallery posts (Misskey's `gallery/*`). Every post is public, as in Misskey; who may see an author's
 * posts is decided by the visibility module (`canSeeAuthorContent`: suspended or deleted authors and
 * blocks either way hide them), so a hidden post answers `NO_SUCH_POST` like a missing one and lists
 * leave it out.
 */

/** Misskey's `gallery/featured` window: posts of the last three days. */
export const FEATURED_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

/** A post the viewer may see, or null. */
export async function findVisibleGalleryPost(ctx: AppContext, postId: string, viewer: AuthUser | null): Promise<GalleryPostRow | null> {
  const [post] = await ctx.db.select().from(galleryPosts).where(eq(galleryPosts.id, postId)).limit(1);
  if (!post) return null;
  return canSeeAuthorContent(post.userId, await loadViewerContext(ctx, viewer)) ? post : null;
}

async function visibleWhere(ctx: AppContext, viewer: AuthUser | null): Promise<SQL | undefined> {
  const hidden = authorsHiddenFrom(await loadViewerContext(ctx, viewer));
  return hidden.length > 0 ? notInArray(galleryPosts.userId, hidden) : undefined;
}

/** `gallery/posts`: every visible post, newest first, paged by id. */
export async function listGalleryPosts(ctx: AppContext, viewer: AuthUser | null, page: Page & { limit: number }): Promise<GalleryPostRow[]> {
  const { where, orderBy } = paginate(galleryPosts.id, page);
  return ctx.db.select().from(galleryPosts).where(and(where, await visibleWhere(ctx, viewer))).orderBy(orderBy).limit(page.limit);
}

/** `users/gallery/posts` and `i/gallery/posts`: one author's posts (none when the viewer may not see them). */
export async function listGalleryPostsOf(ctx: AppContext, authorId: string, viewer: AuthUser | null, page: Page & { limit: number }): Promise<GalleryPostRow[]> {
  if (!canSeeAuthorContent(authorId, await loadViewerContext(ctx, viewer))) return [];
  const { where, orderBy } = paginate(galleryPosts.id, page);
  return ctx.db.select().from(galleryPosts).where(and(eq(galleryPosts.userId, authorId), where)).orderBy(orderBy).limit(page.limit);
}

/**
 * `gallery/featured`: liked posts of the last three days, most liked first (ties: newest first), as
 * Misskey. The fork's `untilId` narrows to posts older than that id.
 */
export async function listFeaturedGalleryPosts(ctx: AppContext, viewer: AuthUser | null, options: { limit: number; untilId?: string }): Promise<GalleryPostRow[]> {
  return ctx.db.select().from(galleryPosts).where(and(
    gt(galleryPosts.likedCount, 0),
    gt(galleryPosts.createdAt, new Date(Date.now() - FEATURED_WINDOW_MS)),
    options.untilId !== undefined ? lt(galleryPosts.id, options.untilId) : undefined,
    await visibleWhere(ctx, viewer),
  )).orderBy(desc(galleryPosts.likedCount), desc(galleryPosts.id)).limit(options.limit);
}

/** `gallery/popular`: the ten most liked posts of all time (liked at least once), as Misskey. */
export async function listPopularGalleryPosts(ctx: AppContext, viewer: AuthUser | null): Promise<GalleryPostRow[]> {
  return ctx.db.select().from(galleryPosts).where(and(gt(galleryPosts.likedCount, 0), await visibleWhere(ctx, viewer)))
    .orderBy(desc(galleryPosts.likedCount), desc(galleryPosts.id)).limit(10);
}

/** `i/gallery/likes`: the posts the user liked (still visible to them), newest like first, paged by the like's id. */
export async function listLikedGalleryPosts(ctx: AppContext, viewer: AuthUser, page: Page & { limit: number }): Promise<{ id: string; post: GalleryPostRow }[]> {
  const { where, orderBy } = paginate(galleryLikes.id, page);
  return ctx.db.select({ id: galleryLikes.id, post: galleryPosts }).from(galleryLikes)
    .innerJoin(galleryPosts, eq(galleryPosts.id, galleryLikes.postId))
    .where(and(eq(galleryLikes.userId, viewer.id), where, await visibleWhere(ctx, viewer)))
    .orderBy(orderBy).limit(page.limit);
}

/** Whether every one of these ids is a file in the user's drive. */
async function ownsFiles(db: Executor, userId: string, fileIds: readonly string[]): Promise<boolean> {
  const rows = await db.select({ id: driveFiles.id }).from(driveFiles)
    .where(and(eq(driveFiles.userId, userId), inArray(driveFiles.id, [...fileIds])));
  return rows.length === new Set(fileIds).size;
}

export interface GalleryPostFields { title: string; description?: string | null; fileIds: string[]; isSensitive?: boolean }

/** A new post; null when a file is not the author's (Misskey declares no error for it). */
export async function createGalleryPost(ctx: AppContext, authorId: string, fields: GalleryPostFields): Promise<GalleryPostRow | null> {
  if (!await ownsFiles(ctx.db, authorId, fields.fileIds)) return null;
  const now = new Date();
  const [post] = await ctx.db.insert(galleryPosts).values({
    id: genId(), userId: authorId, title: fields.title, description: fields.description ?? null, fileIds: fields.fileIds,
    isSensitive: fields.isSensitive ?? false, createdAt: now, updatedAt: now,
  }).returning();
  return post!;
}

export type UpdateGalleryPostResult = { post: GalleryPostRow } | { error: 'noSuchPost' | 'noSuchFile' };

/** Changes the given fields of one of the author's posts (others' posts are `noSuchPost`). */
export async function updateGalleryPost(ctx: AppContext, authorId: string, postId: string, change: Partial<GalleryPostFields>): Promise<UpdateGalleryPostResult> {
  if (change.fileIds !== undefined && !await ownsFiles(ctx.db, authorId, change.fileIds)) return { error: 'noSuchFile' };
  const patch: Partial<GalleryPostRow> = { updatedAt: new Date() };
  if (change.title !== undefined) patch.title = change.title;
  if (change.description !== undefined) patch.description = change.description;
  if (change.fileIds !== undefined) patch.fileIds = change.fileIds;
  if (change.isSensitive !== undefined) patch.isSensitive = change.isSensitive;
  const [post] = await ctx.db.update(galleryPosts).set(patch)
    .where(and(eq(galleryPosts.id, postId), eq(galleryPosts.userId, authorId))).returning();
  return post ? { post } : { error: 'noSuchPost' };
}

/** Deletes a post with its likes: the author's own, or anyone's for a moderator (Misskey's fork). */
export async function deleteGalleryPost(ctx: AppContext, postId: string, me: AuthUser): Promise<'ok' | 'noSuchPost' | 'accessDenied'> {
  const [post] = await ctx.db.select({ userId: galleryPosts.userId }).from(galleryPosts).where(eq(galleryPosts.id, postId)).limit(1);
  if (!post) return 'noSuchPost';
  if (post.userId !== me.id && !me.isModerator && !me.isAdmin) return 'accessDenied';
  await ctx.db.delete(galleryPosts).where(eq(galleryPosts.id, postId));
  return 'ok';
}

/** Likes a post: not one's own; `likedCount` moves in the same transaction as the like row. */
export async function likeGalleryPost(ctx: AppContext, me: AuthUser, postId: string): Promise<'ok' | 'noSuchPost' | 'yourPost' | 'alreadyLiked'> {
  const post = await findVisibleGalleryPost(ctx, postId, me);
  if (!post) return 'noSuchPost';
  if (post.userId === me.id) return 'yourPost';
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: galleryPosts.id }).from(galleryPosts).where(eq(galleryPosts.id, postId)).for('update');
    if (!locked) return 'noSuchPost';
    const inserted = await tx.insert(galleryLikes).values({ id: genId(), userId: me.id, postId })
      .onConflictDoNothing().returning({ id: galleryLikes.id });
    if (inserted.length === 0) return 'alreadyLiked';
    await tx.update(galleryPosts).set({ likedCount: sql`${galleryPosts.likedCount} + 1` }).where(eq(galleryPosts.id, postId));
    return 'ok';
  });
}

/** Takes a like back (also on a post that has become hidden from the user since). */
export async function unlikeGalleryPost(ctx: AppContext, me: AuthUser, postId: string): Promise<'ok' | 'noSuchPost' | 'notLiked'> {
  return ctx.db.transaction(async (tx) => {
    const [post] = await tx.select({ id: galleryPosts.id }).from(galleryPosts).where(eq(galleryPosts.id, postId)).for('update');
    if (!post) return 'noSuchPost';
    const removed = await tx.delete(galleryLikes).where(and(eq(galleryLikes.userId, me.id), eq(galleryLikes.postId, postId)))
      .returning({ id: galleryLikes.id });
    if (removed.length === 0) return 'notLiked';
    await tx.update(galleryPosts).set({ likedCount: sql`greatest(${galleryPosts.likedCount} - 1, 0)` }).where(eq(galleryPosts.id, postId));
    return 'ok';
  });
}
