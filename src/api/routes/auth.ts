import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { API_CACHE_CONTROL, sendApiError } from '../call.js';
import { parseJsonBody } from '../plugin.js';
import { signinHandler } from './signin.js';
import { signinWithPasskeyHandler } from './signin-with-passkey.js';
import { signupHandler } from './signup.js';
import { signupPendingHandler } from './email.js';

/**
 * Account creation and password sign-in: Misskey serves these beside the endpoints, outside the
 * endpoint framework (no token, no `i`, smaller error bodies). Register under the `/api` prefix.
 */
export async function authRoutesPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  app.addHook('onRequest', async (_request, reply) => {
    // Preflights are answered by the API plugin's CORS route (OPTIONS /api/*); answers need the header too.
    reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', API_CACHE_CONTROL);
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: ctx.config.bodyLimit }, parseJsonBody);
  app.setErrorHandler((error, request, reply) => sendApiError(ctx, error, request, reply));

  app.post('/signup', signupHandler(ctx));
  // A sign-up confirmed by mail (emailRequiredForSignup; routes/email.ts).
  app.post('/signup-pending', signupPendingHandler(ctx));
  const signin = signinHandler(ctx);
  app.post('/signin-flow', signin);
  // Older clients' sign-in; same answer.
  app.post('/signin', signin);
  app.post('/signin-with-passkey', signinWithPasskeyHandler(ctx));
}
