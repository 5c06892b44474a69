import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { AvatarDecorationSchema, listAvatarDecorations, packAvatarDecorations } from '../../core/branding/avatar-decorations.js';

export default defineEndpoint({
  summary: 'The avatar decorations of this instance, oldest first, with the roles that may wear each (empty: everyone).',
  tags: ['meta'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Array(AvatarDecorationSchema),
}, async ({ ctx }) => packAvatarDecorations(ctx, await listAvatarDecorations(ctx)));
