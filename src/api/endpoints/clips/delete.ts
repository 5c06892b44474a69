import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deleteClip, findOwnClip } from '../../../core/clips/clips.js';

export default defineEndpoint({
  summary: 'Deletes one of your clips (the notes stay; they leave the clip).',
  tags: ['clips'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: '70ca08ba-6865-4630-b6fb-8494759aa754' },
  },
  params: Type.Object({ clipId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const clip = await findOwnClip(ctx, params.clipId, me!.id) ?? fail('noSuchClip');
  await deleteClip(ctx, clip);
});
