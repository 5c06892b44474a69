import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listOwnClips } from '../../../core/clips/clips.js';
import { packClips } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'Your clips, public and private, newest first.',
  description: 'Without `limit`, all of them (Misskey\'s fork); with it, one page (upstream Misskey\'s paging).',
  tags: ['clips', 'account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    sinceDate: Type.Optional(Type.Integer()),
    untilDate: Type.Optional(Type.Integer()),
  }),
  res: Type.Array(ClipSchema),
}, async ({ params, me, ctx }) => {
  return packClips(ctx, await listOwnClips(ctx, me!.id, params), me);
});
