import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createClip } from '../../../core/clips/clips.js';
import { packClip } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'Creates a clip, within your `clipLimit`.',
  tags: ['clips'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    tooManyClips: { message: 'You cannot create clip any more.', code: 'TOO_MANY_CLIPS', id: '920f7c2d-6208-4b76-8082-e632020f5883' },
    clipNotesLimitExceeded: { message: 'A clip of yours holds more notes than allowed.', code: 'CLIP_NOTES_LIMIT_EXCEEDED', id: '1fdd390f-dcd3-4b65-88d9-6476159bc5c8' },
  },
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    isPublic: Type.Optional(Type.Boolean({ default: false })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  }),
  res: ClipSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await createClip(ctx, me!.id, params);
  if ('error' in result) return fail(result.error);
  return packClip(ctx, result.clip, me);
});
