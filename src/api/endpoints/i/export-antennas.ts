import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { requestExport } from '../../../core/exports/request.js';

export default defineEndpoint({
  summary: 'Exports your antennas as a JSON file in your drive (Misskey\'s format).',
  description: 'Runs in the background; when done, the file is in your drive and an `exportCompleted` notification names it.',
  tags: ['account', 'antennas'],
  requireCredential: true,
  secure: true,
  limit: { duration: 3_600_000, max: 1 },
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await requestExport(ctx, me!.id, { entity: 'antenna' });
});
