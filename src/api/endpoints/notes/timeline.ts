import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { renoteOptionParams, timelineParams } from '../../timeline-params.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { recordActiveRead } from '../../../core/charts/record.js';
import { homeTimeline } from '../../../core/timelines/timelines.js';

export default defineEndpoint({
  summary: 'Your home timeline: your notes and those of the users you follow.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ ...timelineParams, ...renoteOptionParams }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx }) => {
  if (me) recordActiveRead(ctx, me);
  const rows = await homeTimeline(ctx, me!, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
