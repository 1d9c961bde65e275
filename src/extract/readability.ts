/**
 * HTML pages: metadata from the DOM, the article by @mozilla/readability, its text as one
 * paragraph a line, then the same furniture rules as plain text. When Readability finds no
 * article, the page's visible body text stands in.
 */
import { Readability } from '@mozilla/readability';
import { isoDateOf, parseDateline } from './dates.js';
import { otherDom, parsePage, type DomName } from './dom.js';
import { removeFurniture } from './furniture.js';
import { decodeEntities, primaryLanguage, readMetadata, stripSiteSuffix } from './metadata.js';
import { scriptPayloadLines } from './payload.js';
import { keepFirstArticle, pageParagraphs, widenPartialPick, removeClassHidden, removeNavigation, removeSideBoxes } from './structure.js';
import type { Article } from './types.js';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH',
  'THEAD', 'TR', 'UL',
]);
const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'SELECT', 'HEAD']);

const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit|copyright)(?:$|[\s_-])/i;

/** Photo captions and credits: each outlet writes its own, so they only lower similarity. */
function isCaption(el: Element, tag: string): boolean {
  if (tag === 'FIGCAPTION') return true;
  const cls = el.getAttribute('class');
  return cls !== null && CAPTION_CLASS.test(cls);
}

/**
 * Captions and credits are removed before Readability runs: it rewrites the elements around
 * them (a caption <div> becomes a bare <p>), after which they can no longer be told apart.
 * Only short elements: a class name is a hint, not a proof.
 */
function removeCaptions(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('figcaption, [class*="caption" i], [class*="credit" i], [class*="copyright" i]'))) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') continue;
    if (isCaption(el, tag) && (el.textContent ?? '').length < 400) el.remove();
  }
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

interface BlockLine {
  text: string;
  /** Share of the line's characters inside links: lists of links are furniture, lists of text are not. */
  linkShare: number;
}

const LINE_BREAK = 0;
const LINK_END = 1;

/**
 * Visible text of an element as lines, one per block, each with its share of link text.
 * Iterative, so a page nested thousands of levels deep cannot overflow the stack.
 */
function blockLines(root: Node, skipCaptions = false, showHidden = false): BlockLine[] {
  const lines: BlockLine[] = [];
  let text = '';
  let linkChars = 0;
  let linkDepth = 0;
  const breakLine = (): void => {
    const t = text.replace(/[\s\u00A0]+/g, ' ').trim();
    if (t.length > 0 || (lines.length > 0 && lines[lines.length - 1]!.text !== '')) {
      const total = t.replace(/\s/g, '').length;
      lines.push({ text: t, linkShare: total === 0 ? 0 : Math.min(1, linkChars / total) });
    }
    text = '';
    linkChars = 0;
  };
  // Nodes to enter, or markers to act on when popped (a block's end, a link's end).
  const stack: (Node | number)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === LINE_BREAK) {
      breakLine();
      continue;
    }
    if (item === LINK_END) {
      linkDepth--;
      continue;
    }
    const node = item as Node;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      text += value;
      if (linkDepth > 0) linkChars += value.replace(/\s/g, '').length;
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const el = node as Element;
    const tag = node.nodeType === 1 ? el.tagName.toUpperCase() : '';
    if (INVISIBLE.has(tag) || (node.nodeType === 1 && ((!showHidden && isHidden(el)) || (skipCaptions && isCaption(el, tag))))) continue;
    if (BLOCK.has(tag)) {
      breakLine();
      stack.push(LINE_BREAK);
    }
    if (tag === 'A') {
      linkDepth++;
      stack.push(LINK_END);
    }
    const children: Node[] = [];
    for (let c = node.firstChild; c !== null; c = c.nextSibling) children.push(c);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  breakLine();
  while (lines.length > 0 && lines[lines.length - 1]!.text === '') lines.pop();
  // One blank line between paragraphs, none doubled.
  return lines.filter((l, i) => l.text !== '' || (i > 0 && lines[i - 1]!.text !== ''));
}

/** Visible text of an element, with a line break at every block boundary. */
export function blockText(root: Node): string {
  return blockLines(root)
    .map((l) => l.text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Readability's run time grows steeply with nesting depth (minutes at a depth of a few
 * thousand); article markup is rarely deeper than a hundred levels. Deeper pages skip it.
 */
const MAX_READABILITY_DEPTH = 400;

function treeDepth(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (let c = node.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, depth + 1]);
  }
  return max;
}

/**
 * Some pages give JSON-LD an articleBody that is the article twice over ("A B C A B C"). When
 * the text's opening recurs later and everything from there repeats the start, the copy goes.
 */
export function withoutRepeat(text: string): string {
  const t = text.trim();
  const probe = t.slice(0, 120);
  if (probe.length < 60) return t;
  for (let at = t.indexOf(probe, Math.floor(t.length / 3)); at > 0; at = t.indexOf(probe, at + 1)) {
    const tail = t.slice(at).replace(/\s+/g, ' ');
    const head = t.slice(0, at).replace(/\s+/g, ' ').trim();
    if (head.startsWith(tail.slice(0, Math.min(tail.length, head.length)).trim())) return t.slice(0, at).trim();
  }
  return t;
}

export interface HtmlOptions {
  dom: DomName;
  url?: string;
}

function extractWith(html: string, dom: DomName, url: string | undefined): Article {
  const page = parsePage(html, dom, url);
  try {
    const doc = page.document;
    const meta = readMetadata(doc, url);
    // Readability removes nodes as it goes; the fallback text must be taken first.
    const root = doc.body ?? doc;
    let visible = blockLines(root);
    // Streaming server rendering (React 18 and others) sends the page's content in hidden
    // elements that a script reveals. When nearly all text is hidden, it is the page.
    const chars = (ls: BlockLine[]): number => ls.reduce((n, l) => n + l.text.length, 0);
    const shown = chars(visible);
    if (shown < 2000) {
      const all = blockLines(root, false, true);
      if (chars(all) > 5 * Math.max(shown, 100)) {
        for (const el of Array.from(doc.querySelectorAll('[hidden]'))) el.removeAttribute('hidden');
        visible = all;
      }
    }
    // A page a script renders may carry its article only as data for the script (read before
    // Readability, which removes the scripts).
    const payload = shown < 1000 ? scriptPayloadLines(doc, Math.max(500, 2 * chars(visible))) : [];
    removeCaptions(doc);
    const paragraphs = pageParagraphs(root as Element);
    const article =
      treeDepth(doc) > MAX_READABILITY_DEPTH ? null : new Readability(doc, { serializer: (el: Node) => el, keepClasses: true }).parse();
    const content = article?.content ? (article.content as unknown as Element) : null;
    let blocks = content ? blockLines(content, true) : [];
    let method: Article['method'] = 'readability';
    // Readability sometimes settles on one block of a long article. The article's own text in
    // JSON-LD, when it is much longer, is the better source.
    const words = (t: string): number => t.split(/\s+/).filter(Boolean).length;
    const readWords = blocks.reduce((n, l) => n + words(l.text), 0);
    const pickedText = blocks.map((l) => l.text).join(' ');
    // Boxes beside the article are taken out of Readability's result, not the page: removed
    // before, they change which block Readability settles on.
    if (content !== null) {
      const boxes = removeSideBoxes(content);
      const appended = keepFirstArticle(content);
      const nav = removeNavigation(content);
      const hidden = removeClassHidden(content);
      if (boxes || appended || nav || hidden) blocks = blockLines(content, true);
    }
    if (meta.articleBody !== null) {
      const bodyLines = withoutRepeat(decodeEntities(meta.articleBody.replace(/<[^>]+>/g, ' ')))
        .split(/\n+/)
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter((l) => l.length > 0 && !/^\+{3}\w+/.test(l));
      const bodyWords = bodyLines.reduce((n, l) => n + words(l), 0);
      if (bodyWords >= 50 && bodyWords > readWords * 1.5) {
        blocks = bodyLines.flatMap((text) => [{ text, linkShare: 0 }, { text: '', linkShare: 0 }]);
        method = 'json-ld';
      }
    }
    if (method === 'readability' && blocks.length > 0) {
      const wider = widenPartialPick(paragraphs, pickedText, root as Element);
      if (wider !== null) blocks = wider.flatMap((text) => [{ text, linkShare: 0 }, { text: '', linkShare: 0 }]);
    }
    if (!blocks.some((l) => l.text.length > 0)) {
      blocks = visible;
      method = 'body-text';
      if (payload.length > 0) {
        blocks = payload.flatMap((text) => [{ text, linkShare: 0 }, { text: '', linkShare: 0 }]);
        method = 'script-data';
      }
    }
    const lines = removeFurniture(
      blocks.map((l) => l.text),
      { linkShare: blocks.map((l) => l.linkShare) },
    );
    // Readability's title (the <title> with the site's part removed, checked against headings)
    // matched the expected headline most often on the three corpora; then og:title / JSON-LD.
    const readTitle = article?.title ? stripSiteSuffix(decodeEntities(article.title.replace(/\s+/g, ' ').trim()), meta.siteNames) || null : null;
    // A "title" that is only the site's name ("Газета «Коммерсантъ»") is no headline.
    const siteOnly = (t: string | null): boolean => t !== null && stripSiteSuffix(`headline words - ${t}`, meta.siteNames) === 'headline words';
    let title = [readTitle, meta.title, meta.documentTitle].find((t) => t !== null && !siteOnly(t)) ?? readTitle ?? meta.title ?? meta.documentTitle;
    // The printed headline, when the title is it plus a tail set off by a separator ("Headline
    // -- Site", "Headline-Section"): the tail names the site or section.
    if (title !== null) {
      const t = title;
      const printed = meta.headings.find((h) => h.length >= t.length * 0.5 && h.length < t.length && t.startsWith(h) && /^\s*[-–—|:·»~*]/.test(t.slice(h.length)));
      if (printed !== undefined) title = printed;
    }
    if (title !== null && lines.length > 0 && lines[0]!.toLowerCase() === title.toLowerCase()) lines.shift();
    // A dateline printed at the top of the article text is not article text.
    let dateline = meta.dateline;
    let published = meta.published;
    for (let i = 0; i < Math.min(3, lines.length); i++) {
      const d = parseDateline(lines[i]!);
      if (d === null) continue;
      dateline ??= d.printed;
      published ??= d.iso;
      lines.splice(i, 1);
      break;
    }
    if (published === null && article?.publishedTime) published = isoDateOf(article.publishedTime);
    while (lines.length > 0 && lines[0] === '') lines.shift();
    return {
      title,
      outlet: meta.outlet ?? (article?.siteName ? article.siteName.trim() || null : null),
      byline: meta.byline ?? (article?.byline ? article.byline.trim() || null : null),
      dateline,
      published,
      lang: meta.lang ?? primaryLanguage(article?.lang ?? null),
      text: lines.join('\n'),
      method,
    };
  } finally {
    page.close();
  }
}

/** Extract with the chosen DOM; a page that makes it throw is retried with the other DOM. */
export function extractHtml(html: string, opts: HtmlOptions): Article {
  try {
    return extractWith(html, opts.dom, opts.url);
  } catch (first) {
    try {
      return extractWith(html, otherDom(opts.dom), opts.url);
    } catch {
      throw first;
    }
  }
}
