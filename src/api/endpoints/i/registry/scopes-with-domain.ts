import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { registryScopesWithDomain } from '../../../../core/registry/registry.js';

export default defineEndpoint({
  summary: 'Lists every domain of your registry (null: the web client\'s) with the scopes in it. Web client only.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  params: Type.Object({}),
  res: Type.Array(Type.Object({ scopes: Type.Array(Type.Array(Type.String())), domain: Type.Union([Type.String(), Type.Null()]) })),
}, async ({ me, ctx }) => registryScopesWithDomain(ctx, me!.id));
