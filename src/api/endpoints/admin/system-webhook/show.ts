import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findSystemWebhook, packSystemWebhook } from '../../../../core/system-webhooks/manage.js';
import { SystemWebhookSchema } from '../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'One system webhook.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:system-webhook',
  errors: {
    noSuchSystemWebhook: { message: 'No such SystemWebhook.', code: 'NO_SUCH_SYSTEM_WEBHOOK', id: '38dd1ffe-04b4-6ff5-d8ba-4e6a6ae22c9d', kind: 'server', httpStatusCode: 404 },
  },
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
  res: SystemWebhookSchema,
}, async ({ params, ctx, fail }) => packSystemWebhook(await findSystemWebhook(ctx, params.id) ?? fail('noSuchSystemWebhook')));
