import { gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/postgres.js';
import { roleAssignments, roles, userInlinePolicies, type RoleRow, type UserInlinePolicyRow, type UserRow } from '../../db/schema/index.js';
import { topics, type InternalEvent } from '../../bus/topics.js';
import type { EventBus } from '../../bus/bus.js';
import { evaluateCondition, type ConditionSubject } from './conditions.js';

/** One manual assignment as the snapshot keeps it. */
export interface HeldAssignment { roleId: string; expiresAt: number | null }

/** Every role and every unexpired manual assignment, as of one read. */
export interface RoleSnapshot {
  roles: readonly RoleRow[];
  byId: ReadonlyMap<string, RoleRow>;
  assignmentsByUser: ReadonlyMap<string, readonly HeldAssignment[]>;
  /** Some role is conditional: answering for a user then needs their row. */
  hasConditional: boolean;
  /** The fork's per-user inline policies, in id order (applied after the roles' merge). */
  inlineByUser: ReadonlyMap<string, readonly UserInlinePolicyRow[]>;
}

const EMPTY: RoleSnapshot = { roles: [], byId: new Map(), assignmentsByUser: new Map(), hasConditional: false, inlineByUser: new Map() };

/** The account facts conditional roles read. */
export type RoleSubject = ConditionSubject['user'];

/**
 * Roles and manual assignments, kept whole in memory (an instance has a handful of roles and its
 * assignments are few: moderators, badges, silenced accounts), so that every request and every
 * packed user can ask "which roles does X hold" without a query. Any change anywhere publishes
 * `rolesChanged` on the bus; every process then reloads (readers that can wait, `current()`, get
 * the reloaded snapshot; synchronous ones, badge packing, the last one). Expiry needs no job:
 * readers compare `expiresAt` with the clock.
 */
export class RoleService {
  private snapshot: RoleSnapshot = EMPTY;
  /** Bumped by every invalidation; a reload that started before one is not trusted. */
  private version = 0;
  private loadedVersion = -1;
  private reloading: Promise<RoleSnapshot> | null = null;
  private bus: EventBus | null = null;

  constructor(private readonly db: Db) {}

  listen(bus: EventBus, onError: (error: unknown) => void): () => void {
    this.bus = bus;
    return bus.subscribe(topics.internal, (message) => {
      if ((message as InternalEvent | null)?.type !== 'rolesChanged') return;
      this.version++;
      this.current().catch(onError);
    });
  }

  async load(): Promise<void> {
    await this.current();
  }

  /** The snapshot as of now: reloads first when a change was announced since the last read. */
  async current(): Promise<RoleSnapshot> {
    while (this.loadedVersion !== this.version) {
      const version = this.version;
      this.reloading ??= this.read().finally(() => { this.reloading = null; });
      const snapshot = await this.reloading;
      // A change announced during the read may not be in it: read again.
      if (version === this.version) {
        this.snapshot = snapshot;
        this.loadedVersion = version;
      }
    }
    return this.snapshot;
  }

  /** The last loaded snapshot, for synchronous packing (badges); may lag a change by one reload. */
  get latest(): RoleSnapshot {
    return this.snapshot;
  }

  /** Roles or assignments changed (called after the write committed): here at once, elsewhere over the bus. */
  async changed(): Promise<void> {
    this.version++;
    this.bus?.publish(topics.internal, { type: 'rolesChanged' } satisfies InternalEvent);
    await this.current();
  }

  private async read(): Promise<RoleSnapshot> {
    const [roleRows, assignmentRows, inlineRows] = await Promise.all([
      this.db.select().from(roles).orderBy(roles.id),
      this.db.select({ userId: roleAssignments.userId, roleId: roleAssignments.roleId, expiresAt: roleAssignments.expiresAt })
        .from(roleAssignments).where(or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, sql`now()`))),
      this.db.select().from(userInlinePolicies).orderBy(userInlinePolicies.id),
    ]);
    const inlineByUser = new Map<string, UserInlinePolicyRow[]>();
    for (const row of inlineRows) {
      const list = inlineByUser.get(row.userId) ?? [];
      list.push(row);
      inlineByUser.set(row.userId, list);
    }
    const assignmentsByUser = new Map<string, HeldAssignment[]>();
    for (const row of assignmentRows) {
      const held = assignmentsByUser.get(row.userId) ?? [];
      held.push({ roleId: row.roleId, expiresAt: row.expiresAt?.getTime() ?? null });
      assignmentsByUser.set(row.userId, held);
    }
    return {
      roles: roleRows,
      byId: new Map(roleRows.map((role) => [role.id, role])),
      assignmentsByUser,
      hasConditional: roleRows.some((role) => role.target === 'conditional'),
      inlineByUser,
    };
  }
}

/**
 * The roles a user holds (Misskey's getUserRoles): every role assigned by hand and not expired,
 * plus every conditional role whose formula the user matches. `user` may be null only when the
 * snapshot has no conditional role.
 */
export function rolesHeld(snapshot: RoleSnapshot, userId: string, user: RoleSubject | null, now = Date.now()): RoleRow[] {
  const assigned = (snapshot.assignmentsByUser.get(userId) ?? [])
    .filter((held) => held.expiresAt === null || held.expiresAt > now)
    .map((held) => snapshot.byId.get(held.roleId))
    .filter((role): role is RoleRow => role !== undefined);
  if (!snapshot.hasConditional || !user) return assigned;
  const subject: ConditionSubject = { user, assignedRoleIds: new Set(assigned.map((role) => role.id)), now };
  const matched = snapshot.roles.filter((role) => role.target === 'conditional' && evaluateCondition(role.condFormula, subject));
  return [...assigned, ...matched];
}

/** Role-derived administrator and moderator flags, on top of the account's own (the root account is always an administrator). */
export function privilegesOf(user: Pick<UserRow, 'isAdmin' | 'isModerator'>, held: readonly RoleRow[]): { isAdmin: boolean; isModerator: boolean } {
  const isAdmin = user.isAdmin || held.some((role) => role.isAdministrator);
  return { isAdmin, isModerator: isAdmin || user.isModerator || held.some((role) => role.isModerator) };
}
