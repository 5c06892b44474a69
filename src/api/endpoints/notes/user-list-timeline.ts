import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { renoteOptionParams, timelineParams } from '../../timeline-params.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { findOwnList, userListTimeline } from '../../../core/timelines/timelines.js';

export default defineEndpoint({
  summary: 'Notes of the members of one of your lists.',
  tags: ['notes', 'lists'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '8fb1fbd5-e476-4c37-9fb0-43d55b63a2ff' },
  },
  params: Type.Object({ listId: Type.String({ format: 'misskey:id' }), ...timelineParams, ...renoteOptionParams }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const list = await findOwnList(ctx, me!, params.listId) ?? fail('noSuchList');
  const rows = await userListTimeline(ctx, me!, list.id, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
