import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findRegistryItem, registryDomain } from '../../../../core/registry/registry.js';
import { noSuchKeyMessage, RegistryDomain, RegistryKey, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Reads one value of your registry (client settings).',
  description: 'An app token reads its own domain; the user\'s own token the web client\'s, or the `domain` it names. A null value answers 204, as in Misskey.',
  tags: ['account'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchKey: { message: noSuchKeyMessage, code: 'NO_SUCH_KEY', id: 'ac3ed68a-62f0-422b-a7bc-d5e09e8f6a6a' },
  },
  params: Type.Object({ key: RegistryKey, scope: RegistryScope, domain: RegistryDomain }),
  // Any JSON value; misskey-js types it as an empty record.
  res: Type.Unsafe<Record<string, never>>({}),
}, async ({ params, me, token, ctx, fail }) => {
  const item = await findRegistryItem(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope }, params.key);
  if (!item) return fail('noSuchKey');
  return item.value as Record<string, never>;
});
