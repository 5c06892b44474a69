import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findUserWebhook, packUserWebhook } from '../../../../core/webhooks/manage.js';
import { UserWebhookSchema } from '../../../../core/webhooks/schema.js';

export default defineEndpoint({
  summary: 'One of your webhooks, with the last delivery\'s time and HTTP status.',
  tags: ['webhooks'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchWebhook: { message: 'No such webhook.', code: 'NO_SUCH_WEBHOOK', id: '50f614d9-3047-4f7e-90d8-ad6b2d5fb098' },
  },
  params: Type.Object({ webhookId: Type.String({ format: 'misskey:id' }) }),
  res: UserWebhookSchema,
}, async ({ params, me, ctx, fail }) => {
  const webhook = await findUserWebhook(ctx, me!.id, params.webhookId) ?? fail('noSuchWebhook');
  return packUserWebhook(webhook);
});
