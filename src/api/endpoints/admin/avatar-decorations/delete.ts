import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteAvatarDecoration } from '../../../../core/branding/avatar-decorations.js';

export default defineEndpoint({
  summary: 'Deletes an avatar decoration and takes it off everyone wearing it.',
  tags: ['admin'],
  requireCredential: true,
  requireRolePolicy: 'canManageAvatarDecorations',
  kind: 'write:admin:avatar-decorations',
  errors: {
    noSuchAvatarDecoration: { message: 'No such avatar decoration.', code: 'NO_SUCH_AVATAR_DECORATION', id: '4b7e9f0e-5c1d-4f5a-8e3b-2d6a9c0f1e72' },
  },
  params: Type.Object({ id: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteAvatarDecoration(ctx, me!.id, params.id)) fail('noSuchAvatarDecoration');
});
