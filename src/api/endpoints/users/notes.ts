import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { listUserNotes } from '../../../core/notes/read-user.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: "A user's notes that you may read, newest first (replies to others, renotes, channel notes and files-only as asked).",
  tags: ['users', 'notes'],
  requireCredential: false,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '27e494ba-2ac2-48e8-893b-10d4d8c2387b' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    withReplies: Type.Optional(Type.Boolean({ default: false })),
    withRenotes: Type.Optional(Type.Boolean({ default: true })),
    withChannelNotes: Type.Optional(Type.Boolean({ default: false })),
    ...pageParams(10),
    allowPartial: Type.Optional(Type.Boolean({ default: false })),
    withFiles: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const user = await findUserById(ctx, params.userId);
  if (!user) fail('noSuchUser');
  const rows = await listUserNotes(ctx, params.userId, me, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
