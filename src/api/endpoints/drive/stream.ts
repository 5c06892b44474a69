import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listFiles } from '../../../core/drive/files.js';
import { packDriveFiles } from '../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'All your files whatever their folder, newest first; `type` filters by MIME type (`image/*` allowed).',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({
    ...pageParams(10),
    type: Type.Optional(Type.String({ pattern: '^[a-zA-Z\\/\\-*]+$' })),
  }),
  res: Type.Array(DriveFileSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFiles(ctx, me!.id, { ...params, limit: params.limit ?? 10 });
  return packDriveFiles(ctx, rows);
});
