/** Compile-time contract for the token flows' entities, parameters and responses against misskey-js. */
import { Type, type Static } from '@sinclair/typebox';
import type { Endpoints, entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { AppSchema, AuthorizedAppSchema, AuthSessionSchema } from '../../src/core/apps/schema.js';
import genToken from '../../src/api/endpoints/miauth/gen-token.js';
import iApps from '../../src/api/endpoints/i/apps.js';
import iRevokeToken from '../../src/api/endpoints/i/revoke-token.js';
import iAuthorizedApps from '../../src/api/endpoints/i/authorized-apps.js';
import appCreate from '../../src/api/endpoints/app/create.js';
import appShow from '../../src/api/endpoints/app/show.js';
import myApps from '../../src/api/endpoints/my/apps.js';
import sessionGenerate from '../../src/api/endpoints/auth/session/generate.js';
import sessionShow from '../../src/api/endpoints/auth/session/show.js';
import sessionUserkey from '../../src/api/endpoints/auth/session/userkey.js';
import authAccept from '../../src/api/endpoints/auth/accept.js';

type ResOf<E extends { handler: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<E['handler']>>;
type ParamsOf<E extends { meta: { params: unknown } }> = E['meta']['params'] extends infer S extends import('@sinclair/typebox').TSchema ? Static<S> : never;

// Entities.
assertType<MutuallyAssignable<Static<typeof AppSchema>, entities.App>>();
assertType<MutuallyAssignable<Static<typeof AuthSessionSchema>, entities.AuthSessionShowResponse>>();
assertType<MutuallyAssignable<Static<typeof AuthorizedAppSchema>[], entities.IAuthorizedAppsResponse>>();

// Responses.
assertType<MutuallyAssignable<ResOf<typeof genToken>, Endpoints['miauth/gen-token']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof iApps>, Endpoints['i/apps']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof iAuthorizedApps>, Endpoints['i/authorized-apps']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof appCreate>, Endpoints['app/create']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof appShow>, Endpoints['app/show']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof myApps>, Endpoints['my/apps']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof sessionGenerate>, Endpoints['auth/session/generate']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof sessionShow>, Endpoints['auth/session/show']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof sessionUserkey>, Endpoints['auth/session/userkey']['res']>>();
// auth/accept and i/revoke-token answer 204 (no `res`), which misskey-js types as EmptyResponse.
assertType<ResOf<typeof authAccept> extends void ? true : false>();
assertType<ResOf<typeof iRevokeToken> extends void ? true : false>();

// Parameters (those without defaults, whose static type is the request's).
assertType<MutuallyAssignable<ParamsOf<typeof genToken>, Endpoints['miauth/gen-token']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof iApps>, Endpoints['i/apps']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof iRevokeToken>, Endpoints['i/revoke-token']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof appCreate>, Endpoints['app/create']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof appShow>, Endpoints['app/show']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof sessionGenerate>, Endpoints['auth/session/generate']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof sessionShow>, Endpoints['auth/session/show']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof sessionUserkey>, Endpoints['auth/session/userkey']['req']>>();
assertType<MutuallyAssignable<ParamsOf<typeof authAccept>, Endpoints['auth/accept']['req']>>();
// With defaults the handler sees required fields; what a client may send still fits.
assertType<Endpoints['i/authorized-apps']['req'] extends Partial<ParamsOf<typeof iAuthorizedApps>> ? true : false>();
assertType<Endpoints['my/apps']['req'] extends Partial<ParamsOf<typeof myApps>> ? true : false>();

// The check bites: an App whose callbackUrl may no longer be null does not fit misskey-js.
const DriftedApp = Type.Composite([Type.Omit(AppSchema, ['callbackUrl']), Type.Object({ callbackUrl: Type.String() })]);
// @ts-expect-error drifted schema must not match misskey-js
assertType<MutuallyAssignable<Static<typeof DriftedApp>, entities.App>>();
