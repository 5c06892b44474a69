import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { requestExport } from '../../../core/exports/request.js';

export default defineEndpoint({
  summary: 'Exports the accounts you block as a CSV file of username@host in your drive.',
  description: 'Runs in the background; when done, the file is in your drive and an `exportCompleted` notification names it.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  limit: { duration: 3_600_000, max: 1 },
  params: Type.Object({}),
}, async ({ me, ctx }) => {
  await requestExport(ctx, me!.id, { entity: 'blocking' });
});
