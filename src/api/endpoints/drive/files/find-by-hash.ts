import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findFilesByHash } from '../../../../core/drive/files.js';
import { packDriveFiles } from '../../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Your files whose content has this MD5 hash.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({ md5: Type.String() }),
  res: Type.Array(DriveFileSchema),
}, async ({ params, me, ctx }) => packDriveFiles(ctx, await findFilesByHash(ctx, me!.id, params.md5)));
