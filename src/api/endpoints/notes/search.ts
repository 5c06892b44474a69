import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { searchNotes } from '../../../core/notes/search.js';
import { policiesOf } from '../../../core/roles/policies.js';

export default defineEndpoint({
  summary: 'Notes whose text contains the query (case-insensitive), newest first. Needs the `canSearchNotes` policy.',
  tags: ['notes'],
  requireCredential: false,
  errors: {
    unavailable: { message: 'Search of notes unavailable.', code: 'UNAVAILABLE', id: '0b44998d-77aa-4427-80d0-d2c9b8523011' },
  },
  params: Type.Object({
    query: Type.String(),
    ...pageParams(10),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    host: Type.Optional(Type.String({ description: 'The local host is represented with `.`.' })),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    channelId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  if (!(await policiesOf(ctx, me?.id ?? null)).canSearchNotes) fail('unavailable');
  const rows = await searchNotes(ctx, me, { ...params, limit: params.limit ?? 10, offset: params.offset ?? 0 });
  return packNotes(ctx, rows, me);
});
