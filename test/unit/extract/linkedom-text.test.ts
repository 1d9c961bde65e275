import { readdirSync, readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { loadLinkedom, type Internals } from '../../../src/extract/build-dom.js';
import { elementsIn, parsePage } from '../../../src/extract/dom.js';
import { rawTextLength, TextLengths } from '../../../src/extract/linkedom-text.js';
import { patchReadability } from '../../../src/extract/readability-patch.js';
import { fixture } from '../../helpers.js';

const { linkedom, internals: maybeInternals } = loadLinkedom();
const internals = maybeInternals as Internals;
const parse = (html: string): Document => (linkedom.parseHTML(html) as unknown as { document: Document }).document;

/** What Readability's `_getInnerText(el).length` is. */
const innerTextLength = (el: Element): number => (el.textContent ?? '').trim().replace(/\s{2,}/g, ' ').length;
const HASH = /^#.+/;
const isHash = (href: string | null): boolean => !!href && HASH.test(href);
const lengthsOf = (): TextLengths => new TextLengths(internals, internals.changes, isHash);

const PAGES = [
  ...['ars-1', 'herald-sun-1', 'heise', 'lemonde-1', 'liberation-1'].map((n) => fixture('readability', n, 'source.html')),
  ...readdirSync(fixture('html')).map((n) => fixture('html', n)),
];

describe('TextLengths', () => {
  it('counts the changes to linkedom trees (so it can keep measures between calls)', () => {
    expect(internals.changes).not.toBeNull();
    const before = internals.changes!();
    const doc = parse('<p>a</p>');
    const after = internals.changes!();
    expect(after).toBeGreaterThan(before);
    doc.querySelector('p')!.firstChild!.nodeValue = 'b';
    expect(internals.changes!()).toBeGreaterThan(after);
  });

  it('measures white space as trim() and /\\s{2,}/ do, across text nodes', () => {
    const cases = [
      '<div></div>',
      '<div>   </div>',
      '<div> a </div>',
      '<div>a  b\n\n c\u00a0\u00a0d\u3000e\ufeff</div>',
      '<div><b>a</b><i>b</i></div>',
      '<div><b>a </b><i>b</i></div>',
      '<div><b>a</b><i> b</i></div>',
      '<div><b>a</b> <i>b</i></div>',
      '<div><b>a</b><span> </span><span></span><i>b</i></div>',
      '<div><span> </span>a<span>\n</span></div>',
      '<div><b></b>a<b></b><b>\t</b><b></b>b<b> </b></div>',
      '<div>\u2028a\u2029\u2000\u200ab\u202f\u205fc\u1680\u000bd\u000c</div>',
      '<div>a\u200bb\u0085c</div>',
      '<div><p>one <a href="#x">two</a></p><p> three<a href="/y"> four </a></p></div>',
    ];
    for (const html of cases) {
      const doc = parse(`<html><body>${html}</body></html>`);
      const lengths = lengthsOf();
      for (const el of elementsIn(doc)) expect(lengths.of(el), `${html} ${el.tagName}`).toBe(innerTextLength(el));
    }
  });

  it.each(PAGES.map((p) => [p.split('/').slice(-2).join('/'), p]))('%s: every element measures what Readability would build', (_, file) => {
    const html = readFileSync(file, 'utf8');
    const doc = parsePage(html, 'linkedom').document;
    const lengths = lengthsOf();
    const elements = elementsIn(doc);
    expect(elements.length).toBeGreaterThan(20);
    let withLinks = 0;
    let hashed = 0;
    // From the innermost out and then again in order: the kept measures of children serve their parents.
    for (const el of [...elements].reverse().concat(elements)) {
      expect(lengths.of(el)).toBe(innerTextLength(el));
      expect(rawTextLength(el, internals)).toBe((el.textContent ?? '').length);
      const links = Array.from(el.getElementsByTagName('a'));
      const linkLength = lengths.linkLength(el);
      if (links.some((a) => isHash(a.getAttribute('href')))) {
        expect(linkLength).toBeNull();
        hashed++;
      } else {
        expect(linkLength).toBe(links.reduce((n, a) => n + innerTextLength(a), 0));
        if (links.length > 0) withLinks++;
      }
    }
    expect(withLinks).toBeGreaterThan(0);
    expect(hashed + withLinks).toBeGreaterThan(0);
  });

  it('measures again after the tree changes', () => {
    const doc = parse('<html><body><div id="d"><p>one two</p><p>three <a href="/x">four</a></p></div></body></html>');
    const div = doc.getElementById('d')!;
    const lengths = lengthsOf();
    const check = (): void => {
      expect(lengths.of(div)).toBe(innerTextLength(div));
      const links = Array.from(div.getElementsByTagName('a'));
      expect(lengths.linkLength(div)).toBe(links.some((a) => isHash(a.getAttribute('href'))) ? null : links.reduce((n, a) => n + innerTextLength(a), 0));
    };
    check();
    const changes: ((d: Element) => void)[] = [
      (d) => d.appendChild(doc.createTextNode('  five ')),
      (d) => d.firstElementChild!.remove(),
      (d) => (d.querySelector('a')!.firstChild!.nodeValue = 'a much longer link'),
      (d) => d.insertBefore(doc.createElement('span'), d.firstChild).appendChild(doc.createTextNode('six')),
      (d) => d.replaceChild(doc.createTextNode('seven'), d.firstChild!),
      (d) => (d.querySelector('p')!.innerHTML = 'eight <a href="/z">nine ten</a>'),
      (d) => (d.querySelector('p')!.textContent = 'eleven'),
      (d) => d.append(doc.createElement('a')),
      (d) => d.querySelector('a')!.setAttribute('href', '#top'),
      (d) => d.querySelector('a')!.setAttribute('href', '/back'),
    ];
    for (const change of changes) {
      change(div);
      check();
    }
  });
});

describe("Readability's densities and comma counts, measured", () => {
  type Own = {
    _getLinkDensity(el: Element): number;
    _getTextDensity(el: Element, tags: string[]): number;
    _getCharCount(el: Element, s?: string): number;
  };
  const TEXTISH = ['SPAN', 'LI', 'TD', 'A', 'BLOCKQUOTE', 'DL', 'DIV', 'IMG', 'OL', 'P', 'PRE', 'TABLE', 'UL'];
  const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

  it.each(PAGES.map((p) => [p.split('/').slice(-2).join('/'), p]))('%s: the same numbers for every element', (_, file) => {
    const doc = parsePage(readFileSync(file, 'utf8'), 'linkedom').document;
    const reader = new Readability(doc);
    const own = reader as unknown as Own;
    const original = Readability.prototype as unknown as Own;
    patchReadability(reader, Readability.prototype, lengthsOf());
    expect(own._getLinkDensity).not.toBe(original._getLinkDensity);
    expect(own._getTextDensity).not.toBe(original._getTextDensity);
    expect(own._getCharCount).not.toBe(original._getCharCount);
    let dense = 0;
    let texty = 0;
    let commas = 0;
    for (const el of elementsIn(doc)) {
      const d = own._getLinkDensity(el);
      expect(d).toBe(original._getLinkDensity.call(reader, el));
      if (d > 0) dense++;
      for (const tags of [TEXTISH, HEADINGS]) {
        const t = own._getTextDensity(el, tags);
        expect(t).toBe(original._getTextDensity.call(reader, el, tags));
        if (t > 0) texty++;
      }
      const c = own._getCharCount(el, ',');
      expect(c).toBe(original._getCharCount.call(reader, el, ','));
      expect(own._getCharCount(el)).toBe(c);
      expect(own._getCharCount(el, '.')).toBe(original._getCharCount.call(reader, el, '.'));
      if (c > 0) commas++;
    }
    expect(dense).toBeGreaterThan(0);
    expect(texty).toBeGreaterThan(0);
    expect(commas).toBeGreaterThan(0);
  });
});
