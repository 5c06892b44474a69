import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createDraft, DraftError, packDrafts } from '../../../../core/drafts/drafts.js';
import { draftFields, NoteDraftSchema } from '../../../../core/drafts/schema.js';
import { draftErrors } from '../../../note-create-errors.js';

export default defineEndpoint({
  summary: 'Saves a note draft; with `isActuallyScheduled` and a future `scheduledAt`, the note is posted then (up to the `noteDraftLimit` and `scheduledNoteLimit` role policies).',
  tags: ['notes', 'drafts'],
  requireCredential: true,
  kind: 'write:notes',
  limit: { duration: 3_600_000, max: 300 },
  errors: draftErrors,
  params: Type.Object(draftFields),
  res: Type.Object({ createdDraft: NoteDraftSchema }),
}, async ({ params, me, ctx, fail }) => {
  try {
    const draft = await createDraft(ctx, me!, params);
    return { createdDraft: (await packDrafts(ctx, [draft], me!))[0]! };
  } catch (error) {
    if (error instanceof DraftError && error.reason !== 'noSuchDraft') fail(error.reason);
    throw error;
  }
});
