import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { recipientErrors } from '../../../../recipient-errors.js';
import { createRecipient } from '../../../../../core/abuse/recipients.js';
import { AbuseReportNotificationRecipientSchema } from '../../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'Adds a recipient of abuse report events: a system webhook, or (with mail configured) a user with a verified address who is mailed each report.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:abuse-report:notification-recipient',
  errors: recipientErrors,
  params: Type.Object({
    isActive: Type.Boolean(),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    method: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
    userId: Type.Optional(Type.String({ format: 'misskey:id' })),
    systemWebhookId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: AbuseReportNotificationRecipientSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await createRecipient(ctx, me!.id, params);
  return typeof result === 'string' ? fail(result) : result;
});
