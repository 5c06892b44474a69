import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findUserWebhook } from '../../../../core/webhooks/manage.js';
import { UserWebhookEventSchema } from '../../../../core/webhooks/schema.js';
import { sendTestWebhook } from '../../../../core/webhooks/test-event.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Sends a made-up event of the given type to one of your webhooks (or to `override`\'s URL and secret).',
  tags: ['webhooks'],
  requireCredential: true,
  secure: true,
  kind: 'read:account',
  limit: { duration: 900_000, max: 60 },
  errors: {
    noSuchWebhook: { message: 'No such webhook.', code: 'NO_SUCH_WEBHOOK', id: '0c52149c-e913-18f8-5dc7-74870bfe0cf9' },
  },
  params: Type.Object({
    webhookId: Type.String({ format: 'misskey:id' }),
    type: UserWebhookEventSchema,
    override: Type.Optional(Type.Object({ url: Type.Optional(Type.String()), secret: Type.Optional(Type.String()) })),
  }),
}, async ({ params, me, ctx, fail }) => {
  const webhook = await findUserWebhook(ctx, me!.id, params.webhookId) ?? fail('noSuchWebhook');
  const owner = await findUserById(ctx, me!.id) ?? fail('noSuchWebhook');
  await sendTestWebhook(ctx, owner, webhook, params.type, params.override);
});
