import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { signIn } from '../../core/auth/signin.js';
import { signinErrorIds, signinRateErrors } from '../account-errors.js';
import { ApiError } from '../errors.js';
import { checkRateLimit, ipActor, rateLimitInfo, type RateLimit } from '../rate-limit.js';

/** signin-flow's limit in Misskey (../shared/spec/endpoints.tsv), per IP address, on every attempt. */
export const SIGNIN_RATE_LIMIT: RateLimit = { key: 'signin', duration: 60 * 60 * 1000, max: 10, minInterval: 1000 };

function sendRateError(reply: FastifyReply, definition: typeof signinRateErrors[keyof typeof signinRateErrors], resetMs: number) {
  const info = rateLimitInfo({ resetMs, fullResetMs: resetMs });
  reply.code(429).header('Retry-After', String(info.resetSec));
  return new ApiError(definition, info).toBody();
}

/** Misskey's small refusal body: just the id. */
function refuse(reply: FastifyReply, status: number, id: string) {
  reply.code(status);
  return { error: { id } };
}

/**
 * POST /api/signin-flow (and the legacy /api/signin): Misskey's route handler, outside the endpoint
 * framework. Answers `{finished: true, id, i}` with a fresh native token, `{finished: false, next}`
 * when the password or a second factor (`totp`; `passkey` with `authRequest`) is missing, or a refusal. Type errors get an empty 400, as in Misskey.
 */
export function signinHandler(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Misskey: a password sign-in is for the server's own web client, not other origins.
    reply.header('Access-Control-Allow-Origin', ctx.config.url).header('Access-Control-Allow-Credentials', 'true');

    // Brute force protection: its own switch (MIKAN_AUTH_RATE_LIMIT), not lifted by MIKAN_RATE_LIMIT=off.
    if (ctx.config.authRateLimit) {
      const verdict = await checkRateLimit(ctx.cache, SIGNIN_RATE_LIMIT, ipActor(request.ip), 'signin', 1);
      if (verdict.blocked) return sendRateError(reply, signinRateErrors.rateLimited, verdict.resetMs);
    }

    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply.code(400).send();
    const { username, password, token, credential } = body as Record<string, unknown>;
    if (typeof username !== 'string' || (password != null && typeof password !== 'string') || (token != null && typeof token !== 'string')
      || (credential != null && (typeof credential !== 'object' || Array.isArray(credential)))) {
      return reply.code(400).send();
    }

    try {
      const outcome = await signIn(ctx, {
        username, password: password as string | null | undefined, token: token as string | null | undefined, credential, ip: request.ip, headers: request.headers,
      });
      switch (outcome.result) {
        case 'success': return { finished: true, id: outcome.user.id, i: outcome.token };
        case 'next': return outcome.next === 'passkey'
          ? { finished: false, next: 'passkey', authRequest: outcome.authRequest }
          : { finished: false, next: outcome.next };
        case 'tooManyFailures': return sendRateError(reply, signinRateErrors.tooManyFailures, outcome.retryAfterMs);
        default: return refuse(reply, 403, signinErrorIds[outcome.result]);
      }
    } catch (error) {
      ctx.log.error({ err: error }, 'sign-in failed');
      return refuse(reply, 500, signinErrorIds.internalFailure);
    }
  };
}
