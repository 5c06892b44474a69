import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usersChanged } from '../cache/caches.js';
import { syncProfileTags } from '../hashtags/user-tags.js';
import type { DriveFileRow } from '../../db/schema/index.js';
import { findFileById } from '../drive/files.js';
import { fileUrl } from '../drive/pack.js';
import { userProfiles, users, type ChatScope, type MutualLinkSection, type MutedWord, type NotificationReceiveConfig, type ProfileField, type UserRow, type Visibility } from '../../db/schema/index.js';
import { policiesOf, rolesOf } from '../roles/policies.js';
import { chooseAvatarDecorations, type AvatarDecorationChoice } from '../branding/avatar-decorations.js';
import { genId } from '../../misc/id.js';
import type { RolePolicies } from '../meta/policies.js';
import { AliasError, resolveAliases } from './move.js';

/** What `i/update` may change (already checked against its params schema). */
export interface ProfileUpdate {
  name?: string | null;
  description?: string | null;
  followedMessage?: string | null;
  location?: string | null;
  birthday?: string | null;
  lang?: string | null;
  avatarId?: string | null;
  bannerId?: string | null;
  avatarDecorations?: AvatarDecorationChoice[];
  fields?: ProfileField[];
  isLocked?: boolean;
  isExplorable?: boolean;
  hideOnlineStatus?: boolean;
  publicReactions?: boolean;
  carefulBot?: boolean;
  autoAcceptFollowed?: boolean;
  noCrawle?: boolean;
  preventAiLearning?: boolean;
  requireSigninToViewContents?: boolean;
  makeNotesFollowersOnlyBefore?: number | null;
  makeNotesHiddenBefore?: number | null;
  isBot?: boolean;
  isCat?: boolean;
  injectFeaturedNote?: boolean;
  receiveAnnouncementEmail?: boolean;
  alwaysMarkNsfw?: boolean;
  autoSensitive?: boolean;
  followingVisibility?: Visibility;
  followersVisibility?: Visibility;
  chatScope?: ChatScope;
  pinnedPageId?: string | null;
  mutedWords?: MutedWord[];
  hardMutedWords?: MutedWord[];
  mutedInstances?: string[];
  notificationRecieveConfig?: NotificationReceiveConfig;
  emailNotificationTypes?: string[];
  alsoKnownAs?: string[];
  mutualLinkSections?: { name?: string | null; mutualLinks: { url: string; fileId: string; description?: string | null }[] }[];
}

/** Why an update was refused; the names are i/update's declared errors. */
export type ProfileUpdateRefusal = 'noSuchAvatar' | 'noSuchBanner' | 'avatarNotAnImage' | 'bannerNotAnImage' | 'noSuchPage' | 'invalidRegexp' | 'tooManyMutedWords' | 'noSuchUser' | 'restrictedByRole' | 'forbiddenToSetYourself' | 'yourAccountMoved' | 'noSuchFile' | 'fileNotAnImage';

export class ProfileUpdateError extends Error {
  constructor(readonly reason: ProfileUpdateRefusal) { super(reason); }
}

/** Misskey counts the characters of all muted words against the `wordMuteLimit` policy. */
function mutedWordsLength(words: MutedWord[]): number {
  return words.reduce((sum, word) => sum + (typeof word === 'string' ? word.length : word.join('').length), 0);
}

/** A string entry must be `/pattern/flags` and compile. */
function assertMutedWordRegexps(words: MutedWord[]): void {
  for (const word of words) {
    if (typeof word !== 'string') continue;
    const match = /^\/(.+)\/(.*)$/.exec(word);
    if (!match) throw new ProfileUpdateError('invalidRegexp');
    try {
      new RegExp(match[1], match[2]);
    } catch {
      throw new ProfileUpdateError('invalidRegexp');
    }
  }
}

/** An avatar or banner: one of the user's own drive files, and an image. */
async function findProfileImage(ctx: AppContext, userId: string, fileId: string, missing: ProfileUpdateRefusal, notImage: ProfileUpdateRefusal): Promise<DriveFileRow> {
  const file = await findFileById(ctx, fileId);
  if (!file || file.userId !== userId) throw new ProfileUpdateError(missing);
  if (!file.type.startsWith('image/')) throw new ProfileUpdateError(notImage);
  return file;
}

/** Misskey: a moved account cannot change its aliases (403 YOUR_ACCOUNT_MOVED); see core/users/move.ts. */
async function aliasesFor(ctx: AppContext, userId: string, entries: string[]): Promise<string[] | null> {
  const [row] = await ctx.db.select({ movedToUri: users.movedToUri }).from(users).where(eq(users.id, userId));
  if (row?.movedToUri) throw new ProfileUpdateError('yourAccountMoved');
  try {
    return await resolveAliases(ctx, userId, entries);
  } catch (error) {
    if (error instanceof AliasError) throw new ProfileUpdateError(error.reason);
    throw error;
  }
}

/**
 * The fork's mutual-link sections as stored: every section and link gets an id (links are what
 * `admin/unset-user-mutual-link` names), each banner must be one of the user's own images
 * (`noSuchFile`, `fileNotAnImage`), and its URL is kept for packing.
 */
async function resolveMutualLinks(ctx: AppContext, userId: string, sections: NonNullable<ProfileUpdate['mutualLinkSections']>): Promise<MutualLinkSection[]> {
  const resolved: MutualLinkSection[] = [];
  for (const section of sections) {
    const mutualLinks = [];
    for (const link of section.mutualLinks) {
      const file = await findProfileImage(ctx, userId, link.fileId, 'noSuchFile', 'fileNotAnImage');
      mutualLinks.push({ id: genId(), url: link.url, fileId: file.id, description: link.description ?? null, imgSrc: fileUrl(ctx, file) });
    }
    resolved.push({ id: genId(), name: section.name ?? null, mutualLinks });
  }
  return resolved;
}

function checkMutedWords(policies: RolePolicies, words: MutedWord[] | undefined): void {
  if (words === undefined) return;
  if (mutedWordsLength(words) > policies.wordMuteLimit) throw new ProfileUpdateError('tooManyMutedWords');
  assertMutedWordRegexps(words);
}

const USER_FLAGS = ['isLocked', 'isExplorable', 'hideOnlineStatus', 'requireSigninToViewContents', 'isBot', 'isCat', 'chatScope', 'makeNotesFollowersOnlyBefore', 'makeNotesHiddenBefore'] as const;
const PROFILE_FIELDS = [
  'description', 'followedMessage', 'location', 'birthday', 'lang', 'publicReactions', 'carefulBot', 'autoAcceptFollowed',
  'noCrawle', 'preventAiLearning', 'injectFeaturedNote', 'receiveAnnouncementEmail', 'alwaysMarkNsfw', 'autoSensitive',
  'followingVisibility', 'followersVisibility', 'mutedWords', 'hardMutedWords', 'notificationRecieveConfig', 'emailNotificationTypes',
] as const;

/**
 * Applies `i/update` with Misskey's rules: a blank name becomes null, profile fields are trimmed
 * and empty ones dropped, muted instances lower-cased; references to things that do not exist yet
 * (drive files, pages, other accounts to move from) are refused with i/update's errors.
 * Both tables change in one transaction. Returns the updated account.
 */
export async function updateProfile(ctx: AppContext, userId: string, update: ProfileUpdate): Promise<UserRow> {
  const policies = await policiesOf(ctx, userId);
  // `canUpdateBioMedia`: a role may forbid choosing a new avatar or banner (clearing them stays allowed).
  if (!policies.canUpdateBioMedia && (update.avatarId != null || update.bannerId != null)) throw new ProfileUpdateError('restrictedByRole');
  // Pages arrive with a later issue; until then no id can name one.
  const avatar = update.avatarId != null ? await findProfileImage(ctx, userId, update.avatarId, 'noSuchAvatar', 'avatarNotAnImage') : null;
  const banner = update.bannerId != null ? await findProfileImage(ctx, userId, update.bannerId, 'noSuchBanner', 'bannerNotAnImage') : null;
  if (update.pinnedPageId != null) throw new ProfileUpdateError('noSuchPage');
  const aliases = update.alsoKnownAs !== undefined ? await aliasesFor(ctx, userId, update.alsoKnownAs) : undefined;
  checkMutedWords(policies, update.mutedWords);
  checkMutedWords(policies, update.hardMutedWords);
  const decorations = update.avatarDecorations !== undefined
    ? await chooseAvatarDecorations(ctx, (await rolesOf(ctx, userId)).map((role) => role.id), policies.avatarDecorationLimit, update.avatarDecorations)
    : undefined;
  if (decorations === 'overLimit') throw new ProfileUpdateError('restrictedByRole');
  const mutualLinkSections = update.mutualLinkSections !== undefined ? await resolveMutualLinks(ctx, userId, update.mutualLinkSections) : undefined;

  const now = new Date();
  // `users.updatedAt` is the time of the latest note (Misskey): editing the profile leaves it alone.
  const userChanges: Partial<typeof users.$inferInsert> = {};
  const profileChanges: Partial<typeof userProfiles.$inferInsert> = { updatedAt: now };

  if (update.name !== undefined) userChanges.name = update.name === null || update.name.trim() === '' ? null : update.name.trim();
  for (const key of USER_FLAGS) if (update[key] !== undefined) Object.assign(userChanges, { [key]: update[key] });
  // Misskey copies the image's URL and blurhash onto the account, so UserLite packs from the row alone.
  if (update.avatarId === null) Object.assign(userChanges, { avatarId: null, avatarUrl: null, avatarBlurhash: null });
  if (avatar) Object.assign(userChanges, { avatarId: avatar.id, avatarUrl: fileUrl(ctx, avatar), avatarBlurhash: avatar.blurhash });
  if (update.bannerId === null) Object.assign(userChanges, { bannerId: null, bannerUrl: null, bannerBlurhash: null });
  if (banner) Object.assign(userChanges, { bannerId: banner.id, bannerUrl: fileUrl(ctx, banner), bannerBlurhash: banner.blurhash });
  if (decorations !== undefined) userChanges.avatarDecorations = decorations;
  if (aliases !== undefined) userChanges.alsoKnownAs = aliases;

  for (const key of PROFILE_FIELDS) if (update[key] !== undefined) Object.assign(profileChanges, { [key]: update[key] });
  if (update.pinnedPageId === null) profileChanges.pinnedPageId = null;
  if (mutualLinkSections !== undefined) profileChanges.mutualLinkSections = mutualLinkSections;
  if (update.fields !== undefined) {
    profileChanges.fields = update.fields
      .map((field) => ({ name: field.name.trim(), value: field.value.trim() }))
      .filter((field) => field.name !== '' && field.value !== '');
  }
  if (update.mutedInstances !== undefined) {
    profileChanges.mutedInstances = update.mutedInstances.map((host) => host.trim().toLowerCase()).filter((host) => host !== '');
  }

  const updated = await ctx.db.transaction(async (tx) => {
    const [user] = Object.keys(userChanges).length > 0
      ? await tx.update(users).set(userChanges).where(eq(users.id, userId)).returning()
      : await tx.select().from(users).where(eq(users.id, userId)).for('update');
    await tx.update(userProfiles).set(profileChanges).where(eq(userProfiles.userId, userId));
    // Hashtags in the description feed `hashtags/users` and the hashtags' attached-user counts.
    if (update.description !== undefined) await syncProfileTags(tx, user, update.description);
    return user;
  });
  usersChanged(ctx, userId);
  return updated;
}
