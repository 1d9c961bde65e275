/**
 * Cheaper versions of two of @mozilla/readability 0.6's helpers, with the same results, put on
 * one Readability object. `_isValidByline` reads `node.textContent` (the whole subtree's text)
 * before it checks the node's attributes and class, and it runs on every node of the page until a
 * byline is found: on a page without one, every element's text is built, once per ancestor. Here
 * the text is read only when the cheap tests pass. `_isElementWithoutContent` builds the same
 * text to learn whether any of it is not white space; here the walk stops at the first text node
 * that is not. `_isProbablyVisible` skips the style declaration of an element without a style
 * attribute (see patchVisibility). Each patch is applied only when the library's own method is the one it replaces
 * (its source names what the patch expects), so another version of Readability runs as it is.
 */

import { sourceCount, sourceHas } from './installed-source.js';

interface ReadabilityInternals {
  REGEXPS: { byline: RegExp; hashUrl: RegExp };
  ELEMENT_NODE: number;
  _isValidByline?: (node: Element, matchString: string) => boolean;
  _isElementWithoutContent?: (node: Element) => boolean;
  _isProbablyVisible?: (node: Element) => boolean;
  _getLinkDensity?: (element: Element) => number;
  _getTextDensity?: (e: Element, tags: string[]) => number;
  _getCharCount?: (e: Element, s?: string) => number;
  _getAllNodesWithTag?: (node: Element, tagNames: string[]) => ArrayLike<Element>;
  _grabArticle?: (page?: Element) => Element | null;
  parse?: () => unknown;
  _debug?: boolean;
}

/** Whether some text node under `root` holds more than white space (what `root.textContent.trim().length > 0` says). */
export function hasVisibleText(root: Node): boolean {
  let node: Node | null = root.firstChild;
  while (node !== null) {
    // Text and CDATA sections are what textContent joins.
    if ((node.nodeType === 3 || node.nodeType === 4) && (node.nodeValue ?? '').trim().length > 0) return true;
    let next: Node | null = node.nodeType === 1 ? node.firstChild : null;
    if (next === null) {
      let cur: Node | null = node;
      while (cur !== null && cur !== root && (next = cur.nextSibling) === null) cur = cur.parentNode;
      if (cur === root || cur === null) return false;
    }
    node = next;
  }
  return false;
}

/**
 * With `measures` (linkedom-text.ts), `_getLinkDensity` measures texts instead of building them.
 */
export function patchReadability(reader: object, proto: object, measures?: LinkMeasures): void {
  patchVisibility(reader as ReadabilityInternals, proto as ReadabilityInternals);
  patchGrabbedLog(reader as ReadabilityInternals, proto as ReadabilityInternals);
  if (measures !== undefined) patchDensities(reader as ReadabilityInternals, proto as ReadabilityInternals, measures);
  const r = reader as ReadabilityInternals;
  const p = proto as ReadabilityInternals;
  if (sourceHas(p._isValidByline, 'node.textContent.trim().length', 'this.REGEXPS.byline.test(matchString)', 'bylineLength < 100') && !r.REGEXPS.byline.global) {
    r._isValidByline = function isValidByline(this: ReadabilityInternals, node: Element, matchString: string): boolean {
      const rel = node.getAttribute('rel');
      const itemprop = node.getAttribute('itemprop');
      if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || this.REGEXPS.byline.test(matchString))) return false;
      const bylineLength = (node.textContent ?? '').trim().length;
      return !!bylineLength && bylineLength < 100;
    };
  }
  if (sourceHas(p._isElementWithoutContent, 'node.textContent.trim().length', 'node.children.length', 'getElementsByTagName("br")', 'getElementsByTagName("hr")')) {
    r._isElementWithoutContent = function isElementWithoutContent(this: ReadabilityInternals, node: Element): boolean {
      return (
        node.nodeType === this.ELEMENT_NODE &&
        !hasVisibleText(node) &&
        (node.children.length === 0 || node.children.length === node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length)
      );
    };
  }
}

/**
 * `parse()` logs the article it grabbed, `this.log("Grabbed: " + articleContent.innerHTML)`,
 * debugging or not: the article serialised on every page, for nothing (a tenth of the work on a
 * long Wikipedia page). When not debugging, the grabbed element's `innerHTML` reads as empty until
 * `parse()` returns; nothing else in `parse()` reads it (its source says so), and the article is
 * then the element as it was.
 */
function patchGrabbedLog(r: ReadabilityInternals, p: ReadabilityInternals): void {
  const parse = p.parse;
  const grabArticle = p._grabArticle;
  if (r._debug || parse === undefined || grabArticle === undefined) return;
  if (!sourceHas(parse, 'var articleContent = this._grabArticle();', 'this.log("Grabbed: " + articleContent.innerHTML);') || sourceCount(parse, 'innerHTML') !== 1) return;
  let grabbed: Element | null = null;
  r._grabArticle = function grabArticleQuietly(this: ReadabilityInternals, page?: Element): Element | null {
    const article = grabArticle.call(this, page);
    if (article !== null && article !== undefined && Object.getOwnPropertyDescriptor(article, 'innerHTML') === undefined) {
      grabbed = article;
      Object.defineProperty(article, 'innerHTML', { configurable: true, get: () => '' });
    }
    return article;
  };
  r.parse = function parseQuietly(this: ReadabilityInternals): unknown {
    try {
      return parse.call(this);
    } finally {
      if (grabbed !== null) delete (grabbed as unknown as { innerHTML?: unknown }).innerHTML;
      grabbed = null;
    }
  };
}

/** What `_getLinkDensity` needs measured (linkedom-text.ts). */
export interface LinkMeasures {
  /** `_getInnerText(el).length`. */
  of(el: Element): number;
  /** The sum of `of(a)` over `el.getElementsByTagName('a')`, or null when one is a hash link. */
  linkLength(el: Element): number | null;
  /** The commas in `el.textContent`. */
  commas(el: Element): number;
}

/**
 * Readability's `_getLinkDensity`, `_getTextDensity` and `_getCharCount` (of commas) with the
 * lengths measured: the same sums in the same order, so the same numbers.
 */
function patchDensities(r: ReadabilityInternals, p: ReadabilityInternals, measures: LinkMeasures): void {
  const linkDensity = sourceHas(
    p._getLinkDensity,
    'var textLength = this._getInnerText(element).length;',
    'element.getElementsByTagName("a")',
    'href && this.REGEXPS.hashUrl.test(href) ? 0.3 : 1',
    'linkLength += this._getInnerText(linkNode).length * coefficient;',
    'return linkLength / textLength;',
  );
  if (linkDensity && !r.REGEXPS.hashUrl.global) {
    r._getLinkDensity = function getLinkDensity(this: ReadabilityInternals, element: Element): number {
      const length = measures.of(element);
      if (length === 0) return 0;
      // Whole numbers: their sum is exact in any order.
      const plain = measures.linkLength(element);
      if (plain !== null) return plain / length;
      let linkLength = 0;
      for (const link of element.getElementsByTagName('a')) {
        const href = link.getAttribute('href');
        const coefficient = href && this.REGEXPS.hashUrl.test(href) ? 0.3 : 1;
        linkLength += measures.of(link) * coefficient;
      }
      return linkLength / length;
    };
  }
  const textDensity = sourceHas(
    p._getTextDensity,
    'var textLength = this._getInnerText(e, true).length;',
    'var children = this._getAllNodesWithTag(e, tags);',
    'child => (childrenLength += this._getInnerText(child, true).length)',
    'return childrenLength / textLength;',
  );
  if (textDensity && typeof r._getAllNodesWithTag === 'function') {
    r._getTextDensity = function getTextDensity(this: ReadabilityInternals, e: Element, tags: string[]): number {
      const length = measures.of(e);
      if (length === 0) return 0;
      let childrenLength = 0;
      for (const child of Array.from(this._getAllNodesWithTag!(e, tags))) childrenLength += measures.of(child);
      return childrenLength / length;
    };
  }
  // A comma is not white space: the normalised text has the text's commas.
  const original = p._getCharCount;
  if (sourceHas(original, 's = s || ",";', 'return this._getInnerText(e).split(s).length - 1;')) {
    r._getCharCount = function getCharCount(this: ReadabilityInternals, e: Element, s?: string): number {
      return (s || ',') === ',' ? measures.commas(e) : original!.call(this, e, s);
    };
  }
}

/**
 * `_isProbablyVisible` reads `node.style.display` and `.visibility`, and a DOM builds a style
 * declaration for that (linkedom parses the style attribute into one on each element it is asked
 * for). Without a style attribute both are empty and so pass: only elements with one need it.
 */
function patchVisibility(r: ReadabilityInternals, p: ReadabilityInternals): void {
  const original = p._isProbablyVisible;
  if (!sourceHas(original, 'node.style.display != "none"', 'node.style.visibility != "hidden"', '!node.hasAttribute("hidden")', '"fallback-image"')) return;
  r._isProbablyVisible = function isProbablyVisible(this: ReadabilityInternals, node: Element): boolean {
    if (node.hasAttribute('style')) return original!.call(this, node);
    const className = (node as Element & { className?: unknown }).className;
    return (
      !node.hasAttribute('hidden') &&
      (!node.hasAttribute('aria-hidden') ||
        node.getAttribute('aria-hidden') != 'true' ||
        !!(className && typeof (className as { includes?: unknown }).includes === 'function' && (className as string).includes('fallback-image')))
    );
  };
}
