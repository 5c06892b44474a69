import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { updateAvatarDecoration } from '../../../../core/branding/avatar-decorations.js';

export default defineEndpoint({
  summary: 'Changes an avatar decoration; fields left out keep their values. A new URL shows on its wearers at once.',
  tags: ['admin'],
  requireCredential: true,
  requireRolePolicy: 'canManageAvatarDecorations',
  kind: 'write:admin:avatar-decorations',
  errors: {
    noSuchAvatarDecoration: { message: 'No such avatar decoration.', code: 'NO_SUCH_AVATAR_DECORATION', id: 'f2a8bb63-0a3e-4d8e-9d5e-4f1f2a6c7b01' },
  },
  params: Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    description: Type.Optional(Type.String({ maxLength: 2048 })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    roleIdsThatCanBeUsedThisDecoration: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 1000 })),
    category: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
  }),
}, async ({ params, me, ctx, fail }) => {
  const { id, ...changes } = params;
  if (!await updateAvatarDecoration(ctx, me!.id, id, changes)) fail('noSuchAvatarDecoration');
});
