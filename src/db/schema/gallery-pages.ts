import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Gallery posts (Misskey's `gallery/*`): a title, a description and 1–32 of the author's drive files.
 * `likedCount` is kept in the same transaction as the like rows (the unique pair decides races), so
 * `gallery/featured` and `gallery/popular` can sort on it.
 */
export const galleryPosts = pgTable('gallery_posts', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  title: text('title').notNull(),
  description: text('description'),
  fileIds: varchar('file_ids', { length: 32 }).array().notNull().default([]),
  isSensitive: boolean('is_sensitive').notNull().default(false),
  likedCount: integer('liked_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('gallery_posts_user_id_idx').on(t.userId, t.id),
  index('gallery_posts_liked_count_idx').on(t.likedCount, t.id),
]);

export const galleryLikes = pgTable('gallery_likes', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  postId: id('post_id').notNull().references(() => galleryPosts.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('gallery_likes_user_post_key').on(t.userId, t.postId),
  index('gallery_likes_post_id_idx').on(t.postId),
]);

/**
 * Pages (Misskey's `pages/*`): block content, variables and a script, as the client sends them.
 * `name` is unique per author (the page's URL `/@user/pages/<name>`). `visibility` is the fork's
 * `public` / `private` (private: the author alone).
 */
export const pages = pgTable('pages', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  name: text('name').notNull(),
  title: text('title').notNull(),
  summary: text('summary'),
  content: jsonb('content').$type<Record<string, unknown>[]>().notNull().default([]),
  variables: jsonb('variables').$type<Record<string, unknown>[]>().notNull().default([]),
  script: text('script').notNull().default(''),
  eyeCatchingImageId: id('eye_catching_image_id'),
  font: varchar('font', { length: 16 }).$type<'serif' | 'sans-serif'>().notNull().default('sans-serif'),
  alignCenter: boolean('align_center').notNull().default(false),
  hideTitleWhenPinned: boolean('hide_title_when_pinned').notNull().default(false),
  visibility: varchar('visibility', { length: 16 }).$type<'public' | 'private'>().notNull().default('public'),
  likedCount: integer('liked_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('pages_user_name_key').on(t.userId, t.name),
  index('pages_user_id_idx').on(t.userId, t.id),
  index('pages_liked_count_idx').on(t.likedCount, t.id),
]);

export const pageLikes = pgTable('page_likes', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  pageId: id('page_id').notNull().references(() => pages.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('page_likes_user_page_key').on(t.userId, t.pageId),
  index('page_likes_page_id_idx').on(t.pageId),
]);

export type GalleryPostRow = typeof galleryPosts.$inferSelect;
export type PageRow = typeof pages.$inferSelect;
