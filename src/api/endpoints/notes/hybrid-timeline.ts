import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { renoteOptionParams, timelineParams } from '../../timeline-params.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { hybridTimeline } from '../../../core/timelines/timelines.js';
import { recordActiveRead } from '../../../core/charts/record.js';
import { policiesOf } from '../../../core/roles/policies.js';

export default defineEndpoint({
  summary: 'The social timeline: your home timeline and the local timeline together.',
  tags: ['notes'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    stlDisabled: { message: 'Hybrid timeline has been disabled.', code: 'STL_DISABLED', id: '620763f4-f621-4533-ab33-0577a1a3c342' },
  },
  params: Type.Object({ ...timelineParams, ...renoteOptionParams, withReplies: Type.Optional(Type.Boolean({ default: false })) }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  if (me) recordActiveRead(ctx, me);
  // Misskey: the hybrid timeline is available exactly when the local one is.
  if (!(await policiesOf(ctx, me!.id)).ltlAvailable) fail('stlDisabled');
  const rows = await hybridTimeline(ctx, me!, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
