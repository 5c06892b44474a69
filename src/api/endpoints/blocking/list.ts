import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listBlockings } from '../../../core/blocking/blocking.js';
import { packBlockings } from '../../../core/blocking/pack.js';
import { BlockingSchema } from '../../../core/blocking/schema.js';

export default defineEndpoint({
  summary: 'The users you block, newest block first.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:blocks',
  params: Type.Object(pageParams(30)),
  res: Type.Array(BlockingSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listBlockings(ctx, me!.id, { ...params, limit: params.limit ?? 30 });
  return packBlockings(ctx, rows, me!);
});
