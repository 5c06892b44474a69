import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findOwnClip, updateClip } from '../../../core/clips/clips.js';
import { packClip } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'Renames, describes, publishes or hides one of your clips.',
  tags: ['clips'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: 'b4d92d70-b216-46fa-9a3f-a8c811699257' },
    clipLimitExceeded: { message: 'You have more clips than allowed.', code: 'CLIP_LIMIT_EXCEEDED', id: 'fed46dd9-d99a-4a88-b23f-8d31c80b5b25' },
    clipNotesLimitExceeded: { message: 'This clip holds more notes than allowed.', code: 'CLIP_NOTES_LIMIT_EXCEEDED', id: '6f02ab37-66a4-4285-afaf-a8b1000e8f3f' },
  },
  params: Type.Object({
    clipId: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    isPublic: Type.Optional(Type.Boolean()),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  }),
  res: ClipSchema,
}, async ({ params, me, ctx, fail }) => {
  const clip = await findOwnClip(ctx, params.clipId, me!.id) ?? fail('noSuchClip');
  const result = await updateClip(ctx, clip, params);
  if ('error' in result) return fail(result.error);
  return packClip(ctx, result.clip, me);
});
