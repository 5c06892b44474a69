import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteUserWebhook } from '../../../../core/webhooks/manage.js';

export default defineEndpoint({
  summary: 'Deletes one of your webhooks; deliveries still queued for it are dropped.',
  tags: ['webhooks'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchWebhook: { message: 'No such webhook.', code: 'NO_SUCH_WEBHOOK', id: 'bae73e5a-5522-4965-ae19-3a8688e71d82' },
  },
  params: Type.Object({ webhookId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteUserWebhook(ctx, me!.id, params.webhookId)) fail('noSuchWebhook');
});
