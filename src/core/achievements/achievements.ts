import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userProfiles, type UnlockedAchievement } from '../../db/schema/index.js';
import { createNotification } from '../notifications/create.js';
import type { AchievementName } from './names.js';

/**
 * Achievements (Misskey's `i/claim-achievement`, `users/achievements`). Each name is unlocked once
 * per account: one UPDATE appends it only while it is absent, so concurrent unlocks of the same
 * name cannot both succeed. Each new one notifies its owner (`achievementEarned`), as Misskey does.
 * As in Misskey, the server unlocks nothing by itself: clients claim what they saw the user earn
 * (docs/decisions.md).
 */

/** Unlocks `name` for the user; true if it is new (and then notifies them). */
export async function unlockAchievement(ctx: AppContext, userId: string, name: AchievementName, now = Date.now()): Promise<boolean> {
  const entry = JSON.stringify([{ name, unlockedAt: now }]);
  const updated = await ctx.db.update(userProfiles)
    .set({ achievements: sql`${userProfiles.achievements} || ${entry}::jsonb` })
    .where(sql`${userProfiles.userId} = ${userId} AND NOT (${userProfiles.achievements} @> ${JSON.stringify([{ name }])}::jsonb)`)
    .returning({ userId: userProfiles.userId });
  if (updated.length === 0) return false;
  await createNotification(ctx, undefined, { notifieeId: userId, type: 'achievementEarned', achievement: name });
  return true;
}

/** The user's unlocked achievements, oldest first; none for an account without a profile (remote or unknown). */
export async function listAchievements(ctx: AppContext, userId: string): Promise<UnlockedAchievement[]> {
  const [profile] = await ctx.db.select({ achievements: userProfiles.achievements }).from(userProfiles).where(eq(userProfiles.userId, userId)).limit(1);
  return profile?.achievements ?? [];
}
