import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listMutings } from '../../../core/muting/muting.js';
import { packMutings } from '../../../core/blocking/pack.js';
import { MutingSchema } from '../../../core/blocking/schema.js';

export default defineEndpoint({
  summary: 'Your active mutes (mute), newest first.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:mutes',
  params: Type.Object(pageParams(30)),
  res: Type.Array(MutingSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listMutings(ctx, me!.id, { ...params, limit: params.limit ?? 30 });
  return packMutings(ctx, rows, me!);
});
