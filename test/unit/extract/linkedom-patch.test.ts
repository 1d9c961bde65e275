import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument, loadLinkedom, type Internals } from '../../../src/extract/build-dom.js';
import { elementsIn } from '../../../src/extract/dom.js';
import { fixture, ROOT } from '../../helpers.js';

// The patched linkedom is the CommonJS build reprint loads; its ES module build is a second copy
// of the library, never patched: the reference for what the originals give.
const { linkedom, internals: maybeInternals } = loadLinkedom();
const internals = maybeInternals as Internals;
const require = createRequire(path.join(ROOT, 'package.json'));
const esmEntry = path.join(path.dirname(require.resolve('linkedom')), '..', 'esm', 'index.js');
const original = (await import(pathToFileURL(esmEntry).href)) as typeof import('linkedom');

const patched = (html: string): Document => (linkedom.parseHTML(html) as unknown as { document: Document }).document;
const unpatched = (html: string): Document => (original.parseHTML(html) as unknown as { document: Document }).document;

const PAGES = [
  ...['ars-1', 'herald-sun-1', 'heise', 'lemonde-1', 'liberation-1'].map((n) => fixture('readability', n, 'source.html')),
  ...readdirSync(fixture('html')).map((n) => fixture('html', n)),
];
const TAGS = ['p', 'P', 'div', 'a', 'img', 'svg', 'path', 'br', 'h2', 'li', 'nope'];
// Tag lists (the walk) as Readability and the page rules ask for them, and other selectors (css-select).
const SELECTORS = ['h1,h2', 'P', 'img, picture, figure', 'a', 'table', 'p, h2, h3, h4', 'script,noscript', 'a[href]', 'div p', '[class]'];

/** The positions (in document order) of `found` among `all`. */
const positions = (all: Element[], found: ArrayLike<Element>): number[] => Array.from(found, (el) => all.indexOf(el));

describe('linkedom element getters', () => {
  it('are replaced in this linkedom version', () => {
    const proto = (linkedom as unknown as { HTMLElement: { prototype: object } }).HTMLElement.prototype;
    const getter = (name: string): string => {
      for (let p: object | null = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
        const d = Object.getOwnPropertyDescriptor(p, name);
        if (d !== undefined) return String(d.get ?? d.value);
      }
      return '';
    };
    expect(getter('className')).not.toContain('classList.value');
    expect(getter('tagName')).not.toContain('localCase(this)');
    expect(getter('nodeName')).not.toContain('localCase(this)');
    expect(getter('getElementsByTagName')).not.toContain('localCase(next) === tagName');
    expect(getter('querySelectorAll')).not.toContain('prepareMatch(this, selectors)');
  });

  it.each(PAGES.map((p) => [path.relative(ROOT, p), p]))('%s: give what the originals give', (_, file) => {
    const html = readFileSync(file, 'utf8');
    const a = patched(html);
    const b = unpatched(html);
    const ea = elementsIn(a);
    const eb = elementsIn(b);
    expect(ea.length).toBe(eb.length);
    expect(ea.length).toBeGreaterThan(20);
    let classes = 0;
    for (let i = 0; i < ea.length; i++) {
      const x = ea[i]!;
      const y = eb[i]!;
      expect([x.className, x.getAttribute('class'), x.tagName, x.nodeName]).toEqual([y.className, y.getAttribute('class'), y.tagName, y.nodeName]);
      if (x.className !== '') classes++;
    }
    expect(classes).toBeGreaterThan(0);
    for (const root of [a, a.body, ea[Math.floor(ea.length / 2)]!]) {
      const other = root === a ? b : root === a.body ? b.body : eb[Math.floor(ea.length / 2)]!;
      for (const tag of TAGS) expect(positions(ea, root.getElementsByTagName(tag)), tag).toEqual(positions(eb, other.getElementsByTagName(tag)));
      for (const selectors of SELECTORS) expect(positions(ea, root.querySelectorAll(selectors)), selectors).toEqual(positions(eb, other.querySelectorAll(selectors)));
    }
  });

  it('keep className and the class attribute in step through every change', () => {
    const steps: [string, (el: Element) => void][] = [
      ['setAttribute', (el) => el.setAttribute('class', '  b   a b\tc ')],
      ['classList.add', (el) => el.classList.add('d', 'a')],
      ['classList.remove', (el) => el.classList.remove('b')],
      ['classList.toggle', (el) => el.classList.toggle('e')],
      ['classList.replace', (el) => el.classList.replace('a', 'f')],
      ['className =', (el) => (el.className = 'g  h g')],
      ['removeAttribute', (el) => el.removeAttribute('class')],
      ['className = ""', (el) => (el.className = '')],
    ];
    const x = patched('<html><body><p class=" z  y z ">t</p></body></html>').querySelector('p')!;
    const y = unpatched('<html><body><p class=" z  y z ">t</p></body></html>').querySelector('p')!;
    expect(x.className).toBe('z y');
    for (const [name, step] of steps) {
      step(x);
      step(y);
      expect([x.className, x.getAttribute('class')], name).toEqual([y.className, y.getAttribute('class')]);
    }
  });

  it('give the pruning parse\'s classes as linkedom joins them', () => {
    const doc = buildDocument('<html><body><div class=" a  b a"><p class="">x</p><i>y</i></div></body></html>', internals).document;
    const els = elementsIn(doc.body);
    expect(els.map((el) => el.className)).toEqual(['a b', '', '']);
    expect(els.map((el) => [...el.classList].join(' '))).toEqual(['a b', '', '']);
  });

  it('find elements by a name in any case as linkedom does, SVG names in mixed case included', () => {
    const html =
      '<html><body><div><svg><defs><clipPath id="c"><rect/></clipPath><linearGradient id="g"></linearGradient></defs><foreignObject><p>x</p></foreignObject></svg>' +
      '<P>y</P><Div>z</Div></div></body></html>';
    const a = patched(html);
    const b = unpatched(html);
    const names = ['clipPath', 'clippath', 'CLIPPATH', 'linearGradient', 'LINEARGRADIENT', 'foreignObject', 'foreignobject', 'p', 'P', 'div', 'DIV', 'Div', 'rect', 'RECT', 'svg', 'SVG'];
    const found = names.map((n) => a.getElementsByTagName(n).length);
    expect(found).toEqual(names.map((n) => b.getElementsByTagName(n).length));
    // (linkedom's HTML parser lower-cases SVG names too: "clipPath" finds nothing, its lower and upper case find it)
    expect(found).toEqual([0, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2, 0, 1, 1, 1, 1]);
  });

  it('keep the case of names in an XML document', () => {
    const xml = new linkedom.DOMParser().parseFromString('<root><Item id="1"><sub/></Item><item/></root>', 'text/xml') as unknown as Document;
    const ref = new original.DOMParser().parseFromString('<root><Item id="1"><sub/></Item><item/></root>', 'text/xml') as unknown as Document;
    expect(elementsIn(xml).map((el) => el.tagName)).toEqual(['root', 'Item', 'sub', 'item']);
    expect(elementsIn(xml).map((el) => el.tagName)).toEqual(elementsIn(ref).map((el) => el.tagName));
    expect(xml.getElementsByTagName('Item').length).toBe(1);
    expect(xml.getElementsByTagName('item').length).toBe(ref.getElementsByTagName('item').length);
    for (const selectors of ['item', 'Item', 'item, sub']) {
      expect(Array.from(xml.querySelectorAll(selectors), (el) => el.tagName), selectors).toEqual(Array.from(ref.querySelectorAll(selectors), (el) => el.tagName));
    }
  });
});

describe('querySelectorAll', () => {
  const html = '<html><body><p>a</p><template><p>b</p></template><div><p>c</p><P>d</P></div></body></html>';

  it('lists tags as linkedom does: in document order, any case, a <template>\'s content skipped, the root left out', () => {
    const a = patched(html);
    const b = unpatched(html);
    for (const selectors of ['p,template', ' P , TEMPLATE ', 'p', 'div, p']) {
      for (const [x, y] of [[a, b], [a.body, b.body], [a.querySelector('div')!, b.querySelector('div')!]] as const) {
        expect(Array.from(x.querySelectorAll(selectors), (el) => el.outerHTML), selectors).toEqual(Array.from(y.querySelectorAll(selectors), (el) => el.outerHTML));
      }
    }
    expect(Array.from(a.querySelectorAll('p,template'), (el) => el.textContent)).toEqual(['a', 'b', 'c', 'd']);
    expect(a.querySelectorAll('p').length).toBe(3);
    // linkedom's own list type
    expect(a.querySelectorAll('p').item(0)?.textContent).toBe('a');
  });

  it('leaves other selectors to linkedom, errors included', () => {
    const a = patched(html);
    const b = unpatched(html);
    const outcome = (doc: Document, selectors: string): string[] | 'threw' => {
      try {
        return Array.from(doc.querySelectorAll(selectors), (el) => el.outerHTML);
      } catch {
        return 'threw';
      }
    };
    for (const selectors of ['*', 'div > p', 'p:first-child', '[hidden]', 'p,', ',p', 'p,,div', '', 'p div,']) {
      expect(outcome(a, selectors), JSON.stringify(selectors)).toEqual(outcome(b, selectors));
    }
    expect(outcome(a, 'p,')).toBe('threw');
  });
});
