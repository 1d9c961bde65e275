/**
 * Cheaper versions of linkedom 0.18's element members that Readability and the page rules call on
 * every element or hundreds of times a page, with the same results.
 *
 * - `className` read `this.classList.value`: it built a DOMTokenList (a Set of the classes) for the
 *   element on first read, then joined the Set into a new string on every read. linkedom keeps the
 *   class attribute's value equal to that join: its parser and `setAttribute` set the class
 *   through `className`, every DOMTokenList change writes the join back to the attribute, and the
 *   pruning parse (`buildDocument`) stores the value already joined. So the attribute's value is
 *   the answer. (`getAttribute('class')` returns `className` in linkedom, so it gains too.)
 * - `tagName` and `nodeName` upper-cased `localName` on every read, a new string each time; the
 *   upper-case form of each name is now made once.
 * - `getElementsByTagName` compared each element's upper-cased name (that new string again) with
 *   the name asked for; it uses the names made once too, and none for a name asked for in lower
 *   case (which no upper-cased name equals).
 * - `querySelectorAll` compiled its selector (css-select) on every call. Given a list of plain tag
 *   names ("p, h2, h3", most calls: Readability's `_getAllNodesWithTag` asks for tags hundreds of
 *   times a page), it now tests each element's name in its own walk, which is linkedom's walk (a
 *   <template>'s content skipped); any other selector, or an XML document, goes to linkedom.
 *
 * Each member is replaced only when linkedom's own is the one expected (its source names what the
 * replacement relies on), so another version of linkedom runs as it is.
 */

import { sourceHas } from './installed-source.js';

type AnyNode = Record<PropertyKey, unknown>;

interface LinkedomSymbols {
  MIME: symbol;
  NEXT: symbol;
  END: symbol;
  VALUE: symbol;
}

/** The prototype on `proto`'s chain that defines `name` itself (linkedom's mixins define the searches). */
function definer(proto: object, name: string): object | null {
  let owner: object | null = proto;
  while (owner !== null && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner) as object | null;
  return owner;
}

/** Replaces the members on linkedom's Element prototype (and the searches its parent classes share); true when all four were replaced. */
export function patchLinkedomElement(proto: object, symbols: LinkedomSymbols, NodeList: new () => Element[]): boolean {
  const { MIME, VALUE, NEXT, END } = symbols;
  const className = Object.getOwnPropertyDescriptor(proto, 'className');
  const tagName = Object.getOwnPropertyDescriptor(proto, 'tagName');
  const nodeName = Object.getOwnPropertyDescriptor(proto, 'nodeName');
  let patched = 0;
  if (className?.get !== undefined && sourceHas(className.get, 'this.classList.value') && typeof (proto as { getAttributeNode?: unknown }).getAttributeNode === 'function') {
    Object.defineProperty(proto, 'className', {
      ...className,
      get(this: Element): string {
        const attr = this.getAttributeNode('class') as unknown as AnyNode | null;
        return attr === null ? '' : (attr[VALUE] as string);
      },
    });
    patched++;
  }
  // What linkedom's localCase gives: the name upper-cased in an HTML document, as it is in XML.
  const upper = new Map<string, string>();
  const localCase = (el: AnyNode, name: string): string => {
    if (!(((el['ownerDocument'] as AnyNode)[MIME] as { ignoreCase: boolean }).ignoreCase)) return name;
    let up = upper.get(name);
    if (up === undefined) upper.set(name, (up = name.toUpperCase()));
    return up;
  };
  if (tagName?.get !== undefined && nodeName?.get !== undefined && sourceHas(tagName.get, 'localCase(this)') && sourceHas(nodeName.get, 'localCase(this)')) {
    const get = function tagName(this: Element): string {
      return localCase(this as unknown as AnyNode, this.localName);
    };
    Object.defineProperty(proto, 'tagName', { ...tagName, get });
    Object.defineProperty(proto, 'nodeName', { ...nodeName, get });
    patched++;
  }
  let owner = definer(proto, 'getElementsByTagName');
  const byTag = owner === null ? undefined : (owner as { getElementsByTagName?: unknown }).getElementsByTagName;
  if (owner !== null && sourceHas(byTag, 'next.localName === tagName', 'localCase(next) === tagName', 'elements.push(next)')) {
    Object.defineProperty(owner, 'getElementsByTagName', {
      ...Object.getOwnPropertyDescriptor(owner, 'getElementsByTagName'),
      value: function getElementsByTagName(this: AnyNode, tagName: string): Element[] {
        const elements = new NodeList();
        const end = this[END];
        let next = this[NEXT] as AnyNode;
        // A name with a letter that upper-casing changes ("p", as Readability asks) is no
        // upper-cased name: only an element named exactly so can match, and no case is looked up.
        const exact = tagName !== tagName.toUpperCase();
        while (next !== end) {
          if (next['nodeType'] === 1) {
            const name = next['localName'] as string;
            if (name === tagName || (!exact && localCase(next, name) === tagName)) elements.push(next as unknown as Element);
          }
          next = next[NEXT] as AnyNode;
        }
        return elements;
      },
    });
    patched++;
  }
  owner = definer(proto, 'querySelectorAll');
  const query = owner === null ? undefined : (owner as { querySelectorAll?: (selectors: string) => Element[] }).querySelectorAll;
  if (owner !== null && query !== undefined && sourceHas(query, 'prepareMatch(this, selectors)', 'elements.push(next)')) {
    Object.defineProperty(owner, 'querySelectorAll', {
      ...Object.getOwnPropertyDescriptor(owner, 'querySelectorAll'),
      value: function querySelectorAll(this: Node, selectors: string): Element[] {
        const wanted = typeof selectors === 'string' ? plainTags(selectors) : null;
        if (wanted !== null && isHtmlNode(this as unknown as AnyNode, MIME)) {
          const elements = new NodeList();
          collectTags(this as unknown as AnyNode, wanted, elements, NEXT, END);
          return elements;
        }
        return query.call(this, selectors);
      },
    });
    patched++;
  }
  return patched === 4;
}

const PLAIN_TAG = /^[a-z][a-z0-9]*$/i;

const plainTagLists = new Map<string, ReadonlySet<string> | null>();

/** The tag names (lower case) of a selector list of plain tag names ("p, h2, h3"), else null. */
function plainTags(selectors: string): ReadonlySet<string> | null {
  let tags = plainTagLists.get(selectors);
  if (tags === undefined) {
    const names = selectors.split(',').map((t) => t.trim());
    tags = names.every((t) => PLAIN_TAG.test(t)) ? new Set(names.map((t) => t.toLowerCase())) : null;
    // Selectors come from code, not pages: a few dozen. The bound is for safety only.
    if (plainTagLists.size < 1024) plainTagLists.set(selectors, tags);
  }
  return tags;
}

/** A linkedom node (or linkedom's stand-in for a document) of an HTML document. */
function isHtmlNode(node: AnyNode, MIME: symbol): boolean {
  const doc = (node['nodeType'] === 9 ? node : node['ownerDocument']) as AnyNode | null | undefined;
  return doc !== null && doc !== undefined && (doc[MIME] as { ignoreCase?: boolean } | undefined)?.ignoreCase === true;
}

/** linkedom's querySelectorAll walk, with a tag-name test for the compiled selector. */
function collectTags(root: AnyNode, wanted: ReadonlySet<string>, out: Element[], NEXT: symbol, END: symbol): void {
  const end = root[END];
  let next = root[NEXT] as AnyNode;
  while (next !== end) {
    if (next['nodeType'] === 1) {
      const name = next['localName'] as string;
      if (wanted.has(name) || wanted.has(name.toLowerCase())) out.push(next as unknown as Element);
      next = (name === 'template' ? next[END] : next[NEXT]) as AnyNode;
    } else next = next[NEXT] as AnyNode;
  }
}

