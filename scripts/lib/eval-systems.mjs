// eval-systems.mjs — the extractors compared by eval-extract.mjs. Each takes (html, url) and
// returns { text, title, outlet, published } (published as printed by the system; the
// evaluator takes its YYYY-MM-DD), and optionally lines: the same text one block a line, used
// only to name extra and lost lines.
//
//   readability       plain @mozilla/readability 0.6 over linkedom: <style> contents emptied,
//                     a fragment without an <html> tag wrapped in <html><body>, default options,
//                     article.textContent (title, siteName, publishedTime for metadata).
//   reprint           reprint's extraction, extractHtml(html, { dom: 'linkedom', url }) from the
//                     built dist/ (run `npx tsc -p .` first).
//   reprint-jsdom     the same over jsdom (only with --jsdom: several times slower).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { visibleText } from './eval-corpora.mjs';

const STYLE_CONTENT = /(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi;

function readabilityBaseline(html) {
  const source = html.replace(STYLE_CONTENT, '$1$2');
  const whole = /<html[\s>]/i.test(source) ? source : `<html><body>${source}</body></html>`;
  const { document } = parseHTML(whole);
  // The serializer only changes article.content (kept as the element, for its lines);
  // article.textContent, which is scored, is Readability's own.
  const article = new Readability(document, { serializer: (el) => el }).parse();
  return {
    text: article?.textContent ?? '',
    lines: article?.content ? visibleText(article.content) : '',
    title: article?.title ?? null,
    outlet: article?.siteName ?? null,
    published: article?.publishedTime ?? null,
  };
}

export async function loadSystems({ jsdom = false, distDir }) {
  const mod = await import(new URL('extract/readability.js', distDir).href);
  const reprint = (dom) => (html, url) => {
    const r = mod.extractHtml(html, { dom, url });
    return { text: r.text ?? '', title: r.title, outlet: r.outlet, published: r.published, method: r.method };
  };
  const systems = [
    { name: 'readability', run: (html) => readabilityBaseline(html) },
    { name: 'reprint', run: reprint('linkedom') },
  ];
  if (jsdom) systems.push({ name: 'reprint-jsdom', run: reprint('jsdom') });
  return systems;
}
