import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { AdminAvatarDecorationListItemSchema, listAvatarDecorations, packAdminAvatarDecoration } from '../../../../core/branding/avatar-decorations.js';

export default defineEndpoint({
  summary: 'Every avatar decoration, oldest first. As in Misskey the paging parameters are accepted and the whole list is answered (its control panel asks without them and expects all).',
  tags: ['admin'],
  requireCredential: true,
  requireRolePolicy: 'canManageAvatarDecorations',
  kind: 'read:admin:avatar-decorations',
  params: Type.Object({
    ...pageParams(10),
    userId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
  res: Type.Array(AdminAvatarDecorationListItemSchema),
}, async ({ ctx }) => (await listAvatarDecorations(ctx)).map(packAdminAvatarDecoration));
