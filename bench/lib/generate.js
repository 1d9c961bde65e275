// Deterministic corpora with planted copies, for the benchmarks and scripts:
//
//   generateCorpus({ dir, size, kind: 'text'|'html', seed, format: 'files'|'jsonl', articles })
//       synthetic news pages written to disk, any size (bench/e2e.js, scripts/same-output.mjs);
//   evaluationSet(articles, { seed, size, planted })
//       whole AllSides articles as pages in memory, with planted copies and same-topic hard
//       negatives (scripts/tune-defaults.mjs; see its section at the end of this file).
//
// Their planted groups are scored with bench/lib/score.js. What follows describes generateCorpus.
// bench/lib/generate-reprints.js, the labelled multilingual corpus of scripts/eval-reprints.mjs,
// reuses pageRng, typo, innerTypo, withTypos, paragraphsOf and dropNaturalDuplicates from here.
//
// Pages are news articles rendered by ~50 invented outlets, as plain-text scrapes (masthead,
// tagline, dateline, headline, body, related-headlines footer) or as HTML pages (nav, header with
// og:site_name and article:published_time, <article> with <p>s, sidebar, footer, cookie banner,
// scripts; the template varies per outlet): the synthetic pages.
//
// HTML from real page templates (generateCorpus({ ..., templates }), the e2e bench's default HTML
// corpora): `templates` are real pages of ../shared/corpora (fundus, newspaper4k, readability)
// prepared by bench/lib/page-templates.js (bench/lib/reprint-templates.js prepareTemplate: the
// real article body replaced by a marker, headline, descriptions and URLs by markers). Up to
// REAL_OUTLETS of them, a seeded choice, are the outlets; each page is its outlet's template
// with the generated article's paragraphs (<p>s) in place of the real body and its headline in
// place of the real one (fillTemplate), so it keeps the real page's head, scripts, navigation,
// sidebars, footers and size. Article text, planted copies and ground truth are exactly as for
// synthetic pages; only the rendering differs. truth.json records the templates used, and the
// mean bytes and elements (start tags) per page.
//
// Article text. The AllSides development corpus has ~12k articles, far fewer than the 1M pages the
// largest corpus needs, and reusing whole paragraphs would make unrelated pages share long runs
// (each paragraph would appear ~30 times at 1M). So every page's body is synthesised the same way,
// at every size: sentences (6-45 words) of the AllSides articles, each drawn independently from the
// whole pool (~470k sentences) by a PRNG seeded with (seed, page id), grouped 2-4 to a paragraph,
// ~3.2 KB of body per page. (Drawing within one topic reads better but makes same-topic pages share
// sentences far more often.) Sentences
// are de-duplicated across the whole corpus first (AllSides carries the same wire story on several
// outlets), so two unrelated pages can share at most isolated sentences, never a run across a
// sentence boundary; generateCorpus measures this on a sample of unrelated pages and records it in
// truth.json (`distinctness`).
//
// Planted copies (~5% of pages, in groups of an original and 1-3 copies, all on other outlets):
// identical republication, copy with an added intro paragraph, excerpt (first ~60% of paragraphs),
// copy with typos (~1 word in 50 altered). Every member of a group is a copy of every other.
// truth.json next to the pages holds the groups of page ids.
//
// Layout: <dir>/pages/<shard>/p<id>.<txt|html> with at most 1,000 files a folder, or
// <dir>/pages/part-<n>.jsonl with 100,000 pages a file (fields url, text|html, title, date).
// Page ids are recoverable from the file name (p0001234.txt) and from the url (...-a1234).
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { prng, round, withDraws } from './util.js';
import { fillTemplate } from './reprint-templates.js';

// Part of the cache key of every corpus: bump it when what is generated changes.
// 4: HTML from real page templates (option `templates`); elements per page in truth.json.
export const GENERATOR_VERSION = 4;
/** Real templates used as outlets, at most (a seeded choice among the usable ones). */
export const REAL_OUTLETS = 64;
export const FILES_PER_FOLDER = 1000;
const LINES_PER_JSONL = 100_000;
const COPY_SHARE = 0.05;
export const COPY_TYPES = ['identical', 'intro', 'excerpt', 'typos'];
const TYPO_RATE = 1 / 50;
const EXCERPT_SHARE = 0.6;

// ---------------------------------------------------------------------------------------------
// hashing helpers

/** 32-bit FNV-1a of a string. */
function fnv(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seed for page `id`'s PRNG stream `salt`. */
function pageSeed(seed, id, salt) {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(id + 1, 0xc2b2ae35) ^ Math.imul(salt + 7, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * Page id's PRNG stream `salt`: sfc32 (128-bit state) seeded from (seed, id, salt). Not util.js's
 * mulberry32, whose state is a counter: two seeds a multiple k of its increment apart give the same
 * stream shifted by k draws, which made ~1 in 10^4 pairs of "unrelated" pages near-identical.
 */
export function pageRng(seed, id, salt) {
  let a = pageSeed(seed, id, salt);
  let b = pageSeed(seed ^ 0x5bd1e995, id, salt + 101);
  let c = pageSeed(seed ^ 0x1b873593, id, salt + 202);
  let d = 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return withDraws(next);
}

// ---------------------------------------------------------------------------------------------
// the sentence pool

const poolCache = new WeakMap();

// ASCII-only key: cheap, and at worst merges two sentences that differ only in accented letters.
const normKey = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const wordCount = (s) => {
  let n = 0;
  for (let i = 0, inWord = false; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
};

/**
 * Sentences by topic, de-duplicated across the corpus, plus headlines. Deterministic for a given
 * article list (loadAllsides sorts by id).
 */
function buildPool(articles) {
  if (poolCache.has(articles)) return poolCache.get(articles);
  const seen = new Set();
  const byTopic = new Map();
  const titles = [];
  const seenTitles = new Set();
  let sentencesIn = 0;
  for (const a of articles) {
    const t = a.title.trim();
    if (t.length >= 20 && t.length <= 110 && !seenTitles.has(normKey(t))) {
      seenTitles.add(normKey(t));
      titles.push(t.replace(/\s+/g, ' '));
    }
    for (const para of a.text.split(/\n+/)) {
      const p = para.replace(/\s+/g, ' ').trim();
      if (wordCount(p) < 8 || !/[.!?]["'”’)]?$/.test(p)) continue; // captions, crumbs, headlines
      for (const raw of p.split(/(?<=[.!?]["'”’)]?)\s+(?=["'“‘(]?[A-Z0-9])/)) {
        const s = raw.trim();
        sentencesIn++;
        const n = wordCount(s);
        if (n < 6 || n > 45 || !/[.!?]["'”’)]?$/.test(s) || /https?:|www\.|@\w/.test(s)) continue;
        const k = normKey(s);
        if (seen.has(k)) continue;
        seen.add(k);
        const topic = a.topic || 'misc';
        if (!byTopic.has(topic)) byTopic.set(topic, []);
        byTopic.get(topic).push(s);
      }
    }
  }
  // Small topics are merged, so that every topic has enough sentences to draw pages from.
  const topics = [];
  const misc = [];
  for (const [name, list] of [...byTopic.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (list.length >= 3000) topics.push({ name, sentences: list });
    else misc.push(...list);
  }
  if (misc.length > 0) topics.push({ name: 'misc', sentences: misc });
  const all = topics.flatMap((t) => t.sentences);
  const pool = { topics: topics.length, all, total: all.length, titles, sentencesIn };
  poolCache.set(articles, pool);
  return pool;
}

// ---------------------------------------------------------------------------------------------
// outlets

const PLACES = ['Harbor', 'Cedar', 'Granite', 'Prairie', 'Bay', 'Northern', 'Lakeside', 'Summit', 'River', 'Capital', 'Coastal', 'Valley', 'Pacific', 'Atlantic', 'Midland', 'Highland', 'Metro', 'Old Town', 'Frontier', 'Union'];
const NOUNS = ['Ledger', 'Courier', 'Sentinel', 'Dispatch', 'Gazette', 'Observer', 'Tribune', 'Herald', 'Chronicle', 'Post', 'Journal', 'Examiner', 'Monitor', 'Record', 'Times', 'Bulletin', 'Register', 'Standard', 'Review', 'Wire'];
const TLDS = ['com', 'net', 'org', 'news', 'co.uk', 'com.au', 'press', 'media'];
const TAGLINES = [
  'News you can trust since 1894.',
  'Independent journalism for an independent region.',
  'All the news that matters, every day.',
  'Your window on the world.',
  'Reporting without fear or favour.',
  'Local voices, global stories.',
  'Facts first.',
  'The paper of record for the valley.',
  'Read it here first.',
  'Truth. Clarity. Community.',
];
const FOOTER_HEADINGS = ['Related Articles', 'More Stories', 'Read Next', 'Most Read', 'Recommended', 'Recent Posts', 'You May Also Like', 'Trending Now'];
const SECTIONS = ['news', 'world', 'politics', 'us', 'business', 'opinion', 'health', 'national'];
const FIRST = ['Maria', 'James', 'Aisha', 'Daniel', 'Priya', 'Tomás', 'Helen', 'Kwame', 'Olga', 'Sam', 'Lucia', 'Ben', 'Yuki', 'Omar', 'Grace', 'Ivan'];
const LAST = ['Alvarez', 'Okafor', 'Lindqvist', 'Chen', 'Novak', 'Brennan', 'Haddad', 'Moreau', 'Tanaka', 'Kowalski', 'Reyes', 'Osei', 'Fischer', 'Patel', 'Dubois', 'Walsh'];
const NAV = ['Home', 'World', 'Politics', 'Business', 'Tech', 'Science', 'Health', 'Sport', 'Culture', 'Opinion', 'Travel', 'Climate', 'Local', 'Video', 'Podcasts'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

let outletCache = null;

/** 50 invented outlets, fixed (independent of the corpus seed). */
function outlets() {
  if (outletCache) return outletCache;
  const r = prng(0x5eed0071);
  const names = new Set();
  const list = [];
  while (list.length < 50) {
    const name = `The ${r.pick(PLACES)} ${r.pick(NOUNS)}`;
    if (names.has(name)) continue;
    names.add(name);
    const i = list.length;
    const slug = name.replace(/^The /, '').toLowerCase().replace(/[^a-z]+/g, '');
    list.push({
      index: i,
      name,
      host: `www.${slug}.${TLDS[i % TLDS.length]}`,
      tagline: i % 5 === 4 ? null : TAGLINES[r.int(TAGLINES.length)],
      dateFormat: i % 9,
      footer: FOOTER_HEADINGS[r.int(FOOTER_HEADINGS.length)],
      footerCount: 3 + r.int(4),
      byline: r() < 0.6,
      copyright: `© ${2019 + r.int(6)}-2025 ${name}. All rights reserved.`,
      layout: i % 5,
      prefix: ['st', 'art', 'news', 'c', 'pg', 'x', 'story', 'main'][r.int(8)] + (i + 10).toString(36),
      nav: r.shuffle(NAV.slice()).slice(0, 5 + r.int(8)),
      jsonLd: r() < 0.5,
      figure: r() < 0.5,
      adSlots: r.int(3),
      scriptKiB: 1 + r.int(6),
      sidebarCount: 4 + r.int(5),
      section: SECTIONS[r.int(SECTIONS.length)],
    });
  }
  outletCache = list;
  return list;
}

function formatDate(fmt, d, r) {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const wd = WEEKDAYS[d.getUTCDay()];
  const p2 = (n) => String(n).padStart(2, '0');
  const hh = r.int(12) + 1;
  const mm = p2(r.int(60));
  switch (fmt) {
    case 0: return `${wd}, ${MONTHS[m]} ${day}, ${y}`;
    case 1: return `${MONTHS[m]} ${day}, ${y}`;
    case 2: return `${day} ${MONTHS[m]} ${y}`;
    case 3: return `${y}-${p2(m + 1)}-${p2(day)}`;
    case 4: return `${wd.slice(0, 3)} ${day} ${MONTHS[m].slice(0, 3)} ${y} ${p2(hh + 6)}.${mm} BST`;
    case 5: return `Published ${MONTHS[m]} ${day}, ${y} at ${hh}:${mm} ${r() < 0.5 ? 'a.m.' : 'p.m.'} ET`;
    case 6: return `${p2(day)}.${p2(m + 1)}.${y}`;
    case 7: return `Updated ${AP_MONTHS[m]} ${day}, ${y}`;
    default: return `Posted on ${day}${day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'} ${MONTHS[m]}, ${y}`;
  }
}

// ---------------------------------------------------------------------------------------------
// articles and copies

const BASE_DAY = Date.UTC(2019, 0, 1);

/** The original article of page id: { topic, title, paragraphs[], date, author } (deterministic). */
function baseArticle(pool, seed, id) {
  const r = pageRng(seed, id, 1);
  const s = pool.all;
  const target = 2000 + r.int(2000); // body chars: mean ~3 KB
  const paragraphs = [];
  let chars = 0;
  while (chars < target) {
    const n = 2 + r.int(3);
    const p = [];
    for (let k = 0; k < n; k++) p.push(s[r.int(s.length)]);
    const text = p.join(' ');
    paragraphs.push(text);
    chars += text.length + 1;
  }
  return {
    title: pool.titles[r.int(pool.titles.length)],
    paragraphs,
    date: new Date(BASE_DAY + r.int(6 * 365) * 86_400_000),
    author: `${r.pick(FIRST)} ${r.pick(LAST)}`,
  };
}

/** Letters a typo puts in place of another. */
const TYPO_LETTERS = 'etaoinshrdlu';

/**
 * Each word (run of non-space characters) of the paragraphs misspelt by misspell(word, r) with
 * probability rate; one draw a word, in order, and the spaces kept as they are.
 */
export function withTypos(paragraphs, rate, r, misspell) {
  return paragraphs.map((p) => p.split(/(\s+)/).map((w) => (/\S/.test(w) && r() < rate ? misspell(w, r) : w)).join(''));
}

/** Misspell a word: swap, drop, double or replace one of its letters (punctuation around it kept). */
export function typo(word, r) {
  const letters = word.match(/^([^\p{L}]*)(\p{L}+)([^\p{L}]*)$/u);
  if (letters === null || letters[2].length < 2) return word.length > 0 ? word + 's' : word;
  const [, pre, w, post] = letters;
  const i = r.int(w.length - 1);
  let out;
  switch (r.int(4)) {
    case 0: out = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); break; // swap
    case 1: out = w.slice(0, i) + w.slice(i + 1); break; // drop
    case 2: out = w.slice(0, i) + w[i] + w.slice(i); break; // double
    default: out = w.slice(0, i) + TYPO_LETTERS[r.int(TYPO_LETTERS.length)] + w.slice(i + 1); // replace
  }
  if (out === w) out = w + 'e';
  return pre + out + post;
}

/** The article of a planted copy of `orig` (type one of COPY_TYPES). */
function copyArticle(pool, seed, id, orig, type) {
  const r = pageRng(seed, id, 2);
  const a = { ...orig, paragraphs: orig.paragraphs.slice(), date: new Date(orig.date.getTime() + r.int(10) * 86_400_000) };
  if (type === 'intro') {
    const s = pool.all;
    const lead = ["Editor's note:", 'Analysis:', 'Background:', 'Opinion:', 'From our partners:'][r.int(5)];
    const extra = [];
    for (let k = 0, n = 2 + r.int(2); k < n; k++) extra.push(s[r.int(s.length)]);
    a.paragraphs.unshift(`${lead} ${extra.join(' ')}`);
  } else if (type === 'excerpt') {
    a.paragraphs = a.paragraphs.slice(0, Math.max(1, Math.ceil(a.paragraphs.length * EXCERPT_SHARE)));
  } else if (type === 'typos') {
    a.paragraphs = withTypos(a.paragraphs, TYPO_RATE, r, typo);
  }
  if (r() < 0.3) a.title = `${a.title}${r() < 0.5 ? ' - report' : ': what we know'}`;
  return a;
}

/**
 * The planted groups: { copyOf: Int32Array (original id or -1), copyType: Uint8Array, groups }.
 * ~COPY_SHARE of all pages are copies, spread over the corpus, 1-3 per original.
 */
function plantGroups(size, seed) {
  const r = pageRng(seed, 0x7fffffff, 3);
  const perm = new Uint32Array(size);
  for (let i = 0; i < size; i++) perm[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = r.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const copyOf = new Int32Array(size).fill(-1);
  const copyType = new Uint8Array(size).fill(255);
  const copyRank = new Uint8Array(size); // 1..3 within the group, so each copy gets its own outlet
  const groups = [];
  const want = Math.round(size * COPY_SHARE);
  let p = 0;
  let copies = 0;
  let typeCursor = r.int(COPY_TYPES.length);
  while (copies < want && p + 1 < size) {
    const orig = perm[p++];
    const k = Math.min(1 + r.int(3), want - copies, size - p);
    const g = [orig];
    for (let j = 0; j < k; j++) {
      const c = perm[p++];
      copyOf[c] = orig;
      copyType[c] = typeCursor++ % COPY_TYPES.length;
      copyRank[c] = j + 1;
      g.push(c);
    }
    copies += k;
    groups.push(g.sort((x, y) => x - y));
  }
  groups.sort((x, y) => x[0] - y[0]);
  return { copyOf, copyType, copyRank, groups, copies };
}

/**
 * Outlet of page id: originals at random; the members of a planted group each on a different
 * outlet (two copies on one outlet would partly cancel out as that outlet's template lines).
 */
function outletOf(seed, id, plan, nOutlets) {
  const o = plan.copyOf[id];
  if (o < 0) return pageSeed(seed, id, 4) % nOutlets;
  const ob = pageSeed(seed, o, 4) % nOutlets;
  const d = 1 + (pageSeed(seed, o, 5) % (nOutlets - 4)); // 1 .. n-4; + rank-1 stays in 1 .. n-2
  return (ob + d + plan.copyRank[id] - 1) % nOutlets;
}

/** Everything needed to render page id. */
function pageArticle(pool, seed, id, plan) {
  const o = plan.copyOf[id];
  if (o < 0) return { article: baseArticle(pool, seed, id), type: null };
  const type = COPY_TYPES[plan.copyType[id]];
  return { article: copyArticle(pool, seed, id, baseArticle(pool, seed, o), type), type };
}

// ---------------------------------------------------------------------------------------------
// rendering

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

function pageUrl(outlet, article, id) {
  const d = article.date;
  return `https://${outlet.host}/${outlet.section}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slugify(article.title)}-a${id}`;
}

function renderText(outlet, article, id, pool, seed) {
  const r = pageRng(seed, id, 6);
  const lines = [outlet.name, ''];
  if (outlet.tagline) lines.push(outlet.tagline);
  lines.push(formatDate(outlet.dateFormat, article.date, r), '', article.title, '');
  if (outlet.byline) lines.push(`By ${article.author}`, '');
  for (const p of article.paragraphs) lines.push(p, '');
  lines.push(outlet.footer);
  for (let k = 0; k < outlet.footerCount; k++) lines.push(pool.titles[r.int(pool.titles.length)]);
  lines.push('', outlet.copyright, '');
  return lines.join('\n');
}

const COOKIE = [
  'We use cookies to improve your experience, personalise content and analyse our traffic. By continuing you agree to our use of cookies.',
  'This site uses cookies. Some are essential, others help us improve the site and show you relevant advertising.',
  'We and our partners store and access information on your device to deliver personalised ads and content.',
];

function inlineScript(outlet, kib) {
  const chunk = `(function(w,d){w.dataLayer=w.dataLayer||[];function g(){w.dataLayer.push(arguments)}g('js',new Date());g('config','G-${outlet.prefix.toUpperCase()}7Q');var s=d.createElement('script');s.async=true;s.src='https://cdn.${outlet.host.replace(/^www\./, '')}/t.js?v=${outlet.index}';d.head.appendChild(s);})(window,document);\n`;
  return chunk.repeat(Math.max(1, Math.round((kib * 1024) / chunk.length)));
}

function renderHtml(outlet, article, id, pool, seed) {
  const r = pageRng(seed, id, 6);
  const P = outlet.prefix;
  const url = pageUrl(outlet, article, id);
  const iso = new Date(article.date.getTime() + r.int(86_400) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const dateline = formatDate(outlet.dateFormat, article.date, r);
  const related = [];
  for (let k = 0; k < outlet.sidebarCount; k++) related.push(pool.titles[r.int(pool.titles.length)]);
  const more = [];
  for (let k = 0; k < outlet.footerCount; k++) more.push(pool.titles[r.int(pool.titles.length)]);
  const link = (t) => `<a href="https://${outlet.host}/${outlet.section}/${slugify(t)}">${esc(t)}</a>`;

  const head = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(article.title)} | ${esc(outlet.name)}</title>`,
    `<meta name="description" content="${esc(article.paragraphs[0].slice(0, 150))}">`,
    `<meta property="og:site_name" content="${esc(outlet.name)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${esc(article.title)}">`,
    `<meta property="og:url" content="${url}">`,
    `<meta property="article:published_time" content="${iso}">`,
    `<meta property="article:section" content="${outlet.section}">`,
    `<link rel="canonical" href="${url}">`,
    `<link rel="stylesheet" href="https://${outlet.host}/assets/${P}.min.css">`,
    `<style>.${P}-wrap{max-width:1200px;margin:0 auto}.${P}-body p{line-height:1.6;font-size:18px}.${P}-cookie{position:fixed;bottom:0;left:0;right:0;background:#222;color:#fff;padding:1em}.${P}-side{width:300px;float:right}</style>`,
    `<script>${inlineScript(outlet, 1)}</script>`,
  ];
  if (outlet.jsonLd) {
    head.push(
      `<script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: article.title,
        datePublished: iso,
        author: outlet.byline ? { '@type': 'Person', name: article.author } : undefined,
        publisher: { '@type': 'Organization', name: outlet.name, logo: { '@type': 'ImageObject', url: `https://${outlet.host}/logo.png` } },
        mainEntityOfPage: url,
      })}</script>`,
    );
  }
  head.push('</head>');

  const cookie = `<div id="${P}-consent" class="${P}-cookie" role="dialog"><p>${COOKIE[outlet.index % COOKIE.length]}</p><button type="button">Accept all</button> <button type="button">Manage preferences</button></div>`;
  const nav = `<nav class="${P}-nav" aria-label="Sections"><ul>${outlet.nav.map((n) => `<li><a href="https://${outlet.host}/${n.toLowerCase()}">${n}</a></li>`).join('')}</ul></nav>`;
  const header = `<header class="${P}-header"><div class="${P}-masthead"><a class="logo" href="https://${outlet.host}/">${esc(outlet.name)}</a>${outlet.tagline ? `<span class="tagline">${esc(outlet.tagline)}</span>` : ''}</div>${outlet.layout % 2 === 0 ? nav : ''}<form class="search" action="/search"><input type="search" name="q" placeholder="Search"><button>Search</button></form></header>`;

  const body = [];
  const adEvery = outlet.adSlots > 0 ? Math.max(2, Math.floor(article.paragraphs.length / (outlet.adSlots + 1))) : Infinity;
  article.paragraphs.forEach((p, k) => {
    body.push(`<p>${esc(p)}</p>`);
    if ((k + 1) % adEvery === 0 && k + 1 < article.paragraphs.length) body.push(`<div class="ad-slot ${P}-ad" data-slot="mid-${k}"><span>Advertisement</span></div>`);
  });
  const figure = outlet.figure
    ? `<figure class="${P}-lead"><img src="https://${outlet.host}/img/${id}.jpg" alt="" width="1200" height="675"><figcaption>${esc(article.title.slice(0, 60))}. Photo: ${esc(article.author)} / ${esc(outlet.name)}</figcaption></figure>`
    : '';
  const byline = `<div class="${P}-byline">${outlet.byline ? `By <a rel="author" href="https://${outlet.host}/authors/${slugify(article.author)}">${esc(article.author)}</a> · ` : ''}<time datetime="${iso}">${esc(dateline)}</time></div>`;
  const share = `<div class="${P}-share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>`;
  const articleEl = [
    `<article class="${P}-story" itemscope itemtype="https://schema.org/NewsArticle">`,
    `<h1 itemprop="headline">${esc(article.title)}</h1>`,
    byline,
    figure,
    outlet.layout === 3 ? `<div class="${P}-body" itemprop="articleBody"><div class="inner">${body.join('\n')}</div></div>` : `<div class="${P}-body" itemprop="articleBody">\n${body.join('\n')}\n</div>`,
    share,
    `<section class="${P}-more"><h2>${esc(outlet.footer)}</h2><ul>${more.map((t) => `<li>${link(t)}</li>`).join('')}</ul></section>`,
    '</article>',
  ].join('\n');
  const aside = `<aside class="${P}-side"><h3>Most read</h3><ol>${related.map((t) => `<li>${link(t)}</li>`).join('')}</ol><div class="newsletter"><h3>Get the ${esc(outlet.name)} newsletter</h3><p>The day's top stories, in your inbox every morning.</p><form><input type="email" placeholder="Email address"><button>Sign up</button></form></div></aside>`;
  const main =
    outlet.layout === 1
      ? `<div class="${P}-wrap">${aside}<main>${articleEl}</main></div>`
      : outlet.layout === 4
        ? `<div class="${P}-wrap"><div class="row"><div class="col-8"><main>${articleEl}</main></div><div class="col-4">${aside}</div></div></div>`
        : `<main class="${P}-wrap">${articleEl}${aside}</main>`;
  const footer = `<footer class="${P}-footer">${outlet.layout % 2 === 1 ? nav : ''}<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/advertise">Advertise</a></li></ul><p>${esc(outlet.copyright)}</p></footer>`;
  const tail = `<script src="https://${outlet.host}/assets/app.${P}.js" async></script>\n<script>${inlineScript(outlet, outlet.scriptKiB)}</script>`;
  return [...head, `<body class="${P}-page ${outlet.section}">`, outlet.layout === 2 ? '' : cookie, header, main, footer, outlet.layout === 2 ? cookie : '', tail, '</body>', '</html>', ''].join('\n');
}

/** Outlets from real page templates: a seeded choice of up to REAL_OUTLETS of them. */
function templateOutlets(templates, seed) {
  if (!Array.isArray(templates) || templates.length < 8) throw new Error(`real page templates: need at least 8, got ${templates?.length ?? 0}`);
  const r = pageRng(seed, 0x7ffffffd, 8);
  const chosen = r.shuffle(templates.slice()).slice(0, REAL_OUTLETS);
  const hosts = new Set();
  return chosen.map((t, index) => {
    let host = 'example.org';
    try {
      host = new URL(t.origin).host || host;
    } catch {
      // a template without a usable origin keeps example.org
    }
    // readability's test pages share one made-up host (fakehost): each outlet gets its own
    if (hosts.has(host)) host = `o${index}.${host}`;
    hosts.add(host);
    return { index, name: t.site, host, section: 'news', template: t };
  });
}

/** A page from a real template: the article in place of the real one (its URL ends in -a<id>). */
function renderTemplatePage(outlet, article, id) {
  return fillTemplate(outlet.template, { title: article.title, paragraphs: article.paragraphs, url: pageUrl(outlet, article, id) });
}

/** Start tags in an HTML page (`<` followed by a letter): its element count, near enough. */
function countElements(html) {
  let n = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1) | 0x20;
    if (c >= 97 && c <= 122) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// the corpus

const pad = (n, w) => String(n).padStart(w, '0');
const pagePath = (id, kind) => path.join(pad(Math.floor(id / FILES_PER_FOLDER), 5), `p${pad(id, 7)}.${kind === 'html' ? 'html' : 'txt'}`);

/** Page id from a reported member (url ...-a<id>, or file name p<id>.txt / .html). */
export function memberId(member) {
  const u = member.url && /-a(\d+)$/.exec(member.url);
  if (u) return Number(u[1]);
  const p = /p(\d+)\.(?:txt|html)$/.exec(member.path ?? '');
  if (p) return Number(p[1]);
  return null;
}

/**
 * On a sample of pages that are not planted copies of each other: pairs sharing any 8-word run,
 * the longest shared run, and the largest 5-word-shingle Jaccard and containment.
 */
function checkDistinct(pool, seed, size, plan, sample = 2000) {
  const r = pageRng(seed, 0x7ffffffe, 7);
  const ids = new Set();
  const n = Math.min(sample, size);
  while (ids.size < n) ids.add(r.int(size));
  const group = new Map();
  plan.groups.forEach((g, gi) => g.forEach((id) => group.set(id, gi)));
  const docs = [...ids].map((id) => {
    const words = normKey(pageArticle(pool, seed, id, plan).article.paragraphs.join(' ')).split(' ');
    const s5 = new Set();
    for (let i = 0; i + 5 <= words.length; i++) s5.add(words.slice(i, i + 5).join(' '));
    const s8 = new Map(); // 8-word run -> first position
    for (let i = 0; i + 8 <= words.length; i++) {
      const k = words.slice(i, i + 8).join(' ');
      if (!s8.has(k)) s8.set(k, i);
    }
    return { id, words, s8, s5 };
  });
  const owners = new Map();
  const pairs = new Map();
  docs.forEach((d, di) => {
    for (const s of d.s8.keys()) {
      const o = owners.get(s);
      if (o === undefined) owners.set(s, [di]);
      else {
        for (const e of o) pairs.set(`${e},${di}`, [e, di]);
        o.push(di);
      }
    }
  });
  let maxRun = 0;
  let maxJ = 0;
  let maxC = 0;
  let checked = 0;
  for (const [x, y] of pairs.values()) {
    const a = docs[x];
    const b = docs[y];
    const ga = group.get(a.id);
    if (ga !== undefined && ga === group.get(b.id)) continue; // planted copies
    checked++;
    // Seed and extend: every shared run of 8+ words contains a shared 8-word run.
    for (const [s, i0] of a.s8) {
      const j0 = b.s8.get(s);
      if (j0 === undefined) continue;
      let i = i0;
      let j = j0;
      while (i > 0 && j > 0 && a.words[i - 1] === b.words[j - 1]) (i--, j--);
      let n = 0;
      while (i + n < a.words.length && j + n < b.words.length && a.words[i + n] === b.words[j + n]) n++;
      if (n > maxRun) maxRun = n;
    }
    let inter = 0;
    for (const s of a.s5) if (b.s5.has(s)) inter++;
    maxJ = Math.max(maxJ, inter / (a.s5.size + b.s5.size - inter));
    maxC = Math.max(maxC, inter / Math.min(a.s5.size, b.s5.size));
  }
  const distinctPairs = (n * (n - 1)) / 2;
  return {
    sampledPages: n,
    distinctPairs,
    pairsSharingAn8WordRun: checked,
    longestSharedRunWords: maxRun,
    maxJaccard5: Math.round(maxJ * 1e4) / 1e4,
    maxContainment5: Math.round(maxC * 1e4) / 1e4,
    note: 'unrelated pages can share isolated sentences drawn from the same pool, never text across a sentence boundary; reprint calls a pair a copy at Jaccard >= 0.5 or containment >= 0.8',
  };
}

async function writeLine(stream, s) {
  if (!stream.write(s)) await once(stream, 'drain');
}

/**
 * Write a corpus to dir (dir/pages + dir/truth.json) unless an identical one is there already.
 * Returns the truth object (with `pagesDir`).
 */
export async function generateCorpus({ dir, size, kind = 'text', seed = 1, format = 'files', articles, templates = null, check = true, log = () => {} }) {
  if (!articles) throw new Error('generateCorpus needs articles (loadAllsides())');
  if (kind !== 'text' && kind !== 'html') throw new Error(`kind must be text or html, not ${kind}`);
  if (format !== 'files' && format !== 'jsonl') throw new Error(`format must be files or jsonl, not ${format}`);
  const real = kind === 'html' && templates !== null;
  const pageTemplates = kind === 'html' ? (real ? 'real' : 'synthetic') : null;
  const truthFile = path.join(dir, 'truth.json');
  const pagesDir = path.join(dir, 'pages');
  if (existsSync(truthFile)) {
    const t = JSON.parse(readFileSync(truthFile, 'utf8'));
    if (t.version === GENERATOR_VERSION && t.size === size && t.kind === kind && t.seed === seed && t.format === format && (t.pageTemplates ?? null) === pageTemplates) return { ...t, pagesDir, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(pagesDir, { recursive: true });
  const started = Date.now();
  const pool = buildPool(articles);
  const outs = real ? templateOutlets(templates, seed) : outlets();
  const plan = plantGroups(size, seed);
  const render = real ? renderTemplatePage : kind === 'html' ? renderHtml : renderText;
  let bytes = 0;
  let bodyChars = 0;
  let elements = 0;
  let pageBytes = 0;
  const typeCounts = Object.fromEntries(COPY_TYPES.map((t) => [t, 0]));
  let stream = null;
  let madeFolder = -1;
  for (let id = 0; id < size; id++) {
    const { article, type } = pageArticle(pool, seed, id, plan);
    if (type) typeCounts[type]++;
    const outlet = outs[outletOf(seed, id, plan, outs.length)];
    const page = render(outlet, article, id, pool, seed);
    bodyChars += article.paragraphs.reduce((s, p) => s + p.length + 1, 0);
    if (kind === 'html') elements += countElements(page);
    pageBytes += Buffer.byteLength(page);
    if (format === 'files') {
      const folder = Math.floor(id / FILES_PER_FOLDER);
      if (folder !== madeFolder) {
        mkdirSync(path.join(pagesDir, pad(folder, 5)), { recursive: true });
        madeFolder = folder;
      }
      const buf = Buffer.from(page, 'utf8');
      bytes += buf.length;
      writeFileSync(path.join(pagesDir, pagePath(id, kind)), buf);
    } else {
      if (id % LINES_PER_JSONL === 0) {
        if (stream) {
          stream.end();
          await once(stream, 'finish');
        }
        stream = createWriteStream(path.join(pagesDir, `part-${pad(id / LINES_PER_JSONL, 4)}.jsonl`), { highWaterMark: 1 << 20 });
      }
      const rec = { url: pageUrl(outlet, article, id), title: article.title, date: article.date.toISOString().slice(0, 10) };
      rec[kind] = page;
      const line = JSON.stringify(rec) + '\n';
      bytes += Buffer.byteLength(line);
      await writeLine(stream, line);
    }
    if (id > 0 && id % 100_000 === 0) log(`  generated ${id}/${size} pages`);
  }
  if (stream) {
    stream.end();
    await once(stream, 'finish');
  }
  const truth = {
    generator: 'bench/lib/generate.js',
    version: GENERATOR_VERSION,
    size,
    kind,
    format,
    seed,
    pages: size,
    inputBytes: bytes,
    meanPageBytes: Math.round(bytes / size),
    meanHtmlBytes: kind === 'html' ? Math.round(pageBytes / size) : null,
    meanElements: kind === 'html' ? Math.round(elements / size) : null,
    meanBodyChars: Math.round(bodyChars / size),
    pageTemplates,
    outlets: outs.length,
    templates: real ? outs.map((o) => ({ key: o.template.key, bytes: o.template.html.length, lang: o.template.lang })) : null,
    pool: { sentences: pool.total, titles: pool.titles.length },
    copies: plan.copies,
    copyTypes: typeCounts,
    groups: plan.groups,
    copyTypeOf: Object.fromEntries(plan.groups.flatMap((g) => g.filter((id) => plan.copyOf[id] >= 0).map((id) => [id, COPY_TYPES[plan.copyType[id]]]))),
    distinctness: check ? checkDistinct(pool, seed, size, plan) : null,
    generatedSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  const tmp = truthFile + '.tmp';
  writeFileSync(tmp, JSON.stringify(truth) + '\n');
  renameSync(tmp, truthFile);
  return { ...truth, pagesDir, cached: false };
}

// ---------------------------------------------------------------------------------------------
// evaluation sets of whole articles (scripts/tune-defaults.mjs)
//
//   await evaluationSet(articles, { seed, size, planted, minWords })
//
// Unlike the corpora above, the pages are whole AllSides articles, so that different articles on
// one AllSides topic (same events, different text) are the hard negatives:
//   * `size` articles: a seeded shuffle of those with >= minWords words, natural near-duplicates
//     removed (k=5 containment >= 0.2 with one kept before) so the planted truth is the only truth.
//     Each is rendered as a plain-text page with its own outlet's masthead, a dateline, the
//     headline, the article, then furniture ("Share this article", "Related Articles" with 10
//     titles of other AllSides articles, a copyright line).
//   * For the first `planted` of them, copies on invented outlets, wrapped in different furniture:
//       exact   — the same text (every one of them)
//       excerpt — the first 40-60% of the paragraphs (of the sentences when under 5 paragraphs)
//       intro   — an editor's note and an added intro paragraph (another article's) before the text
//       typos   — 2% of the words misspelt (never a word's first or last letter)
//     Each original gets an exact copy and one hard variant; every second one a second hard variant.
//   * The pages in a seeded shuffle, as a crawl sees them.
// Documents: { page, group (index of the original among the planted, else -1), variant ('original'
// or a copy's), topic, article (AllSides id) }.

const EVAL_NAME_A = ['Harbor', 'Valley', 'Granite', 'Lakeside', 'Prairie', 'Summit', 'Riverside', 'Coastal', 'Northern', 'Capital', 'Pinewood', 'Ironbridge', 'Redfield', 'Silver', 'Eastgate', 'Maple'];
const EVAL_NAME_B = ['Ledger', 'Courier', 'Herald', 'Gazette', 'Sentinel', 'Chronicle', 'Dispatch', 'Tribune', 'Observer', 'Post', 'Examiner', 'Journal', 'Record', 'Star', 'Review', 'Bulletin'];
const EVAL_TAGLINES = ['Independent news since 1921', 'Your community, your news', 'News you can trust', 'Local reporting that matters', 'All the news, every day', null, null];
const EVAL_TYPO_RATE = 0.02;

/** The dateline of an article dated `iso` (YYYY-MM-DD, else mid-2019), shifted by whole days. */
function evalDateline(iso, shiftDays, rng) {
  let d = new Date(`${/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : '2019-06-01'}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) d = new Date('2019-06-01T12:00:00Z');
  d = new Date(d.getTime() + shiftDays * 86400000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const p2 = (n) => String(n).padStart(2, '0');
  switch (rng.int(4)) {
    case 0:
      return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[m].slice(0, 3)} ${p2(day)}, ${y}`;
    case 1:
      return `${MONTHS[m]} ${day}, ${y}`;
    case 2:
      return `Published: ${MONTHS[m]} ${day}, ${y} ${1 + rng.int(12)}:${p2(rng.int(60))} ${rng() < 0.5 ? 'am' : 'pm'} EST`;
    default:
      return `${y}-${p2(m + 1)}-${p2(day)}`;
  }
}

/** The article's paragraphs, without its first line when that is the headline. */
export function paragraphsOf(article) {
  const lines = article.text.split(/\n+/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length > 0 && lines[0].toLowerCase() === article.title.trim().toLowerCase()) lines.shift();
  return lines;
}

/** A plain-text page as a crawler dumps it: masthead, dateline, headline, body, furniture. */
function renderEvalPage({ outlet, tagline, date, title, paragraphs, related, rng }) {
  const out = [outlet];
  if (tagline) out.push(tagline);
  out.push(date, '', title, '');
  const adAt = rng() < 0.5 && paragraphs.length > 4 ? 1 + rng.int(paragraphs.length - 2) : -1;
  paragraphs.forEach((p, i) => {
    if (i === adAt) out.push('Advertisement', '');
    out.push(p, '');
  });
  out.push('Share this article', '', 'Related Articles', '');
  for (const r of related) out.push(r);
  out.push('', `© ${2015 + rng.int(8)} ${outlet.replace(/^The /, '')}. All rights reserved.`);
  return out.join('\n');
}

/** Misspell a word inside it: swap, drop, double or replace a letter, never its first or last. */
export function innerTypo(word, rng) {
  const letters = [...word];
  const idx = letters.map((ch, i) => (/\p{L}/u.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (idx.length < 3) return word;
  const i = idx[1 + rng.int(idx.length - 2)];
  switch (rng.int(4)) {
    case 0:
      if (i + 1 < letters.length) [letters[i], letters[i + 1]] = [letters[i + 1], letters[i]];
      break;
    case 1:
      letters.splice(i, 1);
      break;
    case 2:
      letters.splice(i, 0, letters[i]);
      break;
    default:
      letters[i] = TYPO_LETTERS[rng.int(TYPO_LETTERS.length)];
  }
  return letters.join('');
}

/** Split into sentences when there are too few paragraphs to take a share of. */
function excerptUnits(paragraphs) {
  if (paragraphs.length >= 5) return paragraphs;
  return paragraphs.flatMap((p) => p.split(/(?<=[.!?]["”’]?)\s+(?=[A-Z"“])/));
}

/** Greedy near-duplicate filter at k=5: keep an article unless it overlaps one already kept. */
export function dropNaturalDuplicates(candidates, want, shingles) {
  const index = new Map(); // shingle -> kept ordinals
  const kept = [];
  const dropped = [];
  for (const c of candidates) {
    const sh = shingles(c.text);
    const shared = new Map();
    for (const s of sh) {
      const list = index.get(s);
      if (list) for (const j of list) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    let dup = null;
    for (const [j, n] of shared) {
      const containment = n / Math.min(sh.length, kept[j].shingles);
      if (containment >= 0.2) {
        dup = { id: c.id, with: kept[j].article.id, containment: round(containment, 3) };
        break;
      }
    }
    if (dup) {
      dropped.push(dup);
      continue;
    }
    const ord = kept.length;
    kept.push({ article: c, shingles: sh.length });
    for (const s of sh) {
      const list = index.get(s);
      if (list) list.push(ord);
      else index.set(s, [ord]);
    }
    if (kept.length >= want) break;
  }
  return { kept: kept.map((k) => k.article), dropped };
}

/**
 * The evaluation set: { docs, kept (the articles used), dropped (natural near-duplicates left out:
 * { id, with, containment }) }. Needs the build (dist/text/shingles.js) for the duplicate filter.
 */
export async function evaluationSet(articles, { seed, size, planted, minWords = 150 }) {
  const { shingleSet, tokenHashes } = await import('../../dist/text/shingles.js');
  const rng = prng(seed);
  const eligible = articles.filter((a) => a.title.trim().length > 0 && a.text.split(/\s+/).length >= minWords);
  rng.shuffle(eligible);
  const { kept, dropped } = dropNaturalDuplicates(eligible, size, (text) => shingleSet(tokenHashes(text), 5));
  const keptIds = new Set(kept.map((a) => a.id));
  // Titles for the related lists and intro paragraphs come from articles outside the set.
  const outside = eligible.filter((a) => !keptIds.has(a.id));
  const relatedPool = outside.map((a) => a.title.trim()).filter((t) => t.length > 10);
  const introPool = outside
    .map((a) => paragraphsOf(a).find((p) => p.split(/\s+/).length >= 35 && p.split(/\s+/).length <= 90))
    .filter(Boolean);
  const related = (r) => Array.from({ length: 10 }, () => r.pick(relatedPool));
  const inventedOutlet = (r) => `The ${r.pick(EVAL_NAME_A)} ${r.pick(EVAL_NAME_B)}`;

  const docs = [];
  kept.forEach((a, i) => {
    const r = prng(seed ^ (i * 2654435761));
    const paragraphs = paragraphsOf(a);
    const group = i < planted ? i : -1;
    const page = (outlet, paras, shift) =>
      renderEvalPage({ outlet, tagline: r.pick(EVAL_TAGLINES), date: evalDateline(a.date, shift, r), title: a.title.trim(), paragraphs: paras, related: related(r), rng: r });
    docs.push({ page: page(a.source.slice(0, 60), paragraphs, 0), group, variant: 'original', topic: a.topic, article: a.id });
    if (group < 0) return;
    const copy = (variant, paras) => docs.push({ page: page(inventedOutlet(r), paras, r.int(4)), group, variant, topic: a.topic, article: a.id });
    copy('exact', paragraphs);
    const hard = i % 2 === 0 ? [i % 3, (i + 1) % 3] : [i % 3];
    for (const h of hard) {
      if (h === 0) {
        const units = excerptUnits(paragraphs);
        const share = 0.4 + 0.2 * r();
        copy('excerpt', units.slice(0, Math.max(1, Math.round(units.length * share))));
      } else if (h === 1) {
        const note = `Editor's note: This story was first published by ${a.source} and is republished here with permission.`;
        copy('intro', [note, r.pick(introPool), ...paragraphs]);
      } else copy('typos', withTypos(paragraphs, EVAL_TYPO_RATE, r, innerTypo));
    }
  });
  // A crawl sees pages in no particular order.
  prng(seed + 1).shuffle(docs);
  return { docs, kept, dropped };
}
