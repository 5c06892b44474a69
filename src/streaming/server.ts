import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { AppContext } from '../context.js';
import { authenticate, type Authenticated } from '../core/auth/authenticate.js';
import { StreamConnection } from './connection.js';
import { StreamingHub } from './hub.js';

/** Largest frame a client may send; misskey-js frames are a few hundred bytes. Larger closes with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyRequest { streamingAuth?: Authenticated | null }
  interface FastifyInstance { streaming: StreamingHub }
}

/**
 * The socket's credential: the Bearer header, else `?i=`. Null when none was sent (anonymous); a
 * credential that is not one string (`?i=a&i=b`) is `invalid`, refused like a wrong token: it must
 * never fall back to an anonymous socket.
 */
function credentialOf(request: FastifyRequest): string | null | 'invalid' {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const query = request.query as Record<string, unknown>;
  const i = query?.i;
  if (i === undefined || i === '') return null;
  return typeof i === 'string' ? i : 'invalid';
}

/**
 * The streaming API: a WebSocket at `/streaming`. The token comes from `?i=` or
 * `Authorization: Bearer`; without one the socket is anonymous (public data only). A token that
 * does not authenticate, or an app token without `read:account`, is refused at upgrade with 401
 * (Misskey); a suspended account with 403.
 */
export const streamingPlugin: FastifyPluginAsync<{ ctx: AppContext }> = async function streaming(app: FastifyInstance, { ctx }) {
  const hub = new StreamingHub(ctx);
  app.decorate('streaming', hub);

  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
    // Shutdown: every socket hears 1001 (going away) before the server stops accepting.
    preClose(done) {
      hub.close();
      this.websocketServer.close();
      done();
    },
    errorHandler: (error, socket) => {
      ctx.log.debug({ err: error }, 'streaming socket error');
      socket.terminate();
    },
  });

  app.get('/streaming', {
    websocket: true,
    preValidation: async (request, reply) => {
      const credential = credentialOf(request);
      request.streamingAuth = null;
      if (credential === null) return;
      const auth = credential === 'invalid' ? null : await authenticate(ctx, credential);
      if (!auth || (!auth.token.isNative && !auth.token.permissions.includes('read:account'))) {
        await reply.code(401)
          .header('WWW-Authenticate', 'Bearer realm="Misskey", error="invalid_token", error_description="Failed to authenticate"')
          .send();
        return reply;
      }
      if (auth.user.isSuspended) {
        await reply.code(403).send();
        return reply;
      }
      // A socket lives long: the viewer's own online status is packed from the current row, not from its start.
      request.streamingAuth = { ...auth, user: { ...auth.user, onlineStatusBefore: undefined } };
    },
  }, (socket, request) => {
    const auth = request.streamingAuth ?? null;
    const connection = new StreamConnection(ctx, hub, socket, auth?.user ?? null, auth?.token ?? null);
    hub.add(connection);
    connection.start();
  });
};

// Not encapsulated (what fastify-plugin does): `app.streaming` is visible to the whole server, and the
// WebSocket hooks cover every route, so an upgrade request to another path is closed cleanly.
(streamingPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
