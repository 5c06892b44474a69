import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { queueMail } from '../../../core/email/transport.js';

export default defineEndpoint({
  summary: 'Sends a plain-text mail through the server\'s SMTP settings (queued, retried on failure).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:send-email',
  errors: {
    // Misskey tries to send anyway and fails with an internal error; Mikan says why (id is Mikan's own).
    emailNotEnabled: { message: 'Mail is not configured on this server (enableEmail, email and smtpHost in admin/update-meta).', code: 'EMAIL_NOT_ENABLED', id: 'b7f0e9c1-3a52-4a3e-9d3c-2c8f1b6a7e20' },
  },
  params: Type.Object({ to: Type.String(), subject: Type.String(), text: Type.String() }),
}, async ({ params, ctx, fail }) => {
  if (!await queueMail(ctx, ctx.db, { to: params.to, subject: params.subject, text: params.text })) fail('emailNotEnabled');
});
