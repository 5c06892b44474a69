import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findFilesByName } from '../../../../core/drive/files.js';
import { packDriveFiles } from '../../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Your files with exactly this name in one folder (the root by default).',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({
    name: Type.String(),
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
  }),
  res: Type.Array(DriveFileSchema),
}, async ({ params, me, ctx }) => packDriveFiles(ctx, await findFilesByName(ctx, me!.id, params.name, params.folderId ?? null)));
