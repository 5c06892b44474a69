import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteSystemWebhook } from '../../../../core/system-webhooks/manage.js';

export default defineEndpoint({
  summary: 'Deletes a system webhook (and the recipients that named it); an unknown id changes nothing, as Misskey.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:system-webhook',
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx }) => {
  await deleteSystemWebhook(ctx, me!.id, params.id);
});
