import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { renameKey } from '../../../../core/two-factor/webauthn.js';
import { publishMeUpdated } from '../../../../core/two-factor/totp.js';

export default defineEndpoint({
  summary: 'Renames one of the account\'s security keys.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  errors: {
    noSuchKey: { message: 'No such key.', code: 'NO_SUCH_KEY', id: 'f9c5467f-d492-4d3c-9a8g-a70dacc86512' },
    accessDenied: { message: 'You do not have edit privilege of the channel.', code: 'ACCESS_DENIED', id: '1fb7cb09-d46a-4fff-b8df-057708cce513' },
  },
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 30 }),
    credentialId: Type.String(),
  }),
}, async ({ params, me, ctx, fail }) => {
  const result = await renameKey(ctx, me!.id, params.credentialId, params.name);
  if ('error' in result) return fail(result.error);
  await publishMeUpdated(ctx, me!.id);
});
