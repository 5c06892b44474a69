import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFeaturedNotes } from '../../../core/notes/featured.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'Notes of the last 3 days most reacted to and renoted (public, local, not replies), newest first.',
  description: 'The featured set is the top 100 public notes by local users of the last 3 days, scored by reactions from other users plus renotes; the page lists that set newest first, below `untilId`.',
  tags: ['notes'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    channelId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFeaturedNotes(ctx, me, { limit: params.limit ?? 10, untilId: params.untilId, channelId: params.channelId });
  return packNotes(ctx, rows, me);
});
