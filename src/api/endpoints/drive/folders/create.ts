import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createFolder, FolderError } from '../../../../core/drive/folders.js';
import { packDriveFolder } from '../../../../core/drive/pack.js';
import { DriveFolderSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Creates a folder, in the root or inside one of your folders.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'write:drive',
  limit: { duration: 3_600_000, max: 10 },
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: '53326628-a00d-40a6-a3cd-8975105c0f95' },
  },
  params: Type.Object({
    name: Type.Optional(Type.String({ maxLength: 200, default: 'Untitled' })),
    parentId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: DriveFolderSchema,
}, async ({ params, me, ctx, fail }) => {
  try {
    const folder = await createFolder(ctx, me!.id, params.name ?? 'Untitled', params.parentId ?? null);
    return packDriveFolder(ctx, folder);
  } catch (error) {
    if (error instanceof FolderError && error.reason === 'no-such-parent') fail('noSuchFolder');
    throw error;
  }
});
