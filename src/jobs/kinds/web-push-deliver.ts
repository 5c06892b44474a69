import { defineJob } from '../define.js';
import { deliverWebPush, type WebPushDelivery } from '../../core/push/deliver.js';

/**
 * One push message to one browser (src/core/push). Retried with backoff on network errors, 429 and
 * 5xx; a 404/410 deletes the subscription; other refusals end it.
 */
export const webPushDeliver = defineJob<WebPushDelivery>('webPushDeliver', {
  queue: 'deliver',
  retryLimit: 5,
  retryDelaySeconds: 5,
  backoff: true,
  retryDelayMaxSeconds: 3600,
  timeoutSeconds: 60,
  keepSeconds: 24 * 60 * 60,
}, async (ctx, delivery) => {
  await deliverWebPush(ctx, delivery);
});
