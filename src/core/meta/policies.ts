import type { entities } from 'misskey-js';

export type RolePolicies = entities.RolePolicies;

/** A fresh Misskey instance's base role policies (what `meta.policies` shows before an admin changes them). */
export const DEFAULT_POLICIES: RolePolicies = {
  gtlAvailable: true,
  ltlAvailable: true,
  canPublicNote: true,
  mentionLimit: 20,
  canInvite: false,
  inviteLimit: 0,
  inviteLimitCycle: 60 * 24 * 7,
  inviteExpirationTime: 0,
  canManageCustomEmojis: false,
  canManageAvatarDecorations: false,
  canSearchNotes: false,
  canSearchUsers: true,
  canUseTranslator: true,
  canHideAds: false,
  canCreateChannel: true,
  driveCapacityMb: 100,
  maxFileSizeMb: 30,
  uploadableFileTypes: ['text/plain', 'application/json', 'image/*', 'video/*', 'audio/*'],
  alwaysMarkNsfw: false,
  canUpdateBioMedia: true,
  pinLimit: 5,
  antennaLimit: 5,
  wordMuteLimit: 200,
  webhookLimit: 3,
  clipLimit: 10,
  noteEachClipsLimit: 200,
  userListLimit: 10,
  userEachUserListsLimit: 50,
  rateLimitFactor: 1,
  avatarDecorationLimit: 1,
  canImportAntennas: true,
  canImportBlocking: true,
  canImportFollowing: true,
  canImportMuting: true,
  canImportUserLists: true,
  chatAvailability: 'available',
  noteDraftLimit: 10,
  scheduledNoteLimit: 1,
  watermarkAvailable: true,
};

/** Stored policies are partial: an admin overrides some keys, the rest keep their defaults. */
export function resolvePolicies(stored: unknown): RolePolicies {
  const overrides = stored && typeof stored === 'object' ? stored as Partial<RolePolicies> : {};
  const policies = { ...DEFAULT_POLICIES };
  for (const key of Object.keys(DEFAULT_POLICIES) as (keyof RolePolicies)[]) {
    const value = overrides[key];
    if (value !== undefined && typeof value === typeof DEFAULT_POLICIES[key]) (policies as Record<string, unknown>)[key] = value;
  }
  return policies;
}
