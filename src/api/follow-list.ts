import { Type } from '@sinclair/typebox';
import { defineEndpoint, type EndpointErrorDefinition } from './define.js';
import { pageParams } from './paging.js';
import { birthdayMonthDay, listFollowings, mayViewList } from '../core/following/list.js';
import { packFollowings } from '../core/following/pack.js';
import { FollowingSchema } from '../core/following/schema.js';
import { findLocalUserByUsername, findUserById } from '../core/users/read.js';

const page = pageParams(10);

/**
 * users/followers and users/following are one endpoint seen from two sides; only the side, the
 * visibility setting it honours and Misskey's error ids differ.
 */
export function defineFollowListEndpoint(
  side: 'followers' | 'following',
  errors: { noSuchUser: EndpointErrorDefinition; forbidden: EndpointErrorDefinition; birthdayInvalid?: EndpointErrorDefinition },
) {
  // Honoured by users/following only: followees whose birthday falls on that date's month and day.
  const extra = { birthday: Type.Optional(Type.Union([Type.String(), Type.Null()])) };
  return defineEndpoint({
    summary: `A user's ${side}, newest follow first, as far as their ${side}Visibility lets you see.`,
    tags: ['users'],
    requireCredential: false,
    errors,
    params: Type.Union([
      Type.Object({ userId: Type.String({ format: 'misskey:id' }), ...page, ...extra }),
      Type.Object({ username: Type.String(), host: Type.Union([Type.String(), Type.Null()]), ...page, ...extra }),
    ]),
    res: Type.Array(FollowingSchema),
  }, async ({ params, me, ctx, fail }) => {
    // Mikan does not federate: a name on another host is nobody here.
    const isLocalHost = (host: string | null) => host == null || host.toLowerCase() === ctx.config.hostname.toLowerCase();
    const user = 'userId' in params
      ? await findUserById(ctx, params.userId)
      : isLocalHost(params.host) ? await findLocalUserByUsername(ctx, params.username) : null;
    if (!user) return fail('noSuchUser');
    if (!await mayViewList(ctx, user.id, side, me?.id ?? null)) fail('forbidden');
    const birthday = side === 'following' ? params.birthday : null;
    const monthDay = birthday ? birthdayMonthDay(birthday) : null;
    if (birthday && !monthDay) fail('birthdayInvalid');
    const rows = await listFollowings(ctx, user.id, side, { ...params, limit: params.limit ?? 10, birthdayMonthDay: monthDay ?? undefined });
    return packFollowings(ctx, rows, side, me);
  });
}
