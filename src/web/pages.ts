import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { userProfiles, type UserRow } from '../db/schema/index.js';
import { findVisibleNote } from '../core/notes/visibility.js';
import { packNote } from '../core/notes/pack.js';
import type { Note } from '../core/notes/schema.js';
import { findLocalUserByUsername, findUserById } from '../core/users/read.js';
import { identiconUrl } from '../core/users/pack.js';
import { findReadableClip } from '../core/clips/clips.js';
import { findReadablePageByName } from '../core/pages/pages.js';
import { findReadableFlash } from '../core/flashes/flashes.js';
import { findVisibleGalleryPost } from '../core/gallery/posts.js';
import { findChannel } from '../core/channels/read.js';
import { packChannel } from '../core/channels/pack.js';
import { instanceOf, metaName, notFoundPage, pageHead, truncate } from './html.js';
import { sendWebClientPage, type ShellPage } from './spa.js';
import { sendFeed, FEED_FORMATS, type FeedFormat } from './feeds.js';

/**
 * Server-rendered pages (Misskey's ClientServerService templates): the web client's shell with a
 * page's title, description, OpenGraph / Twitter Card tags and `misskey:*` tags filled in, so a
 * link shared elsewhere gets a preview and a crawler can read it; the client boots as on any page.
 * Everything about a note goes through the visibility module as an anonymous viewer: a note the
 * public may not read is a 404 page with nothing of it in the tags (the client, signed in, still
 * shows it to those who may read it).
 */

export interface PagesOptions { ctx: AppContext; distDir?: string }

/** A user's page tabs as the client names them (`/@alice/notes`, `/@alice/clips`, …). */
const USER_TABS = new Set(['notes', 'replies', 'files', 'media', 'clips', 'pages', 'gallery', 'flashs', 'activity', 'achievements', 'reactions', 'following', 'followers', 'lists', 'index', 'home']);

const USERNAME = /^[A-Za-z0-9_]{1,128}$/;
const ID = /^[A-Za-z0-9]{1,32}$/;

interface UserProfileTags { noCrawle: boolean; preventAiLearning: boolean; description: string | null; lang: string | null }

async function profileOf(ctx: AppContext, userId: string): Promise<UserProfileTags> {
  const [row] = await ctx.db.select({
    noCrawle: userProfiles.noCrawle,
    preventAiLearning: userProfiles.preventAiLearning,
    description: userProfiles.description,
    lang: userProfiles.lang,
  }).from(userProfiles).where(eq(userProfiles.userId, userId)).limit(1);
  return row ?? { noCrawle: false, preventAiLearning: true, description: null, lang: null };
}

/** Misskey's robots rules for a user's pages: noindex when asked (or remote), noimageai/noai for preventAiLearning. */
function robotsOf(user: UserRow, profile: UserProfileTags, extra = false): string[] {
  const rules: string[] = [];
  if (user.host != null || profile.noCrawle || extra) rules.push('noindex');
  if (profile.preventAiLearning) rules.push('noimageai', 'noai');
  return rules;
}

export function displayTitle(user: Pick<UserRow, 'name' | 'username' | 'host'>): string {
  const acct = `@${user.username}${user.host ? `@${user.host}` : ''}`;
  return user.name ? `${user.name} (${acct})` : acct;
}

function avatarOf(ctx: AppContext, user: UserRow): string {
  return user.avatarUrl ?? identiconUrl(ctx, user);
}

/** A local, visible (not suspended, not deleted) account by `/@name`; remote accounts have their pages on their own servers. */
export async function findPageUser(ctx: AppContext, acct: string): Promise<UserRow | null> {
  const [username, host] = acct.split('@');
  if (!USERNAME.test(username)) return null;
  if (host != null && host.toLowerCase() !== ctx.config.hostname.toLowerCase()) return null;
  const user = await findLocalUserByUsername(ctx, username);
  return user && !user.isSuspended ? user : null;
}

/** Misskey's getNoteSummary: the CW (else the text), counts of files and a poll, the reply and renote. */
export function noteSummary(note: Pick<Note, 'cw' | 'text' | 'files' | 'poll' | 'replyId' | 'renoteId' | 'isHidden'> & { reply?: Note | null; renote?: Note | null }): string {
  if (note.isHidden) return '(⛔)';
  let summary = note.cw != null ? note.cw : note.text ?? '';
  if ((note.files ?? []).length > 0) summary += ` (📎${note.files!.length})`;
  if (note.poll) summary += ' (📊)';
  if (note.replyId) summary += note.reply ? `\n\nRE: ${noteSummary(note.reply)}` : '\n\nRE: ...';
  if (note.renoteId) summary += note.renote ? `\n\nRN: ${noteSummary(note.renote)}` : '\n\nRN: ...';
  return summary.trim();
}

async function userPage(ctx: AppContext, user: UserRow, path: string): Promise<ShellPage> {
  const profile = await profileOf(ctx, user.id);
  const instance = instanceOf(ctx);
  const title = displayTitle(user);
  const description = truncate(profile.description ?? `${title} on ${instance.name}`);
  const url = `${ctx.config.url}${path}`;
  return {
    title: `${title} | ${instance.name}`,
    lang: profile.lang || instance.lang,
    head: pageHead(ctx, {
      title, description, url, ogType: 'blog', images: [avatarOf(ctx, user)], twitterCard: 'summary',
      robots: robotsOf(user, profile),
      extra: [
        metaName('misskey:user-username', user.username),
        metaName('misskey:user-id', user.id),
        `<link rel="alternate" type="application/rss+xml" title="${escapeAttr(title)}" href="${ctx.config.url}/@${user.username}.rss">`,
        `<link rel="alternate" type="application/atom+xml" title="${escapeAttr(title)}" href="${ctx.config.url}/@${user.username}.atom">`,
        `<link rel="alternate" type="application/feed+json" title="${escapeAttr(title)}" href="${ctx.config.url}/@${user.username}.json">`,
      ],
    }),
  };
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Whether a note is a pure renote (Misskey: no text, files or poll of its own); its page is noindex. */
function isPureRenote(note: Note): boolean {
  return note.renoteId != null && note.text == null && (note.files ?? []).length === 0 && note.poll == null;
}

async function notePage(ctx: AppContext, note: Note): Promise<ShellPage> {
  const user = (await findUserById(ctx, note.userId))!;
  const profile = await profileOf(ctx, user.id);
  const instance = instanceOf(ctx);
  const title = displayTitle(user);
  const url = `${ctx.config.url}/notes/${note.id}`;
  const files = note.files ?? [];
  const images = files.filter((file) => file.type.startsWith('image/') && !file.isSensitive).map((file) => file.url);
  const videos = files.filter((file) => file.type.startsWith('video/') && !file.isSensitive);
  const description = truncate(noteSummary(note)) || `${title} on ${instance.name}`;
  return {
    title: `${title} | ${instance.name}`,
    lang: profile.lang || instance.lang,
    head: pageHead(ctx, {
      title, description, url, ogType: 'article',
      images: images.length > 0 ? images : [avatarOf(ctx, user)],
      twitterCard: images.length > 0 ? 'summary_large_image' : 'summary',
      robots: robotsOf(user, profile, isPureRenote(note)),
      extra: [
        ...videos.flatMap((video) => [
          `<meta property="og:video:url" content="${escapeAttr(video.url)}">`,
          `<meta property="og:video:secure_url" content="${escapeAttr(video.url)}">`,
          `<meta property="og:video:type" content="${escapeAttr(video.type)}">`,
        ]),
        metaName('misskey:user-username', user.username),
        metaName('misskey:user-id', user.id),
        metaName('misskey:note-id', note.id),
        // An oEmbed-less embed: other sites frame /embed/notes/:id (src/web/embeds.ts).
        `<link rel="alternate" type="text/html" title="embed" href="${ctx.config.url}/embed/notes/${note.id}">`,
      ],
    }),
  };
}

/** GET /users/:id — Misskey redirects a user's id URL to their profile page. */
async function redirectUser(ctx: AppContext, request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, distDir?: string): Promise<FastifyReply> {
  const user = ID.test(request.params.id) ? await findUserById(ctx, request.params.id) : null;
  if (!user || user.host != null || user.isSuspended) return sendWebClientPage(request, reply, notFoundPage(ctx, `${ctx.config.url}${request.url}`), distDir);
  return reply.redirect(`/@${user.username}`, 302);
}

export async function pagesPlugin(app: FastifyInstance, options: PagesOptions): Promise<void> {
  const { ctx, distDir } = options;
  const send = (request: FastifyRequest, reply: FastifyReply, page: ShellPage) => sendWebClientPage(request, reply, page, distDir);
  const notFound = (request: FastifyRequest, reply: FastifyReply) => send(request, reply, notFoundPage(ctx, `${ctx.config.url}${request.url.split('?')[0]}`));

  // /@alice, /@alice.rss|.atom|.json (feeds), /@alice@this.host
  app.get<{ Params: { acct: string } }>('/@:acct', async (request, reply) => {
    const raw = request.params.acct;
    const feed = /^(.+)\.(rss|atom|json)$/.exec(raw);
    if (feed && (FEED_FORMATS as readonly string[]).includes(feed[2])) {
      const user = await findPageUser(ctx, feed[1]);
      if (!user) return reply.code(404).type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').send('No such user');
      return sendFeed(ctx, reply, user, feed[2] as FeedFormat);
    }
    const user = await findPageUser(ctx, raw);
    if (!user) return notFound(request, reply);
    return send(request, reply, await userPage(ctx, user, `/@${user.username}`));
  });

  // /@alice/notes, /@alice/clips, …; /@alice/pages/:name (a public page of a local user).
  app.get<{ Params: { acct: string; '*': string } }>('/@:acct/*', async (request, reply) => {
    const rest = request.params['*'].split('/');
    const user = await findPageUser(ctx, request.params.acct);
    if (!user) return notFound(request, reply);
    if (rest.length === 1 && USER_TABS.has(rest[0])) return send(request, reply, await userPage(ctx, user, `/@${user.username}/${rest[0]}`));
    if (rest.length === 2 && rest[0] === 'pages' && user.host == null) {
      const page = await findReadablePageByName(ctx, user.username, rest[1], null);
      if (!page) return notFound(request, reply);
      const profile = await profileOf(ctx, user.id);
      const instance = instanceOf(ctx);
      return send(request, reply, {
        title: `${page.title} | ${instance.name}`,
        lang: profile.lang || instance.lang,
        head: pageHead(ctx, {
          title: page.title,
          description: truncate(page.summary || `A page by ${displayTitle(user)}`),
          url: `${ctx.config.url}/@${user.username}/pages/${encodeURIComponent(page.name)}`,
          images: [avatarOf(ctx, user)],
          robots: robotsOf(user, profile),
          extra: [
            metaName('misskey:user-username', user.username),
            metaName('misskey:user-id', user.id),
            metaName('misskey:page-id', page.id),
          ],
        }),
      });
    }
    return notFound(request, reply);
  });

  app.get<{ Params: { id: string } }>('/users/:id', (request, reply) => redirectUser(ctx, request, reply, distDir));

  app.get<{ Params: { id: string } }>('/notes/:id', async (request, reply) => {
    const row = ID.test(request.params.id) ? await findVisibleNote(ctx, request.params.id, null) : null;
    if (!row) return notFound(request, reply);
    const note = await packNote(ctx, row, null, { detail: true });
    return send(request, reply, await notePage(ctx, note));
  });

  app.get<{ Params: { id: string } }>('/clips/:id', async (request, reply) => {
    const clip = ID.test(request.params.id) ? await findReadableClip(ctx, request.params.id, null) : null;
    const user = clip ? await findUserById(ctx, clip.userId) : null;
    if (!clip || !user || user.isSuspended) return notFound(request, reply);
    const profile = await profileOf(ctx, user.id);
    const instance = instanceOf(ctx);
    return send(request, reply, {
      title: `${clip.name} | ${instance.name}`,
      lang: profile.lang || instance.lang,
      head: pageHead(ctx, {
        title: clip.name,
        description: truncate(clip.description || `A clip by ${displayTitle(user)}`),
        url: `${ctx.config.url}/clips/${clip.id}`,
        images: [avatarOf(ctx, user)],
        robots: robotsOf(user, profile),
        extra: [
          metaName('misskey:user-username', user.username),
          metaName('misskey:user-id', user.id),
          metaName('misskey:clip-id', clip.id),
        ],
      }),
    });
  });

  app.get<{ Params: { id: string } }>('/channels/:id', async (request, reply) => {
    const row = ID.test(request.params.id) ? await findChannel(ctx, request.params.id) : null;
    if (!row) return notFound(request, reply);
    const channel = await packChannel(ctx, row, null);
    const instance = instanceOf(ctx);
    return send(request, reply, {
      title: `${channel.name} | ${instance.name}`,
      lang: instance.lang,
      head: pageHead(ctx, {
        title: channel.name,
        description: truncate(channel.description || `A channel on ${instance.name}`),
        url: `${ctx.config.url}/channels/${channel.id}`,
        ogType: 'article',
        images: channel.bannerUrl ? [channel.bannerUrl] : [],
        extra: [metaName('misskey:channel-id', channel.id)],
      }),
    });
  });

  // A public Play (a private one is nobody else's: 404, as an unknown id). Mikan shows its script, never runs it.
  app.get<{ Params: { id: string } }>('/play/:id', async (request, reply) => {
    const flash = ID.test(request.params.id) ? await findReadableFlash(ctx, request.params.id, null) : null;
    const user = flash ? await findUserById(ctx, flash.userId) : null;
    if (!flash || !user || user.isSuspended) return notFound(request, reply);
    const profile = await profileOf(ctx, user.id);
    const instance = instanceOf(ctx);
    return send(request, reply, {
      title: `${flash.title} | ${instance.name}`,
      lang: profile.lang || instance.lang,
      head: pageHead(ctx, {
        title: flash.title,
        description: truncate(flash.summary || `A Play by ${displayTitle(user)}`),
        url: `${ctx.config.url}/play/${flash.id}`,
        images: [avatarOf(ctx, user)],
        robots: robotsOf(user, profile),
        extra: [
          metaName('misskey:user-username', user.username),
          metaName('misskey:user-id', user.id),
          metaName('misskey:flash-id', flash.id),
        ],
      }),
    });
  });

  // A gallery post as anyone signed out sees it (a suspended or blocked author's: 404, as an unknown id).
  app.get<{ Params: { id: string } }>('/gallery/:id', async (request, reply) => {
    const post = ID.test(request.params.id) ? await findVisibleGalleryPost(ctx, request.params.id, null) : null;
    const user = post ? await findUserById(ctx, post.userId) : null;
    if (!post || !user || user.isSuspended) return notFound(request, reply);
    const profile = await profileOf(ctx, user.id);
    const instance = instanceOf(ctx);
    return send(request, reply, {
      title: `${post.title} | ${instance.name}`,
      lang: profile.lang || instance.lang,
      head: pageHead(ctx, {
        title: post.title,
        description: truncate(post.description || `A gallery post by ${displayTitle(user)}`),
        url: `${ctx.config.url}/gallery/${post.id}`,
        images: [avatarOf(ctx, user)],
        robots: robotsOf(user, profile),
        extra: [
          metaName('misskey:user-username', user.username),
          metaName('misskey:user-id', user.id),
          metaName('misskey:gallery-post-id', post.id),
        ],
      }),
    });
  });
}
