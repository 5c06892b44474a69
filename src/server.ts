import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import type { NamedEndpoint } from './api/define.js';
import { apiPlugin } from './api/plugin.js';
import { loadEndpoints } from './api/registry.js';
import { openApiPlugin } from './api/openapi.js';
import { nodeinfoPlugin } from './web/nodeinfo.js';
import { webClientPlugin } from './web/spa.js';
import { authRoutesPlugin } from './api/routes/auth.js';
import { identiconPlugin } from './web/identicon.js';
import { miauthRoutesPlugin } from './api/routes/miauth.js';
import { oauthPlugin } from './web/oauth.js';
import { enqueuePendingPollEnds } from './jobs/kinds/ended-poll-notification.js';
import { streamingPlugin } from './streaming/server.js';
import { filesPlugin } from './web/files.js';

/** The whole HTTP surface. Listening is the caller's business, so tests can inject or listen on port 0. */
export async function buildServer(ctx: AppContext, options: { extraEndpoints?: NamedEndpoint[] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request log lines cost throughput; errors are still logged where they are handled.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimit,
    // Client IPs (for anonymous rate limits) are read from X-Forwarded-For only when a local reverse proxy sets it.
    trustProxy: ['127.0.0.1', '::1'],
    // On close, drop idle keep-alive sockets at once; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  // extraEndpoints: tests exercise the dispatcher with endpoints shaped for each rule.
  const endpoints = [...await loadEndpoints(), ...options.extraEndpoints ?? []];

  // Requests still running when shutdown begins end their connection with their response, so the
  // server need not wait out the keep-alive timeout before it can close.
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    done(null, payload);
  });

  // Background jobs run while the server does; at close, running ones finish or go back to the queue.
  app.addHook('onReady', async () => {
    await ctx.jobs.work(ctx);
    await enqueuePendingPollEnds(ctx);
  });
  app.addHook('onClose', async () => { await ctx.jobs.stop(); });

  await app.register(apiPlugin, { prefix: '/api', ctx, endpoints });
  // signup / signin-flow / signin: Misskey's route handlers beside the endpoints, with their own error bodies.
  await app.register(authRoutesPlugin, { prefix: '/api', ctx });
  await app.register(miauthRoutesPlugin, { prefix: '/api', ctx });
  await app.register(oauthPlugin, { ctx });
  await app.register(identiconPlugin);
  await app.register(openApiPlugin, { ctx, endpoints });
  await app.register(nodeinfoPlugin, { ctx });
  // The streaming API (WebSocket at /streaming); its sockets are closed with 1001 on shutdown.
  await app.register(streamingPlugin, { ctx });
  await app.register(filesPlugin, { ctx });
  // Last: the web client answers every remaining GET with its index.html.
  await app.register(webClientPlugin, { ctx });
  return app;
}
