import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { AuthToken, AuthUser } from '../core/auth/authenticate.js';
import type { RolePolicies } from '../core/meta/policies.js';
import type { Permission } from './permissions.js';
import type { RateLimit } from './rate-limit.js';

/** An error an endpoint declares: code and id exactly as Misskey's (../shared/spec/errors.tsv). */
export interface EndpointErrorDefinition {
  message: string;
  code: string;
  id: string;
  kind?: 'client' | 'server' | 'permission';
  httpStatusCode?: number;
}

export interface EndpointMeta<Params extends TSchema, Res extends TSchema | undefined, Errors extends Record<string, EndpointErrorDefinition>> {
  /** One line for the API reference. */
  summary?: string;
  description?: string;
  tags?: string[];
  requireCredential?: boolean;
  /** The token permission an app token must carry. */
  kind?: Permission;
  /** Only the user's own native token may call it, never an app token. */
  secure?: boolean;
  requireAdmin?: boolean;
  requireModerator?: boolean;
  /** Refuse accounts that moved away (`users.movedToUri` set) with YOUR_ACCOUNT_MOVED; Misskey's list, docs/decisions.md. */
  prohibitMoved?: boolean;
  /** A role policy the caller must have (truthy), checked by the dispatcher. */
  requireRolePolicy?: keyof RolePolicies;
  limit?: RateLimit;
  errors?: Errors;
  /** Also answer GET with query parameters. */
  allowGet?: boolean;
  /** For anonymous GET: cache publicly for this many seconds. */
  cacheSec?: number;
  /** A multipart/form-data upload of one file (src/api/multipart.ts); the handler reads it with `uploadedFile(request)`. */
  requireFile?: boolean;
  params: Params;
  /** Omitted: the endpoint answers 204 with no body. */
  res?: Res;
}

export interface HandlerArgs<Params extends TSchema, Errors extends Record<string, EndpointErrorDefinition>> {
  params: Static<Params>;
  me: AuthUser | null;
  token: AuthToken | null;
  ctx: AppContext;
  request: FastifyRequest;
  /** Throws the declared error `name` (with optional `info`). */
  fail: (name: keyof Errors & string, info?: unknown) => never;
}

type ResultOf<Res extends TSchema | undefined> = Res extends TSchema ? Static<Res> : void;

export type EndpointHandler<Params extends TSchema, Res extends TSchema | undefined, Errors extends Record<string, EndpointErrorDefinition>> =
  (args: HandlerArgs<Params, Errors>) => Promise<ResultOf<Res>>;

export interface Endpoint<Params extends TSchema = TSchema, Res extends TSchema | undefined = TSchema | undefined, Errors extends Record<string, EndpointErrorDefinition> = Record<string, EndpointErrorDefinition>> {
  meta: EndpointMeta<Params, Res, Errors>;
  handler: EndpointHandler<Params, Res, Errors>;
}

/** Declares one endpoint: its meta (who may call it, limits, errors, schemas) and its handler. */
export function defineEndpoint<Params extends TSchema, Res extends TSchema | undefined = undefined, const Errors extends Record<string, EndpointErrorDefinition> = Record<never, EndpointErrorDefinition>>(
  meta: EndpointMeta<Params, Res, Errors>,
  handler: EndpointHandler<Params, Res, Errors>,
): Endpoint<Params, Res, Errors> {
  return { meta, handler };
}

/** An endpoint with its name (its path under /api/). */
export interface NamedEndpoint {
  name: string;
  meta: EndpointMeta<TSchema, TSchema | undefined, Record<string, EndpointErrorDefinition>>;
  handler: EndpointHandler<TSchema, TSchema | undefined, Record<string, EndpointErrorDefinition>>;
}

/** The effective credential rule: moderator/admin-only endpoints need a user even if the flag is off. */
export function requiresCredential(meta: NamedEndpoint['meta']): boolean {
  return Boolean(meta.requireCredential || meta.requireAdmin || meta.requireModerator || meta.secure);
}
