import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { describe, expect, it, vi } from 'vitest';
import { extractHtml, blockText, firstAttemptLikelyFails } from '../../../src/extract/readability.js';
import { pageParagraphs } from '../../../src/extract/structure.js';
import { parsePage, stripStyleSheets } from '../../../src/extract/dom.js';
import { readMetadata } from '../../../src/extract/metadata.js';
import { fixture } from '../../helpers.js';

// Five of Readability's own test pages (news, three languages), copied into fixtures/readability
// with Readability's output for each (fixtures/README.md). All 130 pages are compared by `npm run eval`.
const PAGES = ['ars-1', 'herald-sun-1', 'heise', 'lemonde-1', 'liberation-1'];
const pageFile = (name: string, file: string): string => readFileSync(fixture('readability', name, file), 'utf8');

/** 4-word shingles of each line (letters and digits only), as a set. */
function shingles(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const w = line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (let i = 0; i + 4 <= w.length; i++) out.add(w.slice(i, i + 4).join(' '));
  }
  return out;
}

describe('Readability test pages (fixtures/readability)', () => {
  it('has the pages', () => {
    expect(readdirSync(fixture('readability')).filter((n) => existsSync(fixture('readability', n, 'source.html'))).sort()).toEqual([...PAGES].sort());
  });

  it.each(PAGES)('%s: linkedom and jsdom give the same article text and metadata', (name) => {
    const html = pageFile(name, 'source.html');
    const a = extractHtml(html, { dom: 'linkedom' });
    const b = extractHtml(html, { dom: 'jsdom' });
    expect(a.text.length).toBeGreaterThan(200);
    expect(a).toEqual(b);
  });

  it.each(PAGES)('%s: the text is Readability\'s article (at most a few lines left out), with its title and site name', (name) => {
    const doc = extractHtml(pageFile(name, 'source.html'), { dom: 'linkedom', url: 'http://fakehost/test/page.html' });
    const expected = blockText(parsePage(pageFile(name, 'expected.html'), 'linkedom').document.body);
    const want = shingles(expected);
    const got = shingles(doc.text);
    const kept = [...want].filter((g) => got.has(g)).length;
    const extra = [...got].filter((g) => !want.has(g)).length;
    expect(kept / want.size).toBeGreaterThan(0.95); // 0.99 or more on these pages
    expect(extra / got.size).toBeLessThan(0.03); // none on these pages
    const meta = JSON.parse(pageFile(name, 'expected-metadata.json')) as { title: string; siteName: string; publishedTime: string | null };
    expect(doc.title).toBe(meta.title);
    expect(doc.outlet).toBe(meta.siteName);
    if (meta.publishedTime) expect(doc.published).toBe(meta.publishedTime.slice(0, 10));
  });
});

describe('page metadata', () => {
  const page = (html: string) => parsePage(html, 'linkedom').document;

  it('prefers og:site_name, then JSON-LD publisher, then the canonical host', () => {
    expect(readMetadata(page('<head><meta property="og:site_name" content="The Herald"><link rel="canonical" href="https://www.herald.example/a"></head>')).outlet).toBe('The Herald');
    expect(
      readMetadata(page('<head><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Caspian Observer"}}</script></head>')).outlet,
    ).toBe('Caspian Observer');
    expect(readMetadata(page('<head><link rel="canonical" href="https://www.herald.example/a"></head>')).outlet).toBe('herald.example');
  });

  it('reads the published date from meta, JSON-LD or <time>, as an ISO date', () => {
    expect(readMetadata(page('<meta property="article:published_time" content="2025-06-02T08:30:00Z">')).published).toBe('2025-06-02');
    expect(readMetadata(page('<script type="application/ld+json">[{"@graph":[{"@type":"NewsArticle","datePublished":"2025-09-14T10:00:00+04:00"}]}]</script>')).published).toBe('2025-09-14');
    const t = readMetadata(page('<article><time datetime="2025-05-31">Saturday, May 31, 2025</time></article>'));
    expect(t).toMatchObject({ published: '2025-05-31', dateline: 'Saturday, May 31, 2025' });
  });

  it('survives malformed JSON-LD', () => {
    expect(readMetadata(page('<script type="application/ld+json">{not json</script><title>T</title>')).documentTitle).toBe('T');
  });

  it('drops the outlet suffix from the title', () => {
    expect(readMetadata(page('<head><meta property="og:site_name" content="The Steppe Herald"><title>What really happened | The Steppe Herald</title></head>')).documentTitle).toBe('What really happened');
  });
});

describe('HTML text', () => {
  it('keeps block boundaries and skips invisible elements', () => {
    const doc = parsePage('<body><p>One <b>two</b></p><div hidden>secret</div><script>x()</script><ul><li>three</li><li>four</li></ul></body>', 'linkedom').document;
    expect(blockText(doc.body)).toBe('One two\n\nthree\n\nfour');
  });

  it('empties style sheets before parsing', () => {
    expect(stripStyleSheets('<style media="x">a{b:c}</style><p>t</p>')).toBe('<style media="x"></style><p>t</p>');
  });

  it('falls back to the visible body text when Readability finds no article', () => {
    // Readability discards an <aside>-only page; its text is still what the page shows.
    const doc = extractHtml('<html><body><aside>Short note with a few words only, not an article at all.</aside></body></html>', { dom: 'linkedom' });
    expect(doc.method).toBe('body-text');
    expect(doc.text).toContain('Short note');
  });
});

describe('Readability\'s second attempt', () => {
  // The article sits in a block whose class Readability's first attempt strips ("comment"), so
  // the first attempt finds almost nothing and Readability starts again from its copy of the page.
  const para = (i: number): string =>
    `<p>Paragraph ${i} of the statement says that the ministry will publish the figures of the census for every region by the end of the year, as the law requires.</p>`;
  const html =
    '<html><head><title>Census figures</title></head><body><div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>' +
    `<div class="comments">${[1, 2, 3, 4, 5, 6].map(para).join('')}</div><div class="footer">Contact us</div></body></html>`;
  // Two long paragraphs outside the stripped block, too far apart for the first attempt to take
  // both: it finds one (under 500 characters) and starts again, though the page's prose outside
  // the block looked like enough.
  const long = (word: string): string => `<p>${word} ${'The census office said the count of the northern provinces would be checked again before the figures are published. '.repeat(3)}</p>`;
  const deep = (inner: string): string => '<div>'.repeat(6) + inner + '</div>'.repeat(6);
  const unforeseen = `<html><head><title>Census figures</title></head><body>${deep(long('Alpha.'))}<div class="comments">${[1, 2, 3, 4, 5, 6].map(para).join('')}</div>${deep(long('Beta.'))}</body></html>`;
  const grabbing = () => vi.spyOn(Readability.prototype as unknown as { _grabArticle: () => unknown }, '_grabArticle');
  /** `read` of the page as reprint parses it (linkedom, pruned). */
  const withParsed = <T,>(page: string, read: (doc: Document) => T): T => {
    const parsed = parsePage(page, 'linkedom');
    try {
      return read(parsed.document);
    } finally {
      parsed.close();
    }
  };
  /** Plain Readability's article over the same DOM, its copy of the page made as always. */
  const readabilityText = (page: string): string => withParsed(page, (doc) => (new Readability(doc).parse()?.textContent ?? '').replace(/\s+/g, ' '));

  it('copies the page at once when the first attempt will find too little, and runs once', () => {
    const grab = grabbing();
    try {
      const doc = extractHtml(html, { dom: 'linkedom' });
      for (const i of [1, 2, 3, 4, 5, 6]) expect(doc.text).toContain(`Paragraph ${i} of the statement`);
      expect(doc.method).toBe('readability');
      expect(grab).toHaveBeenCalledTimes(1);
      // The page with one attempt only gives the same article.
      const once = extractHtml(html.replace('comments', 'story-body'), { dom: 'linkedom' });
      expect(once.text).toBe(doc.text);
      expect(grab).toHaveBeenCalledTimes(2);
    } finally {
      grab.mockRestore();
    }
  });

  it('extracts a page again, with the copy, when a retry was not foreseen', () => {
    const grab = grabbing();
    try {
      const doc = extractHtml(unforeseen, { dom: 'linkedom' });
      // Once without a copy of the page (it stops at the second attempt), once with one.
      expect(grab).toHaveBeenCalledTimes(2);
      const plain = readabilityText(unforeseen);
      for (const word of ['Alpha.', 'Beta.']) {
        expect(plain).toContain(word);
        expect(doc.text).toContain(word);
      }
      expect(plain).not.toContain('Paragraph 1 of');
      expect(doc.text).not.toContain('Paragraph 1 of');
    } finally {
      grab.mockRestore();
    }
  });

  it('gives jsdom\'s article too', () => {
    expect(extractHtml(html, { dom: 'linkedom' })).toEqual(extractHtml(html, { dom: 'jsdom' }));
    expect(extractHtml(unforeseen, { dom: 'linkedom' })).toEqual(extractHtml(unforeseen, { dom: 'jsdom' }));
  });

  describe('firstAttemptLikelyFails', () => {
    const rules = Readability.prototype as unknown as Parameters<typeof firstAttemptLikelyFails>[1];
    const guess = (page: string): boolean => withParsed(page, (doc) => firstAttemptLikelyFails(pageParagraphs(doc.body!), rules));
    const page = (body: string): string => `<html><head><title>T</title></head><body>${body}</body></html>`;
    const paras = [1, 2, 3, 4].map(para).join('');

    it('counts the prose outside what the first attempt strips', () => {
      expect(guess(page(`<div class="comments">${paras}</div>`))).toBe(true);
      expect(guess(page(`<div id="sidebar">${paras}</div>`))).toBe(true);
      expect(guess(page(`<div role="complementary">${paras}</div>`))).toBe(true);
      expect(guess(page(`<div class="story-body">${paras}</div>`))).toBe(false);
      // "comment" but also a likely candidate's word, as Readability reads it.
      expect(guess(page(`<div class="comments article">${paras}</div>`))).toBe(false);
      // Under 500 characters of prose anywhere.
      expect(guess(page(`<div class="story-body">${para(1)}${para(2)}</div>`))).toBe(true);
      expect(guess(page(`<div class="story-body">${para(1)}${para(2)}</div><div class="comments">${paras}</div>`))).toBe(true);
    });

    it('leaves an unlikely block inside a table or code block alone, as the first attempt does', () => {
      expect(guess(page(`<table><tr><td><div class="comments">${paras}</div></td></tr></table>`))).toBe(false);
      // Readability looks four levels up for the table.
      expect(guess(page(`<table><tr><td><div><div><div><div class="comments">${paras}</div></div></div></div></td></tr></table>`))).toBe(true);
    });

    it('guesses nothing from rules the library does not have', () => {
      expect(firstAttemptLikelyFails([], {})).toBe(false);
    });
  });
});

describe('pathological markup', () => {
  it('reads a page nested thousands of levels deep from its body text instead of running Readability on it', () => {
    const html = '<html><body>' + '<div>'.repeat(20000) + 'Some words of an article. '.repeat(40) + '</div>'.repeat(20000) + '</body></html>';
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.method).toBe('body-text');
    expect(doc.text).toContain('Some words of an article.');
  });
});

describe('furniture in HTML', () => {
  const para = (s: string) => `<p>${s} ${'The council met again on Tuesday to weigh the budget, the harbour works and the new school. '.repeat(3)}</p>`;
  const page = (body: string, head = '') => `<!DOCTYPE html><html><head><title>Council weighs budget</title>${head}</head><body><article>${body}</article></body></html>`;

  it('drops photo captions and credits, which each outlet writes its own way', () => {
    const doc = extractHtml(page(`${para('First.')}<figure><img src="a.jpg"><figcaption>The council chamber. Photo: Agency / Jane Doe</figcaption></figure>${para('Second.')}<p class="image-credit">Credit: Some Agency</p>${para('Third.')}`), { dom: 'linkedom' });
    expect(doc.text).toContain('First.');
    expect(doc.text).toContain('Third.');
    expect(doc.text).not.toMatch(/council chamber|Jane Doe|Some Agency/);
  });

  it('drops a list of links but keeps a list of plain items', () => {
    const links = ['Markets Rally as Central Bank Holds Rates', 'Storm Batters Coast for a Third Day', 'Minister Resigns Over Procurement Scandal'];
    const steps = ['Bring Your Own Identity Card', 'Arrive Before Nine In The Morning', 'Queue At The Left Entrance'];
    const html = page(`${para('Intro.')}<ul>${steps.map((s) => `<li>${s}</li>`).join('')}</ul>${para('Middle.')}<ul>${links.map((s) => `<li><a href="/x">${s}</a></li>`).join('')}</ul>${para('End.')}`);
    const doc = extractHtml(html, { dom: 'linkedom' });
    for (const s of steps) expect(doc.text).toContain(s);
    for (const s of links) expect(doc.text).not.toContain(s);
  });

  it('keeps the article after a "Related" box in its middle', () => {
    const html = page(`${para('Before.')}<p>Related</p>${para('After one.')}${para('After two.')}`);
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.text).toContain('After two.');
  });

  it('treats player notices as furniture', () => {
    const html = page(`${para('Story.')}<p>To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video</p>${para('More.')}`);
    expect(extractHtml(html, { dom: 'linkedom' }).text).not.toContain('enable JavaScript');
  });

  it('reads content that streaming server rendering left in hidden elements', () => {
    const html = `<!DOCTYPE html><html><head><title>T</title></head><body><div id="root"></div><div hidden id="S:0"><article>${para('Streamed.')}${para('Second streamed.')}</article></div></body></html>`;
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.text).toContain('Second streamed.');
  });

  it('takes the date from the URL when the page states none', () => {
    const html = page(para('Dated by its address.'), '<link rel="canonical" href="https://news.example/2014/12/27/council-budget">');
    expect(extractHtml(html, { dom: 'linkedom' }).published).toBe('2014-12-27');
  });
});

describe('JSON-LD article body', () => {
  it('stands in when Readability settles on one block of a much longer article', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the full story, with enough words in it to count as article prose for the test.`);
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Full story', articleBody: paragraphs.join('\n\n') });
    const html = `<!DOCTYPE html><html><head><title>Full story</title><script type="application/ld+json">${ld}</script></head><body><article><p>${paragraphs[0]} ${paragraphs[1]}</p></article></body></html>`;
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.method).toBe('json-ld');
    expect(doc.text).toContain('Paragraph 12 of the full story');
  });
});

describe('titles', () => {
  it('lose trailing parts that name the site, not separators inside the headline', async () => {
    const { stripSiteSuffix, siteNames } = await import('../../../src/extract/metadata.js');
    const names = siteNames('Israel Nachrichten', 'https://www.israel-nachrichten.org/archive/1');
    expect(stripSiteSuffix('Bennett: „Ich bin nicht PM Netanyahus punching Ball“ - Israel Nachrichten', names)).toBe('Bennett: „Ich bin nicht PM Netanyahus punching Ball“');
    expect(stripSiteSuffix('49-Euro-Ticket: Pendler zahlen 60 Prozent weniger', siteNames('FAZ', 'https://www.faz.net/a'))).toBe('49-Euro-Ticket: Pendler zahlen 60 Prozent weniger');
    expect(stripSiteSuffix('Niemcy zamykają granice? To już jedynie kwestia czasu - rp.pl', siteNames(null, 'https://www.rp.pl/x'))).toBe('Niemcy zamykają granice? To już jedynie kwestia czasu');
    expect(stripSiteSuffix('Friday Facts #282 - 0.17 in sight | Factorio', siteNames('Factorio', null))).toBe('Friday Facts #282 - 0.17 in sight');
  });

  it('undo a second escaping of entities', async () => {
    const { decodeEntities } = await import('../../../src/extract/metadata.js');
    expect(decodeEntities('LTE-Patent: Samsung soll Smartphones zerst&ouml;ren')).toBe('LTE-Patent: Samsung soll Smartphones zerstören');
    expect(decodeEntities('R&uuml;ckbau &amp; K&#252;hlt&#xFC;rme')).toBe('Rückbau & Kühltürme');
    expect(decodeEntities('AT&T &unknown; stays')).toBe('AT&T &unknown; stays');
  });
});
