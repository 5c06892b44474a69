import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userProfiles, users, type UnlockedAchievement } from '../../db/schema/index.js';
import { createNotification } from '../notifications/create.js';
import {
  FOLLOWERS_MILESTONES, FOLLOWING_MILESTONES, LOGIN_MILESTONES, NOTES_MILESTONES, type AchievementName,
} from './names.js';

/**
 * Achievements (Misskey's `i/claim-achievement`, `users/achievements`). Each name is unlocked once
 * per account: one UPDATE appends it only while it is absent, so concurrent unlocks of the same
 * name cannot both succeed. Each new one notifies its owner (`achievementEarned`), as Misskey does.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

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

/**
 * The achievements the account's own counters prove, unlocked where missing: the notes, following
 * and followers milestones, days logged in, years since sign-up, a filled profile (name, description,
 * avatar and banner) and being a cat. Misskey's client claims exactly these from `$i` when it starts
 * and when the user saves their profile; Mikan decides them on the server from the same counters,
 * after `i`, `i/update`, `notes/create` and `following/create`. Two queries when nothing is new.
 */
export async function unlockEarnedAchievements(ctx: AppContext, userId: string, now = Date.now()): Promise<AchievementName[]> {
  const [row] = await ctx.db.select({
    notesCount: users.notesCount, followingCount: users.followingCount, followersCount: users.followersCount,
    createdAt: users.createdAt, name: users.name, avatarId: users.avatarId, bannerId: users.bannerId, isCat: users.isCat,
    description: userProfiles.description, loggedInDays: userProfiles.loggedInDays, achievements: userProfiles.achievements,
  }).from(users).innerJoin(userProfiles, eq(userProfiles.userId, users.id)).where(eq(users.id, userId)).limit(1);
  if (!row) return [];
  const earned: AchievementName[] = [];
  for (const n of NOTES_MILESTONES) if (row.notesCount >= n) earned.push(`notes${n}`);
  for (const n of LOGIN_MILESTONES) if (row.loggedInDays >= n) earned.push(`login${n}`);
  for (const n of FOLLOWING_MILESTONES) if (row.followingCount >= n) earned.push(`following${n}`);
  for (const n of FOLLOWERS_MILESTONES) if (row.followersCount >= n) earned.push(`followers${n}`);
  const age = now - row.createdAt.getTime();
  if (age > 365 * DAY_MS) earned.push('passedSinceAccountCreated1');
  if (age > 2 * 365 * DAY_MS) earned.push('passedSinceAccountCreated2');
  if (age > 3 * 365 * DAY_MS) earned.push('passedSinceAccountCreated3');
  if (row.name && row.description && row.avatarId && row.bannerId) earned.push('profileFilled');
  if (row.isCat) earned.push('markedAsCat');
  const have = new Set(row.achievements.map((achievement) => achievement.name));
  const unlocked: AchievementName[] = [];
  for (const name of earned) {
    if (!have.has(name) && await unlockAchievement(ctx, userId, name, now)) unlocked.push(name);
  }
  return unlocked;
}
