// Real news-page templates for the labelled reprint evaluation (bench/lib/generate-reprints.js).
//
// A template is a real page of ../shared/corpora (fundus, newspaper4k, readability: source.html)
// with its article taken out and markers left where a generated article goes:
//   * the body: the page's leaf blocks whose words are the expected article text (3-word runs of
//     the expected text cover at least 60% of the block) are found; the deepest element holding
//     80% of their text is the body element. Inside it the first body block becomes the marker
//     <!--@@REPRINT-BODY@@--> and the other body blocks are removed; body blocks elsewhere (a
//     standfirst, a duplicate for AMP) are removed too. Everything else stays: navigation,
//     sidebars, related lists, teasers, in-article boxes, footers, scripts.
//   * the title: the original headline, wherever it is printed (<title>, <h1>, meta contents),
//     becomes @@REPRINT-TITLE@@; in JSON-LD, headline/name become @@REPRINT-JTITLE@@ and
//     articleBody/text/description are dropped; description metas become @@REPRINT-DESC@@;
//     canonical and og:url become @@REPRINT-URL@@ (so pages of one template differ in their URL).
//   * any other script, noscript or template element that still carries the article's words
//     (inline data payloads) is removed, and so is any text-only element or attribute value that
//     does (a caption, a teaser, a data attribute).
// A page whose body sits in a hidden element (hidden, aria-hidden, display:none, a "hidden"
// class) is not used.
// A template is kept only when the finished page shows at most 3% of the original article's
// 5-word runs (visible text, script text and attribute values together) and has one body
// marker: otherwise the original text would leak into every page built from it.
import { parseHTML } from 'linkedom';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD',
  'TH', 'TR', 'UL', 'BODY', 'HTML', 'CAPTION',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'svg', 'SVG']);
const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;
const CJK_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;

const BODY_MARKER = '<!--@@REPRINT-BODY@@-->';
const TITLE_MARKER = '@@REPRINT-TITLE@@';
const JSON_TITLE_MARKER = '@@REPRINT-JTITLE@@';
const DESC_MARKER = '@@REPRINT-DESC@@';
const URL_MARKER = '@@REPRINT-URL@@';

/**
 * Word tokens of a text for overlap checks: NFKC, lower case, runs of letters, digits and marks;
 * characters of unspaced scripts (Han, Kana, Thai, ...) each a token. Independent of reprint's own
 * tokeniser, so that the corpus does not change when reprint's does.
 */
export function words(text) {
  const s = String(text).normalize('NFKC').toLowerCase();
  const all = s.match(WORD_RE) ?? [];
  if (!CJK_RE.test(s)) return all;
  const out = [];
  for (const w of all) {
    if (!CJK_RE.test(w)) {
      out.push(w);
      continue;
    }
    let run = '';
    for (const ch of w) {
      if (CJK_RE.test(ch)) {
        if (run) out.push(run);
        run = '';
        out.push(ch);
      } else run += ch;
    }
    if (run) out.push(run);
  }
  return out;
}

/** 32-bit FNV-1a of a string. */
function fnv(str, h = 0x811c9dc5) {
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The set of n-word runs of a token list (a shorter list: one run of all its words), each as a
 * 52-bit number: two 32-bit hashes of the run, so that collisions are negligible.
 */
export function grams(tokens, n) {
  const out = new Set();
  if (tokens.length === 0) return out;
  const h = tokens.map((t) => fnv(t));
  const width = Math.min(n, tokens.length);
  for (let i = 0; i + width <= tokens.length; i++) {
    let a = 0x9747b28c ^ width;
    let b = 0x85ebca6b;
    for (let j = i; j < i + width; j++) {
      a = Math.imul(a ^ h[j], 0x01000193) >>> 0;
      b = Math.imul((b + h[j]) ^ (b >>> 13), 0xc2b2ae35) >>> 0;
    }
    out.add(a * 1048576 + (b & 0xfffff));
  }
  return out;
}

const tagOf = (el) => String(el.tagName).toUpperCase();

/** Text of an element without scripts and styles. */
function textOf(el) {
  let s = '';
  const walk = (n) => {
    if (n.nodeType === 3) s += n.nodeValue ?? '';
    else if (n.nodeType === 1 && !SKIP.has(n.tagName) && !SKIP.has(tagOf(n))) {
      const block = BLOCK.has(tagOf(n)) || tagOf(n) === 'BR';
      if (block) s += '\n';
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
      if (block) s += '\n';
    }
  };
  walk(el);
  return s;
}

/** Elements with text of their own and no block inside: paragraphs, list items, headings, cells. */
function leafBlocks(root) {
  const out = [];
  // Returns whether el holds a block element; collects the leaf blocks below it.
  const walk = (el) => {
    let holds = false;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      const t = tagOf(c);
      if (SKIP.has(t)) continue;
      const below = walk(c);
      if (BLOCK.has(t)) {
        if (!below) out.push(c);
        holds = true;
      } else if (below) holds = true;
    }
    return holds;
  };
  walk(root);
  return out;
}

function ancestors(el) {
  const out = [];
  for (let p = el; p; p = p.parentElement) out.push(p);
  return out;
}

/**
 * A JSON-LD value with the article taken out: body, text and description fields dropped, any other
 * string that carries the article's words (an image caption) dropped, the headline and the page's
 * URL replaced by markers.
 */
function cleanLd(v, ctx) {
  if (Array.isArray(v)) return v.map((x) => cleanLd(x, ctx));
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'articleBody' || k === 'text' || k === 'description' || k === 'abstract' || k === 'alternativeHeadline') continue;
      if ((k === 'headline' || k === 'name') && typeof x === 'string' && ctx.titleKey && norm(x).includes(ctx.titleKey)) out[k] = JSON_TITLE_MARKER;
      else if (typeof x === 'string' && ctx.pageUrl && x.startsWith(ctx.pageUrl)) out[k] = URL_MARKER;
      else if (typeof x === 'string' && x.length > 20 && ctx.hits(x, 3) >= 3) continue;
      else out[k] = cleanLd(x, ctx);
    }
    return out;
  }
  return v;
}

const norm = (s) => words(s).join(' ');
const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Share of `expected` 5-word runs found anywhere in the page (text, scripts, attributes). */
function residue(document, expected5) {
  if (expected5.size === 0) return 0;
  const parts = [document.documentElement?.textContent ?? ''];
  for (const el of document.querySelectorAll('*')) for (const a of el.attributes ?? []) if (a.value && a.value.length > 20) parts.push(a.value);
  const g = grams(words(parts.join('\n')), 5);
  let hit = 0;
  for (const x of expected5) if (g.has(x)) hit++;
  return hit / expected5.size;
}

/**
 * A template from a real page: { html (with the markers), lang, dir, site } or { error }.
 * `page`: { html, text (expected article text), title (original headline or null), url }.
 */
export function prepareTemplate(page) {
  const src = /<html[\s>]/i.test(page.html.slice(0, 4096)) ? page.html : `<!DOCTYPE html><html><head></head><body>${page.html}</body></html>`;
  const { document } = parseHTML(src);
  const body = document.body;
  if (!body) return { error: 'no body' };
  const exp3 = grams(words(page.text), 3);
  const exp5 = grams(words(page.text), 5);
  if (exp5.size < 20) return { error: 'expected text too short' };

  // The body blocks.
  const blocks = [];
  let covered = new Set();
  let chars = 0;
  for (const el of leafBlocks(body)) {
    const w = words(textOf(el));
    if (w.length < 3) continue;
    const g = grams(w, 3);
    let hit = 0;
    for (const x of g) if (exp3.has(x)) hit++;
    if (hit / g.size < 0.6) continue;
    blocks.push({ el, chars: w.join(' ').length });
    chars += w.join(' ').length;
    for (const x of g) if (exp3.has(x)) covered.add(x);
  }
  if (covered.size / exp3.size < 0.6) return { error: `body not found (${Math.round((100 * covered.size) / exp3.size)}% of the expected text)` };
  covered = null;

  // The body element: the deepest ancestor holding 80% of the body blocks' text.
  const held = new Map();
  for (const b of blocks) for (const a of ancestors(b.el.parentElement)) held.set(a, (held.get(a) ?? 0) + b.chars);
  let container = body;
  let depth = -1;
  for (const [el, n] of held) {
    if (n < 0.8 * chars) continue;
    const d = ancestors(el).length;
    if (d > depth) {
      container = el;
      depth = d;
    }
  }
  const inside = blocks.filter((b) => container.contains(b.el));
  for (const a of ancestors(inside[0].el)) {
    if (a.nodeType !== 1) continue;
    const style = (a.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
    const cls = ` ${(a.getAttribute('class') ?? '').toLowerCase()} `;
    if (a.hasAttribute('hidden') || a.getAttribute('aria-hidden') === 'true' || /display:none|visibility:hidden/.test(style) || / (hidden|d-none|visually-hidden|sr-only) /.test(cls)) {
      return { error: 'body in a hidden element' };
    }
  }
  const marker = document.createComment('@@REPRINT-BODY@@');
  inside[0].el.replaceWith(marker);
  for (const b of blocks) if (b.el !== inside[0].el) b.el.remove();

  // What else still carries the article's words: a caption or teaser in a text-only element, an
  // attribute holding a data payload.
  const hits = (text, max) => {
    let n = 0;
    for (const x of grams(words(text), 5)) if (exp5.has(x) && ++n >= max) break;
    return n;
  };
  for (const el of [...document.querySelectorAll('*')]) {
    if (!el.isConnected) continue;
    if (body.contains(el) && !el.firstElementChild && !SKIP.has(tagOf(el)) && hits(el.textContent ?? '', 3) >= 3) {
      el.remove();
      continue;
    }
    for (const a of [...(el.attributes ?? [])]) if (a.value && a.value.length > 40 && hits(a.value, 3) >= 3) el.removeAttribute(a.name);
  }

  // Title, descriptions, URLs, JSON-LD, payloads.
  const title = page.title ? page.title.replace(/\s+/g, ' ').trim() : '';
  const titleKey = title ? norm(title) : '';
  const titleEl = document.querySelector('title');
  if (titleEl) {
    const t = titleEl.textContent ?? '';
    titleEl.textContent = title && t.includes(title) ? t.replace(title, TITLE_MARKER) : TITLE_MARKER;
  }
  for (const h of document.querySelectorAll('h1')) {
    const k = norm(h.textContent ?? '');
    if (titleKey && (k === titleKey || (k.length > 10 && titleKey.includes(k)) || (titleKey.length > 10 && k.includes(titleKey)))) h.textContent = TITLE_MARKER;
  }
  for (const m of document.querySelectorAll('meta')) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').toLowerCase();
    const content = m.getAttribute('content');
    if (content === null) continue;
    if (/(^|:)description$/.test(key)) m.setAttribute('content', DESC_MARKER);
    else if (/(^|:)title$/.test(key) || key === 'headline') m.setAttribute('content', TITLE_MARKER);
    else if (key === 'og:url' || key === 'twitter:url') m.setAttribute('content', URL_MARKER);
  }
  for (const l of document.querySelectorAll('link[rel="canonical"], link[rel="amphtml"], link[rel="shortlink"]')) l.setAttribute('href', URL_MARKER);
  for (const s of document.querySelectorAll('script, noscript, template, textarea')) {
    const type = (s.getAttribute('type') ?? '').toLowerCase();
    if (type === 'application/ld+json') {
      try {
        s.textContent = JSON.stringify(cleanLd(JSON.parse(s.textContent ?? ''), { titleKey, pageUrl: page.url ?? null, hits })).replace(/<\//g, '<\\/');
        continue;
      } catch {
        // an unreadable JSON-LD block is judged like any script
      }
    }
    const g = grams(words(s.textContent ?? ''), 5);
    let hit = 0;
    for (const x of g) if (exp5.has(x) && ++hit >= 5) break;
    if (hit >= 5) s.remove();
  }

  const left = residue(document, exp5);
  if (left > 0.03) return { error: `original text left: ${Math.round(left * 1000) / 10}%` };
  let html = document.toString();
  if (page.url && page.url.length > 20) {
    // The page's own URL (share links, JSON-LD ids), whose slug is often the headline.
    for (const u of new Set([page.url, escHtml(page.url), page.url.replace(/^https?:/, '')])) html = html.split(u).join(URL_MARKER);
  }
  if (title.length >= 15) {
    // The headline printed elsewhere (breadcrumbs, share links, image alt texts).
    html = html.split(escHtml(title)).join(TITLE_MARKER);
    if (escHtml(title) !== title) html = html.split(title).join(TITLE_MARKER);
  }
  if ((html.match(new RegExp(escRe(BODY_MARKER), 'g')) ?? []).length !== 1) return { error: 'body marker not unique' };
  const root = document.documentElement;
  const site =
    document.querySelector('meta[property="og:site_name"]')?.getAttribute('content')?.trim() ||
    (page.url ? new URL(page.url).hostname.replace(/^www\./, '') : null);
  return {
    html,
    lang: (root?.getAttribute('lang') ?? '').toLowerCase().split(/[-_]/)[0] || null,
    dir: (root?.getAttribute('dir') ?? body.getAttribute('dir') ?? '').toLowerCase() || null,
    site,
    origin: page.url ? new URL(page.url).origin : 'https://example.org',
    bodyBlocks: blocks.length,
    residue: left,
  };
}

/** A page from a template: the article's title and paragraphs in place of the markers. */
export function fillTemplate(t, { title, paragraphs, url }) {
  const desc = escHtml(paragraphs[0].slice(0, 160));
  const jtitle = JSON.stringify(title).slice(1, -1).replace(/<\//g, '<\\/');
  return t.html
    .replace(BODY_MARKER, () => paragraphs.map((p) => `<p>${escHtml(p)}</p>`).join('\n'))
    .split(JSON_TITLE_MARKER).join(jtitle)
    .split(TITLE_MARKER).join(escHtml(title))
    .split(DESC_MARKER).join(desc)
    .split(URL_MARKER).join(url);
}
