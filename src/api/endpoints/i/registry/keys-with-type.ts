import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listRegistryItems, registryDomain, registryValueType } from '../../../../core/registry/registry.js';
import { RegistryDomain, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Lists the keys in one scope of your registry with the type of each value (null, array, number, string, boolean, object).',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ scope: RegistryScope, domain: RegistryDomain }),
  res: Type.Record(Type.String(), Type.String()),
}, async ({ params, me, token, ctx }) => {
  const items = await listRegistryItems(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope });
  return Object.fromEntries(items.map((item) => [item.key, registryValueType(item.value)]));
});
