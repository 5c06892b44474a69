import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findVisibleNotes } from '../../../core/notes/featured.js';
import { packNotes } from '../../../core/notes/pack.js';

export default defineEndpoint({
  summary: 'The reactions of many notes at once (upstream Misskey; not in the fork); notes the viewer may not read are left out.',
  tags: ['notes'],
  requireCredential: false,
  params: Type.Object({
    noteIds: Type.Array(Type.String({ format: 'misskey:id' }), { minItems: 1, maxItems: 100 }),
  }),
  res: Type.Array(Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    reactions: Type.Record(Type.String(), Type.Number()),
    reactionEmojis: Type.Record(Type.String(), Type.String()),
  })),
}, async ({ params, me, ctx }) => {
  const packed = await packNotes(ctx, await findVisibleNotes(ctx, me, params.noteIds), me);
  return packed.map((note) => ({ id: note.id, reactions: note.reactions, reactionEmojis: note.reactionEmojis }));
});
