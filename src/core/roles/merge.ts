import type { RolePolicyValue } from '../../db/schema/index.js';
import type { RolePolicies } from '../meta/policies.js';

type Aggregate<K extends keyof RolePolicies> = (values: RolePolicies[K][]) => RolePolicies[K];

const any: Aggregate<any> = (values: boolean[]) => values.some((value) => value === true);
const max: Aggregate<any> = (values: number[]) => Math.max(...values);

/**
 * How Misskey (RoleService.getUserPolicies) combines one policy across a user's roles: booleans are
 * granted when any role grants them, numbers take the largest (rateLimitFactor too), file types
 * unite, chat takes the most permissive availability.
 */
const AGGREGATES: { [K in keyof RolePolicies]: Aggregate<K> } = {
  gtlAvailable: any, ltlAvailable: any, canPublicNote: any, mentionLimit: max, canInvite: any,
  inviteLimit: max, inviteLimitCycle: max, inviteExpirationTime: max, canManageCustomEmojis: any,
  canManageAvatarDecorations: any, canSearchNotes: any, canSearchUsers: any, canUseTranslator: any,
  canHideAds: any, canCreateChannel: any, driveCapacityMb: max, maxFileSizeMb: max,
  uploadableFileTypes: (values) => [...new Set(values.flat())],
  alwaysMarkNsfw: any, canUpdateBioMedia: any, pinLimit: max, antennaLimit: max, wordMuteLimit: max,
  webhookLimit: max, clipLimit: max, noteEachClipsLimit: max, userListLimit: max, userEachUserListsLimit: max,
  rateLimitFactor: max, avatarDecorationLimit: max, canImportAntennas: any, canImportBlocking: any,
  canImportFollowing: any, canImportMuting: any, canImportUserLists: any,
  chatAvailability: (values) => values.includes('available') ? 'available' : values.includes('readonly') ? 'readonly' : 'unavailable',
  noteDraftLimit: max, scheduledNoteLimit: max, watermarkAvailable: any,
};

/**
 * The policies binding a holder of `roles`. Per policy, as Misskey: a role that does not mention it
 * counts as `{ useDefault: true, priority: 0 }`; only the roles at the highest priority present
 * (2, then 1, then all) take part; each contributes the base value when `useDefault`, else its
 * own value, and the aggregate above combines them. No roles: the base policies.
 */
export function mergePolicies(base: RolePolicies, roles: readonly { policies: Record<string, RolePolicyValue> }[]): RolePolicies {
  if (roles.length === 0) return base;
  const merged = { ...base } as Record<string, unknown>;
  for (const name of Object.keys(AGGREGATES) as (keyof RolePolicies)[]) {
    const settings = roles.map((role) => role.policies[name] ?? { priority: 0, useDefault: true });
    const top = settings.filter((policy) => policy.priority === 2);
    const chosen = top.length > 0 ? top : settings.filter((policy) => policy.priority === 1).length > 0 ? settings.filter((policy) => policy.priority === 1) : settings;
    const values = chosen.map((policy) => policy.useDefault !== false || !isValueOf(name, policy.value, base) ? base[name] : policy.value);
    merged[name] = (AGGREGATES[name] as Aggregate<typeof name>)(values as never[]);
  }
  return merged as unknown as RolePolicies;
}

/** A role's own value counts only when it has the base value's type (a stale or hand-edited policy falls back to the default). */
function isValueOf(name: keyof RolePolicies, value: unknown, base: RolePolicies): boolean {
  const expected = base[name];
  if (Array.isArray(expected)) return Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (typeof expected === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === typeof expected;
}
