import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { findRole, listRoleMemberNotes } from '../../../core/roles/manage.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'Public notes of the members of a public role (empty unless the role is explorable).',
  tags: ['role', 'notes'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: 'eb70323a-df61-4dd4-ad90-89c83c7cf26e' },
  },
  params: Type.Object({
    roleId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
    dimension: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Accepted and ignored (a fork extension).' })),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId);
  if (!role?.isPublic) fail('noSuchRole');
  if (!role!.isExplorable) return [];
  const rows = await listRoleMemberNotes(ctx, role!, me!.id, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
