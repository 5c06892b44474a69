import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { listFilesForModerators } from '../../../../core/moderation/drive.js';
import { packDriveFiles } from '../../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Every account\'s drive files, newest first; narrowed by account, MIME type (`image/*` wildcards), origin or host.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:drive',
  params: Type.Object({
    ...pageParams(10),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    type: Type.Optional(Type.Union([Type.String({ pattern: '^[a-zA-Z0-9\\/\\-*]+$' }), Type.Null()])),
    origin: Type.Optional(Type.Union([Type.Literal('combined'), Type.Literal('local'), Type.Literal('remote')], { default: 'local' })),
    hostname: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null, description: 'The local host is represented with `null`.' })),
  }),
  res: Type.Array(DriveFileSchema),
}, async ({ params, ctx }) => {
  const rows = await listFilesForModerators(ctx, { ...params, limit: params.limit ?? 10, origin: params.origin ?? 'local' });
  return packDriveFiles(ctx, rows, { detail: true });
});
