import { Type, type Static } from '@sinclair/typebox';

/**
 * misskey-js's `App`. `secret` only in `app/create`'s answer: Mikan keeps a hash of it, so it can
 * never be shown again (Misskey also shows it in `app/show` to its creator and in `my/apps`).
 * `isAuthorized` when there is a viewer. `description` is Mikan's addition, for consent pages.
 */
export const AppSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  name: Type.String(),
  callbackUrl: Type.Union([Type.String(), Type.Null()]),
  permission: Type.Array(Type.String()),
  secret: Type.Optional(Type.String()),
  isAuthorized: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type App = Static<typeof AppSchema>;

/** One `i/authorized-apps` item: the app a token was issued to, with that token's id (Mikan's addition, for `i/revoke-token`). */
export const AuthorizedAppSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  name: Type.String(),
  callbackUrl: Type.Union([Type.String(), Type.Null()]),
  permission: Type.Array(Type.String()),
  isAuthorized: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  tokenId: Type.Optional(Type.String({ format: 'misskey:id' })),
});

export const AuthSessionSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  app: AppSchema,
  token: Type.String(),
});
