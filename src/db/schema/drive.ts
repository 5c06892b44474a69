import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const driveFolders = pgTable('drive_folders', {
  id: id('id').primaryKey(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: varchar('name', { length: 200 }).notNull(),
  parentId: id('parent_id').references((): any => driveFolders.id, { onDelete: 'restrict' }),
  createdAt: createdAt(),
}, (t) => [
  index('drive_folders_user_parent_idx').on(t.userId, t.parentId, t.id),
]);

export interface DriveFileProperties { width?: number; height?: number; orientation?: number; avgColor?: string }

/**
 * Uploaded files. Blobs live in the storage backend under the three keys (original, thumbnail,
 * web-public); `url`/`thumbnailUrl` are derived from them when packing.
 */
export const driveFiles = pgTable('drive_files', {
  id: id('id').primaryKey(),
  userId: id('user_id').references(() => users.id, { onDelete: 'cascade' }),
  userHost: varchar('user_host', { length: 512 }),
  folderId: id('folder_id').references(() => driveFolders.id, { onDelete: 'set null' }),
  name: varchar('name', { length: 256 }).notNull(),
  type: varchar('type', { length: 128 }).notNull(),
  md5: varchar('md5', { length: 32 }).notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  comment: varchar('comment', { length: 512 }),
  blurhash: varchar('blurhash', { length: 128 }),
  properties: jsonb('properties').$type<DriveFileProperties>().notNull().default({}),
  isSensitive: boolean('is_sensitive').notNull().default(false),
  isLink: boolean('is_link').notNull().default(false),
  /** Storage keys; null when that variant was not made (e.g. not an image). */
  accessKey: varchar('access_key', { length: 256 }).notNull(),
  thumbnailAccessKey: varchar('thumbnail_access_key', { length: 256 }),
  webpublicAccessKey: varchar('webpublic_access_key', { length: 256 }),
  webpublicType: varchar('webpublic_type', { length: 128 }),
  /** For upload-from-url. */
  uri: varchar('uri', { length: 512 }),
  src: varchar('src', { length: 512 }),
  maybeSensitive: boolean('maybe_sensitive').notNull().default(false),
  width: integer('width'),
  height: integer('height'),
  createdAt: createdAt(),
}, (t) => [
  index('drive_files_user_folder_idx').on(t.userId, t.folderId, t.id),
  index('drive_files_user_id_idx').on(t.userId, t.id),
  index('drive_files_md5_idx').on(t.md5),
  index('drive_files_access_key_idx').on(t.accessKey),
  index('drive_files_thumbnail_access_key_idx').on(t.thumbnailAccessKey).where(sql`${t.thumbnailAccessKey} IS NOT NULL`),
  index('drive_files_webpublic_access_key_idx').on(t.webpublicAccessKey).where(sql`${t.webpublicAccessKey} IS NOT NULL`),
]);

export type DriveFileRow = typeof driveFiles.$inferSelect;
export type DriveFolderRow = typeof driveFolders.$inferSelect;
