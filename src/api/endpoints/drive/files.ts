import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listFiles } from '../../../core/drive/files.js';
import { packDriveFiles } from '../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../core/drive/schema.js';

export const FileSort = Type.Union([
  Type.Literal('+createdAt'), Type.Literal('-createdAt'), Type.Literal('+name'), Type.Literal('-name'),
  Type.Literal('+size'), Type.Literal('-size'), Type.Null(),
]);

export default defineEndpoint({
  summary: 'Files in one of your folders (the root by default), newest first; `type` filters by MIME type (`image/*` allowed).',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({
    ...pageParams(10),
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
    type: Type.Optional(Type.Union([Type.String({ pattern: '^[a-zA-Z\\/\\-*]+$' }), Type.Null()])),
    sort: Type.Optional(FileSort),
  }),
  res: Type.Array(DriveFileSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFiles(ctx, me!.id, { ...params, limit: params.limit ?? 10, folderId: params.folderId ?? null });
  return packDriveFiles(ctx, rows);
});
