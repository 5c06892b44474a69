import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createApp, packApp } from '../../../core/apps/apps.js';
import { AppSchema } from '../../../core/apps/schema.js';

export default defineEndpoint({
  summary: 'Registers a legacy app. The answer carries the app\'s `secret`, this once: Mikan stores only its hash, so `app/show` and `my/apps` can never show it again.',
  description: 'Old permission spellings (`note-write`, `account/read`) are modernised; permissions no app can hold, or that Mikan does not know, are left out.',
  tags: ['app'],
  requireCredential: false,
  params: Type.Object({
    name: Type.String({ maxLength: 128 }),
    description: Type.String({ maxLength: 512 }),
    permission: Type.Array(Type.String(), { uniqueItems: true }),
    callbackUrl: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()])),
  }),
  res: AppSchema,
}, async ({ params, me, ctx }) => {
  const { app, secret } = await createApp(ctx, me?.id ?? null, params);
  // Misskey packs app/create's answer without a viewer: no isAuthorized.
  return packApp(ctx, app, null, { secret });
});
