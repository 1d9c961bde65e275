/**
 * The DOM Readability runs over. linkedom is the default: on the Readability test pages it gives
 * the same article text as jsdom, several times faster and with far less memory (see README,
 * "Choosing the DOM", and scripts/compare-dom.mjs). jsdom stays available (--dom jsdom) and is
 * the fallback for a page linkedom throws on, and the other way round.
 */
import { createRequire } from 'node:module';

// Loaded on first use: jsdom alone takes most of a second to import, and a plain-text scan
// needs neither DOM.
const require = createRequire(import.meta.url);
let jsdomModule: typeof import('jsdom') | undefined;
let linkedomModule: typeof import('linkedom') | undefined;
const jsdom = (): typeof import('jsdom') => (jsdomModule ??= require('jsdom') as typeof import('jsdom'));
const linkedom = (): typeof import('linkedom') => (linkedomModule ??= require('linkedom') as typeof import('linkedom'));

export type DomName = 'linkedom' | 'jsdom';
export const DOM_NAMES: readonly DomName[] = ['linkedom', 'jsdom'];

export interface ParsedPage {
  document: Document;
  /** Frees what the DOM holds (jsdom keeps a window alive otherwise). */
  close(): void;
}

// Style sheets carry no article text; jsdom 27.1+ throws on some of them (jsdom #4081, #4112).
const STYLE_CONTENT = /(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi;

export function stripStyleSheets(html: string): string {
  return html.replace(STYLE_CONTENT, '$1$2');
}

export function parsePage(html: string, dom: DomName, url?: string): ParsedPage {
  const source = stripStyleSheets(html);
  if (dom === 'jsdom') {
    const { JSDOM, VirtualConsole } = jsdom();
    const page = new JSDOM(source, {
      url: url ?? 'http://localhost/',
      virtualConsole: new VirtualConsole(),
      pretendToBeVisual: false,
    });
    return { document: page.window.document as unknown as Document, close: () => page.window.close() };
  }
  const { parseHTML } = linkedom();
  const { document } = parseHTML(source) as unknown as { document: Document };
  return { document: prepareLinkedom(document, parseHTML as unknown as (html: string) => { document: Document }), close: () => undefined };
}

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
  const create = doc.createElement;
  Object.defineProperty(doc, 'createElement', {
    configurable: true,
    writable: true,
    value: function createElement(this: Document, name: unknown, options?: ElementCreationOptions) {
      return create.call(this, typeof name === 'string' ? name.toLowerCase() : (name as string), options);
    },
  });
  return doc;
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
