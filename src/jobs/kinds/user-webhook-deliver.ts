import { defineJob } from '../define.js';
import { deliverUserWebhook, type UserWebhookDelivery } from '../../core/webhooks/deliver.js';

/**
 * One event to one user webhook (src/core/webhooks). Retried with backoff on network errors, 5xx,
 * 408 and 429 (deliverUserWebhook throws then); a 4xx or a refused address ends it. Every retry
 * sends the same eventId, so a receiver can drop a repeat of a call whose answer was lost.
 */
export const userWebhookDeliver = defineJob<UserWebhookDelivery>('userWebhookDeliver', {
  queue: 'userWebhookDeliver',
  retryLimit: 4,
  retryDelaySeconds: 5,
  backoff: true,
  retryDelayMaxSeconds: 3600,
  timeoutSeconds: 60,
}, async (ctx, delivery) => {
  await deliverUserWebhook(ctx, delivery);
});
