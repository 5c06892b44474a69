import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { searchNotesByTag } from '../../../core/notes/search.js';

const OptionalFlag = (description: string) => Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { default: null, description }));

export default defineEndpoint({
  summary: 'Notes with a hashtag (`tag`), or matching `query` = [[a, b], [c]] meaning (a AND b) OR c, newest first.',
  tags: ['notes', 'hashtags'],
  requireCredential: false,
  // Misskey's shape: one object, with `tag` or `query` required (anyOf).
  params: Type.Object({
    tag: Type.Optional(Type.String({ minLength: 1 })),
    query: Type.Optional(Type.Array(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }), { minItems: 1, description: 'OR of ANDs: [[a, b], [c]] = (a AND b) OR c.' })),
    reply: OptionalFlag('true: only replies; false: no replies; null: both.'),
    renote: OptionalFlag('true: only renotes; false: no renotes; null: both.'),
    withFiles: Type.Optional(Type.Boolean({ default: false, description: 'Only notes with files.' })),
    poll: OptionalFlag('true: only notes with a poll; false: none with a poll; null: both.'),
    ...pageParams(10),
  }, { anyOf: [{ required: ['tag'] }, { required: ['query'] }] }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await searchNotesByTag(ctx, me, {
    ...params,
    limit: params.limit ?? 10,
  });
  return packNotes(ctx, rows, me);
});
