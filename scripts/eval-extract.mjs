#!/usr/bin/env node
// eval-extract.mjs — how well reprint's HTML extraction recovers the article text, against plain
// Readability, on the three extraction corpora in ../shared/corpora (see its README.md).
//
// Usage (after `npx tsc -p .`; it imports the built ../dist/extract/readability.js):
//   node scripts/eval-extract.mjs [--corpus readability|fundus|newspaper4k] [--limit N] [--json]
//                                 [--jsdom] [--top N] [--corpora DIR]
//
//   --corpus NAME  one corpus (repeatable, or comma-separated); default all three
//   --limit N      only the first N pages of each corpus (sorted by name)
//   --json         also write bench/results/eval-extract.json (all figures; every page on one line:
//                  its scores, first three extra and lost lines, the metadata checks)
//   --jsdom        also score reprint over jsdom (--dom jsdom); several times slower
//   --top N        worst pages listed per corpus (default 10)
//   --corpora DIR  corpora folder (default ../shared/corpora beside the repository)
//
// Systems, on the same pages (eval-systems.mjs):
//   readability   plain @mozilla/readability 0.6 over linkedom (<style> contents emptied, a
//                 fragment with no <html> tag wrapped in <html><body>) → article.textContent
//   reprint       extractHtml(html, { dom: 'linkedom', url }) → text (one paragraph a line)
// The page URL is Readability's test URL for the readability corpus, meta.info's for fundus and
// the metadata's for newspaper4k.
//
// Expected text (eval-corpora.mjs): readability — the visible text of expected.html, a line per
// block; fundus — body summary, section headlines and paragraphs of the entry paired with the
// page (the i-th oldest page of a publisher ↔ its i-th parser version); newspaper4k — txt/<name>.txt
// (pages with no txt are not scored).
//
// Metric (eval-metric.mjs): the scrapinghub article-extraction-benchmark's, reimplemented —
// tokens are Python's re.findall(r'\w+') (Unicode letters, numbers, '_'; case kept), 4-token
// shingles counted as a multiset, per page tp = multiset intersection, fp = predicted − tp,
// fn = expected − tp, normalised to sum to 1; precision = mean over pages of tp/(tp+fp), recall =
// mean of tp/(tp+fn), F1 = harmonic mean of the two means. Empty pages as in the benchmark: an
// empty prediction — and a page whose extraction threw, which is counted as an empty prediction
// and listed — is left out of the precision mean and scores 0 recall; an empty expected text is
// left out of the recall mean. So a system that gives up on a page loses recall, not precision:
// the table shows over how many pages each mean is taken. The ± after a delta is the 95%
// paired-bootstrap half-interval (1000 resamples, fixed seed), as the benchmark's
// --bootstrap-differences computes it. Checked against the benchmark's evaluate.py: the same
// normalised tp/fp/fn to 1e-12 on 32 pages in nine scripts.
//
// Metadata (eval-meta.mjs), for both systems, over the pages that have an expected value:
//   title      NFKC, lower case, quotation marks and zero-width characters dropped, dashes and
//              spaces normalised, outer punctuation dropped; "exact" is equality, "lenient" also
//              accepts the titles equal once a site part split off by a separator (' | ', ' - ',
//              ' – ', ' — ', ' · ', ' » ', ':', '：', '_', 'ㅣ') is dropped from either side (the part
//              kept must be at least half the longer title: "Mozilla - Wikipedia" ≈ "Mozilla",
//              never "Wikipedia"). Lenient is the headline figure, exact is in brackets.
//   published  YYYY-MM-DD as printed in both values (no time-zone conversion), only where an
//              expected date exists; a missing prediction is a miss; ±1 day is shown alongside.
//   outlet     expected siteName (readability corpus; newspaper4k meta_site_name when set):
//              normalised equality, equal letters and digits, or one a whole-word part of the
//              other. fundus has only the publisher's code id (APNews, SpiegelOnline), matched
//              loosely (accents dropped, letters and digits contained either way, an all-capitals
//              id equal to the name's initials, or the id's CamelCase parts covering the name's
//              words); names in another script cannot match, so that line ("outlet~id") is
//              indicative only.
//
// Worst pages: reprint's lowest per-page F1 (2PR/(P+R) of the page; an empty prediction is
// F1 0), with a hint: the first line reprint kept that is not in the expected text (when its
// precision is the weaker side) or the first expected line it lost. A line is "extra" or "lost"
// when under half of its own 4-shingles occur in the other text. Extra and lost lines are also
// sorted into shape-based kinds (eval-analysis.mjs) and summed as shares of their tokens.
//
// Caveats. The readability corpus's expected text is Readability's own output, so plain
// Readability scores about 1.0 there by construction and every departure from it (dropping a
// caption, a repeated paragraph, the headline) counts against reprint; fundus and newspaper4k
// are independent annotations (fundus leaves out captions, bylines and the title). Removing a
// line from the middle of a text also creates up to three 4-shingles that span the gap, which
// count as false positives: precision can drop slightly when only furniture was removed.
//
// Pages are run one after another in this process; no page takes more than a few seconds
// (reprint skips Readability on pages nested deeper than 400 levels), so there is no per-page
// timeout. A full run over the 411 pages takes 30-70 s on 2 cores (about 2 minutes with
// --jsdom). The reprint revision (git HEAD, "-dirty" when src/ has uncommitted changes, or
// EVAL_REPRINT_REV) is printed and saved, since dist/ is whatever was last built.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { CORPORA, loadCorpus } from './lib/eval-corpora.mjs';
import { loadSystems } from './lib/eval-systems.mjs';
import {
  shingles,
  shingleMatching,
  pageScores,
  corpusMetrics,
  bootstrapDiff,
  gramSet,
  unmatchedLines,
  tokenize,
} from './lib/eval-metric.mjs';
import { titleMatch, dateMatch, outletMatch, isoDay } from './lib/eval-meta.mjs';
import { lineKind, KINDS } from './lib/eval-analysis.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SCRIPT), '..');
const DIST = pathToFileURL(path.join(REPO, 'dist') + path.sep);
const OUT = path.join(REPO, 'bench', 'results', 'eval-extract.json');

function usage(code) {
  const text =
    'usage: node scripts/eval-extract.mjs [--corpus readability|fundus|newspaper4k] [--limit N] [--json] [--jsdom] [--top N] [--corpora DIR]\n';
  (code === 0 ? process.stdout : process.stderr).write(text);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { corpora: [], limit: Infinity, json: false, jsdom: false, top: 10, dir: path.resolve(REPO, '..', 'shared', 'corpora') };
  const value = (i, name) => {
    if (i >= argv.length) {
      process.stderr.write(`eval-extract: ${name} needs a value\n`);
      usage(2);
    }
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline = null;
    if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    const next = () => inline ?? value(++i, a);
    if (a === '--corpus') opts.corpora.push(...next().split(',').map((s) => s.trim()).filter(Boolean));
    else if (a === '--limit') opts.limit = Number(next());
    else if (a === '--top') opts.top = Number(next());
    else if (a === '--corpora') opts.dir = path.resolve(next());
    else if (a === '--json') opts.json = true;
    else if (a === '--jsdom') opts.jsdom = true;
    else if (a === '-h' || a === '--help') usage(0);
    else {
      process.stderr.write(`eval-extract: unknown argument ${a}\n`);
      usage(2);
    }
  }
  for (const c of opts.corpora) {
    if (!CORPORA.includes(c)) {
      process.stderr.write(`eval-extract: unknown corpus ${c} (one of ${CORPORA.join(', ')})\n`);
      usage(2);
    }
  }
  if (opts.corpora.length === 0) opts.corpora = [...CORPORA];
  opts.corpora = [...new Set(opts.corpora)];
  if (!(opts.limit > 0)) {
    process.stderr.write('eval-extract: --limit must be a positive number\n');
    usage(2);
  }
  if (!(opts.top >= 0)) usage(2);
  return opts;
}

/** The reprint revision evaluated: EVAL_REPRINT_REV, else git's HEAD (+ "-dirty" when src/ has changes). */
function reprintRevision() {
  if (process.env.EVAL_REPRINT_REV) return process.env.EVAL_REPRINT_REV;
  try {
    const git = (args) => execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain', '--', 'src']) === '' ? head : `${head}-dirty`;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ formatting helpers
const f3 = (x) => (x === null || x === undefined || Number.isNaN(x) ? '  -  ' : x.toFixed(3));
const sgn = (x) => (Number.isNaN(x) ? '  -   ' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`);
const pct = (k, n) => (n === 0 ? '   -  ' : `${((100 * k) / n).toFixed(1).padStart(5)}%`);
const clip = (s, n) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

function table(rows, align) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (align?.[c] === 'l' ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// ------------------------------------------------------------------ one page
function runPage(page, systems) {
  const out = { name: page.name, url: page.url ?? null, error: null, systems: {} };
  let html;
  let expected;
  try {
    expected = page.expectedLoader();
  } catch (err) {
    out.error = `expected: ${err.message}`;
    return null;
  }
  try {
    html = page.load();
  } catch (err) {
    out.error = `read: ${err.message}`;
  }
  const expShingles = shingles(expected.text);
  const expOther = { grams: gramSet(expected.text), counts: expShingles };
  out.expectedTokens = tokenize(expected.text).length;
  for (const sys of systems) {
    const t0 = performance.now();
    let res = { text: '', title: null, outlet: null, published: null };
    let error = out.error;
    if (html !== undefined) {
      try {
        res = sys.run(html, page.url);
      } catch (err) {
        error = String(err?.message ?? err).split('\n')[0];
      }
    }
    const ms = performance.now() - t0;
    const predShingles = shingles(res.text);
    const tpfpfn = shingleMatching(expShingles, predShingles);
    const scores = pageScores(tpfpfn);
    // Lines for the hints and kinds: the system's own lines when it gives one paragraph a line;
    // for Readability, its article's blocks (textContent runs blocks together).
    const lineText = res.lines ?? res.text;
    const predOther = { grams: gramSet(res.text), counts: predShingles };
    const extra = unmatchedLines(lineText, expOther).map((l) => ({ ...l, kind: lineKind(l.line, { title: expected.title }) }));
    const lost = unmatchedLines(expected.text, predOther).map((l) => ({ ...l, kind: lineKind(l.line, { title: expected.title }) }));
    const title = expected.title === null ? null : titleMatch(res.title, expected.title);
    const date = dateMatch(res.published, expected.published);
    const outlet = expected.outlet === null ? null : outletMatch(res.outlet, expected.outlet, expected.outletKind);
    out.systems[sys.name] = {
      tpfpfn,
      ...scores,
      tokens: tokenize(res.text).length,
      ms,
      error,
      method: res.method ?? null,
      extra,
      lost,
      meta: {
        title: title === null ? null : { ...title, pred: res.title ?? null, exp: expected.title },
        published: date === null ? null : { ...date, raw: res.published ?? null },
        outlet: outlet === null ? null : { match: outlet, pred: res.outlet ?? null, exp: expected.outlet, kind: expected.outletKind },
      },
    };
  }
  return out;
}

// ------------------------------------------------------------------ summaries
function metaSummary(pages, sys) {
  const acc = { title: [0, 0, 0], published: [0, 0, 0], outlet: [0, 0], outletId: [0, 0] };
  for (const p of pages) {
    const m = p.systems[sys].meta;
    if (m.title) {
      acc.title[0] += m.title.lenient ? 1 : 0;
      acc.title[1] += m.title.exact ? 1 : 0;
      acc.title[2] += 1;
    }
    if (m.published) {
      acc.published[0] += m.published.exact ? 1 : 0;
      acc.published[1] += m.published.nearby ? 1 : 0;
      acc.published[2] += 1;
    }
    if (m.outlet) {
      const slot = m.outlet.kind === 'publisher-id' ? acc.outletId : acc.outlet;
      slot[0] += m.outlet.match ? 1 : 0;
      slot[1] += 1;
    }
  }
  return {
    title: { lenient: acc.title[0], exact: acc.title[1], pages: acc.title[2] },
    published: { exact: acc.published[0], withinOneDay: acc.published[1], pages: acc.published[2] },
    outlet: { match: acc.outlet[0], pages: acc.outlet[1] },
    outletPublisherId: { match: acc.outletId[0], pages: acc.outletId[1] },
  };
}

function kindSummary(pages, sys, field) {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { pages: 0, tokens: 0 }]));
  let total = 0;
  for (const p of pages) {
    const seen = new Set();
    for (const l of p.systems[sys][field]) {
      byKind[l.kind].tokens += l.tokens;
      total += l.tokens;
      seen.add(l.kind);
    }
    for (const k of seen) byKind[k].pages += 1;
  }
  return { totalTokens: total, byKind };
}

function hint(s) {
  const firstExtra = s.extra.find((l) => l.tokens >= 2) ?? s.extra[0];
  const firstLost = s.lost.find((l) => l.tokens >= 2) ?? s.lost[0];
  if (s.error) return `threw: ${s.error}`;
  if (s.tokens === 0) return 'empty prediction';
  const precisionWeaker = (s.precision ?? 0) <= (s.recall ?? 0);
  if (precisionWeaker && firstExtra) return `+ [${firstExtra.kind}] ${firstExtra.line}`;
  if (firstLost) return `− [${firstLost.kind}] ${firstLost.line}`;
  if (firstExtra) return `+ [${firstExtra.kind}] ${firstExtra.line}`;
  return '';
}

function compactMeta(m) {
  const o = {};
  if (m.title) {
    o.title = m.title.exact ? 'exact' : m.title.lenient ? 'lenient' : 'miss';
    if (!m.title.exact) o.titlePred = m.title.pred;
  }
  if (m.published) {
    o.published = m.published.exact ? 'exact' : m.published.nearby ? '±1 day' : 'miss';
    if (!m.published.exact) o.publishedPred = m.published.raw;
  }
  if (m.outlet) {
    o.outlet = m.outlet.match ? 'match' : 'miss';
    if (!m.outlet.match) o.outletPred = m.outlet.pred;
  }
  return o;
}

/** One page for the JSON file: expected metadata once, then each system's scores (no timings, so reruns diff cleanly). */
function compactPage(p, systemNames) {
  const m0 = p.systems[systemNames[0]].meta;
  const o = {
    name: p.name,
    url: p.url,
    expectedTokens: p.expectedTokens,
    expected: { title: m0.title?.exp ?? null, published: m0.published?.exp ?? null, outlet: m0.outlet?.exp ?? null },
  };
  for (const n of systemNames) {
    const s = p.systems[n];
    o[n] = {
      precision: s.precision === null ? null : +s.precision.toFixed(4),
      recall: s.recall === null ? null : +s.recall.toFixed(4),
      f1: +s.f1.toFixed(4),
      tokens: s.tokens,
      ...(s.error ? { error: s.error } : {}),
      ...(s.method ? { method: s.method } : {}),
      extraTokens: s.extra.reduce((a, l) => a + l.tokens, 0),
      lostTokens: s.lost.reduce((a, l) => a + l.tokens, 0),
      extra: s.extra.slice(0, 3).map((l) => ({ kind: l.kind, tokens: l.tokens, line: clip(l.line, 120) })),
      lost: s.lost.slice(0, 3).map((l) => ({ kind: l.kind, tokens: l.tokens, line: clip(l.line, 120) })),
      meta: compactMeta(s.meta),
    };
  }
  return o;
}

// ------------------------------------------------------------------ main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(REPO, 'dist', 'extract', 'readability.js'))) {
    process.stderr.write('eval-extract: dist/extract/readability.js not found: run `npx tsc -p .` first\n');
    process.exit(2);
  }
  if (!fs.existsSync(opts.dir)) {
    process.stderr.write(`eval-extract: corpora folder not found: ${opts.dir}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const systems = await loadSystems({ jsdom: opts.jsdom, distDir: DIST });
  const names = systems.map((s) => s.name);
  const revision = reprintRevision();
  const results = { schema: 'reprint/eval-extract@1', reprint: revision, params: { corpora: opts.corpora, limit: Number.isFinite(opts.limit) ? opts.limit : null, systems: names, ngram: 4 }, corpora: {} };
  const lines = [];
  const say = (s = '') => {
    lines.push(s);
    process.stdout.write(`${s}\n`);
  };
  const allTp = Object.fromEntries(names.map((n) => [n, []]));

  for (const corpus of opts.corpora) {
    const t0 = performance.now();
    let pages = loadCorpus(corpus, opts.dir);
    if (Number.isFinite(opts.limit)) pages = pages.slice(0, opts.limit);
    const done = [];
    for (const [i, page] of pages.entries()) {
      if (process.stderr.isTTY) process.stderr.write(`\r${corpus} ${i + 1}/${pages.length} `);
      const r = runPage(page, systems);
      if (r) done.push(r);
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const secs = (performance.now() - t0) / 1000;

    const metrics = {};
    for (const n of names) {
      const tp = done.map((p) => p.systems[n].tpfpfn);
      metrics[n] = {
        ...corpusMetrics(tp),
        errors: done.filter((p) => p.systems[n].error).length,
        empty: done.filter((p) => p.systems[n].tokens === 0).length,
        seconds: done.reduce((a, p) => a + p.systems[n].ms, 0) / 1000,
      };
      allTp[n].push(...tp);
    }
    const ci = bootstrapDiff(
      done.map((p) => p.systems.reprint.tpfpfn),
      done.map((p) => p.systems.readability.tpfpfn),
    );
    // The same means over the pages every system extracted something from, so that a system is
    // not credited with precision on pages it gave up on.
    const common = done.filter((p) => names.every((n) => p.systems[n].tokens > 0));
    for (const n of names) metrics[n].common = corpusMetrics(common.map((p) => p.systems[n].tpfpfn));
    const delta = {
      precision: metrics.reprint.precision - metrics.readability.precision,
      recall: metrics.reprint.recall - metrics.readability.recall,
      f1: metrics.reprint.f1 - metrics.readability.f1,
      ci95: ci,
    };

    say(`== ${corpus}: ${done.length} pages (${secs.toFixed(1)} s)`);
    const head = ['', ...names, 'reprint − readability'];
    const row = (label, key) => [label, ...names.map((n) => f3(metrics[n][key])), `${sgn(delta[key])} ± ${f3(ci[key])}`];
    say(
      table(
        [
          head,
          row('precision', 'precision'),
          row('recall', 'recall'),
          row('F1', 'f1'),
          ['P over pages', ...names.map((n) => metrics[n].precisionPages), ''],
          ['R over pages', ...names.map((n) => metrics[n].recallPages), ''],
          [`P, ${common.length} common pages`, ...names.map((n) => f3(metrics[n].common.precision)), sgn(metrics.reprint.common.precision - metrics.readability.common.precision)],
          [`F1, ${common.length} common pages`, ...names.map((n) => f3(metrics[n].common.f1)), sgn(metrics.reprint.common.f1 - metrics.readability.common.f1)],
          ['threw', ...names.map((n) => metrics[n].errors), ''],
          ['empty text', ...names.map((n) => metrics[n].empty), ''],
          ['seconds', ...names.map((n) => metrics[n].seconds.toFixed(1)), ''],
        ],
        ['l'],
      ),
    );

    // Pages that threw, per system.
    for (const n of names) {
      const bad = done.filter((p) => p.systems[n].error);
      if (bad.length > 0) say(`  ${n} threw on ${bad.length}: ${bad.map((p) => `${p.name} (${clip(p.systems[n].error, 60)})`).join('; ')}`);
    }

    // Metadata.
    const meta = Object.fromEntries(names.map((n) => [n, metaSummary(done, n)]));
    const mrows = [['metadata', ...names, 'over pages']];
    const m0 = meta.reprint;
    if (m0.title.pages > 0)
      mrows.push(['title, lenient (exact)', ...names.map((n) => `${pct(meta[n].title.lenient, meta[n].title.pages)} (${pct(meta[n].title.exact, meta[n].title.pages).trim()})`), m0.title.pages]);
    if (m0.published.pages > 0)
      mrows.push(['published (±1 day)', ...names.map((n) => `${pct(meta[n].published.exact, meta[n].published.pages)} (${pct(meta[n].published.withinOneDay, meta[n].published.pages).trim()})`), m0.published.pages]);
    if (m0.outlet.pages > 0) mrows.push(['outlet', ...names.map((n) => pct(meta[n].outlet.match, meta[n].outlet.pages)), m0.outlet.pages]);
    if (m0.outletPublisherId.pages > 0)
      mrows.push(['outlet~id (loose)', ...names.map((n) => pct(meta[n].outletPublisherId.match, meta[n].outletPublisherId.pages)), m0.outletPublisherId.pages]);
    say();
    say(table(mrows, ['l']));

    // Worst pages for reprint.
    const ranked = [...done].sort((a, b) => a.systems.reprint.f1 - b.systems.reprint.f1 || a.name.localeCompare(b.name));
    const worst = ranked.slice(0, opts.top);
    if (worst.length > 0) {
      say();
      say(`worst ${worst.length} for reprint (F1 of the page; rd = readability's F1)`);
      say(
        table(
          [
            ['page', 'P', 'R', 'F1', 'rd F1', 'hint'],
            ...worst.map((p) => {
              const s = p.systems.reprint;
              return [clip(p.name, 42), f3(s.precision), f3(s.recall), f3(s.f1), f3(p.systems.readability.f1), clip(hint(s), 90)];
            }),
          ],
          ['l', 'r', 'r', 'r', 'r', 'l'],
        ),
      );
    }

    // Where reprint loses most against readability.
    const losses = done
      .map((p) => ({ p, d: p.systems.reprint.f1 - p.systems.readability.f1 }))
      .filter((x) => x.d < -0.02)
      .sort((a, b) => a.d - b.d || a.p.name.localeCompare(b.p.name));
    const wins = done.filter((p) => p.systems.reprint.f1 - p.systems.readability.f1 > 0.02).length;
    say();
    say(`page F1 vs readability: reprint better on ${wins}, worse on ${losses.length}, within ±0.02 on ${done.length - wins - losses.length}`);
    if (losses.length > 0) {
      say(
        table(
          [
            ['largest losses', 'rd F1', 'F1', 'hint'],
            ...losses.slice(0, 5).map(({ p }) => [clip(p.name, 42), f3(p.systems.readability.f1), f3(p.systems.reprint.f1), clip(hint(p.systems.reprint), 90)]),
          ],
          ['l', 'r', 'r', 'l'],
        ),
      );
    }

    // Kinds of extra and lost text.
    const kinds = {};
    for (const n of names) kinds[n] = { extra: kindSummary(done, n, 'extra'), lost: kindSummary(done, n, 'lost') };
    say();
    const krows = [['kind of line (pages / share of tokens)', ...names.map((n) => `${n} extra`), 'reprint lost']];
    for (const k of KINDS) {
      const cell = (ks) => {
        const v = ks.byKind[k];
        return v.pages === 0 ? '-' : `${v.pages} / ${pct(v.tokens, ks.totalTokens).trim()}`;
      };
      krows.push([k, ...names.map((n) => cell(kinds[n].extra)), cell(kinds.reprint.lost)]);
    }
    krows.push(['tokens in such lines', ...names.map((n) => kinds[n].extra.totalTokens), kinds.reprint.lost.totalTokens]);
    say(table(krows, ['l']));
    say();

    results.corpora[corpus] = {
      pages: done.length,
      seconds: +secs.toFixed(2),
      metrics,
      delta,
      metadata: meta,
      kinds,
      worst: worst.map((p) => p.name),
      errors: Object.fromEntries(names.map((n) => [n, done.filter((p) => p.systems[n].error).map((p) => ({ page: p.name, error: p.systems[n].error }))])),
      pageResults: done.map((p) => compactPage(p, names)),
    };
  }

  if (opts.corpora.length > 1) {
    const tot = Object.fromEntries(names.map((n) => [n, corpusMetrics(allTp[n])]));
    const ci = bootstrapDiff(allTp.reprint, allTp.readability);
    say(`== all corpora: ${allTp.reprint.length} pages (each page weighs the same)`);
    say(
      table(
        [
          ['', ...names, 'reprint − readability'],
          ...['precision', 'recall', 'f1'].map((k) => [k === 'f1' ? 'F1' : k, ...names.map((n) => f3(tot[n][k])), `${sgn(tot.reprint[k] - tot.readability[k])} ± ${f3(ci[k])}`]),
        ],
        ['l'],
      ),
    );
    results.all = { metrics: tot, ci95: ci };
  }
  const elapsed = (performance.now() - started) / 1000;
  say();
  say(`run time ${elapsed.toFixed(1)} s (reprint ${revision ?? 'revision unknown'}, Node ${process.version})`);
  results.elapsedSeconds = +elapsed.toFixed(1);
  results.node = process.version;

  if (opts.json) {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    // One line a page keeps the file readable in a diff; everything else indented.
    const round = (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? +v.toFixed(4) : v);
    const pageLines = {};
    for (const [c, r] of Object.entries(results.corpora)) {
      pageLines[c] = r.pageResults.map((p) => JSON.stringify(p, round));
      r.pageResults = `@@PAGES:${c}@@`;
    }
    let json = JSON.stringify(results, round, 1);
    for (const [c, ls] of Object.entries(pageLines)) json = json.replace(`"@@PAGES:${c}@@"`, `[\n${ls.join(',\n')}\n]`);
    fs.writeFileSync(OUT, `${json}\n`);
    process.stderr.write(`eval-extract: wrote ${path.relative(process.cwd(), OUT)}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`eval-extract: ${err?.stack ?? err}\n`);
  process.exit(2);
});
