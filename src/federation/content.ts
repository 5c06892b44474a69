import * as mfm from 'mfm-js';

/** Text ↔ HTML for notes and profiles: Misskey sends both the HTML `content` and the MFM source. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text of remote HTML (Mastodon's `<p>`/`<br>` paragraphs); links keep their text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
}

/** HTML of an MFM text, for remote software that shows `content` (links for URLs, mentions and hashtags). */
export function mfmToHtml(text: string, origin: string): string {
  const render = (nodes: mfm.MfmNode[]): string => nodes.map((node) => {
    switch (node.type) {
      case 'text': return escapeHtml(node.props.text).replace(/\n/g, '<br>');
      case 'url': return `<a href="${escapeHtml(node.props.url)}">${escapeHtml(node.props.url)}</a>`;
      case 'link': return `<a href="${escapeHtml(node.props.url)}">${render(node.children)}</a>`;
      case 'mention': {
        const href = node.props.host ? `${origin}/@${node.props.username}@${node.props.host}` : `${origin}/@${node.props.username}`;
        return `<a href="${escapeHtml(href)}" class="u-url mention">${escapeHtml(node.props.acct)}</a>`;
      }
      case 'hashtag': return `<a href="${escapeHtml(`${origin}/tags/${encodeURIComponent(node.props.hashtag)}`)}" rel="tag">#${escapeHtml(node.props.hashtag)}</a>`;
      case 'bold': return `<b>${render(node.children)}</b>`;
      case 'italic': return `<i>${render(node.children)}</i>`;
      case 'strike': return `<del>${render(node.children)}</del>`;
      case 'small': return `<small>${render(node.children)}</small>`;
      case 'quote': return `<blockquote>${render(node.children)}</blockquote>`;
      case 'inlineCode': return `<code>${escapeHtml(node.props.code)}</code>`;
      case 'blockCode': return `<pre><code>${escapeHtml(node.props.code)}</code></pre>`;
      default: return 'children' in node && node.children ? render(node.children) : escapeHtml(mfm.toString(node)).replace(/\n/g, '<br>');
    }
  }).join('');
  return `<p>${render(mfm.parse(text))}</p>`;
}
