import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listUserFeaturedNotes } from '../../../core/notes/featured.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'A user\'s notes of the last 7 days most reacted to by others, newest first.',
  description: 'The top 100 of the user\'s notes of the last 7 days by reactions from other users (Misskey\'s per-user ranking); the page lists them newest first below `untilId`, as far as you may read them.',
  tags: ['users', 'notes'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    userId: Type.String({ format: 'misskey:id' }),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listUserFeaturedNotes(ctx, me, { userId: params.userId, limit: params.limit ?? 10, untilId: params.untilId });
  return packNotes(ctx, rows, me);
});
