import { and, eq, inArray } from 'drizzle-orm';
import webPush from 'web-push';
import type { AppContext } from '../../context.js';
import { notifications, swSubscriptions, type NotificationRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { webPushDeliver } from '../../jobs/kinds/web-push-deliver.js';
import { safeFetch, SafeFetchError } from '../../net/safe-fetch.js';
import { packNotifications } from '../notifications/pack.js';

/** Misskey's push message types Mikan sends: a new notification, and "all read" to the subscriptions that asked for it. */
export type PushType = 'notification' | 'readAllNotifications';

export interface WebPushDelivery {
  subscriptionId: string;
  type: PushType;
  /** For `notification`: packed when the job runs (a notification deleted meanwhile is not sent). */
  notificationId?: string;
  /** When the event happened (ms), sent as the payload's `dateTime`. */
  dateTime: number;
}

/**
 * Queues the push of a new notification to each of the notifiee's subscriptions, one job each (a
 * failing push service delays only its own browser). Pass the transaction that writes the
 * notification, so the jobs exist if and only if it commits.
 */
export async function queueNotificationPush(ctx: AppContext, executor: Executor, row: NotificationRow): Promise<void> {
  const subscriptions = await executor.select({ id: swSubscriptions.id }).from(swSubscriptions).where(eq(swSubscriptions.userId, row.notifieeId));
  for (const subscription of subscriptions) {
    await enqueueJob(ctx, executor, webPushDeliver, { subscriptionId: subscription.id, type: 'notification', notificationId: row.id, dateTime: row.createdAt.getTime() });
  }
}

/** `readAllNotifications` to the subscriptions with `sendReadMessage` (Misskey sends it to no other). */
export async function queueReadAllPush(ctx: AppContext, userId: string): Promise<void> {
  const subscriptions = await ctx.db.select({ id: swSubscriptions.id }).from(swSubscriptions)
    .where(and(eq(swSubscriptions.userId, userId), eq(swSubscriptions.sendReadMessage, true)));
  for (const subscription of subscriptions) {
    await enqueueJob(ctx, ctx.db, webPushDeliver, { subscriptionId: subscription.id, type: 'readAllNotifications', dateTime: Date.now() });
  }
}

const SUMMARY_LENGTH = 128;

/**
 * Push messages must stay under ~4 KiB, so a notification's note is cut down as Misskey does
 * (`truncateBody`): its text shortened, without cw, reply, renote or (for notifications) its user.
 */
function truncate(packed: Record<string, unknown>): Record<string, unknown> {
  const note = packed.note as Record<string, unknown> | undefined;
  if (!note) return packed;
  const source = packed.type === 'renote' && note.renote ? note.renote as Record<string, unknown> : note;
  const text = typeof source.cw === 'string' ? source.cw : typeof source.text === 'string' ? source.text : '';
  return { ...packed, note: { ...note, text: text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}…` : text, cw: undefined, reply: undefined, renote: undefined, user: undefined } };
}

/**
 * Who push services may contact about our pushes: the instance URL as Misskey sends it; VAPID takes
 * only https: or mailto:, so an instance on plain http gives the maintainer's address instead.
 */
function vapidSubject(ctx: AppContext): string {
  const url = new URL(ctx.config.url);
  if (url.protocol === 'https:') return ctx.config.url;
  return `mailto:${ctx.meta.get().maintainerEmail || `webmaster@${url.hostname}`}`;
}

/** A push service's answer that no retry will change. */
const FINAL_FAILURES: ReadonlySet<string> = new Set(['invalid-url', 'protocol', 'address', 'redirects']);

export class WebPushRetry extends Error {}

/**
 * Sends one push message: Misskey's payload `{ type, body, userId, dateTime }`, encrypted for the
 * subscription (RFC 8291, aes128gcm) and signed with the instance's VAPID key, POSTed SSRF-safe
 * (public addresses only unless MIKAN_ALLOW_PRIVATE_NETWORK). 404 or 410 from the push service
 * means the browser dropped the subscription: it is deleted, as Misskey does. Network errors,
 * 429 and 5xx throw WebPushRetry (the job is retried); other answers are final.
 */
export async function deliverWebPush(ctx: AppContext, delivery: WebPushDelivery): Promise<void> {
  const [subscription] = await ctx.db.select().from(swSubscriptions).where(eq(swSubscriptions.id, delivery.subscriptionId));
  if (!subscription) return;
  const { swPublicKey, swPrivateKey } = ctx.meta.get();
  if (!swPublicKey || !swPrivateKey) return;

  let body: unknown;
  if (delivery.type === 'notification') {
    if (!delivery.notificationId) return;
    const rows = await ctx.db.select().from(notifications).where(inArray(notifications.id, [delivery.notificationId]));
    const [packed] = await packNotifications(ctx, rows);
    if (!packed) return;
    body = truncate(packed as unknown as Record<string, unknown>);
  }
  const payload = JSON.stringify({ type: delivery.type, body, userId: subscription.userId, dateTime: delivery.dateTime });

  const request = webPush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { auth: subscription.auth, p256dh: subscription.publickey } },
    payload,
    { vapidDetails: { subject: vapidSubject(ctx), publicKey: swPublicKey, privateKey: swPrivateKey }, contentEncoding: 'aes128gcm', TTL: 60 * 60 * 24 },
  );
  let status: number;
  try {
    const response = await safeFetch(request.endpoint, {
      method: 'POST',
      body: request.body ?? undefined,
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
      contentTypes: ['*/*'],
      acceptAnyStatus: true,
      allowPrivateNetwork: ctx.config.allowPrivateNetwork,
      timeoutMs: 15_000,
      maxBytes: 64 * 1024,
    });
    status = response.status;
  } catch (error) {
    if (error instanceof SafeFetchError && FINAL_FAILURES.has(error.reason)) {
      ctx.log.warn({ subscriptionId: subscription.id, reason: error.reason }, `push not delivered: ${error.message}`);
      return;
    }
    throw new WebPushRetry(`push to subscription ${subscription.id}: ${(error as Error).message}`);
  }
  if (status === 404 || status === 410) {
    await ctx.db.delete(swSubscriptions).where(and(eq(swSubscriptions.id, subscription.id), eq(swSubscriptions.endpoint, subscription.endpoint)));
    return;
  }
  if (status === 429 || status >= 500) throw new WebPushRetry(`push to subscription ${subscription.id}: the push service answered ${status}`);
  if (status >= 300) ctx.log.warn({ subscriptionId: subscription.id, status }, 'push refused by the push service');
}
