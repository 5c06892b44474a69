import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { finishPendingSignup } from '../../core/email/signup.js';
import { SignupError } from '../../core/users/signup.js';
import { signupErrors } from '../account-errors.js';
import { ApiError, type ApiErrorDefinition } from '../errors.js';

/** Mikan's own: Misskey answers an unknown code with an empty 400. */
export const pendingSignupErrors = {
  noSuchPendingSignup: { message: 'No sign-up waits for this code: it was used, revoked or never sent.', code: 'NO_SUCH_PENDING_SIGNUP', id: '7b0d4ad9-5e7b-4a4c-9a8e-2b8e1d9f5c31' },
} as const satisfies Record<string, ApiErrorDefinition>;

function refuse(reply: FastifyReply, definition: ApiErrorDefinition) {
  const error = new ApiError(definition);
  reply.code(error.httpStatusCode);
  return error.toBody();
}

/** POST /api/signup-pending `{code}`: finishes a sign-up confirmed by mail; answers `{id, i}` as Misskey. */
export function signupPendingHandler(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as Record<string, unknown> | null;
    const code = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.code : undefined;
    if (typeof code !== 'string' || code === '') return reply.code(400).send();
    try {
      const done = await finishPendingSignup(ctx, code);
      if (!done) return refuse(reply, pendingSignupErrors.noSuchPendingSignup);
      return { id: done.user.id, i: done.token };
    } catch (error) {
      if (error instanceof SignupError) return refuse(reply, signupErrors[error.code]);
      throw error;
    }
  };
}
