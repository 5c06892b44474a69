import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { completeSignin } from '../../core/auth/signin.js';
import { passkeyOptions, verifyPasskeyAssertion } from '../../core/two-factor/webauthn.js';
import { userProfiles, users } from '../../db/schema/index.js';
import { passkeySigninErrorIds, passkeySigninRateErrors } from '../account-errors.js';
import { ApiError } from '../errors.js';
import { checkRateLimit, ipActor, rateLimitInfo, type RateLimit } from '../rate-limit.js';

/** signin-with-passkey's limit in Misskey (../shared/spec/endpoints.tsv), per IP address. */
export const PASSKEY_SIGNIN_RATE_LIMIT: RateLimit = { key: 'signin-with-passkey', duration: 30 * 60 * 1000, max: 200, minInterval: 250 };
/** Failed passkey answers per IP address before further ones are refused for a while. */
const PASSKEY_FAILURE_LIMIT = { max: 20, windowMs: 30 * 60 * 1000 };

function refuse(reply: FastifyReply, status: number, id: string) {
  reply.code(status);
  return { error: { id } };
}

/**
 * POST /api/signin-with-passkey: Misskey's password-less sign-in. Without `credential`, answers
 * `{option, context}` (request options with no allowed list, so the authenticator offers its
 * passkeys); with the authenticator's answer and that `context`, signs in the key's owner if the
 * account allows password-less sign-in: `{signinResponse: {finished: true, id, i}}`.
 */
export function signinWithPasskeyHandler(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('Access-Control-Allow-Origin', ctx.config.url).header('Access-Control-Allow-Credentials', 'true');
    const ip = ipActor(request.ip);
    if (ctx.config.authRateLimit) {
      const verdict = await checkRateLimit(ctx.cache, PASSKEY_SIGNIN_RATE_LIMIT, ip, 'signin-with-passkey', 1);
      if (verdict.blocked) {
        const info = rateLimitInfo({ resetMs: verdict.resetMs, fullResetMs: verdict.resetMs });
        reply.code(429).header('Retry-After', String(info.resetSec));
        return new ApiError(passkeySigninRateErrors.rateLimited, info).toBody();
      }
    }
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) return reply.code(400).send();
    const { credential, context } = body as Record<string, unknown>;
    if (credential != null && (typeof credential !== 'object' || Array.isArray(credential))) return reply.code(400).send();
    if (context != null && typeof context !== 'string') return reply.code(400).send();

    try {
      if (credential == null) {
        const fresh = randomUUID();
        return { option: await passkeyOptions(ctx, fresh), context: fresh };
      }
      if (!context) return refuse(reply, 400, passkeySigninErrorIds.missingContext);

      const failureKey = `passkey-failures:${ip}`;
      const failures = Number(await ctx.cache.get(`${failureKey}:locked`));
      if (failures > Date.now()) {
        const info = rateLimitInfo({ resetMs: failures - Date.now(), fullResetMs: failures - Date.now() });
        reply.code(429).header('Retry-After', String(info.resetSec));
        return new ApiError(passkeySigninRateErrors.tooManyFailures, info).toBody();
      }
      const verdict = await verifyPasskeyAssertion(ctx, context, credential);
      if ('error' in verdict) {
        const { count, resetAt } = await ctx.cache.hit(failureKey, PASSKEY_FAILURE_LIMIT.windowMs);
        if (count >= PASSKEY_FAILURE_LIMIT.max) await ctx.cache.set(`${failureKey}:locked`, String(resetAt), Math.max(1, resetAt - Date.now()));
        return refuse(reply, 403, passkeySigninErrorIds[verdict.error]);
      }
      const [row] = await ctx.db.select({ user: users, usePasswordLessLogin: userProfiles.usePasswordLessLogin })
        .from(users).innerJoin(userProfiles, eq(userProfiles.userId, users.id)).where(eq(users.id, verdict.userId));
      if (!row || row.user.isDeleted) return refuse(reply, 403, passkeySigninErrorIds.noSuchUser);
      if (row.user.isSuspended) return refuse(reply, 403, passkeySigninErrorIds.userSuspended);
      if (!row.usePasswordLessLogin) return refuse(reply, 403, passkeySigninErrorIds.passwordlessNotEnabled);
      const outcome = await completeSignin(ctx, row.user, { ip: request.ip, headers: request.headers });
      return { signinResponse: { finished: true, id: row.user.id, i: outcome.token } };
    } catch (error) {
      ctx.log.error({ err: error }, 'passkey sign-in failed');
      return refuse(reply, 500, passkeySigninErrorIds.internalFailure);
    }
  };
}
