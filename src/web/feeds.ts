import type { Feed } from 'feed';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/schema/index.js';
import { listUserNotes } from '../core/notes/read-user.js';
import { packNotes } from '../core/notes/pack.js';
import { identiconUrl } from '../core/users/pack.js';
import { escapeHtml, instanceOf } from './html.js';

/**
 * A user's public notes as a feed (Misskey's FeedService): `/@alice.rss`, `/@alice.atom`,
 * `/@alice.json` (JSON Feed), built by the `feed` package. The notes are those an anonymous
 * viewer may read (public and home, not local-only when signed out … as the visibility module
 * decides), latest 20, renotes left out as Misskey does.
 */

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = typeof FEED_FORMATS[number];

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  // The `feed` package writes JSON Feed version 1, whose type is application/json (as Misskey sends it).
  json: 'application/json; charset=utf-8',
};

const FEED_SIZE = 20;

export async function buildFeed(ctx: AppContext, user: UserRow): Promise<Feed> {
  const { Feed } = await import('feed');
  const base = ctx.config.url;
  const instance = instanceOf(ctx);
  const name = user.name || user.username;
  const rows = await listUserNotes(ctx, user.id, null, { limit: FEED_SIZE, withReplies: true, withRenotes: false });
  const notes = await packNotes(ctx, rows.filter((row) => row.renoteId == null), null, { detail: false });
  const profileUrl = `${base}/@${user.username}`;
  const avatar = user.avatarUrl ?? identiconUrl(ctx, user);
  const feed = new Feed({
    id: profileUrl,
    link: profileUrl,
    title: `${name} (@${user.username}@${ctx.config.hostname})`,
    description: `${user.notesCount} Notes, ${user.followingCount} Following, ${user.followersCount} Followers`,
    updated: notes.length > 0 ? new Date(notes[0].createdAt) : user.createdAt,
    generator: instance.name,
    image: avatar,
    favicon: `${base}/favicon.ico`,
    copyright: name,
    author: { name, link: profileUrl, avatar },
    feedLinks: { rss: `${profileUrl}.rss`, atom: `${profileUrl}.atom`, json: `${profileUrl}.json` },
  });
  for (const note of notes) {
    const files = note.files ?? [];
    const image = files.find((file) => file.type.startsWith('image/') && !file.isSensitive);
    const text = note.text ? escapeHtml(note.text).replace(/\n/g, '<br>') : '';
    const attachments = files.map((file) => `<p><a href="${escapeHtml(file.url)}">${escapeHtml(file.name)}</a></p>`).join('');
    const link = `${base}/notes/${note.id}`;
    feed.addItem({
      id: link,
      title: `New note by ${name}`,
      link,
      date: new Date(note.createdAt),
      description: note.cw ?? undefined,
      content: note.cw != null ? undefined : `${text}${attachments}` || undefined,
      image: image ? { url: image.url, type: image.type, length: image.size } : undefined,
      author: [{ name, link: profileUrl }],
    });
  }
  return feed;
}

export async function sendFeed(ctx: AppContext, reply: FastifyReply, user: UserRow, format: FeedFormat): Promise<FastifyReply> {
  const feed = await buildFeed(ctx, user);
  const body = format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
  return reply
    .header('Content-Type', CONTENT_TYPES[format])
    .header('Cache-Control', 'public, max-age=300')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Access-Control-Allow-Origin', '*')
    .send(body);
}
