import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { updateAllFollowings } from '../../../core/following/follow.js';

export default defineEndpoint({
  summary: 'Changes `notify` and/or `withReplies` on every follow you have.',
  tags: ['following', 'users'],
  requireCredential: true,
  kind: 'write:following',
  limit: { duration: 3_600_000, max: 10 },
  params: Type.Object({
    notify: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('none')])),
    withReplies: Type.Optional(Type.Boolean()),
  }),
}, async ({ params, me, ctx }) => {
  await updateAllFollowings(ctx, me!.id, { notify: params.notify, withReplies: params.withReplies });
});
