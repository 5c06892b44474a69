import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { roleFields, roleInputOf } from '../../../role-params.js';
import { updateRole } from '../../../../core/roles/manage.js';

const { isExplorable, ...fields } = roleFields;

export default defineEndpoint({
  summary: 'Changes a role (administrators); fields left out keep their values.',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:roles',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: 'cd23ef55-09ad-428a-ac61-95a45e124b32' },
  },
  params: Type.Composite([
    Type.Object({ roleId: Type.String({ format: 'misskey:id' }), isExplorable: Type.Optional(Type.Boolean()) }),
    Type.Partial(Type.Object(fields)),
  ]),
}, async ({ params, me, ctx, fail }) => {
  if (!await updateRole(ctx, params.roleId, roleInputOf(params), me!.id)) fail('noSuchRole');
});
