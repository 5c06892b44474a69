import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { requestExport } from '../../../core/exports/request.js';

export default defineEndpoint({
  summary: 'Exports your clips with their notes as a JSON file in your drive (Misskey\'s format).',
  description: 'Runs in the background; when done, the file is in your drive and an `exportCompleted` notification names it.',
  tags: ['account', 'clips'],
  requireCredential: true,
  secure: true,
  limit: { duration: 86_400_000, max: 1 },
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await requestExport(ctx, me!.id, { entity: 'clip' });
});
