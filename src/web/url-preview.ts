import type { SummalyResult } from '@misskey-dev/summaly';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { guardedAgents } from '../net/safe-fetch.js';

/**
 * GET /url?url=…&lang=… — a link's summary card (Misskey's UrlPreviewService), made by
 * `@misskey-dev/summaly`. Its requests go through agents bound to the SSRF guard of src/net
 * (public addresses only unless MIKAN_ALLOW_PRIVATE_NETWORK, redirects checked again). Summaries are
 * kept in the shared cache (a day; failures ten minutes) so a link in a busy timeline is fetched
 * once, and answered with Misskey's Cache-Control. A failure is Misskey's 422 `URL_PREVIEW_FAILED`.
 */

const SUCCESS_TTL_MS = 24 * 60 * 60 * 1000;
const FAILURE_TTL_MS = 10 * 60 * 1000;
const FAILED = { message: 'Failed to get preview', code: 'URL_PREVIEW_FAILED', id: '09d01cb5-53b9-4856-82e5-38a50c290a3b', kind: 'client' };
const FAILED_MARK = '!failed';

export type UrlPreview = SummalyResult;

/** Fetches and summarises `url` under the SSRF guard; throws on any failure. */
export async function summarize(ctx: AppContext, url: string, lang: string | null): Promise<UrlPreview> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('only http(s) URLs have previews');
  // Loaded on the first preview: summaly and its HTTP and HTML stack are about 50 MiB.
  const { summaly } = await import('@misskey-dev/summaly');
  const summary = await summaly(parsed.href, {
    lang,
    followRedirects: true,
    agent: guardedAgents({ allowPrivateNetwork: ctx.config.allowPrivateNetwork }),
    userAgent: `Mikan (+${ctx.config.url})`,
    responseTimeout: 5_000,
    operationTimeout: 10_000,
    contentLengthLimit: 2 * 1024 * 1024,
    contentLengthRequired: false,
  });
  // Only http(s) links may reach the client (a page may name javascript: as its player or icon).
  const safe = (value: string | null) => (value && /^https?:\/\//i.test(value) ? value : null);
  return {
    ...summary,
    icon: safe(summary.icon),
    thumbnail: safe(summary.thumbnail),
    player: { ...summary.player, url: safe(summary.player.url) },
    activityPub: safe(summary.activityPub),
  };
}

const inFlight = new Map<string, Promise<UrlPreview | null>>();

export async function cachedPreview(ctx: AppContext, url: string, lang: string | null): Promise<UrlPreview | null> {
  const key = `url-preview:${lang ?? ''}:${url}`;
  const cached = await ctx.cache.get(key);
  if (cached === FAILED_MARK) return null;
  if (cached) return JSON.parse(cached) as UrlPreview;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = summarize(ctx, url, lang).then(
      async (preview) => { await ctx.cache.set(key, JSON.stringify(preview), SUCCESS_TTL_MS); return preview; },
      async (error: unknown) => {
        ctx.log.debug({ err: error, url }, 'URL preview failed');
        await ctx.cache.set(key, FAILED_MARK, FAILURE_TTL_MS);
        return null;
      },
    ).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

export async function urlPreviewPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  app.get<{ Querystring: { url?: unknown; lang?: unknown } }>('/url', async (request, reply) => {
    const { url, lang } = request.query;
    reply.header('X-Content-Type-Options', 'nosniff');
    if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return reply.code(400).send({ error: { message: 'url is required', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532', kind: 'client' } });
    const preview = await cachedPreview(ctx, url, typeof lang === 'string' && /^[A-Za-z-]{1,32}$/.test(lang) ? lang : null);
    if (!preview) return reply.code(422).header('Cache-Control', 'max-age=86400, immutable').send({ error: FAILED });
    return reply.header('Cache-Control', 'max-age=604800, immutable').send(preview);
  });
}
