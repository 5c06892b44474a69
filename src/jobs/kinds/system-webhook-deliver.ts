import { defineJob } from '../define.js';
import { deliverSystemWebhook, type SystemWebhookDelivery } from '../../core/system-webhooks/deliver.js';

/**
 * One event to one system webhook (src/core/system-webhooks), retried as user webhook deliveries
 * are (network errors, 5xx, 408, 429), with the same eventId on every retry.
 */
export const systemWebhookDeliver = defineJob<SystemWebhookDelivery>('systemWebhookDeliver', {
  queue: 'systemWebhookDeliver',
  retryLimit: 4,
  retryDelaySeconds: 5,
  backoff: true,
  retryDelayMaxSeconds: 3600,
  timeoutSeconds: 60,
}, async (ctx, delivery) => {
  await deliverSystemWebhook(ctx, delivery);
});
