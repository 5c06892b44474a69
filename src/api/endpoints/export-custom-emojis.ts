import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { requestExport } from '../../core/exports/request.js';

export default defineEndpoint({
  summary: 'Exports this server\'s custom emojis as a zip (images and Misskey\'s `meta.json`) into your drive.',
  description: 'Runs in the background; when done, the file is in your drive and an `exportCompleted` notification (`exportedEntity: customEmoji`) names it. `admin/emoji/import-zip` on Misskey or Mikan reads it.',
  tags: ['account', 'emoji'],
  requireCredential: true,
  secure: true,
  limit: { duration: 3_600_000, max: 1 },
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await requestExport(ctx, me!.id, { entity: 'customEmoji' });
});
