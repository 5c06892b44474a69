import { randomUUID } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate, type Authenticated } from '../core/auth/authenticate.js';
import { dataException } from '../db/errors.js';
import { requiresCredential, type NamedEndpoint } from './define.js';
import { ApiError, apiErrors, isStorageFull } from './errors.js';
import { checkRateLimit, ipActor, rateLimitInfo } from './rate-limit.js';
import { toJson } from './serialize.js';
import { uploadedFile } from './multipart.js';
import { maxUploadBytes } from '../core/drive/files.js';
import { policiesOf } from '../core/roles/policies.js';
import { recordUserIp } from '../core/moderation/ips.js';
import { assertValid, castQueryParams, compileParams, compileResponse, responseAjv } from './validate.js';

export const API_CACHE_CONTROL = 'private, max-age=0, must-revalidate';

/** An endpoint ready to serve: its definition plus compiled validators. */
export interface PreparedEndpoint {
  endpoint: NamedEndpoint;
  /** The params check, compiled on the endpoint's first call. */
  validateParams(): ValidateFunction;
  /** The response check (tests only), compiled on the endpoint's first call. */
  validateResponse(): ValidateFunction | null;
}

export function prepareEndpoint(endpoint: NamedEndpoint, validateResponses: boolean): PreparedEndpoint {
  let compiled: ValidateFunction | null | undefined;
  let params: ValidateFunction | undefined;
  return {
    endpoint,
    // Lazily, both: compiling every endpoint's params schema at start took over a second of the
    // start time (Ajv generates and evals code per schema), and a process serves few endpoints
    // often; the first call of an endpoint pays about a millisecond instead.
    validateParams: () => (params ??= compileParams(endpoint.meta.params)),
    // Compiling every response schema (notes nest users, files and polls) takes seconds,
    // and a test server serves only a few endpoints.
    validateResponse: () => (compiled ??= validateResponses && endpoint.meta.res ? compileResponse(endpoint.meta.res) : null),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The credential of a call sent in the `Authorization: Bearer` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/**
 * One API call, with Misskey's order of checks: token lookup, `secure`, rate limit, credential and
 * suspension, moved account, token permission, role, role policy, GET casting, params validation, the handler.
 * Only the token lookup touches the database before validation has passed.
 */
export async function handleApiCall(
  ctx: AppContext,
  prepared: PreparedEndpoint,
  request: FastifyRequest,
  reply: FastifyReply,
  /** The caller, when `authorizeCall` already ran (a multipart upload checks its credential before reading the file). */
  preauthorized?: Authenticated | null,
): Promise<void> {
  const { endpoint } = prepared;
  const { meta } = endpoint;
  reply.header('Cache-Control', API_CACHE_CONTROL);

  const isGet = request.method === 'GET' || request.method === 'HEAD';
  if (isGet && !meta.allowGet) {
    reply.code(405).header('Allow', 'POST').send();
    return;
  }

  // No body at all (no Content-Type) means no params; a JSON null or array is a malformed call.
  const rawBody: unknown = isGet ? request.query : request.body === undefined ? {} : request.body;
  if (!isPlainObject(rawBody)) throw new ApiError(apiErrors.bodyNotObject);

  const credential = bearerToken(request) ?? rawBody.i;
  if (credential != null && typeof credential !== 'string') {
    // Misskey answers a non-string token with a bare 400.
    reply.code(400).send();
    return;
  }
  const auth = preauthorized !== undefined ? preauthorized : await authorizeCall(ctx, endpoint, request, credential ?? null);
  const me = auth?.user ?? null;

  const { i: _token, ...fields } = rawBody;
  // Query strings and multipart fields carry strings only.
  const params = isGet || meta.requireFile ? castQueryParams(meta.params, fields) : fields;
  if (meta.requireFile) {
    const file = uploadedFile(request);
    if (!file) throw new ApiError(apiErrors.fileRequired);
    // Read up to the largest limit anyone has; the sender's own (their roles') applies now.
    if (file.tooLarge || (me && file.size > await maxUploadBytes(ctx, me.id))) throw new ApiError(apiErrors.maxFileSizeExceeded);
  }
  assertValid(prepared.validateParams(), params);

  const errors = meta.errors ?? {};
  const fail = (name: string, info?: unknown): never => {
    const definition = errors[name];
    if (!definition) throw new Error(`endpoint ${endpoint.name} failed with undeclared error "${name}"`);
    throw new ApiError(definition, info);
  };

  const result = await endpoint.handler({ params, me, token: auth?.token ?? null, ctx, request, fail });

  // Misskey answers 204 for both undefined and null results.
  if (result === undefined || result === null) {
    reply.code(204).send();
    return;
  }
  const validateResponse = prepared.validateResponse();
  if (validateResponse && !validateResponse(result)) {
    throw new Error(`response of ${endpoint.name} does not match its schema: ${responseAjv.errorsText(validateResponse.errors)}`);
  }
  if (isGet && meta.cacheSec && !auth) reply.header('Cache-Control', `public, max-age=${meta.cacheSec}`);
  reply.code(200).header('Content-Type', 'application/json; charset=utf-8').send(toJson(result));
}

/**
 * Who is calling, and may they call this endpoint: token lookup, `secure`, rate limit, credential
 * and suspension, moved account, token permission, role, role policy, in Misskey's order. Throws the first refusal.
 */
export async function authorizeCall(ctx: AppContext, endpoint: NamedEndpoint, request: FastifyRequest, credential: string | null): Promise<Authenticated | null> {
  const { meta } = endpoint;
  let auth: Authenticated | null = null;
  if (credential != null) {
    auth = await authenticate(ctx, credential);
    if (!auth) throw new ApiError(apiErrors.authenticationFailed);
  }
  const me = auth?.user ?? null;

  if (meta.secure && auth && !auth.token.isNative) throw new ApiError(apiErrors.accessDeniedSecureEndpoint);

  if (meta.limit && ctx.config.rateLimit) {
    const factor = me ? (await policiesOf(ctx, me.id)).rateLimitFactor : 1;
    const verdict = await checkRateLimit(ctx.cache, meta.limit, me ? me.id : ipActor(request.ip), endpoint.name, factor);
    if (verdict.blocked) {
      throw new ApiError(apiErrors.rateLimitExceeded, rateLimitInfo(verdict));
    }
  }

  if (requiresCredential(meta)) {
    if (!me) throw new ApiError(apiErrors.credentialRequired);
    if (me.isSuspended) throw new ApiError(apiErrors.yourAccountSuspended);
  }

  // After the suspension check, as in Misskey: a suspended account that also moved hears it is suspended.
  if (meta.prohibitMoved && me?.movedToUri) throw new ApiError(apiErrors.yourAccountMoved);

  if (meta.kind && auth && !auth.token.isNative && !auth.token.permissions.includes(meta.kind)) {
    throw new ApiError(apiErrors.permissionDenied);
  }

  if (meta.requireModerator && !(me?.isModerator || me?.isAdmin)) throw new ApiError(apiErrors.roleModeratorRequired);
  if (meta.requireAdmin && !me?.isAdmin) throw new ApiError(apiErrors.roleAdminRequired);
  // The caller's own policies (their roles), never the instance's base ones: src/core/roles/policies.ts.
  if (meta.requireRolePolicy && !me?.isAdmin && !(await policiesOf(ctx, me?.id ?? null))[meta.requireRolePolicy]) {
    throw new ApiError(apiErrors.rolePolicyRequired);
  }
  // Misskey logs the address of every authenticated call while `enableIpLogging` is on.
  if (me) await recordUserIp(ctx, me.id, request.ip);
  return auth;
}

/** Turns anything thrown during a call into Misskey's error body and status. Unknown errors are logged with an id and never leak details. */
export function sendApiError(ctx: AppContext, error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  let apiError: ApiError;
  if (error instanceof ApiError) {
    apiError = error;
  } else {
    const fastifyCode = (error as { code?: string }).code;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') apiError = new ApiError(apiErrors.payloadTooLarge);
    else if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') apiError = new ApiError(apiErrors.unsupportedMediaType);
    else if (fastifyCode === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') apiError = new ApiError(apiErrors.invalidJson);
    else if (isStorageFull(error)) {
      ctx.log.error({ err: error, url: request.url }, 'no space left to store a request\'s data');
      apiError = new ApiError(apiErrors.storageFull);
    } else if (dataException(error)) {
      // A value the validator should have refused: still the caller's fault, so a 400, but logged
      // so the validator can learn it.
      ctx.log.warn({ err: error, url: request.url }, 'PostgreSQL refused a value from the request');
      apiError = new ApiError(apiErrors.invalidParam, { param: '#', reason: `a value is out of range or not storable (SQLSTATE ${dataException(error)})` });
    } else {
      const errorId = randomUUID();
      ctx.log.error({ err: error, errorId, url: request.url }, 'internal error in API call');
      apiError = new ApiError(apiErrors.internalError, { e: { id: errorId } });
    }
  }

  const challenge = wwwAuthenticate(apiError);
  if (challenge) reply.header('WWW-Authenticate', challenge);
  if (apiError.code === 'RATE_LIMIT_EXCEEDED') {
    const resetSec = (apiError.info as { resetSec?: unknown } | undefined)?.resetSec;
    if (typeof resetSec === 'number') reply.header('Retry-After', String(resetSec));
  }
  reply.header('Cache-Control', API_CACHE_CONTROL);
  reply.code(apiError.httpStatusCode).header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(apiError.toBody()));
}

/**
 * Misskey's WWW-Authenticate on API errors: a bare challenge for a missing credential, `invalid_token`
 * for a token that failed, `insufficient_scope` for a missing permission, `invalid_request` for every
 * other client-kind error (validation, rate limit, …); none on server errors.
 */
function wwwAuthenticate(apiError: ApiError): string | undefined {
  if (apiError.code === 'AUTHENTICATION_FAILED') return `Bearer realm="Misskey", error="invalid_token", error_description="${apiError.message}"`;
  if (apiError.httpStatusCode === 401) return 'Bearer realm="Misskey"';
  if (apiError.code === 'PERMISSION_DENIED') return `Bearer realm="Misskey", error="insufficient_scope", error_description="${apiError.message}"`;
  if (apiError.kind === 'client') return `Bearer realm="Misskey", error="invalid_request", error_description="${apiError.message}"`;
  return undefined;
}
