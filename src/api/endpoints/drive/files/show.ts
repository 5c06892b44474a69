import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findFileById, findFileByUrl } from '../../../../core/drive/files.js';
import { packDriveFile } from '../../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'One of your files, by `fileId` or by its `url` (or thumbnail URL). Moderators may see anyone\'s.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '067bc436-2718-4795-b0fb-ecbe43949e31' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '25b73c73-68b1-41d0-bad1-381cfdf6579f' },
  },
  params: Type.Union([
    Type.Object({ fileId: Type.String({ format: 'misskey:id' }) }),
    Type.Object({ url: Type.String() }),
  ]),
  res: DriveFileSchema,
}, async ({ params, me, ctx, fail }) => {
  const file = ('fileId' in params ? await findFileById(ctx, params.fileId) : await findFileByUrl(ctx, params.url)) ?? fail('noSuchFile');
  if (file.userId !== me!.id && !(me!.isModerator || me!.isAdmin)) fail('accessDenied');
  return packDriveFile(ctx, file, { detail: true, withUser: true });
});
