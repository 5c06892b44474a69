import { eq } from 'drizzle-orm';
import { signRequest, type Activity } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { remoteActors } from '../db/schema/index.js';
import { apDeliver, FinalDeliveryError, type Delivery } from './deliver-job.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { federationFetch } from './net.js';
import { keysOf } from './keys.js';
import { hostHealth, isDead, recordDelivery } from './host-health.js';
import { actorUri, contextLoaderFor } from './uris.js';

/** Signs and sends one delivery job (the job and its retry rules: deliver-job.ts). */

export async function send(ctx: AppContext, delivery: Delivery): Promise<void> {
  const host = new URL(delivery.to).host;
  const health = await hostHealth(ctx, host);
  if (isDead(health)) throw new FinalDeliveryError(`${host} has not answered for a week; delivery dropped`);
  try {
    await post(ctx, delivery);
  } catch (error) {
    // A refusal is an answer: the host is alive.
    await recordDelivery(ctx, host, error instanceof FinalDeliveryError, health);
    throw error;
  }
  await recordDelivery(ctx, host, true, health);
}

async function post(ctx: AppContext, delivery: Delivery): Promise<void> {
  const keys = await keysOf(ctx, delivery.userId);
  const body = JSON.stringify(delivery.activity);
  const unsigned = new Request(delivery.to, {
    method: 'POST',
    headers: { 'Content-Type': 'application/activity+json', Accept: 'application/activity+json' },
    body,
  });
  const signed = await signRequest(unsigned, keys.rsa.privateKey, new URL(`${actorUri(ctx, delivery.userId)}#main-key`));
  const headers: Record<string, string> = {};
  signed.headers.forEach((value, name) => { headers[name] = value; });
  delete headers.host;
  const response = await federationFetch(ctx, delivery.to, { method: 'POST', body, headers, acceptAnyStatus: true, maxBytes: 64 * 1024 });
  if (response.status >= 200 && response.status < 300) return;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    throw new FinalDeliveryError(`${delivery.to} refused the activity (${response.status})`);
  }
  throw new Error(`${delivery.to} answered ${response.status}`);
}

export async function compact(ctx: AppContext, activity: Activity): Promise<unknown> {
  return activity.toJsonLd({ format: 'compact', contextLoader: contextLoaderFor(ctx) });
}

/** Queues `activity` from `userId` to these inboxes (deduplicated). */
export async function deliverTo(ctx: AppContext, userId: string, inboxes: readonly string[], activity: Activity, extend?: (json: Record<string, unknown>) => void): Promise<void> {
  const unique = [...new Set(inboxes)];
  if (unique.length === 0) return;
  const json = await compact(ctx, activity) as Record<string, unknown>;
  extend?.(json);
  for (const inbox of unique) await enqueueJob(ctx, ctx.db, apDeliver, { userId, to: inbox, activity: json });
}

/** Queues `activity` to one remote user (its personal inbox). */
export async function deliverToUser(ctx: AppContext, senderId: string, recipientId: string, activity: Activity): Promise<void> {
  const [row] = await ctx.db.select({ inbox: remoteActors.inbox }).from(remoteActors).where(eq(remoteActors.userId, recipientId));
  if (row) await deliverTo(ctx, senderId, [row.inbox], activity);
}

