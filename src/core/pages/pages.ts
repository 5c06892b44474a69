import { and, desc, eq, gt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { driveFiles, pageLikes, pages, type PageRow } from '../../db/schema/index.js';
import { uniqueViolation } from '../../db/errors.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { authorsHiddenFrom, canSeeAuthorContent, loadViewerContext } from '../notes/visibility.js';
import { paginate, type Page } from '../pagination.js';
import { findLocalUserByUsername } from '../users/read.js';

/**
 * Pages (Misskey's `pages/*`). A page is `public` (everyone who may see its author's works:
 * `canSeeAuthorContent`, the visibility module's rule for suspended or deleted authors and blocks
 * either way) or `private` (the fork: its author alone). Anyone else gets `NO_SUCH_PAGE`, exactly as
 * for a page that does not exist. Names are unique per author (a unique index decides races).
 */

function readable(page: PageRow, viewer: AuthUser | null): boolean {
  return page.visibility === 'public' || page.userId === viewer?.id;
}

/** A page the viewer may read, by id. */
export async function findReadablePage(ctx: AppContext, pageId: string, viewer: AuthUser | null): Promise<PageRow | null> {
  const [page] = await ctx.db.select().from(pages).where(eq(pages.id, pageId)).limit(1);
  if (!page || !readable(page, viewer)) return null;
  return canSeeAuthorContent(page.userId, await loadViewerContext(ctx, viewer)) ? page : null;
}

/** A page the viewer may read, by its author's (local) username and its name (`/@user/pages/<name>`). */
export async function findReadablePageByName(ctx: AppContext, username: string, name: string, viewer: AuthUser | null): Promise<PageRow | null> {
  const author = await findLocalUserByUsername(ctx, username);
  if (!author) return null;
  const [page] = await ctx.db.select({ id: pages.id }).from(pages).where(and(eq(pages.userId, author.id), eq(pages.name, name))).limit(1);
  return page ? findReadablePage(ctx, page.id, viewer) : null;
}

async function visibleWhere(ctx: AppContext, viewer: AuthUser | null): Promise<SQL | undefined> {
  const hidden = authorsHiddenFrom(await loadViewerContext(ctx, viewer));
  return and(
    viewer ? or(eq(pages.visibility, 'public'), eq(pages.userId, viewer.id)) : eq(pages.visibility, 'public'),
    hidden.length > 0 ? notInArray(pages.userId, hidden) : undefined,
  );
}

/** `i/pages`: all of the author's pages, private ones too, newest first. */
export async function listOwnPages(ctx: AppContext, authorId: string, page: Page & { limit: number }): Promise<PageRow[]> {
  const { where, orderBy } = paginate(pages.id, page);
  return ctx.db.select().from(pages).where(and(eq(pages.userId, authorId), where)).orderBy(orderBy).limit(page.limit);
}

/** `users/pages`: a user's public pages (Misskey: public ones only, even to their author). */
export async function listPublicPagesOf(ctx: AppContext, authorId: string, viewer: AuthUser | null, page: Page & { limit: number }): Promise<PageRow[]> {
  if (!canSeeAuthorContent(authorId, await loadViewerContext(ctx, viewer))) return [];
  const { where, orderBy } = paginate(pages.id, page);
  return ctx.db.select().from(pages).where(and(eq(pages.userId, authorId), eq(pages.visibility, 'public'), where))
    .orderBy(orderBy).limit(page.limit);
}

/** `pages/featured`: the ten most liked public pages (liked at least once), as Misskey. */
export async function listFeaturedPages(ctx: AppContext, viewer: AuthUser | null): Promise<PageRow[]> {
  return ctx.db.select().from(pages).where(and(eq(pages.visibility, 'public'), gt(pages.likedCount, 0), await visibleWhere(ctx, viewer)))
    .orderBy(desc(pages.likedCount), desc(pages.id)).limit(10);
}

/** `i/page-likes`: the pages the user liked and may still read, newest like first, paged by the like's id. */
export async function listLikedPages(ctx: AppContext, viewer: AuthUser, page: Page & { limit: number }): Promise<{ id: string; page: PageRow }[]> {
  const { where, orderBy } = paginate(pageLikes.id, page);
  return ctx.db.select({ id: pageLikes.id, page: pages }).from(pageLikes).innerJoin(pages, eq(pages.id, pageLikes.pageId))
    .where(and(eq(pageLikes.userId, viewer.id), where, await visibleWhere(ctx, viewer)))
    .orderBy(orderBy).limit(page.limit);
}

export interface PageFields {
  title: string;
  name: string;
  summary?: string | null;
  content: Record<string, unknown>[];
  variables: Record<string, unknown>[];
  script: string;
  eyeCatchingImageId?: string | null;
  font?: 'serif' | 'sans-serif';
  alignCenter?: boolean;
  hideTitleWhenPinned?: boolean;
  visibility?: 'public' | 'private';
}

type WriteError = 'noSuchFile' | 'nameAlreadyExists';

async function ownsFile(ctx: AppContext, userId: string, fileId: string): Promise<boolean> {
  const [file] = await ctx.db.select({ id: driveFiles.id }).from(driveFiles)
    .where(and(eq(driveFiles.id, fileId), eq(driveFiles.userId, userId))).limit(1);
  return file !== undefined;
}

async function nameTaken(ctx: AppContext, userId: string, name: string, exceptId?: string): Promise<boolean> {
  const [other] = await ctx.db.select({ id: pages.id }).from(pages).where(and(eq(pages.userId, userId), eq(pages.name, name))).limit(1);
  return other !== undefined && other.id !== exceptId;
}

/** A new page. The eye-catching image must be the author's file; the name must be free among theirs. */
export async function createPage(ctx: AppContext, authorId: string, fields: PageFields): Promise<{ page: PageRow } | { error: WriteError }> {
  if (fields.eyeCatchingImageId != null && !await ownsFile(ctx, authorId, fields.eyeCatchingImageId)) return { error: 'noSuchFile' };
  if (await nameTaken(ctx, authorId, fields.name)) return { error: 'nameAlreadyExists' };
  const now = new Date();
  try {
    const [page] = await ctx.db.insert(pages).values({
      id: genId(), userId: authorId, createdAt: now, updatedAt: now,
      title: fields.title, name: fields.name, summary: fields.summary ?? null, content: fields.content, variables: fields.variables,
      script: fields.script, eyeCatchingImageId: fields.eyeCatchingImageId ?? null, font: fields.font ?? 'sans-serif',
      alignCenter: fields.alignCenter ?? false, hideTitleWhenPinned: fields.hideTitleWhenPinned ?? false,
      visibility: fields.visibility ?? 'public',
    }).returning();
    return { page: page! };
  } catch (error) {
    if (uniqueViolation(error) === 'pages_user_name_key') return { error: 'nameAlreadyExists' };
    throw error;
  }
}

/** Changes the given fields of a page. Only its author may (`accessDenied`). */
export async function updatePage(ctx: AppContext, me: AuthUser, pageId: string, change: Partial<PageFields>): Promise<{ page: PageRow } | { error: WriteError | 'noSuchPage' | 'accessDenied' }> {
  const [existing] = await ctx.db.select().from(pages).where(eq(pages.id, pageId)).limit(1);
  if (!existing) return { error: 'noSuchPage' };
  if (existing.userId !== me.id) return { error: 'accessDenied' };
  if (change.eyeCatchingImageId != null && !await ownsFile(ctx, me.id, change.eyeCatchingImageId)) return { error: 'noSuchFile' };
  if (change.name !== undefined && await nameTaken(ctx, me.id, change.name, pageId)) return { error: 'nameAlreadyExists' };
  const patch: Partial<PageRow> = { updatedAt: new Date() };
  for (const key of ['title', 'name', 'summary', 'content', 'variables', 'script', 'eyeCatchingImageId', 'font', 'alignCenter', 'hideTitleWhenPinned', 'visibility'] as const) {
    if (change[key] !== undefined) (patch as Record<string, unknown>)[key] = change[key];
  }
  try {
    const [page] = await ctx.db.update(pages).set(patch).where(eq(pages.id, pageId)).returning();
    return page ? { page } : { error: 'noSuchPage' };
  } catch (error) {
    if (uniqueViolation(error) === 'pages_user_name_key') return { error: 'nameAlreadyExists' };
    throw error;
  }
}

/** Deletes a page with its likes: the author's own, or anyone's for a moderator (Misskey). */
export async function deletePage(ctx: AppContext, me: AuthUser, pageId: string): Promise<'ok' | 'noSuchPage' | 'accessDenied'> {
  const [page] = await ctx.db.select({ userId: pages.userId }).from(pages).where(eq(pages.id, pageId)).limit(1);
  if (!page) return 'noSuchPage';
  if (page.userId !== me.id && !me.isModerator && !me.isAdmin) return 'accessDenied';
  await ctx.db.delete(pages).where(eq(pages.id, pageId));
  return 'ok';
}

/** Likes a page the user may read, not their own; `likedCount` moves in the same transaction. */
export async function likePage(ctx: AppContext, me: AuthUser, pageId: string): Promise<'ok' | 'noSuchPage' | 'yourPage' | 'alreadyLiked'> {
  const page = await findReadablePage(ctx, pageId, me);
  if (!page) return 'noSuchPage';
  if (page.userId === me.id) return 'yourPage';
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: pages.id }).from(pages).where(eq(pages.id, pageId)).for('update');
    if (!locked) return 'noSuchPage';
    const inserted = await tx.insert(pageLikes).values({ id: genId(), userId: me.id, pageId }).onConflictDoNothing().returning({ id: pageLikes.id });
    if (inserted.length === 0) return 'alreadyLiked';
    await tx.update(pages).set({ likedCount: sql`${pages.likedCount} + 1` }).where(eq(pages.id, pageId));
    return 'ok';
  });
}

/** Takes a like back (also on a page that has become unreadable to the user since). */
export async function unlikePage(ctx: AppContext, me: AuthUser, pageId: string): Promise<'ok' | 'noSuchPage' | 'notLiked'> {
  return ctx.db.transaction(async (tx) => {
    const [page] = await tx.select({ id: pages.id }).from(pages).where(eq(pages.id, pageId)).for('update');
    if (!page) return 'noSuchPage';
    const removed = await tx.delete(pageLikes).where(and(eq(pageLikes.userId, me.id), eq(pageLikes.pageId, pageId))).returning({ id: pageLikes.id });
    if (removed.length === 0) return 'notLiked';
    await tx.update(pages).set({ likedCount: sql`greatest(${pages.likedCount} - 1, 0)` }).where(eq(pages.id, pageId));
    return 'ok';
  });
}

