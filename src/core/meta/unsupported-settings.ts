import { Type, type TSchema } from '@sinclair/typebox';

/**
 * `admin/update-meta` fields Misskey has and Mikan does not implement. Each is accepted only with
 * the value that describes what Mikan does (the feature off, an empty list, the value `meta`
 * reports), so a client that sends back a whole settings form keeps working; any other value is
 * refused with UNSUPPORTED_SETTING naming the field, never stored and ignored. The full audit,
 * with what the implemented fields do, is in docs/decisions.md ("admin/update-meta audit").
 */

type Kind = 'boolean' | 'string' | 'integer' | 'strings' | readonly string[];

interface UnsupportedSetting {
  kind: Kind;
  nullable?: boolean;
  /** The values that leave Mikan as it is. */
  accepts: readonly unknown[];
  /** What Mikan lacks, for the error. */
  why: string;
}

const OFF = [false] as const;
const UNSET = [null, ''] as const;
const EMPTY = [null, []] as const;

const captcha = 'Mikan has no captcha';
const email = 'Mikan does not check addresses with outside services';
const federation = 'Mikan federates with every host; per-host federation controls do not exist yet (docs/federation.md)';
const storage = 'object storage is configured with MIKAN_S3_* environment variables';

export const UNSUPPORTED_SETTINGS: Record<string, UnsupportedSetting> = {
  hiddenTags: { kind: 'strings', nullable: true, accepts: EMPTY, why: 'Mikan has no trending hashtags to hide' },
  blockedHosts: { kind: 'strings', nullable: true, accepts: EMPTY, why: federation },
  blockedRemoteCustomEmojis: { kind: 'strings', nullable: true, accepts: EMPTY, why: federation },
  silencedHosts: { kind: 'strings', nullable: true, accepts: EMPTY, why: federation },
  sensitiveMediaHosts: { kind: 'strings', nullable: true, accepts: EMPTY, why: federation },
  federation: { kind: ['all', 'none', 'specified'], accepts: ['all'], why: federation },
  federationHosts: { kind: 'strings', accepts: [[]], why: federation },
  cacheRemoteFiles: { kind: 'boolean', accepts: OFF, why: federation },
  cacheRemoteSensitiveFiles: { kind: 'boolean', accepts: [true], why: federation },
  enableChartsForFederatedInstances: { kind: 'boolean', accepts: OFF, why: federation },
  enableChartsForRemoteUser: { kind: 'boolean', accepts: OFF, why: federation },
  app192IconUrl: { kind: 'string', nullable: true, accepts: UNSET, why: 'Mikan serves no web app manifest icons' },
  app512IconUrl: { kind: 'string', nullable: true, accepts: UNSET, why: 'Mikan serves no web app manifest icons' },
  manifestJsonOverride: { kind: 'string', accepts: ['', '{}'], why: 'Mikan serves no web app manifest' },
  enableHcaptcha: { kind: 'boolean', accepts: OFF, why: captcha },
  hcaptchaSiteKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  hcaptchaSecretKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  enableMcaptcha: { kind: 'boolean', accepts: OFF, why: captcha },
  mcaptchaSiteKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  mcaptchaInstanceUrl: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  mcaptchaSecretKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  enableRecaptcha: { kind: 'boolean', accepts: OFF, why: captcha },
  recaptchaSiteKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  recaptchaSecretKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  enableTurnstile: { kind: 'boolean', accepts: OFF, why: captcha },
  turnstileSiteKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  turnstileSecretKey: { kind: 'string', nullable: true, accepts: UNSET, why: captcha },
  googleAnalyticsId: { kind: 'string', nullable: true, accepts: UNSET, why: 'Mikan has no analytics' },
  sensitiveMediaDetection: { kind: ['none', 'all', 'local', 'remote'], accepts: ['none'], why: 'Mikan has no sensitive media detection' },
  sensitiveMediaDetectionSensitivity: { kind: ['medium', 'low', 'high', 'veryLow', 'veryHigh'], accepts: ['medium'], why: 'Mikan has no sensitive media detection' },
  setSensitiveFlagAutomatically: { kind: 'boolean', accepts: OFF, why: 'Mikan has no sensitive media detection' },
  enableSensitiveMediaDetectionForVideos: { kind: 'boolean', accepts: OFF, why: 'Mikan has no sensitive media detection' },
  dimensions: { kind: 'integer', accepts: [], why: 'Mikan has no such setting' },
  enableActiveEmailValidation: { kind: 'boolean', accepts: OFF, why: email },
  enableVerifymailApi: { kind: 'boolean', accepts: OFF, why: email },
  verifymailAuthKey: { kind: 'string', nullable: true, accepts: UNSET, why: email },
  enableTruemailApi: { kind: 'boolean', accepts: OFF, why: email },
  truemailInstance: { kind: 'string', nullable: true, accepts: UNSET, why: email },
  truemailAuthKey: { kind: 'string', nullable: true, accepts: UNSET, why: email },
  bannedEmailDomains: { kind: 'strings', accepts: [[]], why: email },
  enableServiceWorker: { kind: 'boolean', accepts: [true], why: 'push notifications are always on' },
  swPublicKey: { kind: 'string', nullable: true, accepts: UNSET, why: 'the VAPID keys are generated once, at first start' },
  swPrivateKey: { kind: 'string', nullable: true, accepts: UNSET, why: 'the VAPID keys are generated once, at first start' },
  useObjectStorage: { kind: 'boolean', accepts: OFF, why: storage },
  objectStorageBaseUrl: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStorageBucket: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStoragePrefix: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStorageEndpoint: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStorageRegion: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStoragePort: { kind: 'integer', nullable: true, accepts: [null], why: storage },
  objectStorageAccessKey: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStorageSecretKey: { kind: 'string', nullable: true, accepts: UNSET, why: storage },
  objectStorageUseSSL: { kind: 'boolean', accepts: [true, false], why: storage },
  objectStorageUseProxy: { kind: 'boolean', accepts: [true, false], why: storage },
  objectStorageSetPublicRead: { kind: 'boolean', accepts: [true, false], why: storage },
  objectStorageS3ForcePathStyle: { kind: 'boolean', accepts: [true, false], why: storage },
  enableIdenticonGeneration: { kind: 'boolean', accepts: [true], why: 'accounts without an avatar always get an identicon' },
  enableFanoutTimeline: { kind: 'boolean', accepts: OFF, why: 'timelines are read from the database, no fan-out cache' },
  enableFanoutTimelineDbFallback: { kind: 'boolean', accepts: [true], why: 'timelines are read from the database, no fan-out cache' },
  perLocalUserUserTimelineCacheMax: { kind: 'integer', accepts: [], why: 'timelines are read from the database, no fan-out cache' },
  perRemoteUserUserTimelineCacheMax: { kind: 'integer', accepts: [], why: 'timelines are read from the database, no fan-out cache' },
  perUserHomeTimelineCacheMax: { kind: 'integer', accepts: [], why: 'timelines are read from the database, no fan-out cache' },
  perUserListTimelineCacheMax: { kind: 'integer', accepts: [], why: 'timelines are read from the database, no fan-out cache' },
  wellKnownWebsites: { kind: 'strings', nullable: true, accepts: EMPTY, why: 'Mikan has no URL previews' },
  urlPreviewDenyList: { kind: 'strings', nullable: true, accepts: EMPTY, why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  summalyProxy: { kind: 'string', nullable: true, accepts: UNSET, why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  urlPreviewEnabled: { kind: 'boolean', accepts: [true], why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  urlPreviewTimeout: { kind: 'integer', accepts: [], why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  urlPreviewMaximumContentLength: { kind: 'integer', accepts: [], why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  urlPreviewRequireContentLength: { kind: 'boolean', accepts: [true, false], why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  urlPreviewUserAgent: { kind: 'string', nullable: true, accepts: UNSET, why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  urlPreviewSummaryProxyUrl: { kind: 'string', nullable: true, accepts: UNSET, why: 'URL previews (GET /url) run with fixed limits (docs/open-web.md); this setting is not configurable yet' },
  featuredGameChannels: { kind: 'strings', nullable: true, accepts: EMPTY, why: 'Mikan has no channels' },
  prohibitedWordsForNameOfUser: { kind: 'strings', nullable: true, accepts: EMPTY, why: 'Mikan does not check user names against a word list yet' },
};

function schemaOf(setting: UnsupportedSetting): TSchema {
  const { kind } = setting;
  const base = kind === 'boolean' ? Type.Boolean()
    : kind === 'string' ? Type.String()
    : kind === 'integer' ? Type.Integer()
    : kind === 'strings' ? Type.Array(Type.String())
    : Type.Union(kind.map((value) => Type.Literal(value)));
  const described = { ...base, description: `Not implemented by Mikan (${setting.why}): ${acceptedText(setting)}.` };
  return setting.nullable ? Type.Union([described, Type.Null()]) : described;
}

function acceptedText(setting: UnsupportedSetting): string {
  if (setting.accepts.length === 0) return 'any value is refused';
  return `only ${setting.accepts.map((value) => JSON.stringify(value)).join(' or ')} is accepted`;
}

/** The params of the unsupported fields, for the endpoint's schema (so they are typed and documented). */
export function unsupportedSettingParams(): Record<string, TSchema> {
  return Object.fromEntries(Object.entries(UNSUPPORTED_SETTINGS).map(([name, setting]) => [name, Type.Optional(schemaOf(setting))]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The first field given with a value Mikan cannot honour, with why; null when there is none. The
 * value `admin/meta` reports for a field (`reported`) is accepted too: it describes what Mikan does
 * (the object storage MIKAN_S3_* configure), so a control panel that sends the form back works.
 */
export function findUnsupportedSetting(params: Record<string, unknown>, reported: Record<string, unknown> = {}): { param: string; reason: string } | null {
  for (const [name, setting] of Object.entries(UNSUPPORTED_SETTINGS)) {
    const value = params[name];
    if (value === undefined || setting.accepts.some((accepted) => sameValue(accepted, value))) continue;
    if (name in reported && sameValue(reported[name], value)) continue;
    return { param: name, reason: `${name}: ${setting.why}; ${acceptedText(setting)}` };
  }
  return null;
}
