import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listRegistryItems, registryDomain } from '../../../../core/registry/registry.js';
import { RegistryDomain, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Reads every value in one scope of your registry, as an object of key → value.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ scope: RegistryScope, domain: RegistryDomain }),
  res: Type.Unsafe<Record<string, never>>(Type.Object({}, { additionalProperties: true })),
}, async ({ params, me, token, ctx }) => {
  const items = await listRegistryItems(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope });
  return Object.fromEntries(items.map((item) => [item.key, item.value])) as Record<string, never>;
});
