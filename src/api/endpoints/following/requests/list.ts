import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { listFollowRequests } from '../../../../core/following/requests.js';
import { packFollowRequests } from '../../../../core/following/pack.js';
import { FollowRequestSchema } from '../../../../core/following/schema.js';

export default defineEndpoint({
  summary: 'Follow requests waiting for your answer, newest first.',
  tags: ['following', 'account'],
  requireCredential: true,
  kind: 'read:following',
  params: Type.Object(pageParams(10)),
  res: Type.Array(FollowRequestSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFollowRequests(ctx, me!.id, 'received', { ...params, limit: params.limit ?? 10 });
  return packFollowRequests(ctx, rows);
});
