import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { fetchMiAuthToken } from '../../core/auth/miauth.js';
import { packUserDetailed } from '../../core/users/pack.js';
import { API_CACHE_CONTROL, sendApiError } from '../call.js';
import { ApiError, apiErrors } from '../errors.js';
import { checkRateLimit, ipActor, rateLimitInfo, type RateLimit } from '../rate-limit.js';

/**
 * Per IP address. Apps call `check` once after the callback, or poll while the user decides; one
 * call a second is plenty. Session ids are UUIDs, so guessing one is hopeless anyway; the limit
 * keeps anonymous callers from spending the database.
 */
export const MIAUTH_CHECK_RATE_LIMIT: RateLimit = { key: 'miauth-check', duration: 60_000, max: 60 };

/**
 * POST /api/miauth/:session/check — Misskey's route handler beside the endpoints: anonymous, any
 * body (or none) ignored. `{ok: true, token, user}` exactly once after the user allowed the app
 * (the user packed as UserDetailedNotMe, as Misskey does), `{ok: false}` otherwise. Register under
 * the `/api` prefix.
 */
export async function miauthRoutesPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  app.addHook('onRequest', async (_request, reply) => {
    // Preflights are answered by the API plugin's CORS route (OPTIONS /api/*); answers need the header too.
    reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', API_CACHE_CONTROL);
  });
  // Whatever the app sends (nothing, `{}`, `{"i": null}`, a form) is read and ignored.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.config.bodyLimit }, (_request, _body, done) => done(null, undefined));
  app.setErrorHandler((error, request, reply) => sendApiError(ctx, error, request, reply));

  app.post('/miauth/:session/check', async (request: FastifyRequest, reply: FastifyReply) => {
    if (ctx.config.rateLimit) {
      const verdict = await checkRateLimit(ctx.cache, MIAUTH_CHECK_RATE_LIMIT, ipActor(request.ip), 'miauth-check', 1);
      if (verdict.blocked) {
        const info = rateLimitInfo(verdict);
        reply.header('Retry-After', String(info.resetSec));
        throw new ApiError(apiErrors.rateLimitExceeded, info);
      }
    }
    const { session } = request.params as { session: string };
    const fetched = session.length <= 1024 ? await fetchMiAuthToken(ctx, session) : null;
    reply.header('Content-Type', 'application/json; charset=utf-8');
    if (!fetched) return JSON.stringify({ ok: false });
    const [user] = await packUserDetailed(ctx, [fetched.user], null);
    return JSON.stringify({ ok: true, token: fetched.token, user });
  });
}
