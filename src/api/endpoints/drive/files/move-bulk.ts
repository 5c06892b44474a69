import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { ApiError, apiErrors } from '../../../errors.js';
import { DriveError, moveFiles } from '../../../../core/drive/files.js';

export default defineEndpoint({
  summary: 'Moves several of your files into a folder (or the root, with `folderId: null`). Ids of files that are not yours are ignored.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'write:drive',
  params: Type.Object({
    fileIds: Type.Array(Type.String({ format: 'misskey:id' }), { minItems: 1, maxItems: 100, uniqueItems: true }),
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
  }),
}, async ({ params, me, ctx }) => {
  try {
    await moveFiles(ctx, me!.id, params.fileIds, params.folderId ?? null);
  } catch (error) {
    // Misskey declares no error here; an unknown folder is a bad parameter.
    if (error instanceof DriveError && error.reason === 'no-such-folder') throw new ApiError(apiErrors.invalidParam, { param: 'folderId', reason: 'No such folder.' });
    throw error;
  }
});
