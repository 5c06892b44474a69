import type { AppContext } from '../../context.js';
import { publishMainStream } from '../../bus/topics.js';
import { relationsChanged } from '../cache/caches.js';
import { packUserDetailed, packUserLite } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import { recordFollowing } from '../charts/record.js';
import { emitFollowWebhooks } from '../webhooks/dispatch.js';

/**
 * Streaming events for the social graph, published after the change committed (fire and forget:
 * packing must not delay or fail the request). Misskey's shapes: `follow` (the followee, detailed,
 * to the follower), `followed` (the follower, lite, to the followee), `unfollow` (the followee,
 * detailed, to the follower), `receiveFollowRequest` (the requester, lite, to the locked user).
 */
export function announceFollowChange(ctx: AppContext, kind: 'follow' | 'unfollow' | 'request', followerId: string, followeeId: string): void {
  if (kind !== 'request') relationsChanged(ctx, followerId);
  // Every account is local until federation lands (createLocalUser is the only place users are made).
  if (kind !== 'request') recordFollowing(ctx, { id: followerId, host: null }, { id: followeeId, host: null }, kind === 'follow');
  void (async () => {
    const users = new Map((await findUsersByIds(ctx, [followerId, followeeId])).map((user) => [user.id, user]));
    const follower = users.get(followerId);
    const followee = users.get(followeeId);
    if (!follower || !followee) return;
    if (kind === 'request') {
      publishMainStream(ctx, followeeId, 'receiveFollowRequest', packUserLite(ctx, follower));
      return;
    }
    void emitFollowWebhooks(ctx, kind, follower, followee).catch((error) => ctx.log.warn({ err: error }, 'could not queue follow webhooks'));
    const [packedFollowee] = await packUserDetailed(ctx, [followee], follower);
    publishMainStream(ctx, followerId, kind, packedFollowee);
    if (kind === 'follow') publishMainStream(ctx, followeeId, 'followed', packUserLite(ctx, follower));
  })().catch((error) => ctx.log.warn({ err: error }, 'could not publish a follow event'));
}
