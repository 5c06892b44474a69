import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { recipientErrors } from '../../../../recipient-errors.js';
import { updateRecipient } from '../../../../../core/abuse/recipients.js';
import { AbuseReportNotificationRecipientSchema } from '../../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'Changes a recipient of abuse report events.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'write:admin:abuse-report:notification-recipient',
  errors: {
    ...recipientErrors,
    // Not declared by Misskey for update (it answers a bare error); show's id is reused.
    noSuchRecipient: { message: 'No such recipient.', code: 'NO_SUCH_RECIPIENT', id: '013de6a8-f757-04cb-4d73-cc2a7e3368e4', kind: 'server', httpStatusCode: 404 },
  },
  params: Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    isActive: Type.Boolean(),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    method: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
    userId: Type.Optional(Type.String({ format: 'misskey:id' })),
    systemWebhookId: Type.Optional(Type.String({ format: 'misskey:id' })),
  }),
  res: AbuseReportNotificationRecipientSchema,
}, async ({ params, me, ctx, fail }) => {
  const { id, ...input } = params;
  const result = await updateRecipient(ctx, me!.id, id, input) ?? fail('noSuchRecipient');
  return typeof result === 'string' ? fail(result) : result;
});
