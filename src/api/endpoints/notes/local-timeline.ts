import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { timelineParams } from '../../timeline-params.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { localTimeline } from '../../../core/timelines/timelines.js';
import { recordActiveRead } from '../../../core/charts/record.js';
import { policiesOf } from '../../../core/roles/policies.js';

export default defineEndpoint({
  summary: 'Public notes of this server\'s users.',
  tags: ['notes'],
  requireCredential: false,
  errors: {
    ltlDisabled: { message: 'Local timeline has been disabled.', code: 'LTL_DISABLED', id: '45a6eb02-7695-4393-b023-dd3be9aaaefd' },
  },
  params: Type.Object({ ...timelineParams, withReplies: Type.Optional(Type.Boolean({ default: false })) }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  if (me) recordActiveRead(ctx, me);
  if (!(await policiesOf(ctx, me?.id ?? null)).ltlAvailable) fail('ltlDisabled');
  const rows = await localTimeline(ctx, me, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
