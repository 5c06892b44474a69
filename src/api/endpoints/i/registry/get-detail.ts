import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findRegistryItem, registryDomain } from '../../../../core/registry/registry.js';
import { noSuchKeyMessage, RegistryDomain, RegistryKey, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Reads one value of your registry with the time it was last written.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchKey: { message: noSuchKeyMessage, code: 'NO_SUCH_KEY', id: '97a1e8e7-c0f7-47d2-957a-92e61256e01a' },
  },
  params: Type.Object({ key: RegistryKey, scope: RegistryScope, domain: RegistryDomain }),
  res: Type.Object({ updatedAt: Type.String({ format: 'date-time' }), value: Type.Unknown() }),
}, async ({ params, me, token, ctx, fail }) => {
  const item = await findRegistryItem(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope }, params.key);
  if (!item) return fail('noSuchKey');
  return { updatedAt: item.updatedAt.toISOString(), value: item.value };
});
