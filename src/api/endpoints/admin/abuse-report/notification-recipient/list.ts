import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { listRecipients, packRecipients } from '../../../../../core/abuse/recipients.js';
import { AbuseReportNotificationRecipientSchema } from '../../../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'The recipients of abuse report events, oldest first; `method` narrows them.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  secure: true,
  kind: 'read:admin:abuse-report:notification-recipient',
  params: Type.Object({ method: Type.Optional(Type.Array(Type.Union([Type.Literal('email'), Type.Literal('webhook')]))) }),
  res: Type.Array(AbuseReportNotificationRecipientSchema),
}, async ({ params, ctx }) => packRecipients(ctx, await listRecipients(ctx, params.method)));
