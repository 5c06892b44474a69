import { defineJob } from '../jobs/define.js';
import { SafeFetchError } from '../net/safe-fetch.js';

/**
 * Outgoing activities: one job per (activity, inbox) on the `deliver` queue, signed with the
 * sender's RSA key (HTTP Signatures, draft-cavage, what every fediverse server accepts) at send
 * time and POSTed through the SSRF-safe fetch (src/federation/deliver.ts, loaded when a job runs).
 * Retries with doubling delays come from the job system; a 4xx other than 408/429 is final (the
 * receiver refuses this activity for good), and so is an address the safe fetch refuses.
 */

export interface Delivery {
  /** The local sender (its key signs). */
  userId: string;
  /** The inbox (Misskey's field name: `admin/queue/deliver-delayed` counts jobs by its host). */
  to: string;
  /** The activity, compacted JSON-LD. */
  activity: unknown;
}

export class FinalDeliveryError extends Error {}

export const apDeliver = defineJob<Delivery>('apDeliver', {
  queue: 'deliver',
  retryLimit: 8,
  retryDelaySeconds: 30,
  backoff: true,
  retryDelayMaxSeconds: 6 * 3600,
  timeoutSeconds: 60,
}, async (ctx, delivery) => {
  try {
    await (await import('./deliver.js')).send(ctx, delivery);
  } catch (error) {
    // Refusals that a retry cannot change end the job instead of failing it into retries.
    if (error instanceof FinalDeliveryError || (error instanceof SafeFetchError && ['invalid-url', 'protocol', 'address'].includes(error.reason))) {
      ctx.log.info({ inbox: delivery.to, err: error }, 'delivery refused for good');
      return;
    }
    throw error;
  }
});

