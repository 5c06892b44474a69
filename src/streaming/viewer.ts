import type { AppContext } from '../context.js';
import type { AuthUser } from '../core/auth/authenticate.js';
import { Caches } from '../core/cache/caches.js';
import { loadViewerContext, loadViewerRelations, type ViewerContext } from '../core/notes/visibility.js';

/**
 * What streaming filters need to know about a viewer: the notes module's `ViewerContext` (follows,
 * blocks both ways, mutes, renote mutes, hidden accounts — the same rules as `notes/show`) plus
 * which follows include replies. Loaded once per user per process (shared by all their sockets)
 * and reloaded when their relations change: never a query per event per connection.
 */
export interface StreamViewer {
  context: ViewerContext;
  /** Followees whose replies to others the viewer wants (`following/create` `withReplies`). */
  withReplies: ReadonlySet<string>;
  /** Reload after this time (ms epoch): the next active mute expires then, or a periodic refresh. */
  validUntil: number;
}

/** Anonymous viewers only depend on which accounts are suspended: refreshed this often. */
const ANONYMOUS_TTL_MS = 60_000;

/** From the process caches (src/core/cache/caches.ts), which the relation and account events keep fresh. */
export async function loadStreamViewer(ctx: AppContext, user: AuthUser | null): Promise<StreamViewer> {
  if (!user) return { context: await loadViewerContext(ctx, null), withReplies: new Set(), validUntil: Date.now() + ANONYMOUS_TTL_MS };
  const [context, relations] = await Promise.all([loadViewerContext(ctx, user), loadViewerRelations(ctx, user.id)]);
  const refreshAt = Date.now() + Caches.relationsTtlMs;
  return {
    context,
    withReplies: relations.followingWithReplies,
    validUntil: relations.nextMuteExpiry != null ? Math.min(refreshAt, relations.nextMuteExpiry) : refreshAt,
  };
}

/** True when the viewer blocks, is blocked by or mutes `userId`. */
export function isHiddenUser(viewer: StreamViewer, userId: string | null | undefined): boolean {
  const context = viewer.context;
  if (!userId || userId === context.id) return false;
  return context.blocking.has(userId) || context.blockedBy.has(userId) || context.muting.has(userId);
}

interface Entry { refs: number; user: AuthUser | null; value: Promise<StreamViewer>; resolved: StreamViewer | null }

const ANONYMOUS = '';

/**
 * Per-process cache of viewer state, reference-counted by the sockets that use it (key: user id,
 * '' for anonymous). A reload replaces the promise at once, so filters decide with the new state
 * from that moment.
 */
export class ViewerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ctx: AppContext) {}

  /** Starts a load; when it lands and is still the current one, it becomes the synchronous answer. */
  private reload(entry: Entry): void {
    const value = loadStreamViewer(this.ctx, entry.user);
    entry.value = value;
    entry.resolved = null;
    value.then((viewer) => { if (entry.value === value) entry.resolved = viewer; })
      .catch((error) => this.ctx.log.warn({ err: error }, 'could not load viewer state'));
  }

  acquire(user: AuthUser | null): void {
    const key = user?.id ?? ANONYMOUS;
    const entry = this.entries.get(key);
    if (entry) { entry.refs++; return; }
    const created: Entry = { refs: 1, user, value: Promise.resolve(null as never), resolved: null };
    this.entries.set(key, created);
    this.reload(created);
  }

  /** The loaded, still valid state, without waiting; null when it must be (re)loaded first. */
  peek(user: AuthUser | null): StreamViewer | null {
    const resolved = this.entries.get(user?.id ?? ANONYMOUS)?.resolved;
    return resolved && resolved.validUntil > Date.now() ? resolved : null;
  }

  release(user: AuthUser | null): void {
    const key = user?.id ?? ANONYMOUS;
    const entry = this.entries.get(key);
    if (!entry) return;
    if (--entry.refs <= 0) this.entries.delete(key);
  }

  async get(user: AuthUser | null): Promise<StreamViewer> {
    const entry = this.entries.get(user?.id ?? ANONYMOUS);
    if (!entry) return loadStreamViewer(this.ctx, user);
    const current = entry.value;
    const value = await current.catch(() => null);
    if (value && value.validUntil > Date.now()) return value;
    // A load failed or the state is stale: load again (once, however many sockets ask).
    if (entry.value === current) this.reload(entry);
    return entry.value;
  }

  invalidate(userIds: readonly string[]): void {
    for (const userId of userIds) {
      const entry = this.entries.get(userId);
      if (entry) this.reload(entry);
    }
  }

  /** Every viewer again (accounts were suspended or deleted: the hidden set changed for all). */
  invalidateAll(): void {
    for (const entry of this.entries.values()) this.reload(entry);
  }

  get size(): number {
    return this.entries.size;
  }
}
