import type { ApiErrorDefinition } from './errors.js';
import { reportErrors } from './moderation-errors.js';

/** admin/abuse-report/notification-recipient/create|update's declared errors (ids as Misskey's), plus Mikan's lack of e-mail. */
export const recipientErrors = {
  correlationCheckEmail: { message: 'If "method" is email, "userId" must be set.', code: 'CORRELATION_CHECK_EMAIL', id: '348bb8ae-575a-6fe9-4327-5811999def8f', httpStatusCode: 400 },
  correlationCheckWebhook: { message: 'If "method" is webhook, "systemWebhookId" must be set.', code: 'CORRELATION_CHECK_WEBHOOK', id: 'b0c15051-de2d-29ef-260c-9585cddd701a', httpStatusCode: 400 },
  emailAddressNotSet: { message: 'Email address is not set.', code: 'EMAIL_ADDRESS_NOT_SET', id: '7cc1d85e-2f58-fc31-b644-3de8d0d3421f', httpStatusCode: 400 },
  emailUnavailable: reportErrors.emailUnavailable,
} as const satisfies Record<string, ApiErrorDefinition>;
