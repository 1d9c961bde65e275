// A labelled corpus for measuring reprint detection (scripts/eval-reprints.mjs): real articles in
// several languages, placed into real page templates, text scrapes with page chrome and bare text,
// with copies on other outlets that differ the way republished articles do, and hard negatives.
//
//   await generateReprints({ dir, size, seed, corpora, log })
//     -> truth (also written to <dir>/truth.json); pages in <dir>/pages/<folder>/p<id>.<txt|html>
//        (1,000 a folder, outlets mixed as in a crawl dump), bodies in <dir>/bodies.jsonl.
//
// Articles (bench/lib/reprint-sources.js): allsides-dev (English, with topics), semeval-multilingual
// (Arabic, Spanish, French, Turkish; both articles of its pairs scored >= 2.5 are taken first, and
// never both articles of a pair scored below 2.5, which can be one wire text), and the expected
// body text of the non-English fundus and newspaper4k pages. Shares of the articles (each capped
// by what the sources hold, English fills the rest): Arabic 17%, Spanish 8%, French 7%, Turkish
// 7%, other languages 9%. Natural near-duplicates are removed first (5-word-run containment >= 0.2
// with an article kept before, bench/lib/generate.js dropNaturalDuplicates), then any paragraph
// found in two articles (a source's own boilerplate). 12% of articles become briefs: their first
// paragraphs, 60-199 words, when those are prose. An excerpt keeps at least 30 words.
//
// Groups: an article is an original with copies with probability 0.35 (Arabic) or 0.2 (others),
// with 1, 2 or 3 copies (probabilities 0.5, 0.3, 0.2); every page of a group is on a different
// outlet. Each copy has a main mutation (bench/lib/reprint-mutations.js; weights below, Arabic ones
// for Arabic text only) and sometimes extra ones: a new headline (20%), an attribution line
// (15%), restyled quotes (15%), Arabic orthography (25%) or digits (20%). Copies are dated 0-10
// days after their original. An identical copy gets no extra but a new headline.
//
// Page forms, drawn per page: 35% real HTML templates (bench/lib/reprint-templates.js; pages up to
// 1 MB; at most one template per 6 HTML pages, weighted so that a few outlets have dozens of
// pages; Arabic articles go to Arabic templates 60% of the time), 40% text scrapes with English,
// Arabic or Russian chrome (bench/lib/reprint-chrome.js; Arabic text mostly on Arabic outlets,
// Russian and Ukrainian on Russian ones, the rest mostly English), 25% bare text. The prepared
// templates are cached beside the corpus folder (templates-v<version>.json).
//
// Hard negatives are the corpus itself: different AllSides articles on one topic, semeval pairs
// on the same events, and unrelated pages of one outlet, which share its template or chrome.
// truth.json: groups (page ids), and per page: form, outlet, chrome, template, lang, source,
// article, topic, group, role (original, copy, single), mutations (the main one first), words of
// the body (under 200: a short text). Categories of pairs (two text scrapes, two copies, ...) are
// derived from these by the scorer. Deterministic for (size, seed, corpora).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROME, attributionLine, composedHeadlines, introLead, renderScrape, scrapeOutlets } from './reprint-chrome.js';
import { MUTATIONS, arOrthography, brief, digits, dropped, excerpt, hasDigits, quotes, reflow, typos } from './reprint-mutations.js';
import { loadSources } from './reprint-sources.js';
import { fillTemplate, grams, prepareTemplate, words } from './reprint-templates.js';
import { FILES_PER_FOLDER, dropNaturalDuplicates, pageRng } from './generate.js';

// Part of the cache keys of corpora and prepared templates: bump it when what is generated changes.
export const REPRINTS_VERSION = 1;
const FORMS = [['html', 0.35], ['scrape', 0.4], ['bare', 0.25]];
const LANG_SHARES = { ar: 0.17, es: 0.08, fr: 0.07, tr: 0.07, other: 0.09 };
const RESERVE = { ar: 25, es: 12, fr: 12, tr: 12, en: 400, other: 0 };
const GROUP_P = { ar: 0.35 };
const COPIES = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3];
const BRIEF_SHARE = 0.12;
const MIN_WORDS = 40;
const SHORT_WORDS = 200;
const PAGES_PER_TEMPLATE = 6;
const MAX_TEMPLATE_BYTES = 1_000_000;
const COPY_MIN_WORDS = 30;
const SENTENCE_END_RE = /[.!?؟。！？…]["'”’»)]?$/u;
const WEIGHTS = {
  identical: 2, intro: 1.2, excerpt: 1.5, dropped: 1, attribution: 1, quotes: 0.8, typos: 1, reflow: 1, headline: 0.8,
  'ar-orthography': 2, digits: 1.2,
};
const EXTRAS = [['headline', 0.2], ['attribution', 0.15], ['quotes', 0.15], ['ar-orthography', 0.25], ['digits', 0.2]];

const countWords = (text) => words(text).length;
const articleWords = (a) => countWords(a.paragraphs.join('\n'));
const pad = (n, w) => String(n).padStart(w, '0');
const pageFile = (id, form) => path.join(pad(Math.floor(id / FILES_PER_FOLDER), 5), `p${pad(id, 7)}.${form === 'html' ? 'html' : 'txt'}`);

/** A weighted pick: entries [value, weight]. */
function weighted(r, entries) {
  const total = entries.reduce((s, e) => s + e[1], 0);
  let x = r() * total;
  for (const [v, w] of entries) if ((x -= w) < 0) return v;
  return entries[entries.length - 1][0];
}

/** Zipf-like weights over a list, so that a few members get most of the draws. */
const zipf = (list, s) => list.map((v, i) => [v, 1 / (i + 1) ** s]);

/** Hashed 5-word runs, for the near-duplicate filter. */
const shingler = (text) => [...grams(words(text), 5)];

/** Templates from the real pages, cached in `cacheFile` (they take a while to prepare). */
function prepareTemplates(pages, cacheFile, log) {
  if (existsSync(cacheFile)) {
    const c = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (c.version === REPRINTS_VERSION && c.pages === pages.length) return c;
  }
  const c = buildTemplates(pages, log);
  writeFileSync(cacheFile, JSON.stringify(c));
  return c;
}

/** A template of each real page that gives one (see prepareTemplate), and why the others do not: what the cache holds. */
export function buildTemplates(pages, log) {
  const ok = [];
  const failed = {};
  let i = 0;
  for (const p of pages) {
    if (++i % 100 === 0) log(`  templates: ${i}/${pages.length}`);
    const e = p.expected();
    const html = p.load();
    const t = html.length > 3_000_000 ? { error: 'over 3 MB' } : prepareTemplate({ html, text: e.text, title: e.title, url: p.url });
    if (t.error) {
      const reason = t.error.replace(/[\s(:]*[\d.]+%.*$/, '');
      failed[reason] = (failed[reason] ?? 0) + 1;
      continue;
    }
    // Readability's test pages all carry one made-up URL: there the site is the page's own name.
    const site = t.site && t.site !== 'fakehost' ? t.site : p.key;
    ok.push({ key: p.key, corpus: p.corpus, name: p.name, site, lang: t.lang, origin: t.origin, html: t.html });
  }
  return { version: REPRINTS_VERSION, pages: pages.length, templates: ok, failed };
}

const bucketOf = (lang) => (lang === 'en' || lang === 'ar' || lang === 'es' || lang === 'fr' || lang === 'tr' ? lang : 'other');

/**
 * Corpus articles and reserves per bucket, in a seeded order: natural near-duplicates and shared
 * paragraphs removed, semeval pairs handled as described above.
 */
function selectArticles(src, want, seed) {
  const r = pageRng(seed, 1, 101);
  const buckets = { ar: [], es: [], fr: [], tr: [], other: [], en: [] };
  for (const a of [...src.semeval, ...src.pageArticles, ...src.allsides]) {
    if (a.title.length < 5 || articleWords(a) < MIN_WORDS) continue;
    buckets[bucketOf(a.lang)].push(a);
  }
  const partners = new Map(); // article key -> [[other key, overall]]
  for (const p of src.pairs) {
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]]) {
      if (!partners.has(x)) partners.set(x, []);
      partners.get(x).push([y, p.overall]);
    }
  }
  const quota = {};
  let rest = want;
  for (const b of ['ar', 'es', 'fr', 'tr', 'other']) {
    quota[b] = Math.min(Math.max(0, buckets[b].length - RESERVE[b]), Math.round(want * LANG_SHARES[b]));
    rest -= quota[b];
  }
  quota.en = rest;
  const candidates = [];
  for (const b of Object.keys(buckets)) {
    const list = r.shuffle(buckets[b]);
    // Semeval articles of same-event pairs (>= 2.5) first, both of a pair together.
    const byKey = new Map(list.map((a) => [a.key, a]));
    const ordered = [];
    const placed = new Set();
    for (const a of list) {
      if (placed.has(a.key)) continue;
      const sameEvent = (partners.get(a.key) ?? []).filter(([k, o]) => o >= 2.5 && byKey.has(k) && !placed.has(k));
      if (sameEvent.length === 0) continue;
      ordered.push(a, byKey.get(sameEvent[0][0]));
      placed.add(a.key).add(sameEvent[0][0]);
    }
    for (const a of list) if (!placed.has(a.key)) ordered.push(a);
    // Never both articles of a pair that may be one text.
    const banned = new Set();
    const take = Math.ceil((quota[b] + RESERVE[b]) * 1.25) + 20;
    const chosen = [];
    for (const a of ordered) {
      if (chosen.length >= take) break;
      if (banned.has(a.key)) continue;
      chosen.push(a);
      for (const [k, o] of partners.get(a.key) ?? []) if (o < 2.5) banned.add(k);
    }
    candidates.push(...chosen.map((a) => ({ ...a, id: a.key, text: a.paragraphs.join('\n'), bucket: b })));
  }
  const { kept, dropped: natural } = dropNaturalDuplicates(candidates, Infinity, shingler);
  // Paragraphs found in two articles are their sources' boilerplate.
  const seen = new Map();
  for (const a of kept) for (const k of new Set(a.paragraphs.map((p) => words(p).join(' ')))) seen.set(k, (seen.get(k) ?? 0) + 1);
  let boilerplate = 0;
  const clean = [];
  for (const a of kept) {
    const paragraphs = a.paragraphs.filter((p) => seen.get(words(p).join(' ')) < 2);
    boilerplate += a.paragraphs.length - paragraphs.length;
    if (paragraphs.length > 0 && countWords(paragraphs.join('\n')) >= MIN_WORDS) clean.push({ ...a, paragraphs });
  }
  const corpus = [];
  const reserve = {};
  for (const b of Object.keys(buckets)) {
    const list = clean.filter((a) => a.bucket === b);
    corpus.push(...list.slice(0, quota[b]));
    reserve[b] = list.slice(quota[b], quota[b] + RESERVE[b]);
  }
  return { corpus: r.shuffle(corpus), reserve, naturalDuplicates: natural.length, boilerplateParagraphs: boilerplate, quota };
}

/** The copy of `orig` with its main mutation and extras. */
function mutateCopy(orig, main, extras, r, ctx) {
  let a = { ...orig, paragraphs: orig.paragraphs.slice() };
  const variants = {};
  for (const m of [main, ...extras]) {
    switch (m) {
      case 'identical':
        break;
      case 'intro': {
        const para = ctx.intro(orig.lang);
        a.paragraphs = [`${introLead(ctx.attributionLang, r)} ${para}`, ...a.paragraphs];
        break;
      }
      case 'excerpt':
        a = excerpt(a, r, COPY_MIN_WORDS, countWords);
        variants.excerptShare = a.share;
        break;
      case 'dropped':
        a = dropped(a, r);
        variants.droppedShare = a.share;
        break;
      case 'attribution': {
        const line = attributionLine(ctx.attributionLang, ctx.originalOutlet, r);
        a.paragraphs = r() < 0.3 ? [line, ...a.paragraphs] : [...a.paragraphs, line];
        break;
      }
      case 'quotes':
        a = quotes(a, r);
        variants.quotes = a.style;
        break;
      case 'typos':
        a = typos(a, r);
        break;
      case 'reflow':
        a = reflow(a, r);
        break;
      case 'ar-orthography':
        a = arOrthography(a, r);
        variants.orthography = a.variants;
        break;
      case 'digits':
        a = digits(a, r);
        variants.digits = a.variants;
        break;
      case 'headline':
        a.title = ctx.headline(orig);
        break;
      default:
        throw new Error(`unknown mutation ${m}`);
    }
  }
  return { title: a.title, paragraphs: a.paragraphs, variants };
}

/**
 * Generate the corpus into dir unless the same one is there. Returns the truth object with
 * `pagesDir` and `cached`.
 */
export async function generateReprints({ dir, size = 3000, seed = 1, corpora, log = () => {} }) {
  const truthFile = path.join(dir, 'truth.json');
  if (existsSync(truthFile)) {
    const t = JSON.parse(readFileSync(truthFile, 'utf8'));
    if (t.version === REPRINTS_VERSION && t.size === size && t.seed === seed) return { ...t, pagesDir: path.join(dir, 'pages'), cached: true };
  }
  const started = Date.now();
  const src = await loadSources(corpora);
  log(`  sources: ${src.allsides.length} allsides, ${src.semeval.length} semeval (${src.pairs.length} pairs), ${src.pageArticles.length} non-English fundus/newspaper4k pages, ${src.templatePages.length} template pages (${Math.round((Date.now() - started) / 1000)}s)`);
  const cacheDir = path.dirname(dir);
  mkdirSync(cacheDir, { recursive: true });
  const tc = prepareTemplates(src.templatePages, path.join(cacheDir, `templates-v${REPRINTS_VERSION}.json`), log);
  log(`  templates: ${tc.templates.length} of ${tc.pages} pages usable (${Math.round((Date.now() - started) / 1000)}s)`);

  const want = Math.ceil(size * 0.8);
  const sel = selectArticles(src, want, seed);
  const r = pageRng(seed, 2, 102);

  // Reserved texts: intros and new headlines in the article's language; English feed headlines.
  const introPool = {};
  const headlinePool = {};
  for (const [b, list] of Object.entries(sel.reserve)) {
    introPool[b] = list.flatMap((a) => a.paragraphs.filter((p) => countWords(p) >= 25 && countWords(p) <= 90).slice(0, 2));
    headlinePool[b] = list.map((a) => a.title);
  }
  const usedTitles = new Set([...sel.corpus, ...Object.values(sel.reserve).flat()].map((a) => words(a.title).join(' ')));
  const enFeed = [];
  for (const a of r.shuffle(src.allsides.slice())) {
    const k = words(a.title).join(' ');
    if (a.title.length < 25 || a.title.length > 110 || usedTitles.has(k)) continue;
    usedTitles.add(k);
    enFeed.push(a.title);
    if (enFeed.length >= CHROME.en.outlets.length * 30) break;
  }
  const outlets = scrapeOutlets(r, { en: enFeed, ar: composedHeadlines('ar'), ru: composedHeadlines('ru') });
  const outletsByLang = { en: [], ar: [], ru: [] };
  for (const o of outlets) outletsByLang[o.lang].push(o);

  // HTML outlets: a seeded order of the templates, at most one per PAGES_PER_TEMPLATE HTML pages.
  const nTemplates = Math.max(10, Math.round((size * FORMS[0][1]) / PAGES_PER_TEMPLATE));
  const small = tc.templates.filter((t) => t.html.length <= MAX_TEMPLATE_BYTES);
  const templates = r.shuffle(small.slice()).slice(0, nTemplates);
  const arTemplates = r.shuffle(small.filter((t) => t.lang === 'ar'));
  const templateWeights = zipf(templates, 0.7);
  const chromeWeights = Object.fromEntries(Object.entries(outletsByLang).map(([l, list]) => [l, zipf(list, 0.5)]));

  // Articles to pages.
  const pages = [];
  const groups = [];
  let used = 0;
  const take = (pool) => (pool && pool.length > 0 ? pool.shift() : null);
  for (const a0 of sel.corpus) {
    if (pages.length >= size) break;
    used++;
    const draw = r();
    const a = { ...a0 };
    let isBrief = false;
    if (draw < BRIEF_SHARE && articleWords(a) >= SHORT_WORDS) {
      // A brief is prose: not a run of highlights or list items.
      const b = brief(a.paragraphs, countWords, MIN_WORDS, 60 + r.int(140));
      isBrief = b.filter((p) => SENTENCE_END_RE.test(p)).length * 2 >= b.length && countWords(b.join('\n')) >= MIN_WORDS;
      if (isBrief) a.paragraphs = b;
    }
    const remaining = size - pages.length;
    const grouped = remaining >= 2 && r() < (GROUP_P[a.lang] ?? 0.2);
    const k = grouped ? Math.min(r.pick(COPIES), remaining - 1) : 0;
    const date = new Date(Date.UTC(2019, 0, 1) + r.int(6 * 365) * 86_400_000);
    const base = { lang: a.lang, source: a.source, article: a.key, topic: a.topic ?? null, brief: isBrief };
    const gi = grouped ? groups.length : -1;
    const members = [{ ...base, role: grouped ? 'original' : 'single', group: gi, title: a.title, paragraphs: a.paragraphs, date, mutations: [], variants: {} }];
    for (let c = 0; c < k; c++) members.push({ ...base, role: 'copy', group: gi, date: new Date(date.getTime() + r.int(11) * 86_400_000) });
    // Forms and outlets: every member of a group on its own outlet.
    const taken = new Set();
    for (const m of members) {
      let form = weighted(r, FORMS);
      let outlet = null;
      for (let attempt = 0; attempt < 20 && form !== 'bare'; attempt++) {
        if (form === 'html') {
          const t = a.lang === 'ar' && arTemplates.length > 0 && r() < 0.6 ? r.pick(arTemplates) : weighted(r, templateWeights);
          outlet = { key: `html:${t.site.toLowerCase()}`, name: t.site, chrome: t.lang, template: t };
        } else {
          const chrome =
            a.lang === 'ar' ? weighted(r, [['ar', 0.85], ['en', 0.1], ['ru', 0.05]]) : a.lang === 'ru' || a.lang === 'uk' ? weighted(r, [['ru', 0.85], ['en', 0.15]]) : weighted(r, [['en', 0.65], ['ru', 0.2], ['ar', 0.15]]);
          const o = weighted(r, chromeWeights[chrome]);
          outlet = { key: o.key, name: o.name, chrome, scrape: o };
        }
        if (!taken.has(outlet.key)) break;
        outlet = null;
      }
      if (outlet === null) form = 'bare';
      else taken.add(outlet.key);
      m.form = form;
      m.outlet = outlet;
    }
    // Copies' texts.
    const orig = members[0];
    const originalOutlet = orig.outlet?.name ?? (a.outletName || r.pick(outlets).name);
    for (const m of members.slice(1)) {
      const attributionLang = a.lang === 'ar' ? 'ar' : m.outlet?.chrome === 'ru' || a.lang === 'ru' || a.lang === 'uk' ? 'ru' : 'en';
      const arabic = a.lang === 'ar';
      const options = Object.entries(WEIGHTS).filter(([mu]) => {
        if (mu === 'ar-orthography') return arabic;
        if (mu === 'digits') return arabic && hasDigits(a.paragraphs);
        if (mu === 'intro') return (introPool[bucketOf(a.lang)] ?? []).length > 0;
        return true;
      });
      const main = weighted(r, options);
      const extras = [];
      for (const [mu, p] of EXTRAS) {
        if (mu === main || r() >= p) continue;
        if (main === 'identical' && mu !== 'headline') continue;
        if ((mu === 'ar-orthography' || mu === 'digits') && !arabic) continue;
        if (mu === 'digits' && !hasDigits(a.paragraphs)) continue;
        extras.push(mu);
      }
      const ctx = {
        attributionLang,
        originalOutlet,
        intro: () => take(introPool[bucketOf(a.lang)]),
        headline: (o) => take(headlinePool[bucketOf(a.lang)]) ?? words(o.paragraphs[0]).slice(0, 9).join(' '),
      };
      const c = mutateCopy({ ...a, title: a.title, paragraphs: a.paragraphs }, main, extras, r, ctx);
      Object.assign(m, { title: c.title, paragraphs: c.paragraphs, mutations: [main, ...extras], variants: c.variants });
    }
    if (grouped) groups.push(members);
    for (const m of members) {
      m.pi = pages.length;
      pages.push(m);
    }
  }
  if (pages.length < size) throw new Error(`--size ${size}: the corpora hold articles for about ${pages.length} pages`);

  // Page ids: a crawl sees pages in no particular order.
  const order = r.shuffle(pages.map((_, i) => i));
  const idOf = new Array(pages.length);
  order.forEach((pi, id) => (idOf[pi] = id));
  const pagesDir = path.join(dir, 'pages');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(pagesDir, { recursive: true });
  const records = new Array(pages.length);
  const bodies = new Array(pages.length);
  let bytes = 0;
  const hash = createHash('sha256');
  for (const [pi, p] of pages.entries()) {
    const id = idOf[pi];
    const file = pageFile(id, p.form);
    records[id] = {
      id,
      file,
      form: p.form,
      outlet: p.outlet?.key ?? null,
      outletName: p.outlet?.name ?? null,
      chrome: p.form === 'bare' ? null : p.outlet.chrome ?? null,
      template: p.form === 'html' ? p.outlet.template.key : null,
      lang: p.lang,
      source: p.source,
      article: p.article,
      topic: p.topic,
      group: p.group,
      role: p.role,
      mutations: p.mutations,
      variants: Object.keys(p.variants).length ? p.variants : undefined,
      brief: p.brief || undefined,
      words: countWords(p.paragraphs.join('\n')),
    };
    bodies[id] = JSON.stringify({ id, title: p.title, text: p.paragraphs.join('\n') });
  }
  const groupIds = groups.map((g) => g.map((m) => idOf[m.pi]).sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
  for (let f = 0; f * FILES_PER_FOLDER < records.length; f++) mkdirSync(path.join(pagesDir, pad(f, 5)), { recursive: true });
  for (let id = 0; id < records.length; id++) {
    const p = pages[order[id]];
    const pr = pageRng(seed, id, 103);
    let content;
    if (p.form === 'html') content = fillTemplate(p.outlet.template, { title: p.title, paragraphs: p.paragraphs, url: `${p.outlet.template.origin}/reprint-eval/p${id}` });
    else if (p.form === 'scrape') content = renderScrape(p.outlet.scrape, p, pr);
    else content = `${p.paragraphs.join('\n\n')}\n`;
    const buf = Buffer.from(content, 'utf8');
    bytes += buf.length;
    hash.update(buf);
    writeFileSync(path.join(pagesDir, records[id].file), buf);
  }
  writeFileSync(path.join(dir, 'bodies.jsonl'), bodies.join('\n') + '\n');

  const count = (f) => {
    const out = {};
    for (const x of records) {
      const k = f(x);
      if (k !== null && k !== undefined) out[k] = (out[k] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
  };
  const inCorpus = new Set(records.map((x) => x.article));
  const truth = {
    generator: 'bench/lib/generate-reprints.js',
    version: REPRINTS_VERSION,
    size,
    seed,
    pages: records.length,
    articles: used,
    inputBytes: bytes,
    sha256: hash.digest('hex'),
    composition: {
      forms: count((x) => x.form),
      roles: count((x) => x.role),
      languages: count((x) => x.lang),
      sources: count((x) => x.source),
      chrome: count((x) => (x.form === 'scrape' ? x.chrome : null)),
      mutations: count((x) => (x.role === 'copy' ? x.mutations[0] : null)),
      short: records.filter((x) => x.words < SHORT_WORDS).length,
      briefs: records.filter((x) => x.brief).length,
      outlets: new Set(records.map((x) => x.outlet).filter(Boolean)).size,
      htmlTemplatesUsed: new Set(records.map((x) => x.template).filter(Boolean)).size,
      scrapeOutlets: outlets.length,
    },
    selection: { quota: sel.quota, naturalDuplicatesDropped: sel.naturalDuplicates, boilerplateParagraphsDropped: sel.boilerplateParagraphs },
    templates: { usable: tc.templates.length, of: tc.pages, failed: tc.failed },
    mutationsKnown: MUTATIONS,
    groups: groupIds,
    semevalPairs: src.pairs.filter((p) => inCorpus.has(p.a) && inCorpus.has(p.b)).map((p) => [p.a, p.b, p.overall]),
    pageRecords: records,
    generatedSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  const tmp = truthFile + '.tmp';
  writeFileSync(tmp, JSON.stringify(truth));
  renameSync(tmp, truthFile);
  return { ...truth, pagesDir, cached: false };
}
