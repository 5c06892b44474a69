import { scheduleModeratorsActivityCheck } from './jobs/kinds/check-moderators-activity.js';
import { verifyEmailPlugin } from './web/verify-email.js';
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
import { enqueuePendingScheduledNotes } from './core/drafts/queue.js';
import { streamingPlugin } from './streaming/server.js';
import { filesPlugin } from './web/files.js';
import { limitConnectionsPerAddress } from './net/connection-limit.js';
import { pagesPlugin } from './web/pages.js';
import { embedsPlugin } from './web/embeds.js';
import { staticAssetsPlugin } from './web/static-assets.js';
import { urlPreviewPlugin } from './web/url-preview.js';
import { federationPlugin } from './federation/http.js';

/** Addresses of a local reverse proxy, whose X-Forwarded-For is believed and whose connections are not capped. */
const TRUSTED_PROXIES = ['127.0.0.1', '::1'];

/** The whole HTTP surface. Listening is the caller's business, so tests can inject or listen on port 0. */
export async function buildServer(ctx: AppContext, options: { extraEndpoints?: NamedEndpoint[] } = {}): Promise<FastifyInstance> {
  const limits = ctx.config.limits;
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request log lines cost throughput; errors are still logged where they are handled.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimit,
    // Client IPs (for anonymous rate limits) are read from X-Forwarded-For only when a local reverse proxy sets it.
    trustProxy: TRUSTED_PROXIES,
    // Against clients that open a request and never finish it (slow loris): Node answers 408 and
    // closes a connection whose headers or whole request take too long, and closes one that goes
    // silent mid-request. Upgraded connections (streaming) leave these timeouts behind.
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the two limits above on this interval (30 s by default, too coarse for a 20 s limit).
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // On close, drop idle keep-alive sockets at once; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  limitConnectionsPerAddress(app.server, limits.maxConnectionsPerIp, TRUSTED_PROXIES);
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
  // A response whose headers went out before shutdown began (a file still streaming) cannot say
  // `Connection: close`, and Node closes idle sockets only once, when closing starts: drop its
  // socket as soon as it is idle, or closing waits out the keep-alive timeout.
  app.addHook('onResponse', (_request, _reply, done) => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    done();
  });

  // Background jobs run while the server does; at close, running ones finish or go back to the queue.
  app.addHook('onReady', async () => {
    await ctx.jobs.work(ctx);
    await enqueuePendingPollEnds(ctx);
    await enqueuePendingScheduledNotes(ctx);
    await scheduleModeratorsActivityCheck(ctx);
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
  // The address confirmation link mailed by i/update-email (core/email).
  await app.register(verifyEmailPlugin, { ctx });
  // The streaming API (WebSocket at /streaming); its sockets are closed with 1001 on shutdown.
  await app.register(streamingPlugin, { ctx });
  await app.register(filesPlugin, { ctx });
  // The open web: server-rendered pages and feeds, embeds, link previews, static files (docs/open-web.md).
  // ActivityPub (docs/federation.md): before the pages, whose URLs it shares under content negotiation.
  await app.register(federationPlugin, { ctx });
  await app.register(pagesPlugin, { ctx });
  await app.register(embedsPlugin, { ctx });
  await app.register(urlPreviewPlugin, { ctx });
  await app.register(staticAssetsPlugin, { ctx });
  // Last: the web client answers every remaining GET with its index.html.
  await app.register(webClientPlugin, { ctx });
  return app;
}
