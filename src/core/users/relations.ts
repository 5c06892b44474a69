import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { FollowNotify } from '../../db/schema/index.js';

/** How the viewer and another user relate (Misskey's `users/relation` entity plus the follow's settings). */
export interface UserRelation {
  id: string;
  isFollowing: boolean;
  isFollowed: boolean;
  hasPendingFollowRequestFromYou: boolean;
  hasPendingFollowRequestToYou: boolean;
  isBlocking: boolean;
  isBlocked: boolean;
  isMuted: boolean;
  isRenoteMuted: boolean;
  notify: FollowNotify;
  withReplies: boolean;
  /** The viewer's private memo about the user (`users/update-memo`), for packed users only. */
  memo: string | null;
}

export function noRelation(id: string): UserRelation {
  return {
    id, isFollowing: false, isFollowed: false, hasPendingFollowRequestFromYou: false, hasPendingFollowRequestToYou: false,
    isBlocking: false, isBlocked: false, isMuted: false, isRenoteMuted: false, notify: 'none', withReplies: false, memo: null,
  };
}

type RelationKind = 'following' | 'followed' | 'requestFromYou' | 'requestToYou' | 'blocking' | 'blocked' | 'muted' | 'renoteMuted' | 'memo';

/**
 * The viewer's relations to many users in ONE query (a UNION over the indexed pair tables), so
 * packing a page of users costs the same however long it is. Expired mutes do not count.
 */
export async function getRelations(ctx: AppContext, viewerId: string, userIds: readonly string[]): Promise<Map<string, UserRelation>> {
  const result = new Map(userIds.map((id) => [id, noRelation(id)]));
  if (userIds.length === 0) return result;
  const ids = sql`ARRAY[${sql.join(userIds.map((id) => sql`${id}`), sql`, `)}]::varchar[]`;
  const { rows } = await ctx.db.execute<{ kind: RelationKind; other: string; notify: FollowNotify | null; with_replies: boolean | null; memo: string | null }>(sql`
    SELECT 'following' AS kind, followee_id AS other, notify, with_replies, NULL::varchar AS memo FROM followings WHERE follower_id = ${viewerId} AND followee_id = ANY(${ids})
    UNION ALL SELECT 'followed', follower_id, NULL, NULL, NULL FROM followings WHERE followee_id = ${viewerId} AND follower_id = ANY(${ids})
    UNION ALL SELECT 'requestFromYou', followee_id, NULL, NULL, NULL FROM follow_requests WHERE follower_id = ${viewerId} AND followee_id = ANY(${ids})
    UNION ALL SELECT 'requestToYou', follower_id, NULL, NULL, NULL FROM follow_requests WHERE followee_id = ${viewerId} AND follower_id = ANY(${ids})
    UNION ALL SELECT 'blocking', blockee_id, NULL, NULL, NULL FROM blockings WHERE blocker_id = ${viewerId} AND blockee_id = ANY(${ids})
    UNION ALL SELECT 'blocked', blocker_id, NULL, NULL, NULL FROM blockings WHERE blockee_id = ${viewerId} AND blocker_id = ANY(${ids})
    UNION ALL SELECT 'muted', mutee_id, NULL, NULL, NULL FROM mutings WHERE muter_id = ${viewerId} AND mutee_id = ANY(${ids}) AND (expires_at IS NULL OR expires_at > now())
    UNION ALL SELECT 'renoteMuted', mutee_id, NULL, NULL, NULL FROM renote_mutings WHERE muter_id = ${viewerId} AND mutee_id = ANY(${ids})
    UNION ALL SELECT 'memo', target_user_id, NULL, NULL, memo FROM user_memos WHERE user_id = ${viewerId} AND target_user_id = ANY(${ids})
  `);
  for (const row of rows) {
    const relation = result.get(row.other);
    if (!relation) continue;
    switch (row.kind) {
      case 'following':
        relation.isFollowing = true;
        relation.notify = row.notify ?? 'none';
        relation.withReplies = row.with_replies ?? false;
        break;
      case 'followed': relation.isFollowed = true; break;
      case 'requestFromYou': relation.hasPendingFollowRequestFromYou = true; break;
      case 'requestToYou': relation.hasPendingFollowRequestToYou = true; break;
      case 'blocking': relation.isBlocking = true; break;
      case 'blocked': relation.isBlocked = true; break;
      case 'muted': relation.isMuted = true; break;
      case 'renoteMuted': relation.isRenoteMuted = true; break;
      case 'memo': relation.memo = row.memo; break;
    }
  }
  return result;
}
