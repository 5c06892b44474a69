import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { packSystemWebhook, updateSystemWebhook } from '../../../../core/system-webhooks/manage.js';
import { SystemWebhookEventParamSchema, SystemWebhookSchema } from '../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'Changes a system webhook (every field is sent, as Misskey).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:system-webhook',
  errors: {
    // Misskey declares it on show only (update throws a bare error); the same id is reused.
    noSuchSystemWebhook: { message: 'No such SystemWebhook.', code: 'NO_SUCH_SYSTEM_WEBHOOK', id: '38dd1ffe-04b4-6ff5-d8ba-4e6a6ae22c9d', kind: 'server', httpStatusCode: 404 },
  },
  params: Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    isActive: Type.Boolean(),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    on: Type.Array(SystemWebhookEventParamSchema),
    url: Type.String({ minLength: 1, maxLength: 1024 }),
    secret: Type.String({ minLength: 1, maxLength: 1024 }),
  }),
  res: SystemWebhookSchema,
}, async ({ params, me, ctx, fail }) => {
  const { id, ...input } = params;
  return packSystemWebhook(await updateSystemWebhook(ctx, me!.id, id, input) ?? fail('noSuchSystemWebhook'));
});
