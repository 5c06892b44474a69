import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packMe } from '../../../core/users/pack.js';
import { MeDetailedSchema } from '../../../core/users/schema.js';
import { MoveError, moveAccount } from '../../../core/users/move.js';
import { publishMainStream } from '../../../bus/topics.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Moves the signed-in account to another that lists it in `alsoKnownAs`: its followers follow the other account, and this one can only read afterwards.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  prohibitMoved: true,
  limit: { duration: 86_400_000, max: 5 },
  errors: {
    destinationAccountForbids: { message: 'Destination account doesn\'t have proper \'Known As\' alias, or has already moved.', code: 'DESTINATION_ACCOUNT_FORBIDS', id: 'b5c90186-4ab0-49c8-9bba-a1f766282ba4' },
    rootForbidden: { message: 'The root can\'t migrate.', code: 'NOT_ROOT_FORBIDDEN', id: '4362e8dc-731f-4ad8-a694-be2a88922a24' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' },
    uriNull: { message: 'User ActivityPup URI is null.', code: 'URI_NULL', id: 'bf326f31-d430-4f97-9933-5d61e4d48a23' },
    localUriNull: { message: 'Local User ActivityPup URI is null.', code: 'URI_NULL', id: '95ba11b9-90e8-43a5-ba16-7acc1ab32e71' },
    alreadyMoved: { message: 'Account was already moved to another account.', code: 'ALREADY_MOVED', id: 'b234a14e-9ebe-4581-8000-074b3c215962' },
  },
  params: Type.Object({ moveToAccount: Type.String() }),
  // misskey-js types the answer as an empty object; Misskey answers the moved account (MeDetailed).
  res: MeDetailedSchema,
}, async ({ params, me, ctx, fail }) => {
  const src = await findUserById(ctx, me!.id) ?? fail('noSuchUser');
  try {
    const { user } = await moveAccount(ctx, src, params.moveToAccount);
    const packed = await packMe(ctx, user, { includeSecrets: true, onlineStatusBefore: me!.onlineStatusBefore });
    publishMainStream(ctx, me!.id, 'meUpdated', await packMe(ctx, user));
    return packed;
  } catch (error) {
    if (error instanceof MoveError) fail(error.reason);
    throw error;
  }
});
