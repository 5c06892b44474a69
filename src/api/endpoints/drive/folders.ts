import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listFolders } from '../../../core/drive/folders.js';
import { packDriveFolders } from '../../../core/drive/pack.js';
import { DriveFolderSchema } from '../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Your folders inside one folder (the root by default), newest first.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({
    ...pageParams(10),
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
  }),
  res: Type.Array(DriveFolderSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFolders(ctx, me!.id, { ...params, limit: params.limit ?? 10, folderId: params.folderId ?? null });
  return packDriveFolders(ctx, rows);
});
