import type { AppContext } from '../context.js';

/**
 * Streaming's own bus topics, beside the ones in src/bus/topics.ts.
 *
 * - `adminStream`: moderator events (`newAbuseUserReport`), sent to `admin` channels of moderators.
 */
export const streamingTopics = {
  admin: 'adminStream',
} as const;

export function publishAdminStream(ctx: AppContext, type: string, body: unknown): void {
  ctx.bus.publish(streamingTopics.admin, { type, body });
}
