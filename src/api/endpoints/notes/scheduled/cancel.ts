import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteDraft } from '../../../../core/drafts/drafts.js';

export default defineEndpoint({
  summary: 'Cancels one of your scheduled notes: it is deleted and not posted.',
  tags: ['notes'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300 },
  errors: {
    noSuchDraft: { message: 'No such scheduled note.', code: 'NO_SUCH_DRAFT', id: '91c2ad21-fb45-4f2a-ba4c-ea749b262947' },
  },
  params: Type.Object({ draftId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteDraft(ctx, me!.id, params.draftId, { scheduledOnly: true })) fail('noSuchDraft');
});
