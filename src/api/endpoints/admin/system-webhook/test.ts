import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findSystemWebhook, sendTestSystemWebhook } from '../../../../core/system-webhooks/manage.js';
import { SystemWebhookEventParamSchema } from '../../../../core/moderation/schema.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Sends a made-up event of the given type to a system webhook (or to `override`\'s URL and secret), active or not.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'read:admin:system-webhook',
  limit: { duration: 900_000, max: 60 },
  errors: {
    noSuchWebhook: { message: 'No such webhook.', code: 'NO_SUCH_WEBHOOK', id: '0c52149c-e913-18f8-5dc7-74870bfe0cf9' },
  },
  params: Type.Object({
    webhookId: Type.String({ format: 'misskey:id' }),
    type: SystemWebhookEventParamSchema,
    override: Type.Optional(Type.Object({ url: Type.Optional(Type.String()), secret: Type.Optional(Type.String()) })),
  }),
}, async ({ params, me, ctx, fail }) => {
  const webhook = await findSystemWebhook(ctx, params.webhookId) ?? fail('noSuchWebhook');
  const moderator = await findUserById(ctx, me!.id) ?? fail('noSuchWebhook');
  // The fork's `reportAutoResolved` has no Mikan counterpart; its test sends the resolved event's shape.
  await sendTestSystemWebhook(ctx, moderator, webhook, params.type === 'reportAutoResolved' ? 'abuseReportResolved' : params.type, params.override);
});
