import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { findFileById, listAttachedNotes } from '../../../../core/drive/files.js';
import { packNotes } from '../../../../core/notes/pack.js';
import { NoteSchema } from '../../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'The notes one of your files is attached to, newest first.',
  tags: ['drive', 'notes'],
  requireCredential: true,
  kind: 'read:drive',
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'c118ece3-2e4b-4296-99d1-51756e32d232' },
  },
  params: Type.Object({
    ...pageParams(10),
    fileId: Type.String({ format: 'misskey:id' }),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const file = await findFileById(ctx, params.fileId);
  // Misskey: only your own files.
  if (!file || file.userId !== me!.id) fail('noSuchFile');
  const rows = await listAttachedNotes(ctx, params.fileId, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
