// HTML extraction keeps the article's real text (issue 11, part 5): lines the article itself
// repeats, words parted the way a browser lays them out, quotes and embedded posts. Every case
// runs over both DOMs.
import { describe, expect, it } from 'vitest';
import { DOM_NAMES, parsePage, renderLines, renderedText } from '../../../src/extract/dom.js';
import { readMetadata } from '../../../src/extract/metadata.js';
import { articleRepeats, blockText, extractHtml } from '../../../src/extract/readability.js';

const filler = 'The council met again on Tuesday to weigh the budget, the harbour works and the new school.';
const para = (s: string) => `<p>${s} ${filler} ${filler} ${filler}</p>`;
const page = (body: string, head = '') =>
  `<!DOCTYPE html><html><head><title>Council weighs budget</title>${head}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Council weighs budget</h1>${body}</article></main><footer><p>© Example Herald</p></footer></body></html>`;
const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const count = (text: string, line: string) => lines(text).filter((l) => l === line).length;

describe.each(DOM_NAMES)('HTML text over %s', (dom) => {
  const extract = (html: string) => extractHtml(html, { dom });
  const body = (html: string) => parsePage(`<!DOCTYPE html><html><body>${html}</body></html>`, dom).document.body;

  describe('lines the article repeats stay; furniture repeated across the page goes', () => {
    it('keeps every cell of a table of products, repeated prices included', () => {
      const rows = [['Widget', '$9.99'], ['Gadget', '$9.99'], ['Widget Pro', '$19.99'], ['Gizmo', '$19.99'], ['Gizmo Mini', 'Sold out'], ['Gizmo Max', 'Sold out']];
      const table = `<table><tr><th>Product</th><th>Price</th></tr>${rows.map(([n, p]) => `<tr><td>${n}</td><td>${p}</td></tr>`).join('')}</table>`;
      const text = extract(page(`${para('Intro.')}${table}${para('After.')}`)).text;
      expect(count(text, '$9.99')).toBe(2);
      expect(count(text, '$19.99')).toBe(2);
      expect(count(text, 'Sold out')).toBe(2);
      for (const [name] of rows) expect(count(text, name!)).toBe(1);
    });

    it('lets the other furniture rules act on repeats as before: a cut-off tail takes its repeats with it', () => {
      const rows = [['Alpha fund', '3.2%'], ['Beta fund', '3.2%'], ['Gamma fund', '4.1%']];
      const table = `<table>${rows.map(([n, p]) => `<tr><td>${n}</td><td>${p}</td></tr>`).join('')}</table>`;
      const text = extract(page(`${para('Intro.')}${para('Middle.')}${para('End.')}<h2>Related articles</h2>${table}`)).text;
      expect(text).toContain('End. The council');
      expect(text).not.toMatch(/Related|fund|3\.2%/);
      expect(text).not.toContain('\uE000');
    });

    it('keeps repeated subheadings and repeated list items', () => {
      const review = (name: string) =>
        `<h3>What we liked</h3>${para(`${name} is light.`)}<h3>What we did not like</h3>${para(`${name} is loud.`)}<ul><li>Battery: 10 hours</li><li>Weight: 1.2 kg</li></ul>`;
      const text = extract(page(`${para('Intro.')}<h2>Alpha</h2>${review('Alpha')}<h2>Beta</h2>${review('Beta')}`)).text;
      expect(count(text, 'What we liked')).toBe(2);
      expect(count(text, 'What we did not like')).toBe(2);
      expect(count(text, 'Battery: 10 hours')).toBe(2);
    });

    it('drops the headline printed again above the body, and a caption a lightbox copies', () => {
      const html = page(
        `<div class="kicker"><h2>Council weighs budget</h2></div>${para('Intro.')}<div class="pic"><img src="a.jpg"><span class="pic-text">The harbour at dawn</span></div>${para('Middle.')}<div class="lightbox"><p class="lb-text">The harbour at dawn</p></div>${para('End.')}`,
      );
      const text = extract(html).text;
      expect(text).not.toContain('Council weighs budget');
      expect(count(text, 'The harbour at dawn')).toBe(1);
      expect(text).toContain('End. The council');
    });

    it('drops a repeat in other markup: the same byline above the article and in its author box', () => {
      const html = page(`<p class="byline">By Jane Smith</p>${para('Intro.')}${para('Middle.')}${para('End.')}<div class="author-box"><h4>By Jane Smith</h4></div>`);
      expect(count(extract(html).text, 'By Jane Smith')).toBe(1);
    });

    it('decides by markup: the same markup as an earlier copy, and other text beside it in its parent', () => {
      const line = (text: string, shape: string | null, parent: number, linkShare = 0) => ({ text, shape, parent, linkShare });
      expect(
        articleRepeats([
          line('Widget', 'TD.|TR.', 1),
          line('$9.99', 'TD.|TR.', 1),
          line('Gadget', 'TD.|TR.', 2),
          line('$9.99', 'TD.|TR.', 2), // a cell in the next row: kept
          line('$9.99', 'P.|DIV.lightbox', 3), // other markup: furniture
          line('Pros', 'H3.|SECTION.review', 4),
          line('Light and quiet.', 'P.|SECTION.review', 4),
          line('Pros', 'H3.|SECTION.review', 5), // a subheading of the next section: kept
          line('Fast to set up.', 'P.|SECTION.review', 5),
          line('Widget', 'P.|DIV.card', 6),
          line('$19.99', 'P.|DIV.card', 6),
          line('Gadget', 'P.|DIV.card', 7),
          line('$19.99', 'P.|DIV.card', 7), // a price in the next product card: kept
          line('Advertisement', 'P.|DIV.ad-slot', 8),
          line('Advertisement', 'P.|DIV.ad-slot', 9), // the label alone in each ad slot: furniture
          line('A', 'LI.|UL.font-size', 10),
          line('A', 'LI.|UL.font-size', 10), // a list of one text over and over, back to back: furniture
          line('Home', 'LI.|UL.menu', 11, 1),
          line('News', 'LI.|UL.menu', 11, 1),
          line('Home', 'LI.|UL.menu', 11, 1), // link text: furniture
          line('', null, -1),
        ]),
      ).toEqual([false, false, false, true, false, false, false, true, false, false, false, false, true, false, false, false, false, false, false, false, false]);
    });
  });

  describe('words parted as a browser shows them', () => {
    it('parts blocks, table cells, list items and <br>, and runs inline elements on', () => {
      const el = body(
        '<div>Ilhan Omar</div><div>Ilhan Omar</div><p>un<b>believ</b>able <a href="/x">Ilhan Omar</a><span>Ilhan Omar</span></p><table><tr><td>a</td><td>b</td></tr></table><ul><li>one</li><li>two</li></ul><p>first line<br>second line</p><dl><dt>term</dt><dd>definition</dd></dl>',
      );
      expect(renderLines(el).map((l) => l.text).filter((t) => t !== '')).toEqual([
        'Ilhan Omar',
        'Ilhan Omar',
        'unbelievable Ilhan OmarIlhan Omar',
        'a',
        'b',
        'one',
        'two',
        'first line',
        'second line',
        'term',
        'definition',
      ]);
      // Text only: the same lines and link shares, no markup read.
      const full = renderLines(el);
      const textOnly = renderLines(el, { textOnly: true });
      expect(textOnly.map((l) => [l.text, l.linkShare])).toEqual(full.map((l) => [l.text, l.linkShare]));
      expect(full.some((l) => l.shape !== null && l.parent >= 0)).toBe(true);
      expect(textOnly.every((l) => l.shape === null && l.parent === -1)).toBe(true);
    });

    it('never glues two blocks with the same name in the article text', () => {
      // Back to back, the second copy is a duplicate rendering (one per screen size) and goes as
      // a repeated line; with text between them both stay. Neither way are they glued.
      const twice = extract(page(`${para('Intro.')}<div class="speaker">Ilhan Omar</div><div class="speaker">Ilhan Omar</div>${para('End.')}`)).text;
      expect(twice).not.toContain('Ilhan OmarIlhan Omar');
      expect(count(twice, 'Ilhan Omar')).toBe(1);
      const apart = extract(page(`${para('Intro.')}<div class="speaker">Ilhan Omar</div><div class="role">Representative</div><div class="speaker">Ilhan Omar</div><div class="role">Minnesota</div>${para('End.')}`)).text;
      expect(apart).not.toContain('Ilhan OmarIlhan Omar');
      expect(count(apart, 'Ilhan Omar')).toBe(2);
    });

    it('parts words at a hidden separator left for screen readers', () => {
      const el = body('<h2><span>European Commission<span class="visually-hidden" aria-hidden="true">: </span></span>Brussels opens a case</h2>');
      expect(renderedText(el)).toBe('European Commission Brussels opens a case');
    });

    it('leaves out text kept for screen readers only, as the screen does', () => {
      const el = body('<p>By <a href="/omar"><img src="omar.jpg" alt="">Ilhan Omar</a><span class="sr-only">Ilhan Omar</span> and <a href="/x">Jane Doe<span class="visually-hidden"> (opens in a new window)</span></a></p>');
      expect(renderedText(el)).toBe('By Ilhan Omar and Jane Doe');
    });

    it('reads headings and paragraphs with their line breaks as spaces', () => {
      const doc = parsePage('<!DOCTYPE html><html><head><title>T</title></head><body><h1>Council weighs<br>the budget</h1></body></html>', dom).document;
      expect(readMetadata(doc).headings).toEqual(['Council weighs the budget']);
      expect(blockText(body('<p>One<br>two</p>'))).toBe('One\n\ntwo');
    });

    it('parts the paragraphs of a JSON-LD articleBody given as HTML, not the words inside its inline tags', () => {
      const paragraphs = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the full story, with enough words in it to count as article prose here.`);
      const articleBody = paragraphs.map((p, i) => (i === 0 ? `<p>un<b>believ</b>able. ${p}</p>` : `<p>${p}</p>`)).join('');
      const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Full story', articleBody });
      const html = `<!DOCTYPE html><html><head><title>Full story</title><script type="application/ld+json">${ld}</script></head><body><article><p>${paragraphs[0]}</p></article></body></html>`;
      const doc = extract(html);
      expect(doc.method).toBe('json-ld');
      expect(doc.text).toContain('unbelievable.');
      expect(lines(doc.text)).toContain(paragraphs[7]);
    });
  });

  describe('quotes and embedded posts in the article stay', () => {
    const tweet = (cls = 'twitter-tweet') =>
      `<blockquote class="${cls}" data-lang="en"><p lang="en" dir="ltr">Big news for the harbour today: the council approved the budget at last. <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Mayor Jane (@mayorjane) <a href="https://twitter.com/mayorjane/status/1">May 1, 2024</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>`;
    const instagram = `<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/abc/" data-instgrm-version="14"><div style="padding:16px;"><a href="https://www.instagram.com/p/abc/"><div style="padding-top: 8px;"><div>View this post on Instagram</div></div></a><p><a href="https://www.instagram.com/p/abc/">Sunset over the new harbour wall, finished after three long years of work.</a></p><p><a href="https://www.instagram.com/p/abc/">A post shared by Harbour Friends (@harbourfriends)</a></p></div></blockquote><script async src="//www.instagram.com/embed.js"></script>`;

    it('keeps a blockquote among the paragraphs, also in a wrapper Readability distrusts', () => {
      const quote = '<blockquote><p>“We will not stop until the harbour is rebuilt and the ships are back,” the mayor told the crowd.</p></blockquote>';
      for (const wrapped of [quote, `<div class="media-embed">${quote}</div>`, `<div class="widget">${quote}</div>`]) {
        const text = extract(page(`${para('Intro.')}${wrapped}${para('Middle.')}${para('End.')}`)).text;
        expect(text).toContain('“We will not stop until the harbour is rebuilt');
      }
    });

    it('keeps an embedded tweet, bare or in a "social" wrapper, as a quotation of its text', () => {
      for (const embed of [tweet(), `<div class="social-embed">${tweet()}</div>`, `<div class="embed-container"><div class="twitter-embed">${tweet('twitter-tweet tw-align-center')}</div></div>`]) {
        const text = extract(page(`${para('Intro.')}${embed}${para('Middle.')}${para('End.')}`)).text;
        expect(text).toContain('Big news for the harbour today: the council approved the budget at last.');
        expect(text).toContain('Mayor Jane (@mayorjane)');
        expect(text).not.toContain('pic.twitter.com');
      }
    });

    it('keeps an Instagram embed\'s caption and attribution, not its prompt', () => {
      const text = extract(page(`${para('Intro.')}<div class="embed-instagram">${instagram}</div>${para('Middle.')}${para('End.')}`)).text;
      expect(text).toContain('Sunset over the new harbour wall');
      expect(text).toContain('A post shared by Harbour Friends');
      expect(text).not.toContain('View this post on Instagram');
    });

    it('removes a share widget and a related-article block around them', () => {
      const share = '<div class="share-tools"><a href="https://facebook.com/sharer">Share on Facebook</a><a href="https://twitter.com/intent/tweet">Share on X</a><a href="mailto:">Email</a></div>';
      const related = '<div class="related"><h2>Related</h2><ul><li><a href="/a">Markets Rally as Central Bank Holds Rates</a></li><li><a href="/b">Storm Batters Coast for a Third Day</a></li><li><a href="/c">Minister Resigns Over Procurement Scandal</a></li></ul></div>';
      const card = '<blockquote class="wp-embedded-content"><a href="/d">Harbour Works Delayed Again</a></blockquote>';
      const text = extract(page(`${para('Intro.')}${share}${tweet()}${para('Middle.')}${card}${para('End.')}${related}`)).text;
      expect(text).toContain('Big news for the harbour today');
      expect(text).toContain('End. The council');
      expect(text).not.toMatch(/Share on|Facebook|Markets Rally|Storm Batters|Harbour Works Delayed/);
    });

    it('leaves a quote in an aside beside the article out', () => {
      const text = extract(page(`${para('Intro.')}<aside class="pullquote"><blockquote><p>A pull quote set beside the text for the eye to catch.</p></blockquote></aside>${para('Middle.')}${para('End.')}`)).text;
      expect(text).not.toContain('A pull quote');
    });
  });
});
