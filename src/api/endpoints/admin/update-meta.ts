import { Type, type TSchema } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { RolePoliciesSchema } from '../../../core/meta/schema.js';
import { updateInstanceSettings } from '../../../core/meta/update.js';
import { keywordEntryError } from '../../../core/meta/keywords.js';
import { findUnsupportedSetting, unsupportedSettingParams } from '../../../core/meta/unsupported-settings.js';
import { ApiError, apiErrors } from '../../errors.js';
import { packAdminMeta } from '../../../core/meta/admin-pack.js';
import { recordModerationAction } from '../../../core/moderation/log.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
// Lengths are the columns' (src/db/schema/meta.ts), so nothing too long reaches the database.
const Text = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));
// `/regex/flags` or space-separated words (core/meta/keywords.ts); null leaves the list unchanged.
const Keywords = Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 10_000 })));

export default defineEndpoint({
  summary: 'Changes the instance\'s settings; fields left out keep their values.',
  description: 'Every field of Misskey\'s is accepted. Those Mikan does not implement take only the value that describes what Mikan does (the feature off, an empty list); any other value is refused with UNSUPPORTED_SETTING, never stored and ignored.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:meta',
  errors: {
    unsupportedSetting: { message: 'Mikan does not implement this setting; only the value that leaves it off is accepted.', code: 'UNSUPPORTED_SETTING', id: '9e0336d0-26e6-4f7a-b47e-b7364c58748a' },
  },
  params: Type.Object({
    name: Text(1024),
    shortName: Text(64),
    description: Text(100_000),
    maintainerName: Text(1024),
    maintainerEmail: Text(1024),
    langs: Type.Optional(Type.Array(Type.String({ maxLength: 64 }))),
    tosUrl: Text(1024),
    repositoryUrl: Text(1024),
    feedbackUrl: Text(1024),
    impressumUrl: Text(1024),
    privacyPolicyUrl: Text(1024),
    inquiryUrl: Text(1024),
    iconUrl: Text(1024),
    bannerUrl: Text(1024),
    backgroundImageUrl: Text(1024),
    logoImageUrl: Text(1024),
    themeColor: Text(512),
    // JSON5 theme documents, as Misskey's control panel sends them (not parsed: the client applies them).
    defaultLightTheme: Text(100_000),
    defaultDarkTheme: Text(100_000),
    mascotImageUrl: Text(1024),
    serverErrorImageUrl: Text(1024),
    infoImageUrl: Text(1024),
    notFoundImageUrl: Text(1024),
    notesPerOneAd: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    serverRules: Type.Optional(Type.Array(Type.String())),
    disableRegistration: Type.Optional(Nullable(Type.Boolean())),
    emailRequiredForSignup: Type.Optional(Type.Boolean()),
    enableServerMachineStats: Type.Optional(Type.Boolean()),
    enableIpLogging: Type.Optional(Type.Boolean()),
    // `pinned-users`: acct strings (`@alice`, `alice@host`); null leaves them unchanged.
    pinnedUsers: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 512 })))),
    // Mikan's: the base role policies (Misskey sets them through admin/roles/update-default-policies).
    policies: Type.Optional(Type.Partial(RolePoliciesSchema)),
    // Names nobody may sign up with (username/available says false); compared case-insensitively.
    preservedUsernames: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 10_000 })),
    // Mail (core/email): sent when enableEmail is on and email (the From address) and smtpHost are set.
    enableEmail: Type.Optional(Type.Boolean()),
    email: Text(1024),
    smtpSecure: Type.Optional(Type.Boolean()),
    smtpHost: Text(1024),
    smtpPort: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 65535 }))),
    smtpUser: Text(1024),
    smtpPass: Text(1024),
    sensitiveWords: Keywords,
    prohibitedWords: Keywords,
    // notes/translate (core/translation): DeepL when deeplAuthKey is set (the Pro API with deeplIsPro)…
    deeplAuthKey: Text(1024),
    deeplIsPro: Type.Optional(Type.Boolean()),
    // …else Mikan's addition, a LibreTranslate server (its /translate API) with its optional API key.
    libreTranslateURL: Text(1024),
    libreTranslateKey: Text(1024),
    ...unsupportedSettingParams(),
  }),
}, async ({ params, me, ctx, fail }) => {
  const before = await packAdminMeta(ctx);
  // The public VAPID key as `admin/meta` reports it (`swPublickey`) may be sent back unchanged.
  const unsupported = findUnsupportedSetting(params, { ...before, swPublicKey: before.swPublickey });
  if (unsupported) fail('unsupportedSetting', unsupported);
  for (const list of ['sensitiveWords', 'prohibitedWords'] as const) {
    for (const [index, entry] of (params[list] ?? []).entries()) {
      const error = keywordEntryError(entry);
      if (error) throw new ApiError(apiErrors.invalidParam, { param: `#/properties/${list}/${index}`, reason: `${list}[${index}] is not a usable expression: ${error}` });
    }
  }
  const rowBefore = ctx.meta.get();
  await updateInstanceSettings(ctx, params);
  // Misskey logs every change of the settings with the whole entity before and after.
  if (ctx.meta.get() !== rowBefore) {
    await recordModerationAction(ctx, { moderatorId: me!.id, type: 'updateServerSettings', info: { before, after: await packAdminMeta(ctx) } });
  }
});
