import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createSystemWebhook, packSystemWebhook } from '../../../../core/system-webhooks/manage.js';
import { SystemWebhookEventParamSchema, SystemWebhookSchema } from '../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'Creates a system webhook: the chosen instance events are POSTed to the URL with the secret in X-Misskey-Hook-Secret.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:system-webhook',
  params: Type.Object({
    isActive: Type.Boolean(),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    on: Type.Array(SystemWebhookEventParamSchema),
    url: Type.String({ minLength: 1, maxLength: 1024 }),
    secret: Type.String({ minLength: 1, maxLength: 1024 }),
  }),
  res: SystemWebhookSchema,
}, async ({ params, me, ctx }) => packSystemWebhook(await createSystemWebhook(ctx, me!.id, params)));
