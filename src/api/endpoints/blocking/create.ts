import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { block } from '../../../core/blocking/blocking.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { UserDetailedNotMeSchema, type UserDetailedNotMe } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Blocks a user: follows and follow requests between you end both ways, and they cannot follow you.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:blocks',
  limit: { duration: 3_600_000, max: 20 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '7cc4f851-e2f1-4621-9633-ec9e1d00c01e' },
    blockeeIsYourself: { message: 'Blockee is yourself.', code: 'BLOCKEE_IS_YOURSELF', id: '88b19138-f28d-42c0-8499-6a31bbd0fdc6' },
    alreadyBlocking: { message: 'You are already blocking that user.', code: 'ALREADY_BLOCKING', id: '787fed64-acb9-464a-82eb-afbd745b9614' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: UserDetailedNotMeSchema,
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('blockeeIsYourself');
  const blockee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await block(ctx, me!.id, blockee.id)) fail('alreadyBlocking');
  // Read again: the block may have changed the blockee's counts.
  const [packed] = await packUserDetailed(ctx, [await findUserById(ctx, blockee.id) ?? blockee], me);
  return packed as UserDetailedNotMe;
});
