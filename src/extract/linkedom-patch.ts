/**
 * Cheaper versions of linkedom 0.18's element getters that Readability and the page rules call on
 * every element, with the same results, and a tag search without a selector engine.
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
 *   the name asked for; it uses the names made once too.
 * - `elementsWithTags` is what `root.querySelectorAll('h1,h2')` gives for plain tag names, in
 *   document order, without compiling a selector on each call (Readability asks for tags
 *   hundreds of times a page).
 *
 * Each getter is replaced only when linkedom's own is the one expected (its source names what the
 * replacement relies on), so another version of linkedom runs as it is.
 */

type AnyNode = Record<PropertyKey, unknown>;

interface LinkedomSymbols {
  MIME: symbol;
  NEXT: symbol;
  END: symbol;
  VALUE: symbol;
}

const sourceHas = (getter: unknown, ...parts: string[]): boolean => typeof getter === 'function' && parts.every((p) => String(getter).includes(p));

/** Replaces the getters on linkedom's Element prototype (and the tag search its parent classes share); true when all three were replaced. */
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
  let owner: object | null = proto;
  while (owner !== null && !Object.prototype.hasOwnProperty.call(owner, 'getElementsByTagName')) owner = Object.getPrototypeOf(owner) as object | null;
  const byTag = owner === null ? undefined : (owner as { getElementsByTagName?: unknown }).getElementsByTagName;
  if (owner !== null && sourceHas(byTag, 'next.localName === tagName', 'localCase(next) === tagName', 'elements.push(next)')) {
    Object.defineProperty(owner, 'getElementsByTagName', {
      ...Object.getOwnPropertyDescriptor(owner, 'getElementsByTagName'),
      value: function getElementsByTagName(this: AnyNode, tagName: string): Element[] {
        const elements = new NodeList();
        const end = this[END];
        let next = this[NEXT] as AnyNode;
        while (next !== end) {
          if (next['nodeType'] === 1) {
            const name = next['localName'] as string;
            if (name === tagName || localCase(next, name) === tagName) elements.push(next as unknown as Element);
          }
          next = next[NEXT] as AnyNode;
        }
        return elements;
      },
    });
    patched++;
  }
  return patched === 3;
}

const PLAIN_TAG = /^[a-z][a-z0-9]*$/i;

/**
 * The elements under `root` (not `root` itself) whose tag is one of `tags`, in document order, as
 * linkedom's `querySelectorAll(tags.join(','))` lists them in an HTML document (tag names match
 * whatever their case; a <template>'s content is skipped), or null when `root` is not a linkedom
 * node of an HTML document or a name is not a plain tag name.
 */
export function elementsWithTags(root: Node, tags: readonly string[], symbols: LinkedomSymbols): Element[] | null {
  const { NEXT, END, MIME } = symbols;
  const r = root as unknown as AnyNode;
  const end = r[END];
  if (end === undefined || r[NEXT] === undefined) return null;
  const doc = (root.nodeType === 9 ? root : root.ownerDocument) as unknown as AnyNode | null;
  if (doc === null || !(doc[MIME] as { ignoreCase?: boolean } | undefined)?.ignoreCase) return null;
  const wanted = new Set<string>();
  for (const t of tags) {
    if (!PLAIN_TAG.test(t)) return null;
    wanted.add(t.toLowerCase());
  }
  const out: Element[] = [];
  let next = r[NEXT] as AnyNode;
  while (next !== end) {
    if (next['nodeType'] === 1) {
      const name = next['localName'] as string;
      if (wanted.has(name) || wanted.has(name.toLowerCase())) out.push(next as unknown as Element);
      next = (name === 'template' ? next[END] : next[NEXT]) as AnyNode;
    } else next = next[NEXT] as AnyNode;
  }
  return out;
}
