import { defineEndpoint } from '../../define.js';
import { birthdayParams, BirthdayUsersSchema } from '../../birthday-params.js';
import { followingBirthdayUsers } from '../../../core/users/birthday-users.js';

export default defineEndpoint({
  summary: 'Users you follow whose birthday is on the day or in the range (the fork\'s name; upstream calls it users/get-following-users-by-birthday).',
  tags: ['users'],
  requireCredential: true,
  kind: 'read:account',
  params: birthdayParams,
  res: BirthdayUsersSchema,
}, async ({ params, me, ctx }) => followingBirthdayUsers(ctx, me!, params.birthday, params));
