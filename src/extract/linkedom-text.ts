/**
 * The length of an element's text as Readability measures it, `el.textContent.trim()` with runs of
 * white space made one space, without building that text, over linkedom's node chain.
 *
 * Readability's link density divides the text inside links by all of an element's text, and its
 * candidate search asks it of every candidate: each scored paragraph's ancestors up to five levels
 * up, the body's wrappers among them. Each call builds the text of the whole subtree, so a page's
 * text is built once for every level it lies under: on the 288 news pages of the HTML bench, 20
 * million characters built for 16,000 calls, the largest of Readability's costs after its tree
 * walk. Here each text node is measured once a page (keyed by its text) and each element once
 * while no tree changes, from its children's measures, with the white space where two runs of
 * text meet counted as Readability's regular expression counts it. Its text density and comma
 * counts use the same measures (readability-patch.ts).
 *
 * White space is what `\s` and `trim()` agree on (ECMAScript's WhiteSpace and LineTerminator):
 * tab, line feed, vertical tab, form feed, carriage return, space, U+00A0, U+1680, U+2000 to
 * U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
 */

type ChainNode = Record<PropertyKey, unknown>;

export interface ChainSymbols {
  NEXT: symbol;
  END: symbol;
  VALUE: symbol;
}

function isSpace(c: number): boolean {
  if (c > 0x20 && c < 0xa0) return false;
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// A text node's measure, packed in one number: the length of its text between its outer white
// space, runs made one space, times 4, plus the two flags below. A node of white space only has
// length 0 and both flags when it is not empty.
const LEADS = 1;
const TRAILS = 2;

function measure(text: string): number {
  const n = text.length;
  let from = 0;
  while (from < n && isSpace(text.charCodeAt(from))) from++;
  if (from === n) return n === 0 ? 0 : LEADS | TRAILS;
  let to = n;
  while (isSpace(text.charCodeAt(to - 1))) to--;
  let length = 0;
  let i = from;
  while (i < to) {
    length++;
    if (isSpace(text.charCodeAt(i++))) while (isSpace(text.charCodeAt(i))) i++;
  }
  return length * 4 + (from > 0 ? LEADS : 0) + (to < n ? TRAILS : 0);
}

/** `root.textContent.length` for a linkedom node, without joining its texts. */
export function rawTextLength(root: object, symbols: ChainSymbols): number {
  const { NEXT, END, VALUE } = symbols;
  const end = (root as ChainNode)[END];
  let n = 0;
  for (let next = (root as ChainNode)[NEXT] as ChainNode; next !== end; next = next[NEXT] as ChainNode) {
    const type = next['nodeType'];
    if (type === 3 || type === 4) n += (next[VALUE] as string).length;
  }
  return n;
}

/** Two runs of text one after the other, as one: their measures joined. */
function join(a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0) return a;
  const first = a >>> 2;
  const second = b >>> 2;
  // A run of white space only: it adds its white space to the other's edge.
  if (first === 0) return second === 0 ? LEADS | TRAILS : second * 4 + LEADS + (b & TRAILS);
  if (second === 0) return first * 4 + (a & LEADS) + TRAILS;
  // White space where they meet, however long, is one space.
  const between = (a & TRAILS) !== 0 || (b & LEADS) !== 0 ? 1 : 0;
  return (first + between + second) * 4 + (a & LEADS) + (b & TRAILS);
}

/**
 * Text lengths over one page's linkedom nodes; a new one for each page (it remembers the page's
 * texts). `hashLink` tells a link Readability weighs at 0.3 by its href (`#...`).
 */
export class TextLengths {
  private readonly texts = new Map<string, number>();
  private readonly textCommas = new Map<string, number>();
  // Each element's measure, the summed text lengths of the links under it and how many of those
  // are hash links, while the trees are as they were when taken (`changes` unchanged).
  private readonly elements = new Map<object, number>();
  private readonly links = new Map<object, number>();
  private readonly hashLinks = new Map<object, number>();
  private taken = -1;

  /** `changes` counts the changes to linkedom's trees (build-dom.ts); without it, nothing is kept between calls. */
  constructor(
    private readonly symbols: ChainSymbols,
    private readonly changes: (() => number) | null,
    private readonly hashLink: (href: string | null) => boolean,
  ) {}

  /** `root.textContent.trim().replace(/\s{2,}/g, ' ').length`, for a linkedom element. */
  of(root: object): number {
    this.check();
    return this.measureElement(root as ChainNode) >>> 2;
  }

  /**
   * The sum of `of(a)` over the <a> elements under `root` (`root.getElementsByTagName('a')`), or
   * null when one of them is a hash link (weighed, its share is not a whole number: the caller adds
   * in document order, as Readability does, for the same rounding).
   */
  linkLength(root: object): number | null {
    this.check();
    this.measureElement(root as ChainNode);
    return this.hashLinks.get(root)! > 0 ? null : this.links.get(root)!;
  }

  /** How many commas `root.textContent` holds (white space aside, the text Readability counts them in). */
  commas(root: object): number {
    const { NEXT, END, VALUE } = this.symbols;
    const end = (root as ChainNode)[END];
    let n = 0;
    for (let next = (root as ChainNode)[NEXT] as ChainNode; next !== end; next = next[NEXT] as ChainNode) {
      const type = next['nodeType'];
      if (type !== 3 && type !== 4) continue;
      const text = next[VALUE] as string;
      let c = this.textCommas.get(text);
      if (c === undefined) {
        c = 0;
        for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) c++;
        this.textCommas.set(text, c);
      }
      n += c;
    }
    return n;
  }

  private check(): void {
    const changes = this.changes === null ? -1 : this.changes();
    if (changes !== this.taken || changes === -1) {
      this.elements.clear();
      this.links.clear();
      this.hashLinks.clear();
      this.taken = changes;
    }
  }

  // Element by element, so that an element measured for one call is not walked again in the next
  // (Readability asks of a candidate and then of its ancestors). Depth is bounded: Readability
  // does not run on a tree deeper than MAX_READABILITY_DEPTH (readability.ts).
  private measureElement(element: ChainNode): number {
    const known = this.elements.get(element);
    if (known !== undefined) return known;
    const { NEXT, END, VALUE } = this.symbols;
    const end = element[END];
    let next = element[NEXT] as ChainNode;
    let m = 0;
    let links = 0;
    let hashLinks = 0;
    while (next !== end) {
      const type = next['nodeType'];
      if (type === 1) {
        const child = this.measureElement(next);
        m = join(m, child);
        links += this.links.get(next)!;
        hashLinks += this.hashLinks.get(next)!;
        // getElementsByTagName('a'): the local name as it is (linkedom upper-cases the name it
        // compares in HTML documents, where 'a' is then never equal).
        if (next['localName'] === 'a') {
          if (this.hashLink((next as unknown as Element).getAttribute('href'))) hashLinks++;
          else links += child >>> 2;
        }
        next = (next[END] as ChainNode)[NEXT] as ChainNode;
        continue;
      }
      // Text and CDATA sections: what textContent joins.
      if (type === 3 || type === 4) {
        const text = next[VALUE] as string;
        let t = this.texts.get(text);
        if (t === undefined) this.texts.set(text, (t = measure(text)));
        m = join(m, t);
      }
      next = next[NEXT] as ChainNode;
    }
    this.elements.set(element, m);
    this.links.set(element, links);
    this.hashLinks.set(element, hashLinks);
    return m;
  }
}
