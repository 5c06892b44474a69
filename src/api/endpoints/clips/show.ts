import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findReadableClip } from '../../../core/clips/clips.js';
import { packClip } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'A public clip, or one of your own.',
  tags: ['clips'],
  requireCredential: false,
  kind: 'read:account',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: 'c3c5fe33-d62c-44d2-9ea5-d997703f5c20' },
  },
  params: Type.Object({ clipId: Type.String({ format: 'misskey:id' }) }),
  res: ClipSchema,
}, async ({ params, me, ctx, fail }) => {
  const clip = await findReadableClip(ctx, params.clipId, me?.id ?? null) ?? fail('noSuchClip');
  return packClip(ctx, clip, me);
});
