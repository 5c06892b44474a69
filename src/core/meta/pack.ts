import { emailEnabled } from '../email/transport.js';
import { translatorConfigured } from '../translation/translate.js';
import { readFileSync } from 'node:fs';
import type { Static } from '@sinclair/typebox';
import { and, count, eq, isNull } from 'drizzle-orm';
import { serializeOnce } from '../../api/serialize.js';
import type { AppContext } from '../../context.js';
import { users, type MetaRow } from '../../db/schema/index.js';
import type { MetaDetailedSchema, MetaLiteSchema } from './schema.js';
import { activeAds, type MetaAd } from '../branding/ads.js';

export type MetaLite = Static<typeof MetaLiteSchema>;
export type MetaDetailed = Static<typeof MetaDetailedSchema>;

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The Misskey release whose API Mikan implements: the version of the misskey-js types it is checked against. */
export const MISSKEY_API_VERSION = '2026.5.1';

/**
 * Clients parse `meta.version` as a Misskey version to decide which features to use, so Mikan
 * reports the Misskey API it implements, with its own version in the fork suffix (as forks do).
 */
export const MIKAN_VERSION = packageJson.version;

export const SERVER_VERSION = `${MISSKEY_API_VERSION}-mikan.${MIKAN_VERSION}`;

/** Misskey's default when no mascot image is set; served by the web client. */
const DEFAULT_MASCOT_IMAGE_URL = '/assets/ai.png';

function packLite(ctx: AppContext, row: MetaRow, ads: MetaAd[]): MetaLite {
  const { policies } = ctx.meta;
  const { url } = ctx.config;
  // Fields without a backing feature carry what a fresh Misskey instance answers.
  return {
    maintainerName: row.maintainerName,
    maintainerEmail: row.maintainerEmail,
    version: SERVER_VERSION,
    providesTarball: false,
    name: row.name,
    shortName: row.shortName,
    uri: url,
    description: row.description,
    langs: row.langs,
    tosUrl: row.tosUrl,
    repositoryUrl: row.repositoryUrl,
    feedbackUrl: row.feedbackUrl,
    defaultDarkTheme: row.defaultDarkTheme,
    defaultLightTheme: row.defaultLightTheme,
    // Misskey stores `{}` and its web client reads missing keys as these defaults; misskey-js requires them.
    clientOptions: { entrancePageStyle: 'classic', showTimelineForVisitor: true, showActivitiesForVisitor: true },
    disableRegistration: row.disableRegistration,
    emailRequiredForSignup: row.emailRequiredForSignup,
    enableHcaptcha: false,
    hcaptchaSiteKey: null,
    enableMcaptcha: false,
    mcaptchaSiteKey: null,
    mcaptchaInstanceUrl: null,
    enableRecaptcha: false,
    recaptchaSiteKey: null,
    enableTurnstile: false,
    turnstileSiteKey: null,
    enableTestcaptcha: false,
    googleAnalyticsMeasurementId: null,
    swPublickey: row.swPublicKey,
    mascotImageUrl: row.mascotImageUrl || DEFAULT_MASCOT_IMAGE_URL,
    bannerUrl: row.bannerUrl,
    serverErrorImageUrl: row.serverErrorImageUrl,
    infoImageUrl: row.infoImageUrl,
    notFoundImageUrl: row.notFoundImageUrl,
    iconUrl: row.iconUrl,
    maxNoteTextLength: row.maxNoteTextLength,
    ads,
    notesPerOneAd: row.notesPerOneAd,
    enableEmail: emailEnabled(row),
    enableServiceWorker: row.swPublicKey != null,
    translatorAvailable: translatorConfigured(row),
    sentryForFrontend: null,
    mediaProxy: `${url}/proxy`,
    enableUrlPreview: true,
    backgroundImageUrl: row.backgroundImageUrl,
    impressumUrl: row.impressumUrl,
    logoImageUrl: row.logoImageUrl,
    privacyPolicyUrl: row.privacyPolicyUrl,
    inquiryUrl: row.inquiryUrl,
    serverRules: row.serverRules,
    themeColor: row.themeColor,
    policies,
    // Every note on a Mikan instance is local, so search never spans other servers.
    noteSearchableScope: 'local',
    maxFileSize: policies.maxFileSizeMb * 1024 * 1024,
    // ActivityPub with every host (docs/federation.md); restricting it (admin/update-meta) is left.
    federation: 'all',
  };
}

function packDetailed(ctx: AppContext, lite: MetaLite, row: MetaRow): MetaDetailed {
  const { policies } = ctx.meta;
  return {
    ...lite,
    features: {
      registration: !row.disableRegistration,
      emailRequiredForSignup: row.emailRequiredForSignup,
      localTimeline: policies.ltlAvailable,
      globalTimeline: policies.gtlAvailable,
      hcaptcha: false,
      turnstile: false,
      recaptcha: false,
      objectStorage: ctx.config.s3 != null,
      serviceWorker: false,
      miauth: true,
    },
    proxyAccountName: null,
    requireSetup: false,
    // Misskey's defaults; without federation there are no remote files either way.
    cacheRemoteFiles: false,
    cacheRemoteSensitiveFiles: true,
  };
}

interface PackedMeta {
  row: MetaRow;
  url: string;
  /** When the set of active ads changes next (ms): the packed answer is rebuilt then. */
  validUntil: number;
  lite: MetaLite;
  /** With `requireSetup: false`. */
  detailed: MetaDetailed;
}

/**
 * `meta` is the most called endpoint, so the packed entity is kept until the settings row changes
 * (MetaService replaces the row object on every reload) and no request reads the database once
 * setup is done.
 */
const packedByContext = new WeakMap<AppContext, PackedMeta>();
/** Setup done is one-way (a user, once created, keeps it done), so it is safe to remember per process. */
const setupDone = new WeakSet<AppContext>();

async function packedFor(ctx: AppContext): Promise<PackedMeta> {
  const row = ctx.meta.get();
  const cached = packedByContext.get(ctx);
  if (cached && cached.row === row && cached.url === ctx.config.url && Date.now() < cached.validUntil) return cached;
  // Ads changes re-read the settings row (core/branding/ads.ts), so a new row means new ads too.
  const { ads, validUntil } = await activeAds(ctx);
  const lite = packLite(ctx, row, ads);
  // Every `meta` request shares these objects, so they are serialized once.
  const packed = { row, url: ctx.config.url, validUntil, lite: serializeOnce(lite), detailed: serializeOnce(packDetailed(ctx, lite, row)) };
  packedByContext.set(ctx, packed);
  return packed;
}

/** Whether the instance still waits for its first account (Misskey's `requireSetup`). */
export async function requiresSetup(ctx: AppContext): Promise<boolean> {
  if (setupDone.has(ctx)) return false;
  const [anyUser] = await ctx.db.select({ id: users.id }).from(users).where(isNull(users.host)).limit(1);
  if (anyUser) setupDone.add(ctx);
  return !anyUser;
}

export async function packMeta(ctx: AppContext, options: { detail: false }): Promise<MetaLite>;
export async function packMeta(ctx: AppContext, options: { detail: true }): Promise<MetaDetailed>;
export async function packMeta(ctx: AppContext, options: { detail: boolean }): Promise<MetaLite | MetaDetailed>;
export async function packMeta(ctx: AppContext, options: { detail: boolean }): Promise<MetaLite | MetaDetailed> {
  const packed = await packedFor(ctx);
  if (!options.detail) return packed.lite;
  return await requiresSetup(ctx) ? { ...packed.detailed, requireSetup: true } : packed.detailed;
}

/** Local accounts that are not deleted, for NodeInfo's usage numbers. */
export async function countLocalUsers(ctx: AppContext): Promise<number> {
  const [{ total }] = await ctx.db.select({ total: count() }).from(users)
    .where(and(isNull(users.host), eq(users.isDeleted, false)));
  return total;
}
