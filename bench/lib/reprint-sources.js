// The real texts and pages behind the labelled reprint evaluation (bench/lib/generate-reprints.js),
// read in place from ../shared/corpora (see its README.md for sources and licences):
//   allsides-dev.jsonl.gz              English articles with their AllSides topic (Apache-2.0)
//   semeval-multilingual(.pairs).jsonl.gz  Arabic, Spanish, French and Turkish articles and pairs
//                                      scored 1 (same story) to 4 (unrelated): research use only,
//                                      never copied into the repository
//   fundus/, newspaper4k/              the expected body text of their non-English pages (MIT)
//   fundus/, newspaper4k/, readability/  source pages to use as templates (MIT, Apache-2.0)
// Generated pages go to a temporary folder only.
import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { loadCorpus } from '../../scripts/lib/eval-corpora.mjs';
import { loadAllsides } from './corpus.js';
import { paragraphsOf } from './generate.js';

/** The files the evaluation needs, relative to the corpora folder. */
export const REQUIRED = ['allsides-dev.jsonl.gz', 'semeval-multilingual.jsonl.gz', 'semeval-multilingual-pairs.jsonl.gz', 'fundus', 'newspaper4k', 'readability'];

async function readJsonl(file) {
  const rl = readline.createInterface({ input: createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const out = [];
  for await (const line of rl) if (line.trim()) out.push(JSON.parse(line));
  return out;
}

const lines = (text) => String(text).split(/\n+/).map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);

const SCRIPTS = [
  ['ar', /\p{Script=Arabic}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['zh', /\p{Script=Han}/u],
  ['ko', /\p{Script=Hangul}/u],
  ['th', /\p{Script=Thai}/u],
  ['my', /\p{Script=Myanmar}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['bn', /\p{Script=Bengali}/u],
  ['he', /\p{Script=Hebrew}/u],
  ['el', /\p{Script=Greek}/u],
  ['latin', /\p{Script=Latin}/u],
];

/** Language of a text: by its main script, else the page's lang attribute, else the fallback. */
function detectLang(text, html, fallback) {
  const counts = new Map();
  for (const ch of text.slice(0, 4000)) {
    for (const [name, re] of SCRIPTS) {
      if (re.test(ch)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        break;
      }
    }
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'latin';
  if (top === 'cyrillic') return /[іїєґ]/i.test(text) ? 'uk' : 'ru';
  if (top === 'zh' && counts.get('kana') > 20) return 'ja';
  if (top === 'kana') return 'ja';
  if (top === 'hi' && fallback === 'ne') return 'ne';
  if (top !== 'latin') return top;
  const attr = html ? /<html[^>]*\slang=["']?([a-zA-Z]{2,3})/i.exec(html.slice(0, 20000)) : null;
  return attr ? attr[1].toLowerCase() : fallback;
}

// Language of a fundus country folder, for pages that name none.
const COUNTRY_LANG = { at: 'de', ch: 'de', de: 'de', li: 'de', lu: 'de', fr: 'fr', be: 'fr', es: 'es', mx: 'es', py: 'es', it: 'it', pt: 'pt', pl: 'pl', cz: 'cs', dk: 'da', no: 'no', se: 'sv', isl: 'is', lt: 'lt', tr: 'tr', id: 'id', vn: 'vi', gl: 'da', il: 'he', cn: 'zh', tw: 'zh', jp: 'ja', kr: 'ko', lb: 'ar', ru: 'ru', ua: 'uk' };
const NAME_LANG = { bengali: 'bn', burmese: 'my', chinese: 'zh', hindi: 'hi', japanese: 'ja', korean: 'ko', latvian: 'lv', nepali: 'ne', spanish: 'es', thai: 'th', arabic: 'ar' };

/**
 * Everything the generator reads: { allsides, semeval, pairs, pageArticles, templatePages }.
 * Articles: { key, source, lang, title, paragraphs, topic?, outletName? }. Template pages:
 * { key, corpus, name, url, load(), expected() }.
 */
export async function loadSources(dir) {
  const allsides = (await loadAllsides(path.join(dir, 'allsides-dev.jsonl.gz'))).map((a) => ({
    key: `allsides:${a.id}`,
    source: 'allsides',
    lang: 'en',
    title: a.title.replace(/\s+/g, ' ').trim(),
    paragraphs: paragraphsOf(a).map((p) => p.replace(/\s+/g, ' ')),
    topic: a.topic || 'misc',
    outletName: a.source,
  }));
  const semeval = (await readJsonl(path.join(dir, 'semeval-multilingual.jsonl.gz')))
    .map((o) => ({ key: `semeval:${o.id}`, source: 'semeval', lang: o.lang, title: String(o.title ?? '').replace(/\s+/g, ' ').trim(), paragraphs: lines(o.text) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const pairs = (await readJsonl(path.join(dir, 'semeval-multilingual-pairs.jsonl.gz'))).map((p) => ({ a: `semeval:${p.a}`, b: `semeval:${p.b}`, lang: p.lang, overall: p.overall }));

  const templatePages = [];
  const pageArticles = [];
  for (const corpus of ['fundus', 'newspaper4k', 'readability']) {
    for (const p of loadCorpus(corpus, dir)) {
      const key = `${corpus}:${p.name}`;
      templatePages.push({ key, corpus, name: p.name, url: p.url ?? null, load: p.load, expected: p.expectedLoader });
      if (corpus === 'readability') continue;
      const e = p.expectedLoader();
      const fallback = corpus === 'fundus' ? COUNTRY_LANG[p.name.split('/')[0]] ?? 'en' : NAME_LANG[p.name.split('_')[0]] ?? 'en';
      const lang = detectLang(e.text, p.load(), fallback);
      if (lang === 'en' || !e.title) continue;
      pageArticles.push({ key, source: corpus, lang, title: e.title.replace(/\s+/g, ' ').trim(), paragraphs: lines(e.text) });
    }
  }
  // newspaper4k pages that have an expected text but no HTML page (Bengali, Hindi, Korean, ...).
  const txtDir = path.join(dir, 'newspaper4k', 'txt');
  for (const f of readdirSync(txtDir).filter((x) => x.endsWith('.txt')).sort()) {
    const name = f.slice(0, -4);
    if (existsSync(path.join(dir, 'newspaper4k', 'html', `${name}.html`))) continue;
    const text = readFileSync(path.join(txtDir, f), 'utf8');
    const lang = detectLang(text, null, NAME_LANG[name.split('_')[0]] ?? 'en');
    const ps = lines(text);
    if (lang === 'en' || ps.length < 2) continue;
    // The first line of these files is the headline.
    pageArticles.push({ key: `newspaper4k:${name}`, source: 'newspaper4k', lang, title: ps[0], paragraphs: ps.slice(1) });
  }
  pageArticles.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { allsides, semeval, pairs, pageArticles, templatePages };
}
