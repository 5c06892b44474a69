import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { DriveError, findFileById, updateFile } from '../../../../core/drive/files.js';
import { packDriveFile } from '../../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../../core/drive/schema.js';
import { policiesOf } from '../../../../core/roles/policies.js';

export default defineEndpoint({
  summary: 'Renames, moves, describes or marks sensitive one of your files.',
  tags: ['drive'],
  requireCredential: true,
  kind: 'write:drive',
  errors: {
    invalidFileName: { message: 'Invalid file name.', code: 'INVALID_FILE_NAME', id: '395e7156-f9f0-475e-af89-53c3c23080c2' },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'e7778c7e-3af9-49cd-9690-6dbc3e6c972d' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '01a53b27-82fc-445b-a0c1-b558465a8ed2' },
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'ea8fb7a5-af77-4a08-b608-c0218176cd73' },
    restrictedByRole: { message: 'This feature is restricted by your role.', code: 'RESTRICTED_BY_ROLE', id: '7f59dccb-f465-75ab-5cf4-3ce44e3282f7' },
  },
  params: Type.Object({
    fileId: Type.String({ format: 'misskey:id' }),
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    name: Type.Optional(Type.String()),
    isSensitive: Type.Optional(Type.Boolean()),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()])),
  }),
  res: DriveFileSchema,
}, async ({ params, me, ctx, fail }) => {
  const file = await findFileById(ctx, params.fileId) ?? fail('noSuchFile');
  if (file.userId !== me!.id && !(me!.isModerator || me!.isAdmin)) fail('accessDenied');
  // Misskey: a role that always marks files sensitive cannot unmark one.
  if (params.isSensitive === false && file.isSensitive && (await policiesOf(ctx, me!.id)).alwaysMarkNsfw) fail('restrictedByRole');
  try {
    const row = await updateFile(ctx, file, params);
    return packDriveFile(ctx, row);
  } catch (error) {
    if (error instanceof DriveError && error.reason === 'invalid-name') fail('invalidFileName');
    if (error instanceof DriveError && error.reason === 'no-such-folder') fail('noSuchFolder');
    throw error;
  }
});
