import type { AppContext } from '../../context.js';
import { translatorConfigured } from '../translation/translate.js';
import type { AdminMeta } from './admin-schema.js';
import { packMeta } from './pack.js';

/**
 * The object storage as `admin/meta` describes it: what MIKAN_S3_* configure (the secret key is never
 * sent back; the endpoint is split into host, port and TLS, as Misskey stores it).
 */
function objectStorage(ctx: AppContext): Pick<AdminMeta, 'useObjectStorage' | 'objectStorageBaseUrl' | 'objectStorageBucket' | 'objectStoragePrefix' | 'objectStorageEndpoint' | 'objectStorageRegion' | 'objectStoragePort' | 'objectStorageAccessKey' | 'objectStorageSecretKey' | 'objectStorageUseSSL' | 'objectStorageUseProxy' | 'objectStorageSetPublicRead' | 'objectStorageS3ForcePathStyle'> {
  const s3 = ctx.config.s3;
  const endpoint = s3?.endpoint ? new URL(s3.endpoint) : null;
  return {
    useObjectStorage: s3 != null,
    objectStorageBaseUrl: s3?.publicUrl ?? null,
    objectStorageBucket: s3?.bucket ?? null,
    objectStoragePrefix: s3 ? s3.prefix || null : null,
    objectStorageEndpoint: endpoint?.hostname ?? null,
    objectStorageRegion: s3?.region ?? null,
    objectStoragePort: endpoint?.port ? Number(endpoint.port) : null,
    objectStorageAccessKey: s3?.accessKeyId ?? null,
    objectStorageSecretKey: null,
    objectStorageUseSSL: endpoint ? endpoint.protocol === 'https:' : true,
    objectStorageUseProxy: false,
    objectStorageSetPublicRead: false,
    objectStorageS3ForcePathStyle: s3?.forcePathStyle ?? true,
  };
}

/**
 * `admin/meta`: every setting Misskey's control panel reads. Implemented ones carry their value;
 * the others carry the value that describes what Mikan does, which is also the one
 * `admin/update-meta` accepts for them (core/meta/unsupported-settings.ts).
 */
export async function packAdminMeta(ctx: AppContext): Promise<AdminMeta> {
  const row = ctx.meta.get();
  const lite = await packMeta(ctx, { detail: true });
  return {
    cacheRemoteFiles: false,
    cacheRemoteSensitiveFiles: true,
    emailRequiredForSignup: row.emailRequiredForSignup,
    enableHcaptcha: lite.enableHcaptcha,
    hcaptchaSiteKey: lite.hcaptchaSiteKey,
    enableMcaptcha: lite.enableMcaptcha,
    mcaptchaSiteKey: lite.mcaptchaSiteKey,
    mcaptchaInstanceUrl: lite.mcaptchaInstanceUrl,
    enableRecaptcha: lite.enableRecaptcha,
    recaptchaSiteKey: lite.recaptchaSiteKey,
    enableTurnstile: lite.enableTurnstile,
    turnstileSiteKey: lite.turnstileSiteKey,
    enableTestcaptcha: lite.enableTestcaptcha,
    googleAnalyticsMeasurementId: null,
    swPublickey: row.swPublicKey,
    // The stored value (null: the client's own mascot), not meta's resolved default.
    mascotImageUrl: row.mascotImageUrl,
    bannerUrl: row.bannerUrl,
    serverErrorImageUrl: row.serverErrorImageUrl,
    infoImageUrl: row.infoImageUrl,
    notFoundImageUrl: row.notFoundImageUrl,
    iconUrl: row.iconUrl,
    app192IconUrl: null,
    app512IconUrl: null,
    enableEmail: row.enableEmail,
    enableServiceWorker: row.swPublicKey != null,
    translatorAvailable: translatorConfigured(row),
    silencedHosts: [],
    mediaSilencedHosts: [],
    pinnedUsers: row.pinnedUsers,
    hiddenTags: [],
    blockedHosts: [],
    sensitiveWords: row.sensitiveWords,
    prohibitedWords: row.prohibitedWords,
    prohibitedWordsForNameOfUser: [],
    bannedEmailDomains: [],
    preservedUsernames: row.preservedUsernames,
    hcaptchaSecretKey: null,
    mcaptchaSecretKey: null,
    recaptchaSecretKey: null,
    turnstileSecretKey: null,
    sensitiveMediaDetection: 'none',
    sensitiveMediaDetectionSensitivity: 'medium',
    setSensitiveFlagAutomatically: false,
    enableSensitiveMediaDetectionForVideos: false,
    // misskey-js requires a string; Mikan has no proxy account (it does not federate).
    proxyAccountId: '',
    email: row.email,
    smtpSecure: row.smtpSecure,
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpUser: row.smtpUser,
    // Never sent back (docs/decisions.md, "SMTP password"): a form that saves the mail settings sends it again.
    smtpPass: null,
    swPrivateKey: null,
    ...objectStorage(ctx),
    enableIpLogging: row.enableIpLogging,
    enableActiveEmailValidation: false,
    enableVerifymailApi: false,
    verifymailAuthKey: null,
    enableTruemailApi: false,
    truemailInstance: null,
    truemailAuthKey: null,
    enableChartsForRemoteUser: false,
    enableChartsForFederatedInstances: false,
    enableStatsForFederatedInstances: false,
    enableServerMachineStats: row.enableServerMachineStats,
    enableIdenticonGeneration: true,
    manifestJsonOverride: '{}',
    // The stored overrides of the base policies (Misskey: the instance's `policies` column).
    policies: row.policies as Record<string, never>,
    enableFanoutTimeline: false,
    enableFanoutTimelineDbFallback: true,
    // Misskey's defaults; Mikan has no fan-out cache, so they bound nothing.
    perLocalUserUserTimelineCacheMax: 300,
    perRemoteUserUserTimelineCacheMax: 100,
    perUserHomeTimelineCacheMax: 300,
    perUserListTimelineCacheMax: 300,
    enableReactionsBuffering: false,
    notesPerOneAd: row.notesPerOneAd,
    backgroundImageUrl: row.backgroundImageUrl,
    // Answered to administrators as Misskey does, so its settings form sends it back unchanged.
    deeplAuthKey: row.deeplAuthKey,
    deeplIsPro: row.deeplIsPro,
    defaultDarkTheme: row.defaultDarkTheme,
    defaultLightTheme: row.defaultLightTheme,
    clientOptions: lite.clientOptions,
    description: row.description,
    disableRegistration: row.disableRegistration,
    impressumUrl: row.impressumUrl,
    maintainerEmail: row.maintainerEmail,
    maintainerName: row.maintainerName,
    name: row.name,
    shortName: row.shortName,
    privacyPolicyUrl: row.privacyPolicyUrl,
    inquiryUrl: row.inquiryUrl,
    repositoryUrl: row.repositoryUrl,
    feedbackUrl: row.feedbackUrl,
    summalyProxy: null,
    themeColor: row.themeColor,
    tosUrl: row.tosUrl,
    uri: lite.uri,
    version: lite.version,
    urlPreviewEnabled: true,
    urlPreviewAllowRedirect: true,
    urlPreviewTimeout: 10000,
    urlPreviewMaximumContentLength: 10485760,
    urlPreviewRequireContentLength: true,
    urlPreviewUserAgent: null,
    urlPreviewSummaryProxyUrl: null,
    federation: 'all',
    federationHosts: [],
    deliverSuspendedSoftware: [],
    singleUserMode: false,
    ugcVisibilityForVisitor: 'all',
    proxyRemoteFiles: false,
    signToActivityPubGet: true,
    allowExternalApRedirect: true,
    enableRemoteNotesCleaning: false,
    remoteNotesCleaningExpiryDaysForEachNotes: 30,
    remoteNotesCleaningMaxProcessingDurationInMinutes: 60,
    showRoleBadgesOfRemoteUsers: false,
    serverRules: row.serverRules,
    logoImageUrl: row.logoImageUrl,
  };
}
