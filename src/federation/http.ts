import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { findLocalUserByUsername } from '../core/users/read.js';

/**
 * Fedify's request handler in front of Fastify's routes. The same URLs serve HTML pages
 * (src/web/pages.ts) and ActivityPub objects: a request whose Accept asks for ActivityPub goes to
 * Fedify, everything else to the pages. Inbox POSTs and WebFinger always go to Fedify. Fedify is
 * loaded on the first such request, so a server nobody federates with never loads it.
 */

const AP_ACCEPT = /application\/(activity\+json|ld\+json)/i;
const INBOX = /^\/(inbox|users\/[^/]+\/inbox)$/;
const OBJECT = /^\/(users\/[^/]+(\/(outbox|followers|following))?|notes\/[^/]+)$/;
const ACCT = /^\/@([A-Za-z0-9_]+)$/;
/** An activity larger than this is refused before it is read to the end. */
const MAX_INBOX_BYTES = 1024 * 1024;
const FALL_THROUGH = 'x-mikan-fall-through';

function readBody(request: FastifyRequest): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.raw.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_INBOX_BYTES) {
        request.raw.removeAllListeners('data');
        request.raw.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.raw.on('end', () => resolve(Buffer.concat(chunks)));
    request.raw.on('error', reject);
  });
}

async function toFedify(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, path: string, body: Buffer | null): Promise<FastifyReply | undefined> {
  const { federationOf } = await import('./federation.js');
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  const fetchRequest = new Request(`${ctx.config.url}${path}${query}`, {
    method: request.method,
    headers,
    body: body && request.method === 'POST' ? new Uint8Array(body) : undefined,
  });
  const response = await federationOf(ctx).fetch(fetchRequest, {
    contextData: ctx,
    onNotFound: () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } }),
    onNotAcceptable: () => new Response(null, { status: 406, headers: { [FALL_THROUGH]: '1' } }),
  });
  if (response.headers.has(FALL_THROUGH)) return undefined;
  reply.code(response.status);
  response.headers.forEach((value, name) => { reply.header(name, value); });
  if (response.ok && /json/.test(response.headers.get('content-type') ?? '') && /^\/(users|notes)\/[^/]+$/.test(path)) {
    const document = await response.json() as Record<string, unknown>;
    const { extendServedObject } = await import('./extensions.js');
    await extendServedObject(ctx, path, document);
    reply.removeHeader('content-length');
    return reply.send(JSON.stringify(document));
  }
  const payload = Buffer.from(await response.arrayBuffer());
  return reply.send(payload);
}

const HOST_META_CORS = { 'Access-Control-Allow-Origin': '*' };

export async function federationPlugin(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    const method = request.method;
    if (method === 'OPTIONS' && path === '/.well-known/webfinger') {
      return reply.code(204).headers({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Allow-Headers': 'Accept' }).send();
    }
    if (method === 'POST' && INBOX.test(path)) {
      const body = await readBody(request);
      if (!body) return reply.code(413).send({ error: 'the activity is too large' });
      return toFedify(ctx, request, reply, path, body);
    }
    if (method !== 'GET' && method !== 'HEAD') return;
    if (path === '/.well-known/webfinger') return toFedify(ctx, request, reply, path, null);
    if (path === '/.well-known/host-meta') {
      return reply.headers({ ...HOST_META_CORS, 'Content-Type': 'application/xrd+xml; charset=utf-8' }).send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" type="application/jrd+json" template="${ctx.config.url}/.well-known/webfinger?resource={uri}"/>\n</XRD>\n`);
    }
    if (path === '/.well-known/host-meta.json') {
      return reply.headers({ ...HOST_META_CORS, 'Content-Type': 'application/json; charset=utf-8' })
        .send({ links: [{ rel: 'lrdd', type: 'application/jrd+json', template: `${ctx.config.url}/.well-known/webfinger?resource={uri}` }] });
    }
    if (!AP_ACCEPT.test(request.headers.accept ?? '')) return;
    if (OBJECT.test(path)) return toFedify(ctx, request, reply, path, null);
    const acct = ACCT.exec(path);
    if (acct) {
      const user = await findLocalUserByUsername(ctx, acct[1]);
      if (!user || user.isSuspended) return reply.code(404).type('text/plain').send('Not Found');
      return toFedify(ctx, request, reply, `/users/${user.id}`, null);
    }
  });
}
// Not encapsulated: the hook must run before the page routes registered beside it.
(federationPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
