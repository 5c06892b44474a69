import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createUserWebhook, userEventsOf, packUserWebhook } from '../../../../core/webhooks/manage.js';
import { UserWebhookSchema, WebhookEventParamSchema } from '../../../../core/webhooks/schema.js';

export default defineEndpoint({
  summary: 'Creates a webhook: the chosen events of your account are POSTed to the URL (up to the `webhookLimit` role policy).',
  tags: ['webhooks'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    tooManyWebhooks: { message: 'You cannot create webhook any more.', code: 'TOO_MANY_WEBHOOKS', id: '87a9bb19-111e-4e37-81d3-a3e7426453b0' },
    youAreNotAdmin: { message: 'You are not an administrator.', code: 'YOU_ARE_NOT_ADMIN', id: '26601bea-079b-4782-8dac-071febe2acf9' },
  },
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.String({ minLength: 1, maxLength: 1024 }),
    secret: Type.Optional(Type.String({ maxLength: 1024, default: '' })),
    on: Type.Array(WebhookEventParamSchema),
  }),
  res: UserWebhookSchema,
}, async ({ params, me, ctx, fail }) => {
  const on = userEventsOf(params.on) ?? fail('youAreNotAdmin');
  const created = await createUserWebhook(ctx, me!.id, { name: params.name, url: params.url, secret: params.secret ?? '', on });
  return created === 'tooManyWebhooks' ? fail('tooManyWebhooks') : packUserWebhook(created);
});
