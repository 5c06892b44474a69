import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { packNotes } from '../../core/notes/pack.js';
import { listPublicNotes } from '../../core/notes/read-public.js';
import { NoteSchema } from '../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'Public notes, newest first, filtered by reply, renote, files and poll as asked.',
  description: 'With `withFiles`, renotes and replies whose embedded note carries files count as notes with files.',
  tags: ['notes'],
  requireCredential: false,
  params: Type.Object({
    local: Type.Optional(Type.Boolean({ default: false })),
    reply: Type.Optional(Type.Boolean()),
    renote: Type.Optional(Type.Boolean()),
    withFiles: Type.Optional(Type.Boolean()),
    poll: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listPublicNotes(ctx, me, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
