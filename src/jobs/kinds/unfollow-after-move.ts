import { defineJob } from '../define.js';
import { unfollowAllOf } from '../../core/users/move.js';

/**
 * A moved account stops following who it followed, 24 hours after `i/move` (Misskey's delayed
 * unfollow). Idempotent: a retry ends the follows that are left.
 */
export const unfollowAfterMoveJob = defineJob<{ userId: string }>('unfollowAfterMove', {
  queue: 'relationship',
  retryLimit: 5,
  retryDelaySeconds: 30,
  backoff: true,
}, async (ctx, data) => {
  await unfollowAllOf(ctx, data.userId);
});
