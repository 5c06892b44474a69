import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { uploadedFile } from '../../../multipart.js';
import { ApiError } from '../../../errors.js';
import { addFile, DriveError } from '../../../../core/drive/files.js';
import { packDriveFile } from '../../../../core/drive/pack.js';
import { DriveFileSchema } from '../../../../core/drive/schema.js';

/** Misskey throws this one inline for every other refusal (e.g. a file type the role may not upload). */
const failedToCreate = { message: 'Failed to create the file.', code: 'FAILED_TO_CREATE_DRIVE_FILE', id: '6708863c-6791-4487-aa01-2d682c6e7db0' };

export default defineEndpoint({
  summary: 'Uploads a file (multipart/form-data: `file`, and `folderId`, `name`, `comment`, `isSensitive`, `force`; the token in `i`).',
  description: 'Without `force`, a file identical (same MD5) to one already in your drive is not stored again: that file is returned.',
  tags: ['drive'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:drive',
  requireFile: true,
  limit: { duration: 3_600_000, max: 120 },
  errors: {
    invalidFileName: { message: 'Invalid file name.', code: 'INVALID_FILE_NAME', id: 'f449b209-0c60-4e51-84d5-29486263bfd4' },
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'ea8fb7a5-af77-4a08-b608-c0218176cd73' },
    noFreeSpace: { message: 'Cannot upload the file because you have no free space of drive.', code: 'NO_FREE_SPACE', id: 'd08dbc37-a6a9-463a-8c47-96c32ab5f064' },
    maxFileSizeExceeded: { message: 'Cannot upload the file because it exceeds the maximum file size.', code: 'MAX_FILE_SIZE_EXCEEDED', id: 'b9d8c348-33f0-4673-b9a9-5d4da058977a', httpStatusCode: 413 },
    failedToCreateDriveFile: failedToCreate,
  },
  params: Type.Object({
    folderId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()], { default: null })),
    name: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null })),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()], { default: null })),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
    force: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: DriveFileSchema,
}, async ({ params, me, ctx, request, fail }) => {
  const file = uploadedFile(request)!;
  // Misskey: a nameless Blob arrives as "blob"; such a file is "untitled".
  const name = params.name ?? (file.filename && file.filename !== 'blob' ? file.filename : 'untitled');
  try {
    const row = await addFile(ctx, {
      userId: me!.id, path: file.path, size: file.size, md5: file.md5, name,
      folderId: params.folderId ?? null, comment: params.comment ?? null, isSensitive: params.isSensitive ?? false, force: params.force ?? false,
      uploaderIsModerator: me!.isModerator || me!.isAdmin,
    });
    return packDriveFile(ctx, row);
  } catch (error) {
    if (!(error instanceof DriveError)) throw error;
    switch (error.reason) {
      case 'invalid-name': return fail('invalidFileName');
      case 'no-such-folder': return fail('noSuchFolder');
      case 'no-free-space': return fail('noFreeSpace');
      case 'too-large': return fail('maxFileSizeExceeded');
      default: throw new ApiError({ ...failedToCreate, message: error.message });
    }
  }
});
