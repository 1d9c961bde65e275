#!/usr/bin/env node
// eval-whatif.mjs — evidence for extraction rules, not part of the evaluation proper.
// Re-assembles reprint's HTML extraction (extractWith in src/extract/readability.ts, as of
// fcb1226) from the built dist/ pieces — parsePage, readMetadata, Readability, blockLines,
// removeFurniture, the title and dateline trims — with candidate rules switched on or off, and
// scores each variant with the benchmark metric (eval-metric.mjs) against the base. The base
// must reproduce extractHtml: "base mismatches" counts the pages where it does not (then the
// pipeline changed and this file needs the same change). It depends on dist/ internals, so it
// is a development aid, not a test.
//
//   node scripts/lib/eval-whatif.mjs [variant,variant,...] [corpus,corpus,...]
//   DUMP=<variant> also writes that variant's texts to /tmp/eval-whatif-dump.json
//
// Rules (each general, none about one site):
//   fig       (reprint since fcb1226 removes <figcaption> and class caption/credit/copyright
//             before Readability) also remove, from Readability's article, a <figure> with under
//             300 characters of its own text, and elements whose id (or class: bildunterschrift,
//             legende) names a caption, when under 300 characters
//   credit    drop a line (under 40 words) that ends in a picture credit: "Foto: X", "Bild: X",
//             "(Getty Images)", "… / Reuters", "© X", "(AP Photo/…)", "Image: X"
//   topdate   drop short date/time lines ("Stand: 20:03 Uhr | Lesedauer: 4 Minuten", "Publiziert
//             6. November 2025, 12:26", "Updated 10:05") that sit before the first prose line
//   runs      headline-like runs removed whatever their link share (the rule before d90177a)
//   tail      drop headline-like lines after the last prose line (related-story lists that
//             Readability left at the end, linked or not)
//   consent   drop lines (up to 700 characters) about cookies, consent to show embedded or
//             third-party content, privacy settings, or comment policies
//   crumbs    drop short share/print/"read also" words in several languages
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parsePage } from '../../dist/extract/dom.js';
import { readMetadata } from '../../dist/extract/metadata.js';
import { removeFurniture, isProse, isHeadlineLike } from '../../dist/extract/furniture.js';
import { parseDateline, findDate } from '../../dist/extract/dates.js';
import { extractHtml, blockLines, treeDepth, MAX_READABILITY_DEPTH } from '../../dist/extract/readability.js';
import { loadCorpus } from './eval-corpora.mjs';
import { shingles, shingleMatching, corpusMetrics, pageScores } from './eval-metric.mjs';

const CORPORA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora');

const CAPTION_NAME = /(?:^|[\s_-])(?:caption|captions|credit|credits|photo-?credit|image-?credit|copyright|figcaption|bildunterschrift|legende?|bu)(?:$|[\s_-])/i;
const CREDIT_TAIL =
  /(?:\b(?:foto|fotos|photo|photos|bild|bilder|image|images|credit|credits|quelle|source|kuva|zdjęcie|foto:)\s*:\s*[^.!?]{1,80}$|\((?:[^()]*\/)?\s*(?:getty|reuters|afp|ap|ap photo|dpa|epa|imago|shutterstock|istock|the canadian press|cp|pa|anp|ansa|efe|xinhua)[^()]{0,80}\)$|(?:getty images|istockphoto|shutterstock)\s*$|\/\s*(?:reuters|afp|ap|dpa|epa|imago|ansa|efe|anp)\s*$|©\s*[^.!?]{1,80}$)/i;
const TOP_META = /^(?:stand|aktualisiert|veröffentlicht|publiziert|erstellt|updated?|published|posted|last updated|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|publisert|oppdatert|publicerad|uppdaterad|opublikowano)\b|lesedauer|reading time|min(?:\.|utes?)? read\b/i;
const CONSENT =
  /\b(?:einwilligung|externe[nr]? inhalte?|personenbezogene(?:n)? daten|drittplattform|datenschutzerklärung|cookies?|consent|privacy (?:policy|settings|controls)|third[- ]party (?:content|provider)|manage (?:your )?preferences|kommentare? (?:sind|werden|geben)|comments? (?:policy|are moderated))\b/i;
const CRUMB_WORDS =
  /^(?:teilen|mehr|drucken|merken|kommentare|artikel teilen|zum artikel|lesen sie auch|lest auch|auch interessant|mehr zum thema|weitere artikel|anzeige|werbung|partager|imprimer|lire aussi|à lire aussi|publicité|compartir|imprimir|leer más|te puede interesar|publicidad|condividi|stampa|leggi anche|pubblicità|dele|vis mer|les også|annonse|annonce|dela|läs också|skip to (?:main )?content|jump to|story continues below(?: advertisement)?|article content|hot topics|copy link|link copied|copy link copied)$/i;

const ownText = (el) => {
  let n = 0;
  const walk = (x) => {
    for (let c = x.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) n += (c.nodeValue ?? '').replace(/\s+/g, '').length;
      else if (c.nodeType === 1 && c.tagName.toUpperCase() !== 'FIGCAPTION') walk(c);
    }
  };
  walk(el);
  return n;
};

function removeCaptions(root) {
  const drop = [];
  const walk = (el) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      const tag = c.tagName.toUpperCase();
      const name = `${c.getAttribute('class') ?? ''} ${c.getAttribute('id') ?? ''}`;
      const len = (c.textContent ?? '').replace(/\s+/g, '').length;
      if (tag === 'FIGCAPTION' || (tag === 'FIGURE' && ownText(c) < 300) || (CAPTION_NAME.test(name) && len < 300)) drop.push(c);
      else walk(c);
    }
  };
  walk(root);
  for (const el of drop) el.remove();
  return drop.length;
}

// reprint's own pre-Readability caption removal (src/extract/readability.ts, removeCaptions).
const REPRINT_CAPTION_CLASS = /(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit|copyright)(?:$|[\s_-])/i;
function reprintRemoveCaptions(doc) {
  for (const el of Array.from(doc.querySelectorAll('figcaption, [class*="caption" i], [class*="credit" i], [class*="copyright" i]'))) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') continue;
    const cls = el.getAttribute('class');
    const caption = tag === 'FIGCAPTION' || (cls !== null && REPRINT_CAPTION_CLASS.test(cls));
    if (caption && (el.textContent ?? '').length < 400) el.remove();
  }
}

function variantText(html, url, rules) {
  const page = parsePage(html, 'linkedom', url);
  try {
    const doc = page.document;
    const meta = readMetadata(doc, url);
    const root = doc.body ?? doc;
    let visible = blockLines(root);
    const chars = (ls) => ls.reduce((n, l) => n + l.text.length, 0);
    const shown = chars(visible);
    if (shown < 2000) {
      const all = blockLines(root, false, true);
      if (chars(all) > 5 * Math.max(shown, 100)) {
        for (const el of Array.from(doc.querySelectorAll('[hidden]'))) el.removeAttribute('hidden');
        visible = all;
      }
    }
    reprintRemoveCaptions(doc);
    const article =
      treeDepth(doc) > MAX_READABILITY_DEPTH ? null : new Readability(doc, { serializer: (el) => el, keepClasses: true }).parse();
    if (article?.content && rules.fig) removeCaptions(article.content);
    let blocks = article?.content ? blockLines(article.content, true) : [];
    if (!blocks.some((l) => l.text.length > 0)) blocks = visible;
    const words = (t) => t.split(/\s+/).filter(Boolean).length;
    const firstProse = blocks.findIndex((b) => isProse(b.text));
    let lastProse = -1;
    blocks.forEach((b, i) => {
      if (isProse(b.text)) lastProse = i;
    });
    blocks = blocks.filter((b, i) => {
      const t = b.text;
      if (t === '') return true;
      if (rules.credit && words(t) <= 40 && CREDIT_TAIL.test(t)) return false;
      if (rules.topdate && (firstProse < 0 || i < firstProse) && t.length <= 120 && (findDate(t) !== null || TOP_META.test(t) || /^\d{1,2}[:.]\d{2}\b/.test(t)) && !isProse(t))
        return false;
      if (rules.tail && lastProse >= 0 && i > lastProse && isHeadlineLike(t)) return false;
      if (rules.consent && t.length <= 700 && CONSENT.test(t)) return false;
      if (rules.crumbs && t.length <= 40 && CRUMB_WORDS.test(t.replace(/[\s:|•·›»]+$/, ''))) return false;
      return true;
    });
    const lines = removeFurniture(
      blocks.map((l) => l.text),
      rules.runs ? {} : { linkShare: blocks.map((l) => l.linkShare) },
    );
    const title = (article?.title ? article.title.replace(/\s+/g, ' ').trim() || null : null) ?? meta.title ?? meta.documentTitle;
    if (title !== null && lines.length > 0 && lines[0].toLowerCase() === title.toLowerCase()) lines.shift();
    for (let i = 0; i < Math.min(3, lines.length); i++) {
      if (parseDateline(lines[i]) === null) continue;
      lines.splice(i, 1);
      break;
    }
    while (lines.length > 0 && lines[0] === '') lines.shift();
    return lines.join('\n');
  } finally {
    page.close();
  }
}

const VARIANTS = {
  base: {},
  fig: { fig: 1 },
  credit: { credit: 1 },
  topdate: { topdate: 1 },
  runs: { runs: 1 },
  crumbs: { crumbs: 1 },
  tail: { tail: 1 },
  'fig+credit+tail': { fig: 1, credit: 1, tail: 1 },
  'fig+credit+topdate+tail': { fig: 1, credit: 1, topdate: 1, tail: 1 },
  consent: { consent: 1 },
  'credit+topdate+consent': { credit: 1, topdate: 1, consent: 1 },
  'credit+topdate+consent+tail': { credit: 1, topdate: 1, consent: 1, tail: 1 },
  'fig+credit': { fig: 1, credit: 1 },
  'fig+credit+topdate': { fig: 1, credit: 1, topdate: 1 },
  'fig+credit+topdate+crumbs': { fig: 1, credit: 1, topdate: 1, crumbs: 1 },
};
const only = process.argv[2] ? process.argv[2].split(',') : Object.keys(VARIANTS);
for (const v of only) if (!VARIANTS[v]) throw new Error(`unknown variant ${v}`);
const corpora = process.argv[3] ? process.argv[3].split(',') : ['readability', 'fundus', 'newspaper4k'];
const dumps = [];
for (const corpus of corpora) {
  const pages = loadCorpus(corpus, CORPORA_DIR);
  const per = Object.fromEntries(only.map((v) => [v, []]));
  let mismatch = 0;
  for (const p of pages) {
    const html = p.load();
    const exp = p.expectedLoader();
    const es = shingles(exp.text);
    let real = '';
    try {
      real = extractHtml(html, { dom: 'linkedom', url: p.url }).text;
    } catch {
      real = '';
    }
    for (const v of only) {
      let text;
      try {
        text = variantText(html, p.url, VARIANTS[v]);
      } catch {
        text = real; // the real pipeline retries with jsdom; not simulated
      }
      if (v === 'base' && text !== real) mismatch++;
      per[v].push({ name: p.name, t: shingleMatching(es, shingles(text)) });
      if (process.env.DUMP === v) dumps.push({ corpus, name: p.name, text, exp: exp.text });
    }
  }
  console.log(`== ${corpus} (${pages.length} pages; base mismatches vs extractHtml: ${mismatch})`);
  const base = per[only[0]];
  for (const v of only) {
    const m = corpusMetrics(per[v].map((x) => x.t));
    const better = [];
    const worse = [];
    per[v].forEach((x, i) => {
      const d = pageScores(x.t).f1 - pageScores(base[i].t).f1;
      if (d > 0.01) better.push(x.name);
      if (d < -0.01) worse.push(x.name);
    });
    console.log(
      `${v.padEnd(28)} P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}  page F1 vs ${only[0]}: +${better.length} −${worse.length}` +
        (process.env.VERBOSE && worse.length ? `  worse: ${worse.join(', ')}` : ''),
    );
  }
}
if (process.env.DUMP) fs.writeFileSync('/tmp/eval-whatif-dump.json', JSON.stringify(dumps));
