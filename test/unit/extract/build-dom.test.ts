import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { buildDocument, joinedClasses, LazyEventTarget, loadLinkedom, type Internals } from '../../../src/extract/build-dom.js';
import { elementsIn, parsePage, prepareLinkedom, scriptDocument } from '../../../src/extract/dom.js';
import { hasVisibleText, patchReadability } from '../../../src/extract/readability-patch.js';
import { fixture } from '../../helpers.js';

const { linkedom, internals: maybeInternals } = loadLinkedom();
const internals = maybeInternals as Internals;
const parse = (html: string): Document => (linkedom.parseHTML(html) as unknown as { document: Document }).document;
const PAGES = ['ars-1', 'herald-sun-1', 'heise', 'lemonde-1', 'liberation-1'];

/** linkedom's own tree (as prepareLinkedom leaves it) without what the builder always leaves out. */
function reference(html: string): string {
  const doc = prepareLinkedom(parse(html), linkedom.parseHTML as unknown as (h: string) => { document: Document });
  for (const el of Array.from(doc.querySelectorAll('script, style'))) if (!/ld\+json/i.test(el.getAttribute('type') ?? '')) el.remove();
  // (comments serialise as <!--…-->; the builder leaves them out)
  return doc.documentElement.outerHTML.replace(/<!--[\s\S]*?-->/g, '');
}

describe('buildDocument', () => {
  it('finds linkedom internals', () => {
    expect(maybeInternals).not.toBeNull();
  });

  it.each(PAGES)('%s: builds the tree linkedom builds, less scripts, styles and comments', (name) => {
    const html = readFileSync(fixture('readability', name, 'source.html'), 'utf8');
    const built = buildDocument(html, internals).document;
    expect(built.documentElement.outerHTML).toBe(reference(html));
  });

  it('keeps JSON-LD, sets other scripts aside and counts the text it left out of the body', () => {
    const html =
      '<html><head><script>var a = "<b>";</script><script type="application/ld+json">{"@type":"NewsArticle"}</script></head>' +
      '<body><p>Text</p><script type="text/javascript">x()</script><!-- c --><style>p{}</style></body></html>';
    const b = buildDocument(html, internals);
    expect(b.scripts).toEqual([
      { type: null, code: 'var a = "<b>";' },
      { type: 'text/javascript', code: 'x()' },
    ]);
    expect(Array.from(b.document.querySelectorAll('script')).map((s) => s.textContent)).toEqual(['{"@type":"NewsArticle"}']);
    expect(b.document.body.innerHTML).toBe('<p>Text</p>');
    expect(b.prunedBodyChars).toBe(3);
    const scripts = scriptDocument(b.scripts);
    expect(Array.from(scripts.querySelectorAll('script')).map((s) => [s.getAttribute('type'), s.textContent])).toEqual([
      [null, 'var a = "<b>";'],
      ['text/javascript', 'x()'],
    ]);
  });

  it('leaves out the given tags, keeping the metadata inside them', () => {
    const html =
      '<html><body><nav><a href="/">Home</a><meta itemprop="x" content="y"><script type="application/ld+json">{}</script></nav>' +
      '<aside>Side</aside><article><p>Body</p><aside>Inner</aside></article><footer>Foot</footer></body></html>';
    const b = buildDocument(html, internals, { tags: new Set(['nav']), outside: new Set(['aside', 'footer']) });
    expect(b.document.body.innerHTML).toBe('<meta itemprop="x" content="y"><script type="application/ld+json">{}</script><article><p>Body</p><aside>Inner</aside></article>');
    expect(b.structuralChars).toBe('Home'.length + 'Side'.length + 'Foot'.length);
    expect(b.bodyChars).toBe('{}'.length + 'Body'.length + 'Inner'.length);
  });

  it('keeps data attributes only on the elements given', () => {
    const html = '<html><body><div data-state="{&quot;a&quot;:1}" class="c" data-x="1"><img data-src="a.jpg" src="b.jpg" data-y=""><p data-id="7">Text</p></div></body></html>';
    const all = buildDocument(html, internals);
    expect(all.document.body.innerHTML).toBe('<div data-state="{&quot;a&quot;:1}" class="c" data-x="1"><img data-src="a.jpg" src="b.jpg" data-y=""><p data-id="7">Text</p></div>');
    const some = buildDocument(html, internals, { dataAttributesOn: new Set(['img']) });
    expect(some.document.body.innerHTML).toBe('<div class="c"><img data-src="a.jpg" src="b.jpg" data-y=""><p>Text</p></div>');
  });

  it('drops <template>s with everything in them, and keeps the parser\'s implied closes', () => {
    const b = buildDocument('<html><body><p>a<template><meta name="x"><script>t()</script></template>b<div>c</div></body></html>', internals);
    expect(b.document.body.innerHTML).toBe('<p>ab</p><div>c</div>');
    expect(b.scripts).toEqual([]);
    const p = b.document.querySelector('p')!;
    expect(Array.from(p.childNodes).map((n) => n.nodeValue)).toEqual(['a', 'b']);
  });

  it('joins text runs split at entities and sets classes as linkedom does', () => {
    const b = buildDocument('<html><body><p class=" b  a b ">x &amp; y &lt; z</p></body></html>', internals);
    const p = b.document.querySelector('p')!;
    expect(p.childNodes.length).toBe(1);
    expect(p.textContent).toBe('x & y < z');
    expect(p.getAttribute('class')).toBe('b a');
    expect(p.className).toBe(parse('<p class=" b  a b ">x</p>').querySelector('p')!.className);
  });

  it('notes stray html, head and body elements for prepareLinkedom to unwrap', () => {
    expect(buildDocument('<html><head></head><body><p>a</p></body></html>', internals).strayRoots).toBe(false);
    expect(buildDocument('<html><body><div><body><p>a</p></body></div></body></html>', internals).strayRoots).toBe(true);
    const page = parsePage('<html><body><div><html><p>a</p></html></div></body></html>', 'linkedom');
    expect(page.document.body.innerHTML).toBe('<div><p>a</p></div>');
  });

  it('reads a page whose text is all in menus and asides', () => {
    const page = parsePage('<html><body><aside>Only the aside holds text here.</aside></body></html>', 'linkedom');
    expect(page.document.body.textContent).toBe('Only the aside holds text here.');
  });
});

describe('joinedClasses', () => {
  it('gives what linkedom\'s className makes of a class attribute', () => {
    const reference = (v: string): string => [...new Set(v.split(/\s+/).filter((t) => t !== ''))].join(' ');
    const parts = ['a', 'b', 'card', 'card--big', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', 'é', ''];
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % parts.length;
    const values = ['', ' ', 'a', 'a b', 'a a', 'a  b', ' a', 'a ', 'a\u00a0b', Array.from({ length: 40 }, (_, i) => `c${i % 39}`).join(' ')];
    for (let i = 0; i < 3000; i++) values.push(Array.from({ length: 1 + (i % 7) }, () => parts[next()]).join(i % 3 === 0 ? ' ' : ''));
    for (const v of values) expect(joinedClasses(v), JSON.stringify(v)).toBe(reference(v));
  });
});

describe('LazyEventTarget', () => {
  it('is the EventTarget linkedom nodes inherit, and dispatches as before', () => {
    const doc = parse('<html><body><div><p>x</p></div></body></html>');
    const p = doc.querySelector('p')!;
    expect(p instanceof (LazyEventTarget as unknown as typeof EventTarget)).toBe(true);
    const seen: string[] = [];
    doc.querySelector('div')!.addEventListener('ping', () => seen.push('div'));
    p.addEventListener('ping', () => seen.push('p'), { once: true });
    const Event = (linkedom as unknown as { Event: new (t: string, o: object) => Event }).Event;
    p.dispatchEvent(new Event('ping', { bubbles: true }));
    p.dispatchEvent(new Event('ping', { bubbles: true }));
    expect(seen).toEqual(['p', 'div', 'div']);
  });
});

describe('loadLinkedom', () => {
  it("loads linkedom's CSS parser when a style sheet is first read, and reads it as linkedom does", async () => {
    const linkedomDir = path.dirname(createRequire(import.meta.url).resolve('linkedom'));
    const file = createRequire(path.join(linkedomDir, 'index.js')).resolve('cssomnom/parse');
    const cached = createRequire(import.meta.url).cache[file]?.exports as { parse: unknown } | undefined;
    const real = ((await import(pathToFileURL(file).href)) as { parse: unknown }).parse;
    // What linkedom took at loading is the deferring stand-in, not the parser.
    expect(cached?.parse).toBeTypeOf('function');
    expect(cached?.parse).not.toBe(real);
    const sheet = (parse('<html><head><style>p { color: red } a:hover { color: blue }</style></head><body></body></html>').querySelector('style') as HTMLStyleElement).sheet!;
    expect(Array.from(sheet.cssRules).map((r) => r.cssText)).toEqual(['p { color: red; }', 'a:hover { color: blue; }']);
  });
});

describe('elementsIn', () => {
  it('lists what querySelectorAll("*") lists', () => {
    const doc = parse('<html><head><title>t</title></head><body><div><p>a<b>b</b></p><span></span></div><i></i></body></html>');
    expect(elementsIn(doc)).toEqual(Array.from(doc.querySelectorAll('*')));
    expect(elementsIn(doc.body)).toEqual(Array.from(doc.body.querySelectorAll('*')));
    expect(elementsIn(doc.querySelector('span')!)).toEqual([]);
    // A <template>'s content too (querySelectorAll leaves it out), as the walk from child to sibling found it.
    const withTemplate = parse('<html><body><p>a</p><template><i>x</i></template><div></div></body></html>');
    expect(elementsIn(withTemplate).map((el) => el.localName)).toEqual(['html', 'body', 'p', 'template', 'i', 'div']);
    expect(elementsIn(withTemplate.querySelector('template')!).map((el) => el.localName)).toEqual(['i']);
  });
});

describe('patchReadability', () => {
  it('patches the three helpers of this Readability version', () => {
    const doc = parse('<html><body><p>x</p></body></html>');
    const reader = new Readability(doc);
    patchReadability(reader, Readability.prototype);
    expect(Object.keys(reader).filter((k) => ['_isValidByline', '_isElementWithoutContent', '_isProbablyVisible'].includes(k)).sort()).toEqual([
      '_isElementWithoutContent',
      '_isProbablyVisible',
      '_isValidByline',
    ]);
  });

  it('gives what the originals give', () => {
    const doc = parse(
      '<html><body><div id="a"> <span> </span><br></div><div id="b"><i>x</i></div><p class="byline" id="c">By Ann</p><p rel="author" id="d"></p>' +
        '<div id="e" style="display: none">h</div><div id="f" aria-hidden="true" class="fallback-image">m</div><div id="g" hidden>h</div><div id="h" aria-hidden="true">n</div></body></html>',
    );
    const plain = new Readability(doc) as unknown as Record<string, (...a: unknown[]) => unknown>;
    const fast = new Readability(doc) as unknown as Record<string, (...a: unknown[]) => unknown>;
    patchReadability(fast, Readability.prototype);
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      for (const m of ['_isElementWithoutContent', '_isProbablyVisible']) expect(!!fast[m]!(el), `${m} ${el.outerHTML}`).toBe(!!plain[m]!(el));
      for (const s of ['byline', 'story', '']) expect(fast['_isValidByline']!(el, s), `byline ${el.outerHTML}`).toBe(plain['_isValidByline']!(el, s));
    }
    expect(hasVisibleText(doc.querySelector('#a')!)).toBe(false);
    expect(hasVisibleText(doc.querySelector('#b')!)).toBe(true);
  });

  it.each(PAGES)('%s: parse() no longer serialises the article it grabs for its log, and gives the same article', (name) => {
    const html = readFileSync(fixture('readability', name, 'source.html'), 'utf8');
    const run = (patched: boolean): { logged: string[]; content: string; text: string | null | undefined } => {
      const reader = new Readability(parse(html), { serializer: (el: Node) => el, keepClasses: true });
      if (patched) patchReadability(reader, Readability.prototype);
      const logged: string[] = [];
      (reader as unknown as { log: (...a: unknown[]) => void }).log = (...a: unknown[]) => logged.push(a.map(String).join(' '));
      const article = reader.parse()!;
      const content = article.content as unknown as Element;
      return { logged: logged.filter((l) => l.startsWith('Grabbed: ')), content: content.innerHTML, text: article.textContent };
    };
    const plain = run(false);
    const quiet = run(true);
    // (the article as grabbed, before parse() cleans it up)
    expect(plain.logged).toHaveLength(1);
    expect(plain.logged[0]!.length).toBeGreaterThan(1000);
    expect(quiet.logged).toEqual(['Grabbed: ']);
    // The article is the element as it was, its innerHTML its own again.
    expect(quiet.content).toBe(plain.content);
    expect(quiet.content.length).toBeGreaterThan(1000);
    expect(quiet.text).toBe(plain.text);
  });

  it("leaves parse() as it is when debugging (the log is then read)", () => {
    const reader = new Readability(parse('<html><body><p>x</p></body></html>'), { debug: true });
    patchReadability(reader, Readability.prototype);
    expect(Object.keys(reader)).not.toContain('parse');
  });
});
