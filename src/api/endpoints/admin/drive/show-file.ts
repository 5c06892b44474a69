import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findFileForModerators, packFileForModerators } from '../../../../core/moderation/drive.js';
import { AdminDriveFileSchema } from '../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'One drive file, by id or by one of its URLs, as stored (keys and all).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:drive',
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'caf3ca38-c6e5-472e-a30c-b05377dcc240' },
  },
  params: Type.Union([
    Type.Object({ fileId: Type.String({ format: 'misskey:id' }), url: Type.Optional(Type.String()) }),
    Type.Object({ fileId: Type.Optional(Type.String({ format: 'misskey:id' })), url: Type.String() }),
  ]),
  res: AdminDriveFileSchema,
}, async ({ params, ctx, fail }) => {
  const file = await findFileForModerators(ctx, params) ?? fail('noSuchFile');
  return packFileForModerators(ctx, file);
});
