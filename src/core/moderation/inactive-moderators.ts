import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { meta, users } from '../../db/schema/index.js';
import { topics, type InternalEvent } from '../../bus/topics.js';
import { emitSystemWebhookEvent } from '../system-webhooks/deliver.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Misskey's MODERATOR_INACTIVITY_LIMIT_DAYS: no moderator active for this long closes registration. */
export const MODERATOR_INACTIVITY_LIMIT_DAYS = 7;
/** Misskey's MODERATOR_INACTIVITY_WARNING_REMAINING_DAYS: the warning starts when this many whole days (or fewer) remain. */
export const MODERATOR_INACTIVITY_WARNING_REMAINING_DAYS = 2;

/** Misskey's `remainingTime` of `inactiveModeratorsWarning`: `time` in milliseconds, and as whole days and hours. */
export interface RemainingTime { time: number; asDays: number; asHours: number }

export type ModeratorsActivityOutcome =
  | { action: 'none'; reason: 'registrationClosed' | 'noActiveModeratorKnown' | 'active'; remainingTime?: RemainingTime }
  | { action: 'warned'; remainingTime: RemainingTime }
  | { action: 'invitationOnly' };

/**
 * The ids of every moderator and administrator (Misskey's `getModeratorIds({ includeAdmins: true,
 * excludeExpire: true })`): the accounts' own flags and unexpired manual assignments of a
 * moderator or administrator role. Deleted accounts do not count.
 */
async function moderatorIds(ctx: AppContext): Promise<string[]> {
  const snapshot = await ctx.roles.current();
  const now = Date.now();
  const byRole = [...snapshot.assignmentsByUser].filter(([, held]) => held.some((assignment) => {
    const role = snapshot.byId.get(assignment.roleId);
    return role && (role.isModerator || role.isAdministrator) && (assignment.expiresAt === null || assignment.expiresAt > now);
  })).map(([userId]) => userId);
  const rows = await ctx.db.select({ id: users.id }).from(users)
    .where(and(eq(users.isDeleted, false), or(eq(users.isAdmin, true), eq(users.isModerator, true), byRole.length > 0 ? inArray(users.id, byRole) : undefined)));
  return rows.map((row) => row.id);
}

/**
 * Misskey's CheckModeratorsActivityProcessorService, run daily by the `checkModeratorsActivity`
 * job. While registration is open: when no moderator has been active within the last 7 days,
 * registration becomes invitation-only (`disableRegistration`) and `inactiveModeratorsInvitationOnlyChanged`
 * goes to the system webhooks; otherwise, once 2 whole days or fewer remain, `inactiveModeratorsWarning`
 * with the remaining time. Moderators never seen active are left out, as in Misskey; when none has
 * ever been active nothing happens (Mikan: a fresh instance is not closed by a night's job).
 * Idempotent: the switch is a conditional update, committed with its webhook deliveries.
 */
export async function checkModeratorsActivity(ctx: AppContext, now = new Date()): Promise<ModeratorsActivityOutcome> {
  const [settings] = await ctx.db.select({ disableRegistration: meta.disableRegistration }).from(meta).limit(1);
  if (!settings || settings.disableRegistration) return { action: 'none', reason: 'registrationClosed' };
  const ids = await moderatorIds(ctx);
  if (ids.length === 0) return { action: 'none', reason: 'noActiveModeratorKnown' };
  const seen = await ctx.db.select({ lastActiveDate: users.lastActiveDate }).from(users).where(and(inArray(users.id, ids), isNotNull(users.lastActiveDate)));
  if (seen.length === 0) return { action: 'none', reason: 'noActiveModeratorKnown' };

  const newest = Math.max(...seen.map((row) => row.lastActiveDate!.getTime()));
  const limit = now.getTime() - MODERATOR_INACTIVITY_LIMIT_DAYS * DAY;
  if (newest < limit) {
    const switched = await ctx.db.transaction(async (tx) => {
      const changed = await tx.update(meta).set({ disableRegistration: true, updatedAt: now })
        .where(eq(meta.disableRegistration, false)).returning({ id: meta.id });
      if (changed.length === 0) return false;
      await emitSystemWebhookEvent(ctx, 'inactiveModeratorsInvitationOnlyChanged', {}, { executor: tx });
      return true;
    });
    if (!switched) return { action: 'none', reason: 'registrationClosed' };
    await ctx.meta.reload();
    ctx.bus.publish(topics.internal, { type: 'metaChanged' } satisfies InternalEvent);
    ctx.log.warn('no moderator was active for 7 days: registration is now by invitation only');
    return { action: 'invitationOnly' };
  }
  const time = newest - limit;
  const remainingTime = { time, asDays: Math.floor(time / DAY), asHours: Math.floor(time / HOUR) };
  if (remainingTime.asDays > MODERATOR_INACTIVITY_WARNING_REMAINING_DAYS) return { action: 'none', reason: 'active', remainingTime };
  await emitSystemWebhookEvent(ctx, 'inactiveModeratorsWarning', { remainingTime });
  return { action: 'warned', remainingTime };
}
