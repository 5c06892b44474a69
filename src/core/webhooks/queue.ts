import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/tx.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { userWebhookDeliver } from '../../jobs/kinds/user-webhook-deliver.js';
import type { UserWebhookDelivery } from './deliver.js';

/** Hands a delivery to the durable job queue (retried there); `executor` commits it with a write. */
export async function enqueueWebhookDelivery(ctx: AppContext, delivery: UserWebhookDelivery, executor: Executor = ctx.db): Promise<void> {
  await enqueueJob(ctx, executor, userWebhookDeliver, delivery);
}
