import type { AppContext } from '../../context.js';
import type { MetaRow } from '../../db/schema/index.js';
import type { RolePolicies } from './policies.js';

type Settable = Omit<MetaRow, 'id' | 'updatedAt' | 'swPublicKey' | 'swPrivateKey' | 'policies' | 'disableRegistration' | 'maxNoteTextLength' | 'pinnedUsers' | 'sensitiveWords' | 'prohibitedWords'>;

/** What `admin/update-meta` may change; undefined leaves a setting alone. */
export type InstanceSettingsUpdate = { [K in keyof Settable]?: Settable[K] } & {
  disableRegistration?: boolean | null;
  pinnedUsers?: string[] | null;
  sensitiveWords?: string[] | null;
  prohibitedWords?: string[] | null;
  policies?: Partial<RolePolicies>;
};

const KEYS = [
  'name', 'shortName', 'description', 'maintainerName', 'maintainerEmail', 'langs', 'tosUrl', 'repositoryUrl',
  'feedbackUrl', 'impressumUrl', 'privacyPolicyUrl', 'inquiryUrl', 'iconUrl', 'bannerUrl', 'backgroundImageUrl',
  'logoImageUrl', 'themeColor', 'defaultLightTheme', 'defaultDarkTheme', 'mascotImageUrl', 'serverErrorImageUrl',
  'infoImageUrl', 'notFoundImageUrl', 'notesPerOneAd', 'serverRules', 'emailRequiredForSignup', 'enableServerMachineStats', 'enableIpLogging',
  'preservedUsernames',
  'enableEmail', 'email', 'smtpSecure', 'smtpHost', 'smtpPort', 'smtpUser', 'smtpPass',
  'deeplAuthKey', 'deeplIsPro', 'libreTranslateURL', 'libreTranslateKey',
] as const satisfies readonly (keyof Settable)[];

/**
 * Applies an admin's change to the instance settings with Misskey's small rules: empty language
 * entries are dropped, a repository URL that does not parse becomes null, a null
 * `disableRegistration` changes nothing, and `policies` replaces the stored base-policy overrides.
 */
export async function updateInstanceSettings(ctx: AppContext, update: InstanceSettingsUpdate): Promise<void> {
  const patch: Partial<Omit<MetaRow, 'id' | 'updatedAt'>> = {};
  for (const key of KEYS) if (update[key] !== undefined) Object.assign(patch, { [key]: update[key] });
  if (patch.langs) patch.langs = patch.langs.filter(Boolean);
  if (patch.preservedUsernames) patch.preservedUsernames = [...new Set(patch.preservedUsernames.map((name) => name.trim()).filter(Boolean))];
  // Misskey stores the lines as typed, empty ones dropped; null changes nothing.
  if (update.pinnedUsers != null) patch.pinnedUsers = update.pinnedUsers.map((acct) => acct.trim()).filter(Boolean);
  // Misskey drops empty entries; null changes nothing.
  if (update.sensitiveWords != null) patch.sensitiveWords = update.sensitiveWords.filter(Boolean);
  if (update.prohibitedWords != null) patch.prohibitedWords = update.prohibitedWords.filter(Boolean);
  // An empty translator key or address switches that translator off (Misskey's form sends '').
  for (const key of ['deeplAuthKey', 'libreTranslateURL', 'libreTranslateKey'] as const) if (patch[key] === '') patch[key] = null;
  if (patch.repositoryUrl != null && !URL.canParse(patch.repositoryUrl)) patch.repositoryUrl = null;
  if (update.disableRegistration != null) patch.disableRegistration = update.disableRegistration;
  if (update.policies !== undefined) patch.policies = update.policies;
  if (Object.keys(patch).length === 0) return;
  await ctx.meta.update(patch);
}
