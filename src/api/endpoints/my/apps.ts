import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listMyApps, packApps } from '../../../core/apps/apps.js';
import { AppSchema } from '../../../core/apps/schema.js';

export default defineEndpoint({
  summary: 'The legacy apps the caller registered with app/create, newest first. Without their secrets: Mikan keeps only hashes.',
  tags: ['app'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  }),
  res: Type.Array(AppSchema),
}, async ({ params, me, ctx }) => packApps(ctx, await listMyApps(ctx, me!.id, params), me));
