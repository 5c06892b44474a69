import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteFolder, findOwnFolder, FolderError } from '../../../../core/drive/folders.js';

export default defineEndpoint({
  summary: 'Deletes one of your folders; it must be empty.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'write:drive',
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: '1069098f-c281-440f-b085-f9932edbe091' },
    hasChildFilesOrFolders: { message: 'This folder has child files or folders.', code: 'HAS_CHILD_FILES_OR_FOLDERS', id: 'b0fc8a17-963c-405d-bfbc-859a487295e1' },
  },
  params: Type.Object({ folderId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const folder = await findOwnFolder(ctx, me!.id, params.folderId) ?? fail('noSuchFolder');
  try {
    await deleteFolder(ctx, folder);
  } catch (error) {
    if (error instanceof FolderError && error.reason === 'has-children') fail('hasChildFilesOrFolders');
    throw error;
  }
});
