import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listSystemWebhooks, packSystemWebhook } from '../../../../core/system-webhooks/manage.js';
import { SystemWebhookEventParamSchema, SystemWebhookSchema } from '../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'The system webhooks, oldest first; `isActive` and `on` (any of the events) narrow the list.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:system-webhook',
  params: Type.Object({ isActive: Type.Optional(Type.Boolean()), on: Type.Optional(Type.Array(SystemWebhookEventParamSchema)) }),
  res: Type.Array(SystemWebhookSchema),
}, async ({ params, ctx }) => (await listSystemWebhooks(ctx, params)).map(packSystemWebhook));
