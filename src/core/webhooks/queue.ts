import type { AppContext } from '../../context.js';
import { deliverUserWebhook, type UserWebhookDelivery } from './deliver.js';

/**
 * Hands a delivery to the job system. Until the durable queue (src/jobs) is merged, it runs in
 * this process right away, without retries.
 */
export async function enqueueWebhookDelivery(ctx: AppContext, delivery: UserWebhookDelivery): Promise<void> {
  void deliverUserWebhook(ctx, delivery).catch((error) => ctx.log.warn({ err: error, webhookId: delivery.webhookId }, 'webhook delivery failed'));
}
