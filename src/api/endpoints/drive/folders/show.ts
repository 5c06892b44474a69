import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findOwnFolder } from '../../../../core/drive/folders.js';
import { packDriveFolder } from '../../../../core/drive/pack.js';
import { DriveFolderSchema } from '../../../../core/drive/schema.js';

export default defineEndpoint({
  summary: 'One of your folders, with its counts and the chain of its parents.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'read:drive',
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'd74ab9eb-bb09-4bba-bf24-fb58f761e1e9' },
  },
  params: Type.Object({ folderId: Type.String({ format: 'misskey:id' }) }),
  res: DriveFolderSchema,
}, async ({ params, me, ctx, fail }) => {
  const folder = await findOwnFolder(ctx, me!.id, params.folderId) ?? fail('noSuchFolder');
  return packDriveFolder(ctx, folder, { detail: true });
});
