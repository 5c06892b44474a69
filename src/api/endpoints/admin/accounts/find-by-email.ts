import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { userProfiles, users } from '../../../../db/schema/index.js';
import { packUserDetailed } from '../../../../core/users/pack.js';
import { UserDetailedNotMeSchema } from '../../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'The local account holding an address (case-insensitive; a verified holder first, then the oldest).',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'read:admin:account',
  errors: {
    userNotFound: { message: 'No such user who has the email address.', code: 'USER_NOT_FOUND', id: 'cb865949-8af5-4062-a88c-ef55e8786d1d' },
  },
  params: Type.Object({ email: Type.String() }),
  res: UserDetailedNotMeSchema,
}, async ({ params, ctx, fail }) => {
  const [user] = await ctx.db.select({ user: users }).from(userProfiles).innerJoin(users, eq(users.id, userProfiles.userId))
    .where(and(sql`lower(${userProfiles.email}) = lower(${params.email})`, eq(users.isDeleted, false)))
    .orderBy(desc(userProfiles.emailVerified), asc(users.id)).limit(1);
  if (!user) fail('userNotFound');
  const [packed] = await packUserDetailed(ctx, [user!.user], null);
  return packed as never;
});
