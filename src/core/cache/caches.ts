import type { AppContext } from '../../context.js';
import type { EventBus } from '../../bus/bus.js';
import { topics, type InternalEvent } from '../../bus/topics.js';
import type { UserRow } from '../../db/schema/index.js';
import type { AuthToken, AuthUser } from '../auth/authenticate.js';
import { Memo } from './memo.js';
import type { AuthorRules } from '../notes/visibility.js';

/** What `authenticate` keeps per credential (see src/core/auth/authenticate.ts). */
export interface CachedCredential {
  user: AuthUser;
  token: AuthToken;
  /** What `onlineStatus` needs, as of the cached row plus this process's own activity writes. */
  activity: { hideOnlineStatus: boolean; lastActiveDate: Date | null };
  /** When this process last wrote the token's `last_used_at` / the user's activity (ms epoch). */
  lastUsedWrittenAt: number;
  lastActiveWrittenAt: number;
}

/** A viewer's own relations (everything of `ViewerContext` but the instance-wide hidden accounts). */
export interface ViewerRelations {
  following: ReadonlySet<string>;
  /** Followees whose replies to others the viewer wants (`following/create` `withReplies`). */
  followingWithReplies: ReadonlySet<string>;
  blocking: ReadonlySet<string>;
  blockedBy: ReadonlySet<string>;
  muting: ReadonlySet<string>;
  renoteMuting: ReadonlySet<string>;
  /** Channels the viewer follows (`channels/follow`): their notes come into home and hybrid timelines. */
  followingChannels: ReadonlySet<string>;
  /** Channels the viewer mutes (`channels/mute/create`, active mutes only): their notes leave timelines. */
  mutingChannels: ReadonlySet<string>;
  /** Ms epoch when the next timed mute (of a user or a channel) expires (the entry must not outlive it), or null. */
  nextMuteExpiry: number | null;
}

/**
 * Upper bounds on staleness for writes made outside Mikan (SQL by hand, a process that died before
 * announcing): every change Mikan makes itself invalidates at once, here and, over the EventBus,
 * in every other process (Misskey keeps the same kind of caches: users by token, users by id,
 * followings/blockings/mutings per user, invalidated by its internal events).
 */
const CREDENTIAL_TTL_MS = 60_000;
const USER_TTL_MS = 60_000;
const RELATIONS_TTL_MS = 10 * 60_000;
const HIDDEN_USERS_TTL_MS = 60_000;

/** The hot rows of every request, kept in process (see docs/decisions.md, "In-process caches"). */
export class Caches {
  /** Key: the credential's SHA-256 (never the credential itself). */
  readonly credentials = new Memo<CachedCredential>({ max: 50_000, ttlMs: CREDENTIAL_TTL_MS });
  /** User rows for packing notes (UserLite fields and hiding rules), by id. */
  readonly users = new Memo<UserRow>({ max: 50_000, ttlMs: USER_TTL_MS });
  readonly relations = new Memo<ViewerRelations>({ max: 20_000, ttlMs: RELATIONS_TTL_MS });
  /** Suspended or deleted accounts, and accounts whose privacy settings restrict their notes (one entry). */
  readonly hiddenUsers = new Memo<AuthorRules>({ max: 1, ttlMs: HIDDEN_USERS_TTL_MS });

  static readonly relationsTtlMs = RELATIONS_TTL_MS;

  forgetUsers(userIds: readonly string[]): void {
    const ids = new Set(userIds);
    this.credentials.deleteWhere((entry) => ids.has(entry.user.id));
    this.users.delete(ids);
    this.hiddenUsers.clear();
  }

  forgetRelations(userIds: readonly string[]): void {
    this.relations.delete(userIds);
  }

  /** Applies what other processes (and this one, again, harmlessly) announce on the bus. */
  subscribe(bus: EventBus): () => void {
    return bus.subscribe(topics.internal, (message) => {
      const event = message as InternalEvent | null;
      if (!event || !('userIds' in event) || !Array.isArray(event.userIds)) return;
      if (event.type === 'usersChanged') this.forgetUsers(event.userIds);
      else if (event.type === 'relationsChanged') this.forgetRelations(event.userIds);
    });
  }
}

/**
 * These accounts changed in a way readers must see at once (suspended, deleted, tokens revoked,
 * profile fields shown on notes): forgotten here synchronously, then in every process.
 */
export function usersChanged(ctx: AppContext, ...userIds: string[]): void {
  ctx.caches.forgetUsers(userIds);
  ctx.bus.publish(topics.internal, { type: 'usersChanged', userIds } satisfies InternalEvent);
}

/** Follows, blocks, mutes or renote mutes of these users changed (timelines and streaming filter with them). */
export function relationsChanged(ctx: AppContext, ...userIds: string[]): void {
  ctx.caches.forgetRelations(userIds);
  ctx.bus.publish(topics.internal, { type: 'relationsChanged', userIds } satisfies InternalEvent);
}
