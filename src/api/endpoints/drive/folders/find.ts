import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findFoldersByName } from '../../../../core/drive/folders.js';
import { packDriveFolders } from '../../../../core/drive/pack.js';
import { DriveFolderSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Your folders with exactly this name inside one folder (the root by default).',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  params: Type.Object({
    name: Type.String(),
    parentId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
  }),
  res: Type.Array(DriveFolderSchema),
}, async ({ params, me, ctx }) => packDriveFolders(ctx, await findFoldersByName(ctx, me!.id, params.name, params.parentId ?? null)));
