import { h, type VNode } from 'vue';
import { RouterLink } from 'vue-router';
import * as mfm from 'mfm-js';
import { customEmojiOf } from '../../emojis';

/**
 * Renders note text (MFM) as Vue nodes. Everything from the text becomes text nodes or elements
 * built here, never HTML strings, so a note cannot inject markup. Links open only http(s) URLs.
 * Effects (`$[spin ...]` and the like) show their content without the effect.
 */
export function renderMfm(text: string, options: { plain?: boolean } = {}): VNode[] {
  const nodes = options.plain ? mfm.parseSimple(text) : mfm.parse(text);
  return nodes.map((node, index) => renderNode(node, index));
}

function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function children(node: { children?: mfm.MfmNode[] }): VNode[] {
  return (node.children ?? []).map((child, index) => renderNode(child, index));
}

function renderNode(node: mfm.MfmNode, key: number): VNode {
  switch (node.type) {
    case 'text': {
      // Keep line breaks without v-html.
      const lines = node.props.text.split('\n');
      return h('span', { key }, lines.flatMap((line, i) => (i === 0 ? [line] : [h('br'), line])));
    }
    case 'bold': return h('strong', { key }, children(node));
    case 'italic': return h('em', { key }, children(node));
    case 'strike': return h('del', { key }, children(node));
    case 'small': return h('small', { key, class: 'mfm-small' }, children(node));
    case 'center': return h('div', { key, class: 'mfm-center' }, children(node));
    case 'quote': return h('blockquote', { key, class: 'mfm-quote' }, children(node));
    case 'plain': return h('span', { key }, children(node));
    case 'fn': return h('span', { key }, children(node));
    case 'inlineCode': return h('code', { key }, node.props.code);
    case 'blockCode': return h('pre', { key, class: 'mfm-code' }, h('code', node.props.code));
    case 'mathInline': return h('code', { key }, node.props.formula);
    case 'mathBlock': return h('pre', { key }, node.props.formula);
    case 'unicodeEmoji': return h('span', { key }, node.props.emoji);
    case 'emojiCode': {
      // A custom emoji of this server shows as its image; an unknown name stays text, as in Misskey.
      const emoji = customEmojiOf(node.props.name);
      return emoji
        ? h('img', { key, class: 'custom-emoji', src: emoji.url, alt: `:${node.props.name}:`, title: `:${node.props.name}:`, decoding: 'async' })
        : h('span', { key, class: 'mfm-emoji', title: `:${node.props.name}:` }, `:${node.props.name}:`);
    }
    case 'mention': {
      const acct = node.props.host ? `@${node.props.username}@${node.props.host}` : `@${node.props.username}`;
      return h(RouterLink, { key, to: `/${acct}`, class: 'mfm-mention' }, () => node.props.acct);
    }
    case 'hashtag': return h(RouterLink, { key, to: `/tags/${encodeURIComponent(node.props.hashtag)}`, class: 'mfm-hashtag' }, () => `#${node.props.hashtag}`);
    case 'url': {
      const href = safeHref(node.props.url);
      return href ? h('a', { key, href, target: '_blank', rel: 'noopener noreferrer nofollow' }, node.props.url) : h('span', { key }, node.props.url);
    }
    case 'link': {
      const href = safeHref(node.props.url);
      return href ? h('a', { key, href, target: '_blank', rel: 'noopener noreferrer nofollow' }, children(node)) : h('span', { key }, children(node));
    }
    case 'search': return h('span', { key }, node.props.content);
    default: return h('span', { key }, children(node as { children?: mfm.MfmNode[] }));
  }
}

/** The http(s) links of a note's text (bare URLs and `[label](url)` links), each once, for link previews. */
export function extractUrls(text: string, limit = 4): string[] {
  const found = mfm.extract(mfm.parse(text), (node) => node.type === 'url' || (node.type === 'link' && !node.props.silent));
  const urls: string[] = [];
  for (const node of found) {
    const href = safeHref((node as mfm.MfmUrl | mfm.MfmLink).props.url);
    if (href && !urls.includes(href)) urls.push(href);
    if (urls.length >= limit) break;
  }
  return urls;
}
