import * as mfm from 'mfm-js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { findVisibleNote } from '../core/notes/visibility.js';
import { packNote, packNotes } from '../core/notes/pack.js';
import type { Note } from '../core/notes/schema.js';
import { listUserNotes } from '../core/notes/read-user.js';
import { findUserById } from '../core/users/read.js';
import { identiconUrl } from '../core/users/pack.js';
import { escapeHtml, instanceOf, metaName } from './html.js';
import { displayTitle } from './pages.js';

/**
 * Embeds for other sites (Misskey's `/embed/notes/:id`, `/embed/user-timeline/:id`): small
 * server-rendered pages, no client bundle — one stylesheet and a ten-line script that tells the
 * framing page its height (Misskey's `misskey:embed:changeHeight` message, with the `embedId`
 * query parameter the embed code passes). They are the only HTML that other origins may frame
 * (no X-Frame-Options, no frame-ancestors); everything else stays `DENY`.
 */

export const EMBED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https: http:",
  "media-src 'self' https: http:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const EMBED_CSS = `:root{color-scheme:light dark;font-family:system-ui,sans-serif;font-size:15px}
body{margin:0}main{border:1px solid #8884;border-radius:10px;overflow:hidden}
.note{display:flex;gap:10px;padding:12px 14px;border-bottom:1px solid #8883}.note:last-child{border-bottom:0}
.avatar{width:44px;height:44px;border-radius:50%;flex:none}.body{min-width:0;flex:1}
.head{display:flex;gap:6px;align-items:baseline;flex-wrap:wrap}.name{font-weight:600}.acct,.time{opacity:.7;font-size:.9em}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}.cw{font-style:italic}
.files{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:4px}.files img{width:100%;border-radius:6px}
a{color:#d9730d}.header{padding:10px 14px;border-bottom:1px solid #8883;display:flex;gap:10px;align-items:center}
.empty{padding:20px;text-align:center;opacity:.7}footer{padding:6px 14px;font-size:.85em;opacity:.8}
`;

const EMBED_JS = `(function(){var id=new URLSearchParams(location.search).get('embedId');if(!id||window.parent===window)return;
var last=0;function send(){var h=document.documentElement.scrollHeight;if(h===last)return;last=h;
window.parent.postMessage({type:'misskey:embed:changeHeight',iframeId:id,payload:{height:h}},'*');}
window.parent.postMessage({type:'misskey:embed:ready',iframeId:id,payload:{}},'*');
new ResizeObserver(send).observe(document.documentElement);addEventListener('load',send);send();})();
`;

function renderMfm(nodes: mfm.MfmNode[], base: string): string {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text': return escapeHtml(node.props.text);
      case 'url': return `<a href="${escapeHtml(node.props.url)}" target="_blank" rel="noopener nofollow">${escapeHtml(node.props.url)}</a>`;
      case 'link': return /^https?:/i.test(node.props.url)
        ? `<a href="${escapeHtml(node.props.url)}" target="_blank" rel="noopener nofollow">${renderMfm(node.children, base)}</a>`
        : renderMfm(node.children, base);
      case 'mention': return `<a href="${escapeHtml(`${base}/${node.props.acct}`)}" target="_blank" rel="noopener">${escapeHtml(node.props.acct)}</a>`;
      case 'hashtag': return `<a href="${escapeHtml(`${base}/tags/${encodeURIComponent(node.props.hashtag)}`)}" target="_blank" rel="noopener">#${escapeHtml(node.props.hashtag)}</a>`;
      case 'emojiCode': return escapeHtml(`:${node.props.name}:`);
      case 'unicodeEmoji': return escapeHtml(node.props.emoji);
      case 'inlineCode': return `<code>${escapeHtml(node.props.code)}</code>`;
      case 'blockCode': return `<pre><code>${escapeHtml(node.props.code)}</code></pre>`;
      case 'mathInline': case 'mathBlock': return `<code>${escapeHtml(node.props.formula)}</code>`;
      case 'search': return escapeHtml(node.props.content);
      case 'bold': return `<b>${renderMfm(node.children, base)}</b>`;
      case 'italic': return `<i>${renderMfm(node.children, base)}</i>`;
      case 'strike': return `<s>${renderMfm(node.children, base)}</s>`;
      case 'small': return `<small>${renderMfm(node.children, base)}</small>`;
      case 'quote': return `<blockquote>${renderMfm(node.children, base)}</blockquote>`;
      default: return 'children' in node && node.children ? renderMfm(node.children, base) : '';
    }
  }).join('');
}

function noteHtml(ctx: AppContext, note: Note): string {
  const base = ctx.config.url;
  const user = note.user;
  const acct = `@${user.username}${user.host ? `@${user.host}` : ''}`;
  const files = (note.files ?? []).filter((file) => file.type.startsWith('image/') && !file.isSensitive && note.cw == null);
  const text = note.text ? `<div class="text">${renderMfm(mfm.parse(note.text), base)}</div>` : '';
  return `<article class="note"><a href="${base}/${acct}" target="_blank" rel="noopener"><img class="avatar" src="${escapeHtml(user.avatarUrl ?? '')}" alt=""></a>
<div class="body"><div class="head"><a class="name" href="${base}/${escapeHtml(acct)}" target="_blank" rel="noopener">${escapeHtml(user.name ?? user.username)}</a><span class="acct">${escapeHtml(acct)}</span>
<a class="time" href="${base}/notes/${note.id}" target="_blank" rel="noopener"><time datetime="${note.createdAt}">${note.createdAt.slice(0, 10)}</time></a></div>
${note.cw != null ? `<p class="cw">${escapeHtml(note.cw)} <a href="${base}/notes/${note.id}" target="_blank" rel="noopener">(show)</a></p>` : text}
${files.length > 0 ? `<div class="files">${files.map((file) => `<img src="${escapeHtml(file.thumbnailUrl ?? file.url)}" alt="${escapeHtml(file.comment ?? '')}" loading="lazy">`).join('')}</div>` : ''}
</div></article>`;
}

function embedPage(ctx: AppContext, title: string, body: string, robots = true): string {
  const instance = instanceOf(ctx);
  return `<!doctype html>
<html lang="${escapeHtml(instance.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | ${escapeHtml(instance.name)}</title>${metaName('description', title)}${robots ? metaName('robots', 'noindex') : ''}
<link rel="stylesheet" href="/embed.css"><script src="/embed.js" defer></script></head>
<body><main>${body}</main><footer><a href="${ctx.config.url}" target="_blank" rel="noopener">${escapeHtml(instance.name)}</a></footer></body></html>`;
}

function sendEmbed(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', EMBED_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'origin')
    .header('Cache-Control', status === 200 ? 'public, max-age=600' : 'no-store')
    .send(html);
}

const ID = /^[A-Za-z0-9]{1,32}$/;
const TIMELINE_SIZE = 10;

export async function embedsPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  const unavailable = (reply: FastifyReply) => sendEmbed(reply, 404, embedPage(ctx, 'Not found', '<p class="empty">This is not available.</p>'));

  app.get('/embed.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').header('X-Content-Type-Options', 'nosniff').send(EMBED_CSS));
  app.get('/embed.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').header('X-Content-Type-Options', 'nosniff').send(EMBED_JS));

  app.get<{ Params: { id: string } }>('/embed/notes/:id', async (request, reply) => {
    const row = ID.test(request.params.id) ? await findVisibleNote(ctx, request.params.id, null) : null;
    if (!row) return unavailable(reply);
    const note = await packNote(ctx, row, null, { detail: false });
    return sendEmbed(reply, 200, embedPage(ctx, `${displayTitle({ name: note.user.name, username: note.user.username, host: note.user.host })}`, noteHtml(ctx, note)));
  });

  app.get<{ Params: { id: string } }>('/embed/user-timeline/:id', async (request, reply) => {
    const user = ID.test(request.params.id) ? await findUserById(ctx, request.params.id) : null;
    if (!user || user.isSuspended || user.host != null) return unavailable(reply);
    const rows = await listUserNotes(ctx, user.id, null, { limit: TIMELINE_SIZE, withReplies: false, withRenotes: false });
    const notes = await packNotes(ctx, rows, null, { detail: false });
    const title = displayTitle(user);
    const header = `<div class="header"><img class="avatar" src="${escapeHtml(user.avatarUrl ?? identiconUrl(ctx, user))}" alt=""><a class="name" href="${ctx.config.url}/@${user.username}" target="_blank" rel="noopener">${escapeHtml(title)}</a></div>`;
    const body = notes.length > 0 ? notes.map((note) => noteHtml(ctx, note)).join('') : '<p class="empty">No notes yet.</p>';
    return sendEmbed(reply, 200, embedPage(ctx, title, header + body));
  });

  // Unknown embed kinds (Misskey also has clips; Mikan's embed covers notes and timelines) are 404s.
  app.get('/embed/*', async (_request, reply) => unavailable(reply));
}
