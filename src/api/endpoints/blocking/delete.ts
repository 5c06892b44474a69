import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unblock } from '../../../core/blocking/blocking.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { UserDetailedNotMeSchema, type UserDetailedNotMe } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Lifts a block.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:blocks',
  limit: { duration: 3_600_000, max: 100 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '8621d8bf-c358-4303-a066-5ea78610eb3f' },
    blockeeIsYourself: { message: 'Blockee is yourself.', code: 'BLOCKEE_IS_YOURSELF', id: '06f6fac6-524b-473c-a354-e97a40ae6eac' },
    notBlocking: { message: 'You are not blocking that user.', code: 'NOT_BLOCKING', id: '291b2efa-60c6-45c0-9f6a-045c8f9b02cd' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: UserDetailedNotMeSchema,
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('blockeeIsYourself');
  const blockee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await unblock(ctx, me!.id, blockee.id)) fail('notBlocking');
  // Read again: the block may have changed the blockee's counts.
  const [packed] = await packUserDetailed(ctx, [await findUserById(ctx, blockee.id) ?? blockee], me);
  return packed as UserDetailedNotMe;
});
