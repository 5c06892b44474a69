import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { updateDefaultPolicies } from '../../../../core/roles/manage.js';

export default defineEndpoint({
  summary: 'Replaces the base role policies (`meta.policies`) every account starts from (administrators).',
  description: 'Keys Misskey does not know, and values of the wrong type, are ignored: such a policy keeps its default.',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:roles',
  params: Type.Object({ policies: Type.Record(Type.String(), Type.Unknown()) }),
}, async ({ params, me, ctx }) => {
  await updateDefaultPolicies(ctx, params.policies, me!.id);
});
