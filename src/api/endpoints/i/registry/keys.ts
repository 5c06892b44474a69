import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listRegistryItems, registryDomain } from '../../../../core/registry/registry.js';
import { RegistryDomain, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Lists the keys in one scope of your registry.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ scope: RegistryScope, domain: RegistryDomain }),
  res: Type.Array(Type.String()),
}, async ({ params, me, token, ctx }) => {
  const items = await listRegistryItems(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope });
  return items.map((item) => item.key);
});
