import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { deleteRecipient } from '../../../../../core/abuse/recipients.js';

export default defineEndpoint({
  summary: 'Removes a recipient of abuse report events (an unknown id changes nothing, as Misskey).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:abuse-report:notification-recipient',
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx }) => {
  await deleteRecipient(ctx, me!.id, params.id);
});
