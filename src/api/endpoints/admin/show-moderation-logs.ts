import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listModerationLogs, packModerationLogs } from '../../../core/moderation/log.js';
import { ModerationLogSchema } from '../../../core/moderation/schema.js';

export default defineEndpoint({
  summary: 'The moderation log, newest first: who did what, when, with its details (`info`, by `type`).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:show-moderation-log',
  params: Type.Object({
    ...pageParams(10),
    type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: Type.Array(ModerationLogSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listModerationLogs(ctx, { ...params, limit: params.limit ?? 10 });
  return packModerationLogs(ctx, rows, me!);
});
