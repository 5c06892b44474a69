import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listPublicClipsOf } from '../../../core/clips/clips.js';
import { packClips } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'A user\'s public clips, newest first (public ones only, even to their owner, as Misskey).',
  tags: ['users', 'clips'],
  requireCredential: false,
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
  }),
  res: Type.Array(ClipSchema),
}, async ({ params, me, ctx }) => {
  return packClips(ctx, await listPublicClipsOf(ctx, params.userId, { ...params, limit: params.limit ?? 10 }), me);
});
