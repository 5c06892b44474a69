import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { AdminAvatarDecorationSchema, createAvatarDecoration, packAdminAvatarDecoration } from '../../../../core/branding/avatar-decorations.js';

export default defineEndpoint({
  summary: 'Creates an avatar decoration (an image drawn over avatars); with roles, only holders of one of them may wear it.',
  tags: ['admin'],
  requireCredential: true,
  requireRolePolicy: 'canManageAvatarDecorations',
  kind: 'write:admin:avatar-decorations',
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 256 }),
    description: Type.String({ maxLength: 2048 }),
    url: Type.String({ minLength: 1, maxLength: 1024 }),
    roleIdsThatCanBeUsedThisDecoration: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 1000 })),
    category: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
  }),
  res: AdminAvatarDecorationSchema,
}, async ({ params, me, ctx }) => packAdminAvatarDecoration(await createAvatarDecoration(ctx, me!.id, params)));
