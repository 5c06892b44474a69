import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteDraft } from '../../../../core/drafts/drafts.js';

export default defineEndpoint({
  summary: 'Deletes one of your note drafts; a scheduled one is then not posted.',
  tags: ['notes', 'drafts'],
  requireCredential: true,
  kind: 'write:notes',
  errors: {
    noSuchDraft: { message: 'No such note draft.', code: 'NO_SUCH_DRAFT', id: '49cd6b9d-848e-41ee-b0b9-adaca711a6b1' },
  },
  params: Type.Object({ draftId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteDraft(ctx, me!.id, params.draftId)) fail('noSuchDraft');
});
