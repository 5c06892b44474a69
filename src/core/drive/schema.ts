import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { UserLiteSchema } from '../users/schema.js';

// Field by field as misskey-js (components.schemas DriveFile / DriveFolder) declares them;
// test/types/drive.ts checks the fit.

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

const folderFields = {
  id: Id,
  createdAt: DateTime,
  name: Type.String(),
  parentId: Nullable(Id),
  foldersCount: Type.Optional(Type.Number()),
  filesCount: Type.Optional(Type.Number()),
};

/**
 * A folder; `parent` is packed (recursively) only in detailed packs. JSON schemas here are not
 * recursive (one schema object is compiled by many endpoints): an ancestor is validated for its own
 * fields, and its static type is misskey-js's recursive `DriveFolder`.
 */
export const DriveFolderSchema = Type.Object({
  ...folderFields,
  parent: Type.Optional(Nullable(Type.Unsafe<entities.DriveFolder>(Type.Object(folderFields)))),
});

export const DriveFilePropertiesSchema = Type.Object({
  width: Type.Optional(Type.Number()),
  height: Type.Optional(Type.Number()),
  orientation: Type.Optional(Type.Number()),
  avgColor: Type.Optional(Type.String()),
});

export const DriveFileSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  name: Type.String(),
  type: Type.String(),
  md5: Type.String(),
  size: Type.Number(),
  isSensitive: Type.Boolean(),
  blurhash: Nullable(Type.String()),
  properties: DriveFilePropertiesSchema,
  url: Type.String(),
  thumbnailUrl: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  folderId: Nullable(Id),
  folder: Type.Optional(Nullable(DriveFolderSchema)),
  userId: Nullable(Id),
  user: Type.Optional(Nullable(UserLiteSchema)),
});

export type DriveFolder = Static<typeof DriveFolderSchema>;
export type DriveFile = Static<typeof DriveFileSchema>;
