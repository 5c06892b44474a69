import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requiresSetup } from '../../core/meta/pack.js';
import { packMe } from '../../core/users/pack.js';
import { signUp, SignupError } from '../../core/users/signup.js';
import { beginPendingSignup, EmailUnavailableError } from '../../core/email/signup.js';
import { emailEnabled } from '../../core/email/transport.js';
import { registrationErrors, signupErrors } from '../account-errors.js';
import { ApiError, apiErrors, type ApiErrorDefinition } from '../errors.js';
import { checkRateLimit, ipActor, rateLimitInfo, type RateLimit } from '../rate-limit.js';

/** Mikan's own limit on `/api/signup` per IP address (Misskey leaves it to captchas): 10 accounts an hour. */
export const SIGNUP_RATE_LIMIT: RateLimit = { key: 'signup', duration: 60 * 60 * 1000, max: 10 };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 512;

function refuse(reply: FastifyReply, definition: ApiErrorDefinition) {
  const error = new ApiError(definition);
  reply.code(error.httpStatusCode);
  return error.toBody();
}

/**
 * POST /api/signup: Misskey's route handler. Answers the new account (MeDetailed, secrets
 * included) with its native `token`. Closed registration and the first-run setup password apply;
 * the instance's first account becomes its administrator. Under `emailRequiredForSignup` with mail
 * configured, the sign-up waits for its address to be confirmed (204; core/email/signup.ts);
 * otherwise an address is stored unverified.
 */
export function signupHandler(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Account farming and username probing: per IP, under MIKAN_AUTH_RATE_LIMIT (not MIKAN_RATE_LIMIT).
    if (ctx.config.authRateLimit) {
      const verdict = await checkRateLimit(ctx.cache, SIGNUP_RATE_LIMIT, ipActor(request.ip), 'signup', 1);
      if (verdict.blocked) throw new ApiError(apiErrors.rateLimitExceeded, rateLimitInfo(verdict));
    }
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply.code(400).send();
    const { username, password, invitationCode, emailAddress } = body as Record<string, unknown>;
    if ((invitationCode != null && typeof invitationCode !== 'string') || (emailAddress != null && typeof emailAddress !== 'string')) {
      return reply.code(400).send();
    }

    const firstRun = await requiresSetup(ctx);
    // With a setup password, the first account must come through admin/accounts/create, which checks it.
    if (firstRun && ctx.config.setupPassword) return refuse(reply, registrationErrors.setupRequired);
    const meta = ctx.meta.get();
    // A closed server is invitation-only (Misskey): a code is required, and used only then.
    const invitationOnly = !firstRun && meta.disableRegistration;
    if (invitationOnly && (typeof invitationCode !== 'string' || invitationCode === '')) return refuse(reply, registrationErrors.registrationClosed);

    const email = typeof emailAddress === 'string' && emailAddress !== '' ? emailAddress : null;
    if (email !== null && (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))) return refuse(reply, registrationErrors.invalidEmailAddress);
    if (meta.emailRequiredForSignup && email === null) return refuse(reply, registrationErrors.invalidEmailAddress);

    // With mail configured, an address is confirmed before the account exists (Misskey's user_pending): 204, then signup-pending.
    if (!firstRun && meta.emailRequiredForSignup && emailEnabled(meta)) {
      try {
        await beginPendingSignup(ctx, { username, password, email: email! });
        return reply.code(204).send();
      } catch (error) {
        if (error instanceof SignupError) return refuse(reply, signupErrors[error.code]);
        if (error instanceof EmailUnavailableError) return refuse(reply, registrationErrors.invalidEmailAddress);
        throw error;
      }
    }

    try {
      const { user, token } = await signUp(ctx, { username, password, email, invitationCode: invitationOnly ? invitationCode as string : null }, { firstRun: 'promote' });
      return { ...await packMe(ctx, user, { includeSecrets: true }), token };
    } catch (error) {
      if (error instanceof SignupError) return refuse(reply, signupErrors[error.code]);
      throw error;
    }
  };
}
