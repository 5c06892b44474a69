import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userInlinePolicies, type UserInlinePolicyRow, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { DEFAULT_POLICIES, type RolePolicies } from '../meta/policies.js';
import { loggedUser, recordModerationAction } from '../moderation/log.js';

/** The policy names `admin/roles/update-inline-policies` accepts (the fork's enum, ../shared/spec/params.json). */
export const INLINE_POLICY_NAMES = [
  'gtlAvailable', 'ltlAvailable', 'canPublicNote', 'canScheduleNote', 'scheduleNoteLimit', 'scheduleNoteMaxDays',
  'canInitiateConversation', 'canCreateContent', 'canUpdateContent', 'canDeleteContent', 'canPurgeAccount',
  'canUpdateAvatar', 'canUpdateBanner', 'mentionLimit', 'canInvite', 'inviteLimit', 'inviteLimitCycle',
  'inviteExpirationTime', 'canManageCustomEmojis', 'canManageAvatarDecorations', 'canSearchNotes', 'canUseTranslator',
  'canUseDriveFileInSoundSettings', 'canUseReaction', 'canHideAds', 'driveCapacityMb', 'maxFileSizeMb', 'alwaysMarkNsfw',
  'canUpdateBioMedia', 'skipNsfwDetection', 'pinLimit', 'antennaLimit', 'antennaNotesLimit', 'wordMuteLimit',
  'webhookLimit', 'clipLimit', 'noteEachClipsLimit', 'userListLimit', 'userEachUserListsLimit', 'rateLimitFactor',
  'avatarDecorationLimit', 'canImportAntennas', 'canImportBlocking', 'canImportFollowing', 'canImportMuting',
  'canImportUserLists', 'mutualLinkSectionLimit', 'mutualLinkLimit', 'chatAvailability',
] as const;

export type InlinePolicyName = typeof INLINE_POLICY_NAMES[number];

export interface InlinePolicyInput {
  id?: string | null;
  policy: InlinePolicyName;
  operation?: 'set' | 'increment';
  value?: boolean | number | string | null;
  memo?: string | null;
}

/** Why a list was refused: the endpoint's declared errors. */
export type InlinePolicyRefusal = 'invalidPolicy' | 'invalidOperation' | 'invalidValue';

const CHAT_AVAILABILITIES = new Set(['available', 'readonly', 'unavailable']);

/**
 * Checks one entry against the policy it names. A name of the fork's enum that Mikan does not
 * compute (the fork-only content and scheduling policies) is `invalidPolicy`: refused rather than
 * stored and ignored. `increment` needs a numeric policy and a number; `set` a value of the
 * policy's own type (`chatAvailability` one of its three words).
 */
export function checkInlinePolicy(entry: InlinePolicyInput): InlinePolicyRefusal | null {
  if (!Object.hasOwn(DEFAULT_POLICIES, entry.policy)) return 'invalidPolicy';
  const base = DEFAULT_POLICIES[entry.policy as keyof RolePolicies];
  const operation = entry.operation ?? 'set';
  if (operation === 'increment' && typeof base !== 'number') return 'invalidOperation';
  const value = entry.value;
  if (typeof base === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'invalidValue';
  } else if (typeof value !== typeof base) {
    return 'invalidValue';
  }
  if (entry.policy === 'chatAvailability' && !CHAT_AVAILABILITIES.has(value as string)) return 'invalidValue';
  return null;
}

/** The user's policies after their inline policies, applied in order on top of the roles' merge. */
export function applyInlinePolicies(policies: RolePolicies, inline: readonly Pick<UserInlinePolicyRow, 'policy' | 'operation' | 'value'>[] | undefined): RolePolicies {
  if (!inline || inline.length === 0) return policies;
  const result = { ...policies } as Record<string, unknown>;
  for (const entry of inline) {
    if (checkInlinePolicy({ policy: entry.policy as InlinePolicyName, operation: entry.operation, value: entry.value }) !== null) continue;
    result[entry.policy] = entry.operation === 'increment' ? (result[entry.policy] as number) + (entry.value as number) : entry.value;
  }
  return result as unknown as RolePolicies;
}

/** How the moderation log and `admin/show-user` show one entry. */
export function packInlinePolicy(row: UserInlinePolicyRow) {
  return { id: row.id, policy: row.policy, operation: row.operation, value: row.value, memo: row.memo, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/**
 * Replaces the account's inline policies with `entries` (the fork's endpoint sends the whole list):
 * an entry carrying the id of one of the account's entries changes it, any other is added, and
 * entries left out are removed. Logged (`updateUserInlinePolicies`, before and after) in the same
 * transaction; every process sees the change at once (the roles' bus message).
 */
export async function replaceInlinePolicies(ctx: AppContext, moderatorId: string, user: UserRow, entries: readonly InlinePolicyInput[]): Promise<UserInlinePolicyRow[]> {
  const now = new Date();
  const after = await ctx.db.transaction(async (tx) => {
    const before = await tx.select().from(userInlinePolicies).where(eq(userInlinePolicies.userId, user.id)).orderBy(userInlinePolicies.id).for('update');
    const known = new Map(before.map((row) => [row.id, row]));
    const rows = entries.map((entry, index) => {
      const existing = entry.id ? known.get(entry.id) : undefined;
      return {
        // New entries get ids in list order, after every existing one.
        id: existing?.id ?? genId(now.getTime() + index),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        userId: user.id,
        policy: entry.policy,
        operation: entry.operation ?? 'set',
        value: entry.value ?? null,
        memo: entry.memo ?? null,
      } satisfies UserInlinePolicyRow;
    });
    await tx.delete(userInlinePolicies).where(eq(userInlinePolicies.userId, user.id));
    if (rows.length > 0) await tx.insert(userInlinePolicies).values(rows);
    const stored = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await recordModerationAction(tx, {
      moderatorId, type: 'updateUserInlinePolicies',
      info: { ...loggedUser(user), before: before.map(packInlinePolicy), after: stored.map(packInlinePolicy) },
    });
    return stored;
  });
  await ctx.roles.changed();
  return after;
}
