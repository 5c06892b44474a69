import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listRenoteMutings } from '../../../core/muting/muting.js';
import { packRenoteMutings } from '../../../core/blocking/pack.js';
import { RenoteMutingSchema } from '../../../core/blocking/schema.js';

export default defineEndpoint({
  summary: 'Your active mutes (renote-mute), newest first.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:mutes',
  params: Type.Object(pageParams(30)),
  res: Type.Array(RenoteMutingSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listRenoteMutings(ctx, me!.id, { ...params, limit: params.limit ?? 30 });
  return packRenoteMutings(ctx, rows, me!);
});
