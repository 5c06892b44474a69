import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';
import { globalTimeline } from '../../../core/timelines/timelines.js';
import { policiesOf } from '../../../core/roles/policies.js';

export default defineEndpoint({
  summary: 'Every public note this server knows.',
  tags: ['notes'],
  requireCredential: false,
  errors: {
    gtlDisabled: { message: 'Global timeline has been disabled.', code: 'GTL_DISABLED', id: '0332fc13-6ab2-4427-ae80-a9fadffd1a6b' },
  },
  params: Type.Object({
    ...pageParams(10),
    withFiles: Type.Optional(Type.Boolean({ default: false })),
    withRenotes: Type.Optional(Type.Boolean({ default: true })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  if (!(await policiesOf(ctx, me?.id ?? null)).gtlAvailable) fail('gtlDisabled');
  const rows = await globalTimeline(ctx, me, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
