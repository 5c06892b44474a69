import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userWebhooks, type UserWebhookEvent } from '../../db/schema/index.js';
import { safeFetch, SafeFetchError } from '../../net/safe-fetch.js';

/** One webhook call as queued: the target and secret are fixed when the event happens, as in Misskey. */
export interface UserWebhookDelivery {
  webhookId: string;
  userId: string;
  url: string;
  secret: string;
  type: UserWebhookEvent;
  /** Misskey's `eventId`: one per event and webhook, the same on every retry, so receivers can drop repeats. */
  eventId: string;
  /** Milliseconds since the epoch, when the event happened. */
  createdAt: number;
  /** `body` of the request: `{ note }`, `{ user }` or `{ note, reaction }`. */
  content: unknown;
}

/** A failure worth another try (network, timeout, 5xx, 408, 429): the job system retries on it. */
export class WebhookDeliveryRetry extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryRetry';
  }
}

const DELIVERY_TIMEOUT_MS = 10_000;
/** Only the answer's status matters; a receiver that answers more than this is not called again for the event. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const FINAL_FAILURES = new Set(['address', 'protocol', 'invalid-url', 'redirects', 'too-large']);

/** The request body Misskey sends (UserWebhookDeliverProcessorService). */
export function webhookRequestBody(ctx: AppContext, delivery: UserWebhookDelivery): string {
  return JSON.stringify({
    server: ctx.config.url,
    hookId: delivery.webhookId,
    userId: delivery.userId,
    eventId: delivery.eventId,
    createdAt: delivery.createdAt,
    type: delivery.type,
    body: delivery.content,
  });
}

/**
 * POSTs one event to a user webhook and records the answer on it (`latestSentAt`, `latestStatus`).
 * A webhook deleted since the event is not called.
 */
export async function deliverUserWebhook(ctx: AppContext, delivery: UserWebhookDelivery): Promise<void> {
  const [webhook] = await ctx.db.select({ id: userWebhooks.id }).from(userWebhooks).where(eq(userWebhooks.id, delivery.webhookId));
  if (!webhook) return;
  await postWebhookEvent(ctx, { hookId: delivery.webhookId, url: delivery.url, secret: delivery.secret, body: webhookRequestBody(ctx, delivery) }, async (status) => {
    await ctx.db.update(userWebhooks).set({ latestSentAt: new Date(), latestStatus: status }).where(eq(userWebhooks.id, delivery.webhookId));
  });
}

/** One webhook request: where, with which secret, and the JSON body. */
export interface WebhookRequest {
  hookId: string;
  url: string;
  secret: string;
  body: string;
}

/**
 * POSTs one event to a webhook (user or system: Misskey sends both the same way), SSRF-safe
 * (src/net/safe-fetch.ts: public addresses only unless MIKAN_ALLOW_PRIVATE_NETWORK, no redirects for
 * a POST), and hands the answer's status to `recordStatus`. Throws WebhookDeliveryRetry when another
 * try may succeed; a 4xx answer (other than 408/429) or a refused address is final, as in Misskey.
 */
export async function postWebhookEvent(ctx: AppContext, request: WebhookRequest, recordStatus: (status: number) => Promise<void>): Promise<void> {
  let status: number;
  try {
    const response = await safeFetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: {
        'Content-Type': 'application/json',
        'X-Misskey-Host': ctx.config.hostname,
        'X-Misskey-Hook-Id': request.hookId,
        'X-Misskey-Hook-Secret': request.secret,
      },
      userAgent: 'Misskey-Hooks',
      contentTypes: ['*/*'],
      acceptAnyStatus: true,
      allowPrivateNetwork: ctx.config.allowPrivateNetwork,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
    });
    status = response.status;
  } catch (error) {
    if (error instanceof SafeFetchError && FINAL_FAILURES.has(error.reason)) {
      ctx.log.warn({ webhookId: request.hookId, reason: error.reason }, `webhook not delivered: ${error.message}`);
      return;
    }
    throw new WebhookDeliveryRetry(`webhook ${request.hookId}: ${(error as Error).message}`);
  }
  await recordStatus(status);
  if (status >= 200 && status < 300) return;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    ctx.log.info({ webhookId: request.hookId, status }, 'webhook refused the event; not retried');
    return;
  }
  throw new WebhookDeliveryRetry(`webhook ${request.hookId} answered ${status}`);
}
