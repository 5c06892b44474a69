import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteFile, findFileById } from '../../../../core/drive/files.js';

export default defineEndpoint({
  summary: 'Deletes one of your files and its stored data. Moderators may delete anyone\'s.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'write:drive',
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '908939ec-e52b-4458-b395-1025195cea58' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '5eb8d909-2540-4970-90b8-dd6f86088121' },
  },
  params: Type.Object({ fileId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const file = await findFileById(ctx, params.fileId) ?? fail('noSuchFile');
  if (file.userId !== me!.id && !(me!.isModerator || me!.isAdmin)) fail('accessDenied');
  await deleteFile(ctx, file);
});
