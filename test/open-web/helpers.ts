import { parse } from 'parse5';

/** What a crawler reads from a page: lang, title, meta tags (by name or property) and links. */
export interface CrawledPage {
  lang: string | null;
  title: string | null;
  /** Every `<meta>` value, by its name or property, in document order. */
  meta: Map<string, string[]>;
  links: Array<{ rel: string; href: string; type: string | null }>;
  text: string;
  scripts: string[];
}

interface Node { nodeName: string; tagName?: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[]; value?: string; content?: Node }

function attr(node: Node, name: string): string | null {
  return node.attrs?.find((a) => a.name === name)?.value ?? null;
}

export function crawl(html: string): CrawledPage {
  const page: CrawledPage = { lang: null, title: null, meta: new Map(), links: [], text: '', scripts: [] };
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeName === 'html') page.lang = attr(node, 'lang');
    if (node.nodeName === 'title') page.title = (node.childNodes ?? []).map((child) => child.value ?? '').join('');
    if (node.nodeName === 'meta') {
      const key = attr(node, 'name') ?? attr(node, 'property');
      const content = attr(node, 'content');
      if (key && content != null) page.meta.set(key, [...page.meta.get(key) ?? [], content]);
    }
    if (node.nodeName === 'link') page.links.push({ rel: attr(node, 'rel') ?? '', href: attr(node, 'href') ?? '', type: attr(node, 'type') });
    if (node.nodeName === 'script' && attr(node, 'src')) page.scripts.push(attr(node, 'src')!);
    if (node.nodeName === '#text' && node.value) texts.push(node.value);
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(parse(html) as unknown as Node);
  page.text = texts.join(' ');
  return page;
}

export function one(page: CrawledPage, key: string): string | undefined {
  return page.meta.get(key)?.[0];
}
