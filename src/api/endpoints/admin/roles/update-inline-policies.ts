import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findAnyUser } from '../../../../core/moderation/users.js';
import { checkInlinePolicy, INLINE_POLICY_NAMES, replaceInlinePolicies } from '../../../../core/roles/inline.js';

// The MisskeyIO fork's endpoint (not in misskey-js).
export default defineEndpoint({
  summary: 'Replaces one account\'s inline policies: per-user overrides applied on top of its roles (administrators).',
  description: 'The list replaces the account\'s entries: an entry with the `id` of an existing one changes it, others are added, missing ones are removed. '
    + '`set` gives the policy `value`; `increment` adds `value` to a numeric policy. Policies Mikan does not compute are refused (`invalidPolicy`).',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:roles',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'f5b42979-e8e7-4027-9022-3e507ad29828' },
    invalidPolicy: { message: 'Invalid policy.', code: 'INVALID_PARAM', id: '52109192-4e49-4d10-8844-899281fde5a3' },
    invalidOperation: { message: 'Invalid operation.', code: 'INVALID_PARAM', id: 'e0a8b82d-925a-414a-a5fe-993ee35efc6a' },
    invalidValue: { message: 'Invalid value.', code: 'INVALID_PARAM', id: '6f33c598-400e-4afa-aeb7-9b18965368c4' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    policies: Type.Array(Type.Object({
      id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      policy: Type.Union(INLINE_POLICY_NAMES.map((name) => Type.Literal(name))),
      operation: Type.Optional(Type.Union([Type.Literal('set'), Type.Literal('increment')], { default: 'set' })),
      value: Type.Optional(Type.Union([Type.Boolean(), Type.Number(), Type.String(), Type.Null()])),
      memo: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    })),
  }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  for (const entry of params.policies) {
    const refusal = checkInlinePolicy(entry);
    if (refusal) fail(refusal);
  }
  await replaceInlinePolicies(ctx, me!.id, user, params.policies);
});
