import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { NamedEndpoint } from './define.js';
import { ApiError, apiErrors } from './errors.js';
import { handleApiCall, prepareEndpoint, sendApiError } from './call.js';
import { handleMultipartApiCall } from './multipart.js';
import { assertStorableValues } from './validate.js';

/**
 * Misskey clients send an empty body (or none) to parameterless endpoints; both mean `{}`. A body
 * carrying what no endpoint can store (NUL, lone surrogates, numbers past 2^53, deep nesting) is
 * refused here already, so routes outside the endpoint framework (sign-up, sign-in) are covered too.
 */
export function parseJsonBody(_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void): void {
  if (body.trim() === '') return done(null, {});
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return done(new ApiError(apiErrors.invalidJson));
  }
  try {
    assertStorableValues(value);
  } catch (error) {
    return done(error as Error);
  }
  done(null, value);
}

/** `/api/*`: one route per endpoint (GET and POST; the call decides whether GET is allowed), CORS, Misskey-style errors. */
export async function apiPlugin(app: FastifyInstance, options: { ctx: AppContext; endpoints: NamedEndpoint[] }): Promise<void> {
  const { ctx, endpoints } = options;

  await app.register(cors, { origin: '*', methods: ['GET', 'POST', 'HEAD'], maxAge: 86400 });

  app.removeAllContentTypeParsers();
  // text/plain too: navigator.sendBeacon and some form-less clients cannot set application/json.
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: ctx.config.bodyLimit }, parseJsonBody);
  // Uploads (endpoints with `requireFile`): streamed part by part, never buffered (src/api/multipart.ts).
  await app.register(multipart, { throwFileSizeLimit: false });

  app.setErrorHandler((error, request, reply) => sendApiError(ctx, error, request, reply));

  for (const endpoint of endpoints) {
    const prepared = prepareEndpoint(endpoint, ctx.config.validateResponses);
    app.route({
      method: ['GET', 'POST'],
      url: `/${endpoint.name}`,
      handler: async (request, reply) => {
        if (endpoint.meta.requireFile && request.method === 'POST') return handleMultipartApiCall(ctx, prepared, request, reply);
        // Only upload endpoints read multipart bodies; elsewhere the fields would silently vanish.
        if (request.isMultipart()) {
          // Nothing of the body will be read: do not let Node drain it either.
          request.raw.pause();
          reply.header('Connection', 'close');
          throw new ApiError(apiErrors.unsupportedMediaType);
        }
        return handleApiCall(ctx, prepared, request, reply);
      },
    });
  }

  // Unknown endpoints: Misskey's error body for GET, the framework's plain 404 otherwise.
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      if (request.method === 'GET') throw new ApiError(apiErrors.unknownApiEndpoint);
      reply.callNotFound();
    },
  });
}
