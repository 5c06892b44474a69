import { defineJob } from '../define.js';
import { deliverMail, EmailDisabledError, type Mail } from '../../core/email/transport.js';

/**
 * One mail through the configured SMTP server (src/core/email). An SMTP or network failure is
 * retried with back-off for about an hour; mail switched off meanwhile drops the message.
 */
export const sendEmailJob = defineJob<Mail>('sendEmail', {
  queue: 'deliver',
  retryLimit: 6,
  retryDelaySeconds: 2,
  backoff: true,
  retryDelayMaxSeconds: 1800,
  timeoutSeconds: 120,
  // The job's data holds the message, links with secrets included: keep finished jobs an hour only.
  keepSeconds: 3600,
}, async (ctx, mail) => {
  try {
    await deliverMail(ctx, mail);
  } catch (error) {
    if (error instanceof EmailDisabledError) {
      ctx.log.warn({ to: mail.to, subject: mail.subject }, 'mail dropped: mail is no longer configured');
      return;
    }
    throw error;
  }
});
