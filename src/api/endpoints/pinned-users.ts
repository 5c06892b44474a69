import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { findPinnedUsers } from '../../core/users/directory.js';
import { packUserDetailed } from '../../core/users/pack.js';
import { UserDetailedSchema } from '../../core/users/schema.js';

export default defineEndpoint({
  summary: 'The accounts the admins pinned (`pinnedUsers` in admin/update-meta), in their order.',
  tags: ['users'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Array(UserDetailedSchema),
}, async ({ me, ctx }) => packUserDetailed(ctx, await findPinnedUsers(ctx), me));
