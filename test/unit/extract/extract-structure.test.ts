import { describe, expect, it } from 'vitest';
import { extractHtml, withoutRepeat } from '../../../src/extract/readability.js';

const sentence = (s: string) => `${s} The council met again on Tuesday to weigh the budget, the harbour works and the new school.`;
const para = (s: string) => `<p>${sentence(s)} ${sentence('Then')} ${sentence('And')}</p>`;
const page = (body: string, head = '') =>
  `<!DOCTYPE html><html><head><title>Council weighs budget</title>${head}</head><body>${body}</body></html>`;

describe('structural clean-up around Readability', () => {
  it('drops a fact box beside the article, keeps an infobox table', () => {
    const html = page(`<article>${para('First.')}<div class="article-factbox"><h3>Facts</h3><p>Fact box: the harbour was built in 1901 and rebuilt in 1950 after the storm.</p></div>${para('Second.')}${para('Third.')}</article>`);
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.text).toContain('First.');
    expect(doc.text).not.toContain('Fact box');
  });

  it('drops prompts hidden by a utility class', () => {
    const html = page(`<article>${para('First.')}<div class="paywall hidden"><h3>Read on</h3><p>Subscribe now to read the latest news in your city and across the country.</p></div>${para('Second.')}${para('Third.')}</article>`);
    expect(extractHtml(html, { dom: 'linkedom' }).text).not.toContain('Subscribe now');
  });

  it('keeps the first of two stories a page appends to each other', () => {
    const story = (w: string) => `<article><h2>${w} story</h2>${para(`${w} one.`)}${para(`${w} two.`)}${para(`${w} three.`)}</article>`;
    const html = page(`<div id="main">${story('Alpha')}<div class="under">${story('Beta')}</div></div>`);
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.text).toContain('Alpha one.');
    expect(doc.text).not.toContain('Beta one.');
  });

  it('removes a JSON-LD articleBody given twice over', () => {
    const body = ['The council met on Tuesday and agreed the harbour budget after a long debate.', 'The new school opens in the spring, a year late, and costs a third more than planned.', 'Residents asked for a second hearing on the harbour works before the summer.'].join(' ');
    expect(withoutRepeat(`${body} ${body}`)).toBe(body);
    expect(withoutRepeat(body)).toBe(body);
  });

  it('reads the article from a script payload when the DOM shows none', () => {
    const article = ['<p>', sentence('One.'), sentence('Two.'), '</p><p>', sentence('Three.'), sentence('Four.'), sentence('Five.'), '</p><p>', sentence('Six.'), sentence('Seven.'), '</p>'].join(' ');
    const html = page(`<div id="root"></div><script>self.__next_f.push([1,${JSON.stringify(article)}])</script>`);
    const doc = extractHtml(html, { dom: 'linkedom' });
    expect(doc.method).toBe('script-data');
    expect(doc.text).toContain('One. The council met');
    expect(doc.text).not.toContain('<p>');
  });

  it('prefers the printed headline when the title is it plus a site tail', () => {
    const html = page(`<h1>Council weighs budget</h1><article>${para('First.')}${para('Second.')}</article>`, '<meta property="og:title" content="Council weighs budget -- Example Herald">');
    expect(extractHtml(html, { dom: 'linkedom' }).title).toBe('Council weighs budget');
  });
});
