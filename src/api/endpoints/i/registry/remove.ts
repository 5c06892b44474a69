import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { registryDomain, removeRegistryItem } from '../../../../core/registry/registry.js';
import { noSuchKeyMessage, RegistryDomain, RegistryKey, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Removes one value from your registry.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchKey: { message: noSuchKeyMessage, code: 'NO_SUCH_KEY', id: '1fac4e8a-a6cd-4e39-a4a5-3a7e11f1b019' },
  },
  params: Type.Object({ key: RegistryKey, scope: RegistryScope, domain: RegistryDomain }),
}, async ({ params, me, token, ctx, fail }) => {
  const removed = await removeRegistryItem(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope }, params.key);
  if (!removed) fail('noSuchKey');
});
