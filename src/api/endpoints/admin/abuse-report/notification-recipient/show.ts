import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { findRecipient, packRecipients } from '../../../../../core/abuse/recipients.js';
import { AbuseReportNotificationRecipientSchema } from '../../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'One recipient of abuse report events.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'read:admin:abuse-report:notification-recipient',
  errors: {
    noSuchRecipient: { message: 'No such recipient.', code: 'NO_SUCH_RECIPIENT', id: '013de6a8-f757-04cb-4d73-cc2a7e3368e4', kind: 'server', httpStatusCode: 404 },
  },
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
  res: AbuseReportNotificationRecipientSchema,
}, async ({ params, ctx, fail }) => {
  const row = await findRecipient(ctx, params.id) ?? fail('noSuchRecipient');
  return (await packRecipients(ctx, [row]))[0]!;
});
