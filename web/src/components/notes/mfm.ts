import { h, type VNode } from 'vue';
import { RouterLink } from 'vue-router';
import * as mfm from 'mfm-js';
import { customEmojiOf } from '../../emojis';
import './mfm.css';

/**
 * Renders note text (MFM) as Vue nodes. Everything from the text becomes text nodes or elements
 * built here, never HTML strings, so a note cannot inject markup. Links open only http(s) URLs.
 * `$[…]` effects become elements with a `mfm-<name>` class (mfm.css) and, for their arguments,
 * styles set through the CSSOM (allowed by the CSP, unlike style attributes in markup).
 */
export function renderMfm(text: string, options: { plain?: boolean } = {}): VNode[] {
  const nodes = options.plain ? mfm.parseSimple(text) : mfm.parse(text);
  return nodes.map((node, index) => renderNode(node, index));
}

/**
 * The server's twemoji file for a Unicode emoji, named as Misskey names them (`char2twemojiFilePath`):
 * the code points in hex joined by `-`, without U+FE0F unless the emoji has a zero-width joiner.
 */
export function twemojiUrl(char: string): string {
  let codes = Array.from(char, (c) => c.codePointAt(0)!.toString(16));
  if (!codes.includes('200d')) codes = codes.filter((code) => code !== 'fe0f');
  return `/twemoji/${codes.join('-')}.svg`;
}

export function safeHref(url: string): string | undefined {
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

/** A time argument (`speed=2s`, `delay=.5s`), or the default when it is missing or not a time. */
function seconds(value: string | true | undefined, fallback: string): string {
  return typeof value === 'string' && /^\d*\.?\d+s$/.test(value) ? value : fallback;
}

function number(value: string | true | undefined, fallback: number, min = -Infinity, max = Infinity): number {
  const parsed = typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback;
}

/** An MFM colour argument: 3, 4, 6 or 8 hex digits without `#`, as Misskey accepts. */
function color(value: string | true | undefined): string | undefined {
  return typeof value === 'string' && /^([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value) ? `#${value}` : undefined;
}

const FONTS = ['serif', 'monospace', 'cursive', 'fantasy', 'emoji', 'math'] as const;
const BORDER_STYLES = ['hidden', 'dotted', 'dashed', 'solid', 'double', 'groove', 'ridge', 'inset', 'outset'];

function textOf(nodes: mfm.MfmNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.props.text : textOf(node.children ?? []))).join('');
}

function renderFn(node: mfm.MfmFn, key: number): VNode {
  const args = node.props.args;
  const name = node.props.name;
  const inner = children(node);
  const span = (style: Record<string, string> = {}, extra = '') => h('span', { key, class: ['mfm-fn', `mfm-${name}`, extra].filter(Boolean).join(' '), style }, inner);
  const animation = (fallback: string) => ({ '--mfm-speed': seconds(args.speed, fallback), '--mfm-delay': seconds(args.delay, '0s') });
  switch (name) {
    case 'tada': return span(animation('1s'));
    case 'jelly': return span(animation('1s'));
    case 'twitch': return span(animation('0.5s'));
    case 'shake': return span(animation('0.5s'));
    case 'spin': {
      const axis = args.x ? 'mfm-spin-x' : args.y ? 'mfm-spin-y' : '';
      const direction = args.left ? 'reverse' : args.alternate ? 'alternate' : 'normal';
      return span({ ...animation('1.5s'), '--mfm-direction': direction }, axis);
    }
    case 'jump': return span(animation('0.75s'));
    case 'bounce': return span(animation('0.75s'));
    case 'rainbow': return span(animation('1s'));
    case 'sparkle': return span(animation('1.5s'));
    case 'flip': {
      const transform = args.h && args.v ? 'scale(-1, -1)' : args.v ? 'scaleY(-1)' : 'scaleX(-1)';
      return span({ transform });
    }
    case 'x2': case 'x3': case 'x4': return span();
    case 'font': {
      const family = FONTS.find((font) => args[font]);
      return span(family ? { fontFamily: family } : {});
    }
    case 'blur': return h('span', { key, class: 'mfm-fn mfm-blur', tabindex: 0 }, inner);
    case 'rotate': return span({ transform: `rotate(${number(args.deg, 90)}deg)`, transformOrigin: 'center center' });
    case 'position': return span({ transform: `translate(${number(args.x, 0, -20, 20)}em, ${number(args.y, 0, -20, 20)}em)` });
    case 'scale': return span({ transform: `scale(${number(args.x, 1, -5, 5)}, ${number(args.y, 1, -5, 5)})` });
    case 'fg': return span(color(args.color) ? { color: color(args.color)! } : {});
    case 'bg': return span(color(args.color) ? { backgroundColor: color(args.color)! } : {});
    case 'border': {
      const style = typeof args.style === 'string' && BORDER_STYLES.includes(args.style) ? args.style : 'solid';
      return span({
        border: `${number(args.width, 1, 0, 20)}px ${style} ${color(args.color) ?? 'var(--accent)'}`,
        borderRadius: `${number(args.radius, 0, 0, 100)}px`,
        overflow: args.noclip ? 'visible' : 'clip',
      });
    }
    case 'ruby': {
      // `$[ruby 漢字 かんじ]`: the first word is the base, the rest its reading.
      const [base = '', ...reading] = textOf(node.children).trim().split(/\s+/);
      return h('ruby', { key, class: 'mfm-fn mfm-ruby' }, [base, h('rp', '('), h('rt', reading.join(' ')), h('rp', ')')]);
    }
    case 'unixtime': {
      const seconds = Number.parseInt(textOf(node.children).trim(), 10);
      if (!Number.isFinite(seconds)) return span();
      const date = new Date(seconds * 1000);
      return h('time', { key, class: 'mfm-fn mfm-unixtime', datetime: date.toISOString() }, `🕒 ${date.toLocaleString()}`);
    }
    default:
      // An unknown effect shows its content unchanged, as in Misskey.
      return h('span', { key, class: 'mfm-fn' }, inner);
  }
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
    case 'fn': return renderFn(node, key);
    case 'inlineCode': return h('code', { key, class: 'mfm-inline-code' }, node.props.code);
    case 'blockCode': return h('pre', { key, class: 'mfm-code', 'data-lang': node.props.lang ?? undefined }, h('code', node.props.code));
    // KaTeX is too heavy for the budget: math shows as its source.
    case 'mathInline': return h('code', { key, class: 'mfm-math' }, node.props.formula);
    case 'mathBlock': return h('pre', { key, class: 'mfm-math mfm-math-block' }, node.props.formula);
    case 'unicodeEmoji':
      return h('img', { key, class: 'mfm-emoji-unicode', src: twemojiUrl(node.props.emoji), alt: node.props.emoji, title: node.props.emoji, draggable: false, decoding: 'async' });
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
    case 'search': {
      // Misskey's search block: the query and a button; here the button opens the client's search.
      const query = node.props.query;
      return h('form', { key, class: 'mfm-search', action: '/search', method: 'get' }, [
        h('input', { name: 'q', value: query, 'aria-label': 'Search', readonly: true }),
        h('button', { type: 'submit', class: 'btn small' }, 'Search'),
      ]);
    }
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
