import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/tx.js';
import { systemWebhooks, type SystemWebhookEvent, type SystemWebhookRow } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { systemWebhookDeliver } from '../../jobs/kinds/system-webhook-deliver.js';
import { postWebhookEvent } from '../webhooks/deliver.js';

/** One event to one system webhook, as queued: target and secret fixed when the event happens (Misskey). */
export interface SystemWebhookDelivery {
  webhookId: string;
  url: string;
  secret: string;
  type: SystemWebhookEvent;
  /** One per event and webhook, the same on every retry. */
  eventId: string;
  createdAt: number;
  content: unknown;
}

/** The request body Misskey sends (SystemWebhookDeliverProcessorService): a user webhook's without `userId`. */
export function systemWebhookRequestBody(ctx: AppContext, delivery: SystemWebhookDelivery): string {
  return JSON.stringify({
    server: ctx.config.url,
    hookId: delivery.webhookId,
    eventId: delivery.eventId,
    createdAt: delivery.createdAt,
    type: delivery.type,
    body: delivery.content,
  });
}

/** The job's work: POST through the user webhooks' delivery (same SSRF guard, headers, retry rules). */
export async function deliverSystemWebhook(ctx: AppContext, delivery: SystemWebhookDelivery): Promise<void> {
  const [webhook] = await ctx.db.select({ id: systemWebhooks.id }).from(systemWebhooks).where(eq(systemWebhooks.id, delivery.webhookId));
  if (!webhook) return;
  await postWebhookEvent(ctx, { hookId: delivery.webhookId, url: delivery.url, secret: delivery.secret, body: systemWebhookRequestBody(ctx, delivery) }, async (status) => {
    await ctx.db.update(systemWebhooks).set({ latestSentAt: new Date(), latestStatus: status }).where(eq(systemWebhooks.id, delivery.webhookId));
  });
}

/** Queues one delivery per webhook; `executor` commits them with the event's own write. */
export async function enqueueSystemWebhookDeliveries(ctx: AppContext, webhooks: readonly Pick<SystemWebhookRow, 'id' | 'url' | 'secret'>[], type: SystemWebhookEvent, content: unknown, executor: Executor = ctx.db): Promise<void> {
  const createdAt = Date.now();
  for (const webhook of webhooks) {
    await enqueueJob(ctx, executor, systemWebhookDeliver, {
      webhookId: webhook.id, url: webhook.url, secret: webhook.secret, type, eventId: randomUUID(), createdAt, content,
    });
  }
}

/**
 * Sends an event to every active system webhook that subscribes to it (`userCreated` and the
 * moderator-inactivity events, as Misskey). `among`: only these webhooks (abuse report events go to
 * the webhooks named by active notification recipients).
 */
export async function emitSystemWebhookEvent(ctx: AppContext, type: SystemWebhookEvent, content: unknown, options: { executor?: Executor; among?: readonly string[] } = {}): Promise<void> {
  if (options.among && options.among.length === 0) return;
  const executor = options.executor ?? ctx.db;
  const targets = await executor.select().from(systemWebhooks).where(and(
    eq(systemWebhooks.isActive, true),
    arrayContains(systemWebhooks.on, [type]),
    options.among ? inArray(systemWebhooks.id, [...options.among]) : undefined,
  ));
  await enqueueSystemWebhookDeliveries(ctx, targets, type, content, executor);
}
