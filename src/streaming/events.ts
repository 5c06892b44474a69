import type { AppContext } from '../context.js';

/**
 * Streaming's own bus topics, beside the ones in src/bus/topics.ts.
 *
 * - `streamingInternal`: `{ type: 'relationsChanged', userIds }` when follows, blocks, mutes or
 *   renote mutes of these users changed; every process reloads the cached viewer state (who they
 *   follow, block, mute) of its connections for those users, so timelines filter with fresh data.
 * - `adminStream`: moderator events (`newAbuseUserReport`), sent to `admin` channels of moderators.
 */
export const streamingTopics = {
  internal: 'streamingInternal',
  admin: 'adminStream',
} as const;

export interface RelationsChanged { type: 'relationsChanged'; userIds: string[] }

export function publishRelationsChanged(ctx: AppContext, ...userIds: string[]): void {
  ctx.bus.publish(streamingTopics.internal, { type: 'relationsChanged', userIds } satisfies RelationsChanged);
}

export function publishAdminStream(ctx: AppContext, type: string, body: unknown): void {
  ctx.bus.publish(streamingTopics.admin, { type, body });
}
