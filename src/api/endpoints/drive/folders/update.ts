import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findOwnFolder, FolderError, updateFolder } from '../../../../core/drive/folders.js';
import { packDriveFolder } from '../../../../core/drive/pack.js';
import { DriveFolderSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'Renames or moves one of your folders; a folder cannot move into itself or its own subfolders.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'write:drive',
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'f7974dac-2c0d-4a27-926e-23583b28e98e' },
    noSuchParentFolder: { message: 'No such parent folder.', code: 'NO_SUCH_PARENT_FOLDER', id: 'ce104e3a-faaf-49d5-b459-10ff0cbbcaa1' },
    recursiveNesting: { message: 'It can not be structured like nesting folders recursively.', code: 'RECURSIVE_NESTING', id: 'dbeb024837894013aed44279f9199740' },
  },
  params: Type.Object({
    folderId: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    parentId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: DriveFolderSchema,
}, async ({ params, me, ctx, fail }) => {
  const folder = await findOwnFolder(ctx, me!.id, params.folderId) ?? fail('noSuchFolder');
  try {
    const updated = await updateFolder(ctx, folder, { name: params.name, parentId: params.parentId });
    return packDriveFolder(ctx, updated, { detail: true });
  } catch (error) {
    if (error instanceof FolderError && error.reason === 'no-such-parent') fail('noSuchParentFolder');
    if (error instanceof FolderError && error.reason === 'recursive-nesting') fail('recursiveNesting');
    throw error;
  }
});
