#!/usr/bin/env node
// eval-reprints.mjs — how well `reprint scan` finds every copy of an article, and only copies, on a
// labelled corpus built from ../shared/corpora (bench/lib/generate-reprints.js describes it).
//
//   npm run eval:reprints                      (builds first)
//   node scripts/eval-reprints.mjs [--size N] [--seed S] [--corpora DIR] [--jobs N] [--top N] [--no-write]
//
//   --size N       pages in the corpus (default 3000)
//   --seed S       corpus seed (default 1); the same size and seed give the same pages
//   --corpora DIR  corpora folder (default ../shared/corpora beside the repository)
//   --jobs N       passed to reprint (default: reprint's own)
//   --top N        false clusters and missed pairs listed (default 10; 30 and 100 are saved)
//   --no-write     do not write bench/results/eval-reprints.json
//   --rescore      score the outputs of the last run on this corpus again (saved beside it as
//                  scan.ndjson and extract.ndjson) instead of running reprint
//   --reprint DIR  measure another build: a checkout (or export) with bin/reprint.js and dist/
//   --threshold T, --containment C
//                  passed to reprint scan (default: reprint's own defaults); the scores and the
//                  "passes thresholds" split use the values the scan reports
//
// Steps: generate the corpus into <tmpdir>/reprint-eval-reprints/s<seed>-n<size>-v<version>
// (kept there as a cache; prepared templates too; never in the repository), then run the built
// CLI twice on it, as a user would: `reprint scan <pages> --format ndjson` (the clusters scored)
// and `reprint extract <pages> --format ndjson` (the text reprint compares, for the margin and the
// diagnostics), then score (bench/lib/score.js):
//   pairs      a pair of pages is positive when both are in one truth group (an original and its
//              copies); precision, recall and F1 of "in one reported cluster" over all pairs
//   B-cubed    per page, its cluster against its group, averaged over all pages, and over the
//              pages in a group or a cluster (singletons left alone would flatter the first)
//   categories recall of the positive pairs per category: language, each mutation of the copy
//              (or copies) in the pair, page form of either page, chrome language of a text
//              scrape, "short" (either body under 200 words), the two pages' forms together
//              (pair:scrape+scrape is a pair of two text scrapes), copy~copy (two copies of one
//              original: they may differ more from each other than from it)
//   verifiable positive pairs whose extracted texts pass reprint's own thresholds (exact Jaccard
//              >= threshold or containment >= containment, k as scanned): recall among them shows
//              what candidate generation and clustering lose, the rest is lost in extraction
//   margin     the highest exact Jaccard and containment of any pair of pages that are not copies,
//              on reprint's extracted text, tokenised and shingled by the build's own
//              dist/text/shingles.js (tokenHashes, shingleSet, k from the scan's params): all
//              pairs, same-outlet pairs (same template or chrome), same AllSides topic, semeval
//              pairs, pages of two different groups
//   false clusters  clusters holding pages that are not copies, worst first, with the outlet most
//              of their pages share
//   missed pairs    positive pairs apart, with their categories, exact overlap and why: a page in
//              errors, neither / one of them clustered, or split between two clusters
//   extraction per page form (and chrome language) the share of extracted words that are the
//              article's (the rest is furniture), the share of the article's words kept, and
//              for text scrapes how often the outlet and a dateline are found
// Writes bench/results/eval-reprints.json (no page text: ids, files, categories and figures) and
// prints a table. When the corpora are missing it says so and exits 0.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { memberId } from '../bench/lib/generate.js';
import { REPRINTS_VERSION, generateReprints } from '../bench/lib/generate-reprints.js';
import { REQUIRED } from '../bench/lib/reprint-sources.js';
import { bcubed, falseClusters, overlapOf, recallByCategory, scorePairs, sharedShingles, together, unrelatedMargin } from '../bench/lib/score.js';
import { machineInfo, round, table } from '../bench/lib/util.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, 'bench', 'results', 'eval-reprints.json');
const SHORT = 200;
const MAIN_LANGS = new Set(['en', 'ar', 'es', 'fr', 'tr', 'de']);
const log = (s) => process.stderr.write(`${s}\n`);

function parseArgs(argv) {
  const o = { size: 3000, seed: 1, corpora: path.resolve(REPO, '..', 'shared', 'corpora'), jobs: null, top: 10, write: true, rescore: false, reprint: REPO, scanArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], null];
    const next = () => inline ?? argv[++i];
    if (name === '--size') o.size = Number(next());
    else if (name === '--seed') o.seed = Number(next());
    else if (name === '--corpora') o.corpora = path.resolve(next());
    else if (name === '--jobs') o.jobs = Number(next());
    else if (name === '--top') o.top = Number(next());
    else if (name === '--no-write') o.write = false;
    else if (name === '--rescore') o.rescore = true;
    else if (name === '--reprint') o.reprint = path.resolve(next());
    else if (name === '--threshold' || name === '--containment') o.scanArgs.push(name, next());
    else {
      log(`eval-reprints: unknown argument ${argv[i]}\nusage: node scripts/eval-reprints.mjs [--size N] [--seed S] [--corpora DIR] [--jobs N] [--top N] [--no-write] [--rescore] [--reprint DIR] [--threshold T] [--containment C]`);
      process.exit(2);
    }
  }
  if (!(o.size >= 50) || !Number.isInteger(o.seed) || !(o.top >= 0)) {
    log('eval-reprints: --size must be at least 50, --seed an integer');
    process.exit(2);
  }
  return o;
}

/**
 * Run the CLI, its stdout saved to `saveTo`; each stdout line to onLine. Resolves { code, wallS,
 * cpuS, peakRssMiB, stderr }. With `reuse`, the saved output of an earlier run is read instead.
 */
async function runCli(cli, args, onLine, saveTo, reuse) {
  if (reuse) {
    if (!existsSync(saveTo)) throw new Error(`--rescore: no earlier output ${saveTo}`);
    for (const line of readFileSync(saveTo, 'utf8').split('\n')) if (line) onLine(line);
    return { code: 0, wallS: 0, cpuS: null, peakRssMiB: null, stderr: '', reused: true };
  }
  const out = createWriteStream(saveTo);
  const r = await spawnCli(cli, args, (line) => {
    out.write(line + '\n');
    onLine(line);
  });
  await new Promise((res) => out.end(res));
  return r;
}

function spawnCli(cli, args, onLine) {
  const timeBin = '/usr/bin/time';
  const useTime = existsSync(timeBin);
  const cmd = useTime ? timeBin : process.execPath;
  const argv = useTime ? ['-f', '@@time %U %S %M', process.execPath, cli, ...args] : [cli, ...args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
    const rl = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', onLine);
    const closed = new Promise((r) => rl.on('close', r));
    child.on('close', async (code) => {
      await closed;
      const m = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      resolve({
        code,
        wallS: (performance.now() - t0) / 1000,
        cpuS: m ? Number(m[1]) + Number(m[2]) : null,
        peakRssMiB: m ? Math.round(Number(m[3]) / 1024) : null,
        stderr: stderr.replace(/@@time.*\n?/, '').trim(),
      });
    });
  });
}

function gitState(root) {
  const git = (...a) => {
    try {
      return execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const status = git('status', '--short', 'src');
  return { commit: git('rev-parse', 'HEAD'), srcFilesChanged: status === null ? null : status.split('\n').filter(Boolean).length };
}

const pct = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');
const langCat = (l) => (MAIN_LANGS.has(l) ? l : 'other');

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const missing = REQUIRED.filter((f) => !existsSync(path.join(opts.corpora, f)));
  if (missing.length > 0) {
    console.log(`eval-reprints: the corpora are not there (${opts.corpora}: missing ${missing.join(', ')}); nothing was measured (README.md, "Reprint detection: labelled evaluation", says what it needs).`);
    return;
  }
  const root = opts.reprint;
  const cli = path.join(root, 'bin', 'reprint.js');
  if (!existsSync(path.join(root, 'dist', 'text', 'shingles.js')) || !existsSync(cli)) {
    log(`eval-reprints: no build in ${root} (bin/reprint.js, dist/); run \`npm run build\` or \`npm run eval:reprints\``);
    process.exit(1);
  }
  const { tokenHashes, shingleSet } = await import(pathToFileURL(path.join(root, 'dist', 'text', 'shingles.js')).href);
  const started = performance.now();
  const git = { ...gitState(root), build: root === REPO ? 'this checkout' : root };

  // 1. the corpus
  const dir = path.join(os.tmpdir(), 'reprint-eval-reprints', `s${opts.seed}-n${opts.size}-v${REPRINTS_VERSION}`);
  log(`eval-reprints: corpus of ${opts.size} pages (seed ${opts.seed}) in ${dir}`);
  let t0 = performance.now();
  const truth = await generateReprints({ dir, size: opts.size, seed: opts.seed, corpora: opts.corpora, log });
  const generateS = (performance.now() - t0) / 1000;
  log(`  ${truth.cached ? 'cached' : `generated in ${round(generateS, 1)}s`}: ${truth.pages} pages, ${truth.groups.length} groups`);
  const rec = truth.pageRecords;
  const n = rec.length;
  const bodies = readFileSync(path.join(dir, 'bodies.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const jobs = opts.jobs ? ['--jobs', String(opts.jobs)] : [];

  // 2. scan
  log('  reprint scan ...');
  const clusters = [];
  const errors = new Map();
  let summary = null;
  const scan = await runCli(cli, ['scan', truth.pagesDir, '--format', 'ndjson', '--no-progress', ...jobs, ...opts.scanArgs], (line) => {
    const o = JSON.parse(line);
    if (o.type === 'cluster') clusters.push(o.members.map((m) => memberId(m)).filter((id) => id !== null));
    else if (o.type === 'error') errors.set(memberId({ path: o.path }), o.message);
    else if (o.type === 'summary') summary = o;
  }, path.join(dir, 'scan.ndjson'), opts.rescore);
  if (scan.code !== 0 || summary === null) throw new Error(`reprint scan failed (exit ${scan.code}): ${scan.stderr.slice(-2000)}`);
  log(`  scan${scan.reused ? ' (saved output)' : ''}: ${round(scan.wallS, 1)}s, ${summary.clusters} clusters, ${summary.errors} errors`);

  // 3. extract: the text reprint compares
  log('  reprint extract ...');
  const extracted = new Array(n).fill(null);
  const extract = await runCli(cli, ['extract', truth.pagesDir, '--format', 'ndjson', '--no-progress', ...jobs], (line) => {
    const o = JSON.parse(line);
    if (o.type !== 'page') return;
    const id = memberId({ path: o.path });
    if (id !== null) extracted[id] = { text: o.text, outlet: o.outlet, dateline: o.dateline, method: o.method };
  }, path.join(dir, 'extract.ndjson'), opts.rescore);
  if (extract.code !== 0) throw new Error(`reprint extract failed (exit ${extract.code}): ${extract.stderr.slice(-2000)}`);
  log(`  extract: ${round(extract.wallS, 1)}s`);

  // 4. scoring
  t0 = performance.now();
  const params = summary.params;
  const k = params.shingleSize;
  // Pages the scan reported as errors were not compared: they take no part in the margin.
  const sets = extracted.map((e, id) => (e && !errors.has(id) ? shingleSet(tokenHashes(e.text), k) : null));
  const groupOf = new Map();
  truth.groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const related = (a, b) => groupOf.has(a) && groupOf.get(a) === groupOf.get(b);
  const pairs = scorePairs(clusters, truth.groups);
  const clusterOf = pairs.clusterOf;
  const all = rec.map((r) => r.id);
  const inAny = all.filter((id) => groupOf.has(id) || clusterOf.has(id));

  const categoriesOf = (a, b) => {
    const A = rec[a];
    const B = rec[b];
    const c = new Set(['all', `lang:${langCat(A.lang)}`, `pair:${[A.form, B.form].sort().join('+')}`]);
    for (const x of [A, B]) {
      if (x.role === 'copy') for (const m of x.mutations) c.add(`mutation:${m}`);
      c.add(`form:${x.form}`);
      if (x.form === 'scrape') c.add(`chrome:${x.chrome}`);
    }
    if (Math.min(A.words, B.words) < SHORT) c.add('short');
    if (A.role === 'copy' && B.role === 'copy') c.add('copy~copy');
    return [...c];
  };
  const byCategory = recallByCategory(clusterOf, truth.groups, categoriesOf);

  // Exact overlap of the positive pairs on the extracted text.
  const overlapPair = (a, b) => {
    if (!sets[a] || !sets[b]) return { jaccard: 0, containment: 0 };
    let i = 0;
    let j = 0;
    let inter = 0;
    const x = sets[a];
    const y = sets[b];
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) (inter++, i++, j++);
      else if (x[i] < y[j]) i++;
      else j++;
    }
    return overlapOf(x.length, y.length, inter);
  };
  const passes = (o) => o.jaccard >= params.threshold || o.containment >= params.containment;
  let verifiable = 0;
  let verifiableFound = 0;
  const missed = [];
  const missReasons = {};
  for (const g of truth.groups) {
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        const [a, b] = [g[x], g[y]];
        const o = overlapPair(a, b);
        const found = together(clusterOf, a, b);
        if (passes(o)) {
          verifiable++;
          if (found) verifiableFound++;
        }
        if (found) continue;
        const why = errors.has(a) || errors.has(b) ? 'error' : !clusterOf.has(a) && !clusterOf.has(b) ? 'neither clustered' : !clusterOf.has(a) || !clusterOf.has(b) ? 'one clustered' : 'split';
        const key = `${why}, ${passes(o) ? 'passes thresholds' : 'below thresholds'}`;
        missReasons[key] = (missReasons[key] ?? 0) + 1;
        missed.push({ a, b, files: [rec[a].file, rec[b].file], why, jaccard: round(o.jaccard, 3), containment: round(o.containment, 3), categories: categoriesOf(a, b).filter((c) => c !== 'all') });
      }
    }
  }
  missed.sort((p, q) => q.containment - p.containment || q.jaccard - p.jaccard || p.a - q.a);

  // The precision margin.
  const pairScore = new Map(truth.semevalPairs.map(([a, b, s]) => [[a, b].sort().join('|'), s]));
  const kindsOf = (a, b) => {
    const A = rec[a];
    const B = rec[b];
    const out = [];
    if (A.outlet && A.outlet === B.outlet) out.push('same outlet');
    if (A.source === 'allsides' && B.source === 'allsides' && A.topic === B.topic) out.push('same AllSides topic');
    const s = pairScore.get([A.article, B.article].sort().join('|'));
    if (s !== undefined) out.push('semeval pair');
    if (groupOf.has(a) && groupOf.has(b)) out.push('two groups');
    return out;
  };
  const shared = sharedShingles(sets);
  const margin = unrelatedMargin(sets, shared, related, kindsOf, { top: 10 });
  const describePair = (p) => ({ ...p, jaccard: round(p.jaccard, 4), containment: round(p.containment, 4), files: [rec[p.a].file, rec[p.b].file], kinds: kindsOf(p.a, p.b), outlets: [rec[p.a].outlet, rec[p.b].outlet] });
  const KIND_ORDER = ['all', 'same outlet', 'same AllSides topic', 'semeval pair', 'two groups'];
  const marginOut = Object.fromEntries(
    Object.entries(margin)
      .sort((x, y) => KIND_ORDER.indexOf(x[0]) - KIND_ORDER.indexOf(y[0]))
      .map(([kind, x]) => [kind, { pairsSharingAShingle: x.pairs, maxJaccard: round(x.maxJaccard, 4), maxContainment: round(x.maxContainment, 4), top: x.top.slice(0, kind === 'all' ? 10 : 3).map(describePair) }]),
  );
  // The lowest overlap of a true pair that was found, per mutation: the recall side of the margin.
  const lowestFound = {};
  for (const g of truth.groups) {
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        const [a, b] = [g[x], g[y]];
        const o = overlapPair(a, b);
        for (const c of ['all', ...categoriesOf(a, b).filter((c) => c.startsWith('mutation:'))]) {
          const cur = lowestFound[c] ?? { jaccard: 1, containment: 1, pairs: 0, belowThresholds: 0 };
          cur.pairs++;
          if (!passes(o)) cur.belowThresholds++;
          cur.jaccard = Math.min(cur.jaccard, o.jaccard);
          cur.containment = Math.min(cur.containment, o.containment);
          lowestFound[c] = cur;
        }
      }
    }
  }

  // False clusters.
  const fcs = falseClusters(clusters, (id) => groupOf.get(id), (id) => rec[id].outlet);
  const describeCluster = (f) => {
    const c = clusters[f.index];
    const forms = {};
    const langs = {};
    for (const id of c) {
      forms[rec[id].form] = (forms[rec[id].form] ?? 0) + 1;
      langs[rec[id].lang] = (langs[rec[id].lang] ?? 0) + 1;
    }
    const texts = f.groups;
    const share = f.sharedBy.count >= 2 ? `; ${f.sharedBy.count} of them on outlet ${f.sharedBy.value}` : '';
    return {
      size: f.size,
      falsePairs: f.falsePairs,
      distinctTexts: texts,
      largestGroup: f.largestGroup,
      outlet: f.sharedBy.count >= 2 ? f.sharedBy.value : null,
      outletPages: f.sharedBy.count,
      forms,
      langs,
      files: c.slice(0, 12).map((id) => rec[id].file),
      description: `cluster of ${f.size} pages holding ${texts} different texts${share}`,
    };
  };

  // Extraction diagnostics.
  const ext = new Map();
  for (let id = 0; id < n; id++) {
    const r = rec[id];
    const key = r.form === 'scrape' ? `scrape (${r.chrome} chrome)` : r.form === 'html' ? 'html' : 'bare';
    const x = ext.get(key) ?? { pages: 0, extracted: 0, precision: 0, recall: 0, lost: 0, outletFound: 0, datelineFound: 0 };
    x.pages++;
    const e = extracted[id];
    if (e) {
      x.extracted++;
      const got = tokenHashes(e.text);
      const want = tokenHashes(bodies[id].text);
      const counts = new Map();
      for (const t of want) counts.set(t, (counts.get(t) ?? 0) + 1);
      let hit = 0;
      for (const t of got) {
        const c = counts.get(t);
        if (c) (hit++, counts.set(t, c - 1));
      }
      const p = got.length ? hit / got.length : 0;
      const rc = want.length ? hit / want.length : 0;
      x.precision += p;
      x.recall += rc;
      if (rc < 0.5) x.lost++;
      if (r.form === 'scrape') {
        const norm = (s) => (s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        if (e.outlet && norm(e.outlet) === norm(r.outletName)) x.outletFound++;
        if (e.dateline) x.datelineFound++;
      }
      if (r.form === 'html') {
        const t = ext.get(`template:${r.template}`) ?? { pages: 0, recall: 0, precision: 0 };
        t.pages++;
        t.recall += rc;
        t.precision += p;
        ext.set(`template:${r.template}`, t);
      }
    }
    ext.set(key, x);
  }
  const extraction = {};
  for (const [key, x] of ext) {
    if (key.startsWith('template:')) continue;
    extraction[key] = {
      pages: x.pages,
      withText: x.extracted,
      articleShareOfExtractedWords: round(x.precision / Math.max(1, x.extracted), 3),
      articleWordsKept: round(x.recall / Math.max(1, x.extracted), 3),
      pagesWithUnderHalfTheArticle: x.lost,
      ...(key.startsWith('scrape') ? { outletFound: x.outletFound, datelineFound: x.datelineFound } : {}),
    };
  }
  const worstTemplates = [...ext.entries()]
    .filter(([key]) => key.startsWith('template:'))
    .map(([key, t]) => ({ template: key.slice(9), pages: t.pages, articleWordsKept: round(t.recall / t.pages, 3), articleShareOfExtractedWords: round(t.precision / t.pages, 3) }))
    .sort((a, b) => a.articleWordsKept - b.articleWordsKept || a.template.localeCompare(b.template))
    .slice(0, 10);
  const scoreS = (performance.now() - t0) / 1000;

  // Issue 11's acceptance figures.
  const rc = (c) => byCategory[c]?.recall ?? NaN;
  const furnitureClusters = fcs.filter((f) => f.sharedBy.count >= 2).length;
  const targets = [
    { what: 'pairwise F1 >= 0.98', value: round(pairs.f1), met: pairs.f1 >= 0.98 },
    { what: 'pairwise precision >= 0.995', value: round(pairs.precision), met: pairs.precision >= 0.995 },
    ...[['Arabic copies', 'lang:ar'], ['excerpts', 'mutation:excerpt'], ['texts under 200 words', 'short'], ['pairs of two text scrapes', 'pair:scrape+scrape']].map(([name, c]) => ({
      what: `recall >= 0.95, ${name} (${c})`,
      value: round(rc(c)),
      met: rc(c) >= 0.95,
    })),
    { what: "no false cluster of pages sharing one outlet's furniture", value: furnitureClusters, met: furnitureClusters === 0 },
  ];

  const b3all = bcubed(clusters, truth.groups, all);
  const b3in = bcubed(clusters, truth.groups, inAny);
  const result = {
    script: 'eval-reprints',
    date: new Date().toISOString(),
    git,
    machine: machineInfo(),
    loadAverage1m: round(os.loadavg()[0], 2),
    command: 'reprint scan <corpus>/pages --format ndjson --no-progress; reprint extract <corpus>/pages --format ndjson --no-progress',
    params,
    corpus: {
      generator: truth.generator,
      version: truth.version,
      size: truth.size,
      seed: truth.seed,
      sha256: truth.sha256,
      inputMB: round(truth.inputBytes / 1e6, 1),
      articles: truth.articles,
      groups: truth.groups.length,
      composition: truth.composition,
      selection: truth.selection,
      templates: truth.templates,
      semevalPairsInCorpus: truth.semevalPairs.length,
    },
    runtime: {
      cachedCorpus: truth.cached,
      rescored: opts.rescore,
      generateS: round(generateS, 1),
      scan: { wallS: round(scan.wallS, 1), cpuS: round(scan.cpuS, 1), peakRssMiB: scan.peakRssMiB },
      extract: { wallS: round(extract.wallS, 1), cpuS: round(extract.cpuS, 1), peakRssMiB: extract.peakRssMiB },
      scoreS: round(scoreS, 1),
      totalS: round((performance.now() - started) / 1000, 1),
    },
    scan: { documents: summary.documents, clusters: summary.clusters, duplicates: summary.duplicates, errors: summary.errors },
    pairs: { positive: pairs.positivePairs, reported: pairs.reportedPairs, tp: pairs.tp, fp: pairs.fp, fn: pairs.fn, precision: round(pairs.precision), recall: round(pairs.recall), f1: round(pairs.f1) },
    bcubed: {
      allPages: { items: b3all.items, precision: round(b3all.precision), recall: round(b3all.recall), f1: round(b3all.f1) },
      groupedOrClusteredPages: { items: b3in.items, precision: round(b3in.precision), recall: round(b3in.recall), f1: round(b3in.f1) },
    },
    targets,
    recallByCategory: Object.fromEntries(Object.entries(byCategory).map(([c, x]) => [c, { ...x, recall: round(x.recall) }])),
    verifiable: { pairs: verifiable, found: verifiableFound, recall: round(verifiable ? verifiableFound / verifiable : 1), note: 'positive pairs whose extracted texts pass the thresholds (exact, k as scanned)' },
    truePairOverlap: Object.fromEntries(Object.entries(lowestFound).map(([c, x]) => [c, { pairs: x.pairs, belowThresholds: x.belowThresholds, minJaccard: round(x.jaccard, 3), minContainment: round(x.containment, 3) }])),
    margin: { ...marginOut, shinglesOnTooManyPagesSkipped: shared.skipped },
    falseClusters: { count: fcs.length, pagesInThem: fcs.reduce((s, f) => s + f.size, 0), worst: fcs.slice(0, 30).map(describeCluster) },
    missedPairs: { count: missed.length, byReason: missReasons, worst: missed.slice(0, 100) },
    extraction: { byForm: extraction, worstTemplates },
    errors: [...errors.entries()].sort((a, b) => a[0] - b[0]).slice(0, 50).map(([id, message]) => ({ file: rec[id]?.file ?? null, message, role: rec[id]?.role, form: rec[id]?.form })),
  };
  if (opts.write) {
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
  }
  print(result, opts.top);
  if (opts.write) console.log(`\nwrote ${path.relative(process.cwd(), OUT)}`);
}

function print(r, top) {
  const c = r.corpus;
  const comp = c.composition;
  console.log(`\nreprint ${r.git.commit?.slice(0, 12) ?? '?'} (${r.git.srcFilesChanged ?? '?'} files under src/ changed since), scheme ${r.params.scheme}, k=${r.params.shingleSize} t=${r.params.threshold} c=${r.params.containment}`);
  console.log(
    `corpus: ${c.size} pages (seed ${c.seed}, ${c.inputMB} MB), ${c.groups} groups, ${comp.roles.copy} copies; forms ${Object.entries(comp.forms).map(([k, v]) => `${k} ${v}`).join(', ')}; languages ${Object.entries(comp.languages).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ')}; ${comp.short} pages under ${SHORT} words`,
  );
  console.log(`runtime: generate ${r.runtime.cachedCorpus ? 'cached' : `${r.runtime.generateS}s`}, scan ${r.runtime.scan.wallS}s (CPU ${r.runtime.scan.cpuS ?? '?'}s), extract ${r.runtime.extract.wallS}s (CPU ${r.runtime.extract.cpuS ?? '?'}s), score ${r.runtime.scoreS}s, total ${r.runtime.totalS}s; load ${r.loadAverage1m}\n`);
  const p = r.pairs;
  const b = r.bcubed;
  console.log(
    table([
      ['measure', 'precision', 'recall', 'F1', 'counts'],
      ['pairs', pct(p.precision), pct(p.recall), pct(p.f1), `TP ${p.tp}, FP ${p.fp}, FN ${p.fn} of ${p.positive} positive pairs`],
      ['B-cubed, all pages', pct(b.allPages.precision), pct(b.allPages.recall), pct(b.allPages.f1), `${b.allPages.items} pages`],
      ['B-cubed, pages in a group or cluster', pct(b.groupedOrClusteredPages.precision), pct(b.groupedOrClusteredPages.recall), pct(b.groupedOrClusteredPages.f1), `${b.groupedOrClusteredPages.items} pages`],
    ]),
  );
  console.log(`verifiable pairs (extracted texts pass the thresholds): ${r.verifiable.found}/${r.verifiable.pairs} found (${pct(r.verifiable.recall)})\n`);
  const rows = [['category', 'pairs', 'found', 'recall']];
  for (const [k, x] of Object.entries(r.recallByCategory)) rows.push([k, x.planted, x.found, pct(x.recall)]);
  console.log(table(rows));
  const m = r.margin;
  const mrows = [['unrelated pairs', 'sharing a shingle', 'max Jaccard', 'max containment']];
  for (const [k, x] of Object.entries(m)) if (typeof x === 'object') mrows.push([k, x.pairsSharingAShingle, x.maxJaccard, x.maxContainment]);
  console.log(`\nprecision margin (exact, on reprint's extracted text):\n${table(mrows)}`);
  if (m.all?.top?.length) console.log(`closest unrelated pairs: ${m.all.top.slice(0, 5).map((t) => `${t.files.join(' ~ ')} J ${t.jaccard} C ${t.containment} [${t.kinds.join(', ') || 'other'}]`).join('\n  ')}`);
  console.log(`\nfalse clusters: ${r.falseClusters.count} (${r.falseClusters.pagesInThem} pages)`);
  for (const f of r.falseClusters.worst.slice(0, top)) console.log(`  ${f.description} (${f.falsePairs} false pairs; forms ${JSON.stringify(f.forms)})`);
  console.log(`\nmissed pairs: ${r.missedPairs.count} — ${Object.entries(r.missedPairs.byReason).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
  for (const x of r.missedPairs.worst.slice(0, top)) console.log(`  ${x.files.join(' ~ ')} J ${x.jaccard} C ${x.containment} ${x.why} [${x.categories.join(', ')}]`);
  console.log(`\nissue 11 targets: ${r.targets.map((t) => `${t.what}: ${t.value} ${t.met ? 'met' : 'NOT met'}`).join('; ')}`);
  const erows = [['page form', 'pages', 'article share of extracted words', 'article words kept', 'pages < half kept', 'outlet found', 'dateline found']];
  for (const [k, x] of Object.entries(r.extraction.byForm)) erows.push([k, x.pages, pct(x.articleShareOfExtractedWords), pct(x.articleWordsKept), x.pagesWithUnderHalfTheArticle, x.outletFound ?? '', x.datelineFound ?? '']);
  console.log(`\nextraction:\n${table(erows)}`);
}

main().catch((e) => {
  log(`eval-reprints: ${e.stack ?? e}`);
  process.exit(1);
});
