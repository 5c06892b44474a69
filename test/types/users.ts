/** Compile-time contract for the user entities and the account endpoints' responses. */
import { Type, type Static } from '@sinclair/typebox';
import type { Endpoints, entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import {
  AnnouncementSchema, MeDetailedSchema, MeDetailedWithTokenSchema, RoleLiteSchema, SigninSchema,
  UserDetailedNotMeSchema, UserDetailedSchema, UserLiteSchema,
} from '../../src/core/users/schema.js';
import i from '../../src/api/endpoints/i.js';
import iUpdate from '../../src/api/endpoints/i/update.js';
import signinHistory from '../../src/api/endpoints/i/signin-history.js';
import usernameAvailable from '../../src/api/endpoints/username/available.js';
import usersShow from '../../src/api/endpoints/users/show.js';
import accountsCreate from '../../src/api/endpoints/admin/accounts/create.js';

/** What an endpoint's handler must return: the static type of its declared `res` schema. */
type ResOf<E extends { handler: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<E['handler']>>;

assertType<MutuallyAssignable<Static<typeof UserLiteSchema>, entities.UserLite>>();
assertType<MutuallyAssignable<Static<typeof UserDetailedNotMeSchema>, entities.UserDetailedNotMe>>();
assertType<MutuallyAssignable<Static<typeof MeDetailedSchema>, entities.MeDetailed>>();
assertType<MutuallyAssignable<Static<typeof UserDetailedSchema>, entities.UserDetailed>>();
assertType<MutuallyAssignable<Static<typeof MeDetailedWithTokenSchema>, entities.SignupResponse>>();
assertType<MutuallyAssignable<Static<typeof RoleLiteSchema>, entities.RoleLite>>();
assertType<MutuallyAssignable<Static<typeof AnnouncementSchema>, entities.Announcement>>();
assertType<MutuallyAssignable<Static<typeof SigninSchema>, entities.Signin>>();

assertType<MutuallyAssignable<ResOf<typeof i>, Endpoints['i']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof iUpdate>, Endpoints['i/update']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof signinHistory>, Endpoints['i/signin-history']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof usernameAvailable>, Endpoints['username/available']['res']>>();
// misskey-js types users/show's answer by request shape ($switch); the generated union is the same contract.
assertType<MutuallyAssignable<ResOf<typeof usersShow>, entities.UsersShowResponse>>();
assertType<MutuallyAssignable<ResOf<typeof accountsCreate>, Endpoints['admin/accounts/create']['res']>>();

// The check bites: a UserLite whose onlineStatus lost 'unknown' no longer fits misskey-js.
const DriftedUserLite = Type.Composite([
  Type.Omit(UserLiteSchema, ['onlineStatus']),
  Type.Object({ onlineStatus: Type.Union([Type.Literal('online'), Type.Literal('active'), Type.Literal('offline')]) }),
]);
// @ts-expect-error drifted schema must not match misskey-js
assertType<MutuallyAssignable<Static<typeof DriftedUserLite>, entities.UserLite>>();

// ...and so does a MeDetailed missing one field.
const ShortMeDetailed = Type.Omit(MeDetailedSchema, ['loggedInDays']);
// @ts-expect-error a missing field must not match misskey-js
assertType<MutuallyAssignable<Static<typeof ShortMeDetailed>, entities.MeDetailed>>();
