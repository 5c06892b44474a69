import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { findLocalUserByUsername, findUserById, findUsersByIds } from '../../../core/users/read.js';
import { recordProfileView } from '../../../core/charts/record.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const Host = Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The local host is represented with `null`.' }));

export default defineEndpoint({
  summary: 'One user by id or by username (and host), or several by ids (in the order asked, unknown ones left out).',
  tags: ['users'],
  requireCredential: false,
  errors: {
    failedToResolveRemoteUser: { message: 'Failed to resolve remote user.', code: 'FAILED_TO_RESOLVE_REMOTE_USER', id: 'ef7b9be4-9cba-4e6f-ab41-90ed171c7d3c', kind: 'server' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '4362f8dc-731f-4ad8-a694-be5a88922a24', httpStatusCode: 404 },
    userSuspended: { message: 'User is suspended.', code: 'USER_SUSPENDED', id: 'c1e1b0d6-2b7c-4c1d-9f1d-2d3d6e8d7e7f', httpStatusCode: 403 },
  },
  params: Type.Union([
    Type.Object({ userId: Id, host: Host }),
    Type.Object({ userIds: Type.Array(Id, { uniqueItems: true }), host: Host }),
    Type.Object({ username: Type.String(), host: Host }),
  ]),
  res: Type.Union([UserDetailedSchema, Type.Array(UserDetailedSchema)]),
}, async ({ params, me, ctx, fail, request }) => {
  // Moderators see suspended users; everyone else does not.
  const seesSuspended = Boolean(me && (me.isModerator || me.isAdmin));

  if ('userIds' in params) {
    const found = new Map((await findUsersByIds(ctx, params.userIds)).map((user) => [user.id, user]));
    const users = params.userIds.flatMap((id) => {
      const user = found.get(id);
      return user && (seesSuspended || !user.isSuspended) ? [user] : [];
    });
    return packUserDetailed(ctx, users, me);
  }

  let user;
  if ('userId' in params) {
    user = await findUserById(ctx, params.userId);
  } else {
    const host = params.host?.toLowerCase();
    if (host != null && host !== ctx.config.hostname.toLowerCase()) {
      // A remote account: known already, or looked up on its server (WebFinger, then the actor).
      const { resolveUser } = await import('../../../federation/resolve.js');
      user = await resolveUser(ctx, params.username, host).catch((error) => {
        ctx.log.info({ err: error, username: params.username, host }, 'could not resolve a remote user');
        return fail('failedToResolveRemoteUser');
      });
    } else {
      user = await findLocalUserByUsername(ctx, params.username);
    }
  }
  if (!user) return fail('noSuchUser');
  if (user.isSuspended && !seesSuspended) fail('userSuspended');
  // Misskey's PerUserPvChart: a profile viewed by someone else, signed in or not.
  recordProfileView(ctx, user.id, me ? { userId: me.id } : { ip: request.ip });
  const [packed] = await packUserDetailed(ctx, [user], me);
  return packed;
});
