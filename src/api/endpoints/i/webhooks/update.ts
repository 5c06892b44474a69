import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { userEventsOf, updateUserWebhook } from '../../../../core/webhooks/manage.js';
import { WebhookEventParamSchema } from '../../../../core/webhooks/schema.js';

export default defineEndpoint({
  summary: 'Changes one of your webhooks (name, URL, secret, events, active). A null secret keeps the current one.',
  tags: ['webhooks'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchWebhook: { message: 'No such webhook.', code: 'NO_SUCH_WEBHOOK', id: 'fb0fea69-da18-45b1-828d-bd4fd1612518' },
    youAreNotAdmin: { message: 'You are not an administrator.', code: 'YOU_ARE_NOT_ADMIN', id: 'a70c7643-1db5-4ebf-becd-ff4b4223cf23' },
    webhookLimitExceeded: { message: 'You cannot update the webhook because you have exceeded the limit of webhooks.', code: 'WEBHOOK_LIMIT_EXCEEDED', id: 'a261cb2d-867d-47a8-a743-8bbd2c1438b1' },
  },
  params: Type.Object({
    webhookId: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    secret: Type.Optional(Type.Union([Type.String({ maxLength: 1024 }), Type.Null()])),
    on: Type.Optional(Type.Array(WebhookEventParamSchema)),
    active: Type.Optional(Type.Boolean()),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { webhookId, on, ...rest } = params;
  const events = on === undefined ? undefined : userEventsOf(on) ?? fail('youAreNotAdmin');
  const refused = await updateUserWebhook(ctx, me!.id, webhookId, { ...rest, on: events });
  if (refused) fail(refused);
});
