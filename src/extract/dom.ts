/**
 * The DOM Readability runs over. linkedom is the default: on the Readability test pages it gives
 * the same article text as jsdom, several times faster and with far less memory (see README,
 * "Choosing the DOM", and scripts/compare-dom.mjs). jsdom stays available (--dom jsdom) and is
 * the fallback for a page linkedom throws on, and the other way round.
 */
import { createRequire } from 'node:module';
import { buildDocument, loadLinkedom, type BuiltPage, type PruneOptions } from './build-dom.js';
import { wholeText, type PageText } from '../input/page-text.js';
import { collapseSpaces } from '../text/normalize.js';

// Loaded on first use: jsdom alone takes most of a second to import, and a plain-text scan
// needs neither DOM.
const require = createRequire(import.meta.url);
let jsdomModule: typeof import('jsdom') | undefined;
const jsdom = (): typeof import('jsdom') => (jsdomModule ??= require('jsdom') as typeof import('jsdom'));
const linkedom = (): typeof import('linkedom') => loadLinkedom().linkedom;

export type DomName = 'linkedom' | 'jsdom';
export const DOM_NAMES: readonly DomName[] = ['linkedom', 'jsdom'];

export interface ParsedPage {
  document: Document;
  /** Scripts the parse left out of the document (all but JSON-LD), when it left them out. */
  scripts?: BuiltPage['scripts'];
  /** Characters of text the parse left out of <body>. */
  prunedBodyChars?: number;
  /** Frees what the DOM holds (jsdom keeps a window alive otherwise). */
  close(): void;
}

// Style sheets carry no article text; jsdom 27.1+ throws on some of them (jsdom #4081, #4112).
const STYLE_CONTENT = /(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi;

export function stripStyleSheets(html: string): string {
  return html.replace(STYLE_CONTENT, '$1$2');
}

export function parsePage(html: PageText, dom: DomName, url?: string): ParsedPage {
  const { linkedom: lib, internals } = loadLinkedom();
  if (dom === 'jsdom') {
    // The same pruned page as linkedom reads (see buildDocument), as HTML: both DOMs then give
    // the same text. Without linkedom's internals, the page as it is.
    const pruned = internals !== null ? prunedPage(html, internals) : null;
    const { JSDOM, VirtualConsole } = jsdom();
    const page = new JSDOM(pruned !== null ? pruned.document.toString() : stripStyleSheets(wholeText(html)), {
      url: url ?? 'http://localhost/',
      virtualConsole: new VirtualConsole(),
      pretendToBeVisual: false,
    });
    const document = page.window.document as unknown as Document;
    return { document, ...(pruned !== null ? { scripts: pruned.scripts, prunedBodyChars: pruned.prunedBodyChars } : {}), close: () => page.window.close() };
  }
  if (internals !== null) {
    const { document, scripts, prunedBodyChars } = prunedPage(html, internals);
    return { document, scripts, prunedBodyChars, close: () => undefined };
  }
  const { parseHTML } = lib;
  const { document } = parseHTML(stripStyleSheets(wholeText(html))) as unknown as { document: Document };
  return { document: prepareLinkedom(document, parseHTML as unknown as (html: string) => { document: Document }), close: () => undefined };
}

/** The page as linkedom's pruning parse builds it (see PRUNE), its tree made an HTML5 parser's. */
function prunedPage(html: PageText, internals: NonNullable<ReturnType<typeof loadLinkedom>['internals']>): { document: Document; scripts: BuiltPage['scripts']; prunedBodyChars: number } {
  let built = buildDocument(html, internals, PRUNE);
  // A page whose text is mostly in menus, asides and footers: they are its text after all.
  if (built.structuralChars > built.bodyChars) built = buildDocument(html, internals, { dataAttributesOn: PRUNE.dataAttributesOn });
  const doc = ensureHtmlBody(built.document, internals.parseHTML);
  if (built.strayRoots || doc !== built.document) unwrapNestedRoots(doc);
  if (doc !== built.document) doc.documentElement.normalize();
  lowerCaseCreateElement(doc);
  return { document: doc, scripts: built.scripts, prunedBodyChars: built.prunedBodyChars };
}

/**
 * The elements whose `data-*` attributes are read: images and figures (Readability's lazy images:
 * data-src, data-srcset and any attribute naming an image file), embeds (an attribute naming a
 * video keeps one) and block quotes (an embedded post, structure.ts). Elsewhere they are a
 * script's state (a seventh of the news pages' attributes, JSON in some), read by no rule, and
 * left out of the tree: every walk over it is shorter.
 */
const DATA_ATTRIBUTES_ON: ReadonlySet<string> = new Set(['img', 'picture', 'source', 'figure', 'iframe', 'embed', 'object', 'video', 'audio', 'blockquote']);

/**
 * What the parse leaves out besides scripts, style sheets, comments and templates (measured with
 * scripts/eval-extract.mjs, each on its own: these kept F1 on every corpus, or raised it):
 * navigation menus, and asides and footers outside the article (<article>, <main>). Not <svg>
 * (its text and shapes change which block Readability picks on some pages) nor <header> (it
 * holds the dateline's <time> on many pages).
 */
const PRUNE: PruneOptions = { tags: new Set(['nav']), outside: new Set(['aside', 'footer']), dataAttributesOn: DATA_ATTRIBUTES_ON };

/**
 * linkedom does not build the tree an HTML5 parser builds. Four differences change what
 * Readability extracts or make it throw (measured on the readability, fundus and newspaper4k
 * corpora with scripts/compare-dom.mjs: with these fixes the text matches jsdom on every page):
 * no implied <html>/<head>/<body> for fragments, stray nested html/head/body elements,
 * <template> contents treated as page content, and createElement('P') keeping its case.
 */
export function prepareLinkedom(document: Document, parseHTML: (html: string) => { document: Document }): Document {
  const doc = ensureHtmlBody(document, parseHTML);
  unwrapNestedRoots(doc);
  for (const t of Array.from(doc.querySelectorAll('template'))) t.remove();
  // One text node per run of text, as an HTML5 parser gives (linkedom splits at entities).
  doc.documentElement.normalize();
  lowerCaseCreateElement(doc);
  return doc;
}

function lowerCaseCreateElement(doc: Document): void {
  const create = doc.createElement;
  Object.defineProperty(doc, 'createElement', {
    configurable: true,
    writable: true,
    value: function createElement(this: Document, name: unknown, options?: ElementCreationOptions) {
      return create.call(this, typeof name === 'string' ? name.toLowerCase() : (name as string), options);
    },
  });
}

const HEAD_TAGS = new Set(['title', 'meta', 'link', 'base', 'style', 'script', 'noscript', 'template']);

/** Move a fragment's nodes into <html><head></head><body></body></html>, as a browser would. */
function ensureHtmlBody(document: Document, parseHTML: (html: string) => { document: Document }): Document {
  const de = document.documentElement as Element | null;
  if (de && de.localName === 'html' && Array.from(de.children).some((c) => c.localName === 'body')) return document;
  const { document: doc } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const head = doc.head;
  const body = doc.body;
  let inBody = false;
  const place = (node: Node): void => {
    if (node.nodeType === 10) return;
    if (node.nodeType === 1) {
      const el = node as Element;
      const n = el.localName;
      if (n === 'html') {
        for (const a of Array.from(el.attributes)) doc.documentElement.setAttribute(a.name, a.value);
        for (const c of Array.from(el.childNodes)) place(c);
      } else if (n === 'head' && !inBody) {
        for (const c of Array.from(el.childNodes)) head.appendChild(c);
      } else if (n === 'body') {
        inBody = true;
        for (const a of Array.from(el.attributes)) body.setAttribute(a.name, a.value);
        for (const c of Array.from(el.childNodes)) body.appendChild(c);
      } else if (!inBody && HEAD_TAGS.has(n)) head.appendChild(el);
      else {
        inBody = true;
        body.appendChild(el);
      }
      return;
    }
    if (node.nodeType === 3) {
      if (!inBody && !(node.nodeValue ?? '').trim()) return;
      inBody = true;
    }
    body.appendChild(node);
  };
  for (const c of Array.from(document.childNodes)) place(c);
  return doc;
}

/** An HTML5 parser ignores stray html/head/body tags inside a page; linkedom nests them. */
function unwrapNestedRoots(document: Document): void {
  const root = document.documentElement;
  const keep = new Set<Element>([root, ...Array.from(root.children).filter((c) => c.localName === 'head' || c.localName === 'body')]);
  for (const el of Array.from(document.querySelectorAll('html, head, body'))) {
    const parent = el.parentNode;
    if (keep.has(el) || parent === null) continue;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    el.remove();
  }
}

export function otherDom(dom: DomName): DomName {
  return dom === 'linkedom' ? 'jsdom' : 'linkedom';
}

/**
 * Elements a browser lays out as blocks (its default style sheet): each starts and ends a line of
 * text. Everything else is inline: text on either side of it runs on without a space, as on
 * screen ("un<b>believ</b>able" is one word; "<a>Name</a><span>Name</span>" is what it shows).
 */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR', 'DIV', 'DL',
  'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'LEGEND', 'LI', 'LISTING', 'MAIN', 'MENU', 'NAV', 'OL', 'OPTGROUP', 'OPTION', 'P', 'PRE', 'SEARCH',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'XMP',
]);
/** Line breaks with no content of their own. */
const BREAK = new Set(['BR', 'HR']);
const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'SELECT', 'HEAD']);

/** Whether a browser lays the element out as a block (a tag name in any case). */
function isBlockTag(name: string): boolean {
  const tag = name.toUpperCase();
  return BLOCK.has(tag) || BREAK.has(tag);
}

/**
 * Text from an HTML fragment given as a string (a JSON-LD articleBody): blocks and <br> become
 * line breaks, other tags nothing, as on screen. Entities are left as they are.
 */
export function htmlFragmentText(html: string): string {
  return html.replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (_, name: string) => (isBlockTag(name) ? '\n' : ''));
}

/** Utility classes that keep text for screen readers only, off the screen. */
const SCREEN_READER_ONLY =
  /(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|screenreader-only|a11y-hidden|u-visually-hidden|element-invisible|hidden-visually)(?:\s|$)/i;

/**
 * Hidden by the markup itself: the attribute, aria-hidden and an inline style (as Readability
 * reads them), and the common screen-reader-only classes (text a browser does not show: "Photo",
 * "opens in a new window", a name printed again for screen readers beside a link showing it).
 */
function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const cls = el.getAttribute('class');
  if (cls !== null && SCREEN_READER_ONLY.test(cls)) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

export interface TextLine {
  text: string;
  /** Share of the line's characters inside links: lists of links are furniture, lists of text are not. */
  linkShare: number;
  /**
   * The block the line's text sits in, and its parent, as tag and class ("P.note|DIV.body"); lines
   * of one table, list or run of subheadings share it. Null for a blank line or text with no
   * markup of its own.
   */
  shape: string | null;
  /** Which element holds the line's block (a number per element, -1 for none): sibling blocks share it. */
  parent: number;
}

export interface RenderOptions {
  /** Elements left out with their content (captions, say). */
  skip?: (el: Element, tag: string) => boolean;
  /** Read elements the markup hides too. */
  showHidden?: boolean;
  /** Only the lines' text is wanted: no shape, no parent (each costs strings a line). */
  textOnly?: boolean;
}

const BLOCK_END = 0;
const LINK_END = 1;

const shapeOf = (el: Element | null): string => (el === null ? '' : `${el.tagName.toUpperCase()}.${el.getAttribute('class') ?? ''}`);

/**
 * The text of a node as a browser lays it out: a line per block (a blank line where a block or
 * <br> leaves an empty one), table cells and list items their own lines, inline elements running
 * on. Invisible and hidden elements are left out; a hidden element that holds a space (a
 * separator kept for screen readers, ": ") still parts the words around it. Iterative, so a
 * page nested thousands of levels deep cannot overflow the stack.
 */
export function renderLines(root: Node, opts: RenderOptions = {}): TextLine[] {
  const textOnly = opts.textOnly === true;
  const lines: TextLine[] = [];
  let text = '';
  let linkChars = 0;
  let linkDepth = 0;
  const open: Element[] = [];
  const parents = new Map<Element, number>();
  const parentId = (el: Element | null): number => {
    if (el === null) return -1;
    let id = parents.get(el);
    if (id === undefined) parents.set(el, (id = parents.size));
    return id;
  };
  const breakLine = (): void => {
    // White space collapsed (U+00A0 is white space to /\s/): one scan, no copy for a clean line.
    const t = text === '' ? '' : collapseSpaces(text);
    if (t.length > 0 || (lines.length > 0 && lines[lines.length - 1]!.text !== '')) {
      // (t's only white space is single spaces now)
      let total = t.length;
      for (let at = t.indexOf(' '); at >= 0; at = t.indexOf(' ', at + 1)) total--;
      const block = open.length > 0 && !textOnly ? open[open.length - 1]! : null;
      lines.push({
        text: t,
        linkShare: total === 0 ? 0 : Math.min(1, linkChars / total),
        shape: t.length === 0 || block === null ? null : `${shapeOf(block)}|${shapeOf(block.parentElement)}`,
        parent: t.length === 0 || block === null ? -1 : parentId(block.parentElement),
      });
    }
    text = '';
    linkChars = 0;
  };
  // Nodes to enter, or markers to act on when popped (a block's end, a link's end).
  const stack: (Node | number)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === BLOCK_END) {
      breakLine();
      open.pop();
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
    if (INVISIBLE.has(tag)) continue;
    if (node.nodeType === 1) {
      if (!opts.showHidden && isHidden(el)) {
        if (!BLOCK.has(tag) && /\s/.test(el.textContent ?? '')) text += ' ';
        continue;
      }
      if (opts.skip?.(el, tag)) continue;
    }
    if (BREAK.has(tag)) {
      breakLine();
      breakLine();
      continue;
    }
    if (BLOCK.has(tag)) {
      breakLine();
      open.push(el);
      stack.push(BLOCK_END);
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

/**
 * How many visible characters (not counting white space) a node holds, counted up to just past
 * `limit`: enough to compare an element with a part of it without reading a whole page.
 */
export function visibleLength(root: Node, limit = Infinity): number {
  let n = 0;
  const stack: Node[] = [root];
  while (stack.length > 0 && n <= limit) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      n += (node.nodeValue ?? '').replace(/[\s\u00A0]+/g, '').length;
      continue;
    }
    if (node.nodeType === 1 && (INVISIBLE.has((node as Element).tagName.toUpperCase()) || isHidden(node as Element))) continue;
    for (let c = node.lastChild; c !== null; c = c.previousSibling) stack.push(c);
  }
  return n;
}

/** The text of an element on one line, blocks and line breaks parted by a space (a heading, a paragraph). */
export function renderedText(root: Node): string {
  return renderLines(root, { textOnly: true })
    .map((l) => l.text)
    .filter((t) => t !== '')
    .join(' ');
}

/** A document holding only the given scripts, for what reads a page's scripts after the parse left them out. */
export function scriptDocument(scripts: NonNullable<ParsedPage['scripts']>): Document {
  const { document } = linkedom().parseHTML('<!DOCTYPE html><html><head></head><body></body></html>') as unknown as { document: Document };
  for (const s of scripts) {
    const el = document.createElement('script');
    if (s.type !== null) el.setAttribute('type', s.type);
    el.textContent = s.code;
    document.head.appendChild(el);
  }
  return document;
}

/**
 * The elements inside `root` in document order, as `root.querySelectorAll('*')` lists them,
 * without a selector engine (linkedom's getElementsByTagName takes no '*').
 */
export function elementsIn(root: Document | Element): Element[] {
  return elementsInChain(root) ?? elementsInTree(root);
}

interface ChainedNode {
  [key: symbol]: ChainedNode | undefined;
  nodeType: number;
}

/**
 * elementsIn over linkedom's node chain, which holds a tree's nodes in document order: one step a
 * node, where the tree walk asks each element for its first child and next sibling (linkedom
 * finds each by walking the chain). A <template>'s content is in both. Null for a node of
 * another DOM.
 */
function elementsInChain(root: Document | Element): Element[] | null {
  const symbols = loadLinkedom().internals;
  if (symbols === null) return null;
  const { NEXT, END } = symbols;
  const start = root as unknown as ChainedNode;
  const end = start[END];
  if (end === undefined) return null;
  const out: Element[] = [];
  for (let next = start[NEXT]!; next !== end; next = next[NEXT]!) {
    if (next.nodeType === 1) out.push(next as unknown as Element);
  }
  return out;
}

function elementsInTree(root: Document | Element): Element[] {
  const out: Element[] = [];
  let next: Element | null = root.firstElementChild;
  while (next !== null) {
    out.push(next);
    let n: Element | null = next.firstElementChild;
    if (n === null) {
      let cur: Element | null = next;
      while (cur !== null && (n = cur.nextElementSibling) === null) {
        const p: Node | null = cur.parentNode;
        cur = p === root || p === null || p.nodeType !== 1 ? null : (p as Element);
      }
    }
    next = n;
  }
  return out;
}
