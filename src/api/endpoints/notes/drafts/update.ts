import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { DraftError, packDrafts, updateDraft } from '../../../../core/drafts/drafts.js';
import { draftFields, NoteDraftSchema } from '../../../../core/drafts/schema.js';
import { draftErrors } from '../../../note-create-errors.js';

export default defineEndpoint({
  summary: 'Changes a note draft (fields not given stay); scheduling it queues its posting.',
  tags: ['notes', 'drafts'],
  requireCredential: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300 },
  errors: {
    ...draftErrors,
    noSuchDraft: { message: 'No such note draft.', code: 'NO_SUCH_DRAFT', id: '49cd6b9d-848e-41ee-b0b9-adaca711a6b1' },
  },
  params: Type.Object({ draftId: Type.String({ format: 'misskey:id' }), ...draftFields }),
  res: Type.Object({ updatedDraft: NoteDraftSchema }),
}, async ({ params, me, ctx, fail }) => {
  const { draftId, ...change } = params;
  try {
    const draft = await updateDraft(ctx, me!, draftId, change);
    return { updatedDraft: (await packDrafts(ctx, [draft], me!))[0]! };
  } catch (error) {
    if (error instanceof DraftError) fail(error.reason);
    throw error;
  }
});
