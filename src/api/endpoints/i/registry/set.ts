import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { registryDomain, setRegistryItem } from '../../../../core/registry/registry.js';
import { RegistryDomain, RegistryScope } from '../../../registry-params.js';

export default defineEndpoint({
  summary: 'Writes one value (any JSON) to your registry, replacing what the key held.',
  description: 'The web client\'s own values (no domain) are announced on the `main` stream as `registryUpdated`. The value is bounded by the request size limit (1 MiB).',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:account',
  params: Type.Object({
    key: Type.String({ minLength: 1, maxLength: 1024 }),
    value: Type.Unknown(),
    scope: RegistryScope,
    domain: RegistryDomain,
  }),
}, async ({ params, me, token, ctx }) => {
  await setRegistryItem(ctx, { userId: me!.id, domain: registryDomain(token, params.domain), scope: params.scope }, params.key, params.value);
});
