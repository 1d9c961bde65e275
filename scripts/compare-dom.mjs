#!/usr/bin/env node
// compare-dom.mjs — run @mozilla/readability over a corpus with two DOMs
// (jsdom and linkedom) and compare the extracted article text.
//
// Usage:
//   node scripts/compare-dom.mjs [corpusDir] [--json] [--keep-style] [--raw-linkedom] [--limit N]
//
//   corpusDir     folder whose subfolders each hold a source.html (mozilla/readability
//                 layout); if it has none, every *.html / *.html.gz file under it
//                 (fundus, newspaper4k layouts)
//                 (default: ../shared/corpora/readability, relative to the repo root)
//   --json        print one JSON object instead of the text summary
//   --keep-style  do not empty <style> elements before parsing (jsdom 27.1+
//                 throws on some stylesheets; use this to see which)
//   --raw-linkedom  use linkedom's document exactly as parseHTML() returns it
//                 (skip prepareLinkedom(), see below)
//   --limit N     only the first N pages (sorted by name)
//
// Each DOM runs in its own child process (same script, --worker DOM), so that
// the peak RSS of one DOM is not polluted by the other and timings do not
// depend on which DOM ran first. The parent compares the results.
//
// Both DOMs are given the same input: the file read as UTF-8 (gunzipped if
// .gz), with the contents of every <style> element removed (unless
// --keep-style). jsdom gets {url: FAKE_URL, virtualConsole: new VirtualConsole()}.
//
// Compared: article.textContent (whitespace collapsed), the metadata fields,
// and article.content (HTML) after canonicalisation (re-parsed with jsdom,
// attributes sorted, whitespace collapsed), since the two serialisers differ
// in attribute order and escaping.
//
// linkedom and Readability. `new Readability(parseHTML(html).document).parse()`
// runs as is on ordinary full pages, but linkedom is not an HTML5 tree builder
// and differs from a browser DOM in ways Readability notices. prepareLinkedom()
// fixes each one (details at each function):
//   ensureHtmlBody          input without <html>…<body> (fragments, text, empty)
//   unwrapNestedRoots       stray nested <html>/<head>/<body> tags
//   removeTemplates         <template> contents parsed as real children
//   normalize()             adjacent text nodes around character references
//   lowercaseCreateElement  createElement('P') makes localName 'P'
//   giveUrl                 no documentURI / baseURI, so links stay relative
// Remaining known differences are in serialisation only (article.content):
// linkedom does not escape '&' in attribute values, drops empty attributes
// (id=""), keeps attribute-name case (srcSet), and leaves misplaced elements
// (an <img> inside <noscript> in <head>) where they are.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareLinkedom as prepareReprintDom } from '../dist/extract/dom.js';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..');
const DEFAULT_CORPUS = path.resolve(REPO_ROOT, '../shared/corpora/readability');
const FAKE_URL = 'http://fakehost/test/page.html';
const DOMS = ['jsdom', 'linkedom'];
const META_FIELDS = ['title', 'byline', 'siteName', 'publishedTime', 'lang', 'dir', 'excerpt'];

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { corpus: DEFAULT_CORPUS, json: false, keepStyle: false, rawLinkedom: false, limit: Infinity, worker: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--keep-style') opts.keepStyle = true;
    else if (a === '--raw-linkedom') opts.rawLinkedom = true;
    else if (a === '--limit') opts.limit = Number(argv[++i]);
    else if (a === '--worker') opts.worker = argv[++i];
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'usage: node scripts/compare-dom.mjs [corpusDir] [--json] [--keep-style] [--raw-linkedom] [--limit N]\n',
      );
      process.exit(0);
    } else if (a.startsWith('--')) {
      process.stderr.write(`compare-dom: unknown option ${a}\n`);
      process.exit(2);
    } else opts.corpus = path.resolve(process.cwd(), a);
  }
  return opts;
}

// ---------------------------------------------------------------- helpers
const collapse = (s) => (s == null ? '' : String(s).replace(/\s+/g, ' ').trim());

function stripStyles(html) {
  // Keep the <style> element itself (so the tree shape is unchanged), drop its body.
  return html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2');
}

// Pages of a corpus: either <sub>/source.html folders (mozilla/readability
// test-page layout), or else every *.html / *.html.gz file under the folder
// (fundus, newspaper4k layouts). Names are paths relative to the corpus.
function listPages(corpus, limit) {
  if (!fs.existsSync(corpus) || !fs.statSync(corpus).isDirectory()) {
    process.stderr.write(`compare-dom: corpus folder not found: ${corpus}\n`);
    process.exit(2);
  }
  const folders = fs
    .readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(corpus, d.name, 'source.html')))
    .map((d) => path.join(d.name, 'source.html'));
  let pages = folders;
  if (!pages.length) {
    pages = [];
    const walk = (rel) => {
      for (const e of fs.readdirSync(path.join(corpus, rel), { withFileTypes: true })) {
        const r = rel ? path.join(rel, e.name) : e.name;
        if (e.isDirectory()) walk(r);
        else if (/\.html?(\.gz)?$/i.test(e.name)) pages.push(r);
      }
    };
    walk('');
  }
  return pages.sort().slice(0, limit);
}

const pageName = (rel) => rel.replace(/[\\/]source\.html$/, '');

function readPage(corpus, rel) {
  let buf = fs.readFileSync(path.join(corpus, rel));
  if (rel.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  return buf.toString('utf8');
}

function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const mib = (bytes) => round(bytes / (1024 * 1024), 1);

function wordCounts(text) {
  const m = new Map();
  for (const w of text.toLowerCase().split(' ')) if (w) m.set(w, (m.get(w) || 0) + 1);
  return m;
}

// Jaccard similarity of word multisets: sum(min counts) / sum(max counts).
function multisetJaccard(a, b) {
  const ca = wordCounts(a);
  const cb = wordCounts(b);
  let inter = 0;
  let union = 0;
  for (const [w, n] of ca) {
    const m = cb.get(w) || 0;
    inter += Math.min(n, m);
    union += Math.max(n, m);
  }
  for (const [w, m] of cb) if (!ca.has(w)) union += m;
  return union === 0 ? 1 : inter / union;
}

function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length && i === b.length) return null;
  const word = a.slice(0, i).split(' ').length - 1;
  const ctx = (s) => JSON.stringify(s.slice(Math.max(0, i - 30), i + 50));
  return { char: i, word, jsdom: ctx(a), linkedom: ctx(b) };
}

// ------------------------------------------------- linkedom preparation
// What linkedom's document needs before Readability gives the same result as
// on jsdom's (see the header comment). Returns the document to use.
// The tree fixes are reprint's own (src/extract/dom.ts, built to dist/): this script measures
// what reprint runs. Their reasons are documented there.
function prepareLinkedom(document, parseHTML, url) {
  const doc = prepareReprintDom(document, parseHTML);
  giveUrl(doc, url);
  return doc;
}

// Give a linkedom document the URL properties jsdom derives from its `url`
// option: documentURI/URL = url; baseURI = <base href> resolved against url.
// (linkedom's own: documentURI undefined, baseURI null or the raw <base href>.)
function giveUrl(document, url) {
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  let baseURI = url;
  if (baseHref != null) {
    try {
      baseURI = new URL(baseHref.trim(), url).href;
    } catch {
      /* invalid <base href>: fall back to the document URL, as browsers do */
    }
  }
  Object.defineProperties(document, {
    URL: { value: url, configurable: true },
    documentURI: { value: url, configurable: true },
    baseURI: { value: baseURI, configurable: true },
  });
}

// ---------------------------------------------------------------- worker
async function runWorker(dom, opts) {
  const { Readability } = await import('@mozilla/readability');
  let parse;
  if (dom === 'jsdom') {
    const { JSDOM, VirtualConsole } = await import('jsdom');
    parse = (html) =>
      new JSDOM(html, { url: FAKE_URL, virtualConsole: new VirtualConsole() }).window.document;
  } else if (dom === 'linkedom') {
    const { parseHTML } = await import('linkedom');
    parse = (html) => {
      const { document } = parseHTML(html);
      if (opts.rawLinkedom) return document;
      return prepareLinkedom(document, parseHTML, FAKE_URL);
    };
  } else throw new Error(`unknown DOM ${dom}`);

  const pages = listPages(opts.corpus, opts.limit);
  const out = [];
  const gc = globalThis.gc || (() => {});
  for (const rel of pages) {
    const name = pageName(rel);
    const rec = { name, error: null, stage: null, nullResult: false, text: '', content: '', meta: {} };
    let html;
    try {
      html = readPage(opts.corpus, rel);
    } catch (e) {
      // Unreadable file (e.g. a broken .gz): the same error for both DOMs.
      Object.assign(rec, { stage: 'read', error: `${e.name}: ${e.message}`, heapDelta: 0, parseMs: 0, totalMs: 0 });
      out.push(rec);
      continue;
    }
    if (!opts.keepStyle) html = stripStyles(html);
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    let t1 = t0;
    try {
      rec.stage = 'parse';
      const doc = parse(html);
      t1 = process.hrtime.bigint();
      rec.stage = 'readability';
      const art = new Readability(doc).parse();
      if (!art) rec.nullResult = true;
      else {
        rec.text = collapse(art.textContent);
        rec.content = art.content || '';
        for (const k of META_FIELDS) rec.meta[k] = art[k] == null ? null : collapse(art[k]);
      }
      rec.stage = null;
    } catch (e) {
      rec.error = `${e && e.name ? e.name : 'Error'}: ${e && e.message ? e.message : String(e)}`.slice(0, 300);
    }
    const t2 = process.hrtime.bigint();
    rec.heapDelta = process.memoryUsage().heapUsed - heap0;
    rec.parseMs = Number((t1 > t0 ? t1 : t2) - t0) / 1e6;
    rec.totalMs = Number(t2 - t0) / 1e6;
    out.push(rec);
  }
  const ru = process.resourceUsage();
  process.stdout.write(
    JSON.stringify({ dom, peakRssBytes: ru.maxRSS * 1024, pages: out }),
  );
}

// ---------------------------------------------------------------- parent
function spawnWorker(dom, opts) {
  const args = ['--expose-gc', SCRIPT, opts.corpus, '--worker', dom];
  if (opts.keepStyle) args.push('--keep-style');
  if (opts.rawLinkedom) args.push('--raw-linkedom');
  if (Number.isFinite(opts.limit)) args.push('--limit', String(opts.limit));
  const r = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) {
    process.stderr.write(`compare-dom: ${dom} worker failed (exit ${r.status})\n${r.stderr}\n`);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

// Canonical form of an HTML fragment: re-parsed with one DOM (jsdom), tags
// with sorted attributes, text with whitespace collapsed.
function canonicalHtml(html, JSDOM) {
  const { document } = new JSDOM(`<!doctype html><body>${html}`).window;
  const out = [];
  const walk = (n) => {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) out.push(c.data.replace(/\s+/g, ' '));
      else if (c.nodeType === 1) {
        const attrs = [...c.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
        out.push(`<${c.localName}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
        walk(c);
        out.push(`</${c.localName}>`);
      }
    }
  };
  walk(document.body);
  // Whitespace next to tags is insignificant here (text is compared separately).
  return out.join('').replace(/\s+/g, ' ').replace(/ ?(<[^>]+>) ?/g, '$1');
}

function summarise(results, opts, JSDOM) {
  const [J, L] = DOMS.map((d) => results[d]);
  const byName = new Map(L.pages.map((p) => [p.name, p]));
  const identical = [];
  const different = [];
  const metaDiffs = [];
  const contentDiffs = [];
  let contentSame = 0;
  for (const j of J.pages) {
    const l = byName.get(j.name);
    if (!l) continue;
    if (j.error || l.error) continue; // reported separately
    if (j.text === l.text && j.nullResult === l.nullResult) identical.push(j.name);
    else {
      different.push({
        name: j.name,
        similarity: round(multisetJaccard(j.text, l.text), 4),
        jsdomChars: j.text.length,
        linkedomChars: l.text.length,
        jsdomNull: j.nullResult,
        linkedomNull: l.nullResult,
        firstDiff: firstDiff(j.text, l.text),
      });
    }
    if (!j.nullResult && !l.nullResult) {
      const cj = canonicalHtml(j.content, JSDOM);
      const cl = canonicalHtml(l.content, JSDOM);
      if (cj === cl) contentSame++;
      else {
        const d = firstDiff(cj, cl);
        contentDiffs.push({ name: j.name, firstDiff: d });
      }
      const fields = META_FIELDS.filter((k) => j.meta[k] !== l.meta[k]);
      if (fields.length)
        metaDiffs.push({
          name: j.name,
          fields: Object.fromEntries(fields.map((k) => [k, { jsdom: j.meta[k], linkedom: l.meta[k] }])),
        });
    }
  }
  const errs = (R) =>
    R.pages.filter((p) => p.error).map((p) => ({ name: p.name, stage: p.stage, error: p.error }));
  const timing = (R) => {
    const ok = R.pages.filter((p) => !p.error);
    const tot = ok.map((p) => p.totalMs);
    return {
      pagesTimed: ok.length,
      totalMs: round(sum(tot), 1),
      medianMs: round(median(tot), 2),
      medianParseMs: round(median(ok.map((p) => p.parseMs)), 2),
      maxMs: round(Math.max(0, ...tot), 1),
      peakRssMiB: mib(R.peakRssBytes),
      medianHeapDeltaMiB: mib(median(ok.map((p) => p.heapDelta)) || 0),
      nullResults: R.pages.filter((p) => p.nullResult).map((p) => p.name),
    };
  };
  // Speed ratio over pages that both DOMs handled without error.
  const both = J.pages.filter((p) => !p.error && byName.get(p.name) && !byName.get(p.name).error);
  const jBoth = sum(both.map((p) => p.totalMs));
  const lBoth = sum(both.map((p) => byName.get(p.name).totalMs));
  different.sort((a, b) => a.similarity - b.similarity);
  return {
    corpus: opts.corpus,
    styleContentsStripped: !opts.keepStyle,
    pages: J.pages.length,
    identical: identical.length,
    different: different.length,
    differentPages: different,
    metadataDifferences: metaDiffs,
    contentHtmlSame: contentSame,
    contentHtmlDifferent: contentDiffs,
    linkedomGivenUrl: !opts.rawLinkedom,
    jsdomErrors: errs(J),
    linkedomErrors: errs(L),
    jsdom: timing(J),
    linkedom: timing(L),
    speedRatioJsdomOverLinkedom: lBoth > 0 ? round(jBoth / lBoth, 2) : null,
    speedRatioPages: both.length,
  };
}

function printText(s) {
  const lines = [];
  lines.push(`corpus: ${s.corpus}${s.styleContentsStripped ? ' (<style> contents stripped for both DOMs)' : ''}`);
  lines.push(`pages: ${s.pages}`);
  lines.push(`identical text: ${s.identical}`);
  lines.push(`different text: ${s.different}`);
  for (const d of s.differentPages) {
    let line = `  - ${d.name}: similarity ${d.similarity.toFixed(4)} (jsdom ${d.jsdomChars} chars, linkedom ${d.linkedomChars} chars)`;
    if (d.jsdomNull || d.linkedomNull) line += ` [null result: jsdom=${d.jsdomNull} linkedom=${d.linkedomNull}]`;
    if (d.firstDiff) line += `\n      first diff at char ${d.firstDiff.char} (word ${d.firstDiff.word}):\n        jsdom:    ${d.firstDiff.jsdom}\n        linkedom: ${d.firstDiff.linkedom}`;
    lines.push(line);
  }
  lines.push(`jsdom errors: ${s.jsdomErrors.length}`);
  for (const e of s.jsdomErrors) lines.push(`  - ${e.name} (${e.stage}): ${e.error}`);
  lines.push(`linkedom errors: ${s.linkedomErrors.length}`);
  for (const e of s.linkedomErrors) lines.push(`  - ${e.name} (${e.stage}): ${e.error}`);
  lines.push(`metadata differences (title/byline/siteName/publishedTime/lang/dir/excerpt): ${s.metadataDifferences.length}`);
  for (const m of s.metadataDifferences)
    for (const [k, v] of Object.entries(m.fields))
      lines.push(`  - ${m.name}.${k}: jsdom=${JSON.stringify(v.jsdom)} linkedom=${JSON.stringify(v.linkedom)}`);
  lines.push(
    `article.content HTML (canonicalised) same: ${s.contentHtmlSame}, different: ${s.contentHtmlDifferent.length}` +
      (s.linkedomGivenUrl ? ' (linkedom document given URL/baseURI)' : ' (raw linkedom document, no URL)'),
  );
  for (const c of s.contentHtmlDifferent)
    lines.push(
      `  - ${c.name}: first diff at char ${c.firstDiff.char}\n        jsdom:    ${c.firstDiff.jsdom}\n        linkedom: ${c.firstDiff.linkedom}`,
    );
  for (const d of DOMS) {
    const t = s[d];
    lines.push(
      `${d}: total ${t.totalMs} ms, median ${t.medianMs} ms/page (parse ${t.medianParseMs} ms), max ${t.maxMs} ms, ` +
        `peak RSS ${t.peakRssMiB} MiB, median heap delta ${t.medianHeapDeltaMiB} MiB/page, null results ${t.nullResults.length}`,
    );
  }
  lines.push(
    `speed ratio (jsdom time / linkedom time, ${s.speedRatioPages} pages both handled): ${s.speedRatioJsdomOverLinkedom}x`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

// ---------------------------------------------------------------- main
const opts = parseArgs(process.argv.slice(2));
if (opts.worker) {
  await runWorker(opts.worker, opts);
} else {
  listPages(opts.corpus, opts.limit); // fail early on a bad folder
  const results = {};
  for (const d of DOMS) results[d] = spawnWorker(d, opts);
  const { JSDOM } = await import('jsdom');
  const s = summarise(results, opts, JSDOM);
  if (opts.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
  else printText(s);
}
