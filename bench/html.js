#!/usr/bin/env node
// bench/html.js — what HTML extraction costs, against plain Readability over linkedom on the same pages.
//
//   node bench/run.js [--quick] html [--html-repeats=N]   (after `npx tsc -p .` / `npm run build`)
//   node bench/html.js [--quick] [--html-repeats=N]        (the same, standalone)
//   node bench/html.js --baseline <dir>                    (the baseline itself: one process)
//
// Two sets of real pages from ../shared/corpora (see its README.md), copied (and gunzipped) once
// into <tmpdir>/reprint-bench-corpora/html-<set>-v<V>/pages (or $REPRINT_BENCH_CORPORA) and
// cached there for the next run, never in the repo:
//   readability  the 130 Mozilla Readability test pages (readability/<name>/source.html)
//   news         the 258 fundus pages (fundus/<country>/*.html.gz) and the 30 newspaper4k pages
//
// The baseline (baselineMain below, run as its own process) loops plain @mozilla/readability over
// linkedom on every page, as scripts/eval-extract.mjs's "readability" system does: <style>
// contents emptied, a fragment with no <html> tag wrapped in <html><body>, linkedom's parseHTML,
// `new Readability(document).parse()`; it prints a checksum of the text lengths.
//
// Measured as whole processes under `/usr/bin/time -f '%e %U %S %M'` (else bash's `times`): CPU
// seconds (user+sys) of (a) the baseline and (b) `reprint extract <dir> --format ndjson
// --no-progress --jobs 1`, each repeated (5 runs, --quick 1) with a and b back to back in each
// repeat. Five, not three: the baseline's CPU takes one of two levels from run to run (on the
// 288 news pages 10.3–10.8 or 11.8–12.5 CPU s, as V8 lets its heap grow to 220 or 700 MiB, and
// fresh memory is dear on a VM), and three runs put the median at the mercy of two draws. Ratio = b / a per repeat (min, median, max). The same two commands on a one-page folder
// give each process's start-up cost, reported beside it (and subtracted in a second ratio).
// (c) The baseline once more under the V8 tiering the CLI sets for itself (src/runtime/tiering.ts,
// `node --interrupt-budget=<n>`), back to back with a and b: V8's flags are not reprint's code,
// so the ratio b / c (`sameTiering`) is reported beside the target's b / a.
//
// Writes bench/results/html.json (via bench/run.js, or when run standalone).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CPU_METHOD, gitCommit, measure } from './lib/measure.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

// ---------------------------------------------------------------------------------------------
// the baseline: one process, plain Readability over linkedom

const STYLE_CONTENT = /(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi;

async function baselineMain(dir) {
  const { Readability } = await import('@mozilla/readability');
  const { parseHTML } = await import('linkedom');
  const names = readdirSync(dir).filter((n) => n.endsWith('.html')).sort();
  let checksum = 0x811c9dc5;
  let chars = 0;
  let articles = 0;
  for (const name of names) {
    const html = readFileSync(path.join(dir, name), 'utf8');
    const source = html.replace(STYLE_CONTENT, '$1$2');
    const whole = /<html[\s>]/i.test(source) ? source : `<html><body>${source}</body></html>`;
    const { document } = parseHTML(whole);
    let n = 0;
    try {
      const article = new Readability(document).parse();
      n = article?.textContent?.length ?? 0;
      if (article !== null) articles++;
    } catch {
      n = -1;
    }
    chars += Math.max(0, n);
    checksum = Math.imul(checksum ^ n, 0x01000193);
  }
  process.stdout.write(`${JSON.stringify({ pages: names.length, articles, chars, checksum: (checksum >>> 0).toString(16) })}\n`);
}

// ---------------------------------------------------------------------------------------------
// the corpora

const CORPUS_VERSION = 1;

/** ../shared/corpora beside the repository (or beside the main checkout, from a git worktree), or $REPRINT_CORPORA. */
function sharedCorpora() {
  if (process.env.REPRINT_CORPORA) return process.env.REPRINT_CORPORA;
  const beside = path.resolve(ROOT, '..', 'shared', 'corpora');
  if (existsSync(beside)) return beside;
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const main = path.resolve(path.dirname(common), '..', 'shared', 'corpora');
    if (existsSync(main)) return main;
  } catch {
    // not a git checkout
  }
  return beside;
}
const SHARED = sharedCorpora();

function corporaRoot() {
  return process.env.REPRINT_BENCH_CORPORA ?? path.join(os.tmpdir(), 'reprint-bench-corpora');
}

/** The source files of a set: [{ name (the file name to write), load() -> Buffer }], sorted. */
function sourcesOf(set) {
  const out = [];
  if (set === 'readability') {
    const dir = path.join(SHARED, 'readability');
    for (const d of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      const file = path.join(dir, d, 'source.html');
      if (existsSync(file)) out.push({ name: `${d}.html`, load: () => readFileSync(file) });
    }
    return out;
  }
  const fundus = path.join(SHARED, 'fundus');
  for (const cc of readdirSync(fundus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const f of readdirSync(path.join(fundus, cc)).filter((n) => n.endsWith('.html.gz')).sort()) {
      out.push({ name: `fundus-${cc}-${f.slice(0, -3)}`, load: () => gunzipSync(readFileSync(path.join(fundus, cc, f))) });
    }
  }
  const n4k = path.join(SHARED, 'newspaper4k', 'html');
  for (const f of readdirSync(n4k).filter((n) => n.endsWith('.html')).sort()) out.push({ name: `newspaper4k-${f}`, load: () => readFileSync(path.join(n4k, f)) });
  return out;
}

const SETS = {
  readability: 'the Mozilla Readability test pages (readability/<name>/source.html)',
  news: 'fundus (gunzipped) and newspaper4k real news pages',
};

/** A set's pages as <root>/html-<set>-v<V>/pages/<name>.html, cached (checked by a digest of the sources). */
function pageFolder(set, log) {
  const dir = path.join(corporaRoot(), `html-${set}-v${CORPUS_VERSION}`);
  const sources = sourcesOf(set);
  const digest = createHash('sha256');
  const bufs = sources.map((s) => s.load());
  sources.forEach((s, i) => digest.update(s.name).update('\0').update(bufs[i]).update('\0'));
  const sha = digest.digest('hex');
  const manifestFile = path.join(dir, 'manifest.json');
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (m.sha256 === sha && readdirSync(path.join(dir, 'pages')).length === sources.length) return { ...m, dir, pagesDir: path.join(dir, 'pages'), cached: true };
  } catch {
    // not there yet, or incomplete: write it again
  }
  rmSync(dir, { recursive: true, force: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(path.join(tmp, 'pages'), { recursive: true });
  let bytes = 0;
  sources.forEach((s, i) => {
    bytes += bufs[i].length;
    writeFileSync(path.join(tmp, 'pages', s.name), bufs[i]);
  });
  const manifest = { set, source: SETS[set], pages: sources.length, bytes, sha256: sha, version: CORPUS_VERSION };
  writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, dir);
  log(`  wrote ${sources.length} pages (${(bytes / 1e6).toFixed(1)} MB) -> ${dir}`);
  return { ...manifest, dir, pagesDir: path.join(dir, 'pages'), cached: false };
}

// ---------------------------------------------------------------------------------------------
// the benchmark


/** reprint extract's ndjson: pages, errors and a digest of the page records (text and metadata). */
function parseExtract(stdout) {
  let summary = null;
  let errors = 0;
  let pages = 0;
  const digest = createHash('sha256');
  for (const line of stdout.split('\n')) {
    if (line.startsWith('{"type":"summary"')) summary = JSON.parse(line);
    else if (line.startsWith('{"type":"error"')) errors++;
    else if (line.startsWith('{"type":"page"')) {
      pages++;
      const o = JSON.parse(line);
      delete o.elapsedMs;
      digest.update(JSON.stringify(o)).update('\n');
    }
  }
  return { summary, pages, errors, sha256: digest.digest('hex').slice(0, 16) };
}

export async function benchHtml({ quick = false } = {}) {
  const { machineInfo, median, round, spread } = await import('./lib/util.js');
  const log = (...a) => console.error(...a);
  const started = performance.now();
  const load = [os.loadavg()[0]];
  const repArg = process.argv.find((a) => a.startsWith('--html-repeats='));
  const repeats = repArg ? Number(repArg.slice('--html-repeats='.length)) : quick ? 1 : 5;
  const SELF = fileURLToPath(import.meta.url);
  const CLI = path.join(ROOT, 'bin', 'reprint.js');
  const { INTERRUPT_BUDGET } = await import(pathToFileURL(path.join(ROOT, 'dist', 'runtime', 'tiering.js')).href);
  const commands = {
    baseline: (dir) => [process.execPath, SELF, '--baseline', dir],
    reprint: (dir) => [process.execPath, CLI, 'extract', dir, '--format', 'ndjson', '--no-progress', '--jobs', '1'],
    baselineSameTiering: (dir) => [process.execPath, `--interrupt-budget=${INTERRUPT_BUDGET}`, SELF, '--baseline', dir],
  };
  const names = Object.keys(commands);
  const check = (name, r, pages) => {
    if (r.exit !== 0) throw new Error(`${name} exited with ${r.exit}: ${r.stderr.split('\n').slice(-5).join(' | ')}`);
    if (!Number.isFinite(r.cpuS)) throw new Error(`${name}: no CPU time measured (${r.stderr.slice(-500)})`);
    if (name !== 'reprint') {
      const o = JSON.parse(r.stdout.trim());
      if (o.pages !== pages) throw new Error(`${name} read ${o.pages} pages, expected ${pages}`);
      return o;
    }
    const s = parseExtract(r.stdout);
    if (s.summary === null) throw new Error(`${name}: no summary line`);
    if (s.pages + s.errors !== pages) throw new Error(`${name}: ${s.pages} pages and ${s.errors} errors, expected ${pages} in all`);
    return { pages: s.pages, errors: s.errors, sha256: s.sha256 };
  };

  const sets = {};
  for (const set of Object.keys(SETS)) {
    log(`html bench: ${set} pages ...`);
    const corpus = pageFolder(set, log);
    // a one-page folder: what each process costs to start and stop
    const oneDir = path.join(corpus.dir, 'one-page');
    rmSync(oneDir, { recursive: true, force: true });
    mkdirSync(oneDir, { recursive: true });
    const first = readdirSync(corpus.pagesDir).sort()[0];
    copyFileSync(path.join(corpus.pagesDir, first), path.join(oneDir, first));

    // warm the page cache and the module cache: one untimed baseline pass
    await measure(commands.baseline(corpus.pagesDir), ROOT);
    const runs = Object.fromEntries(names.map((n) => [n, []]));
    const startup = Object.fromEntries(names.map((n) => [n, []]));
    const outputs = {};
    for (let rep = 0; rep < repeats; rep++) {
      for (const name of names) {
        const s = await measure(commands[name](oneDir), ROOT);
        check(name, s, 1);
        startup[name].push(s);
        const r = await measure(commands[name](corpus.pagesDir), ROOT);
        const o = check(name, r, corpus.pages);
        if (outputs[name] && JSON.stringify(outputs[name]) !== JSON.stringify(o)) throw new Error(`${name}: different output from run to run: ${JSON.stringify(outputs[name])} vs ${JSON.stringify(o)}`);
        outputs[name] = o;
        log(`  ${set} ${name} run ${rep + 1}/${repeats}: ${round(r.cpuS, 2)} CPU s (user ${r.userS} + sys ${r.sysS}), ${round(r.wallS, 2)} wall s, peak RSS ${r.peakRssKiB ? Math.round(r.peakRssKiB / 1024) : '?'} MiB; one page ${round(s.cpuS, 2)} CPU s`);
        runs[name].push(r);
      }
    }
    const pages = corpus.pages;
    const stats = (name) => {
      const rs = runs[name];
      const cpuS = median(rs.map((r) => r.cpuS));
      const startCpuS = median(startup[name].map((r) => r.cpuS));
      return {
        command: commands[name]('<dir>').map((a) => (a === process.execPath ? 'node' : path.relative(ROOT, a) || a)).join(' '),
        runs: rs.length,
        cpuSeconds: round(cpuS, 3),
        cpuSecondsRuns: rs.map((r) => round(r.cpuS, 3)),
        userSecondsRuns: rs.map((r) => round(r.userS, 3)),
        sysSecondsRuns: rs.map((r) => round(r.sysS, 3)),
        wallSeconds: round(median(rs.map((r) => r.wallS)), 3),
        cpuMsPerPage: round((cpuS / pages) * 1000, 2),
        peakRssMiB: round(median(rs.map((r) => r.peakRssKiB).filter(Number.isFinite)) / 1024, 1),
        onePageCpuSeconds: round(startCpuS, 3),
        onePageCpuSecondsRuns: startup[name].map((r) => round(r.cpuS, 3)),
        cpuSecondsAboveOnePage: round(cpuS - startCpuS, 3),
        output: outputs[name],
      };
    };
    const baseline = stats('baseline');
    const reprint = stats('reprint');
    const baselineSameTiering = stats('baselineSameTiering');
    if (JSON.stringify(outputs.baseline) !== JSON.stringify(outputs.baselineSameTiering)) throw new Error(`the baseline's output changed with V8's tiering: ${JSON.stringify(outputs.baseline)} vs ${JSON.stringify(outputs.baselineSameTiering)}`);
    // paired: each repeat's baseline and reprint ran back to back
    const ratios = runs.reprint.map((r, i) => r.cpuS / runs.baseline[i].cpuS);
    const above = runs.reprint.map((r, i) => (r.cpuS - startup.reprint[i].cpuS) / (runs.baseline[i].cpuS - startup.baseline[i].cpuS));
    const sameTiering = runs.reprint.map((r, i) => r.cpuS / runs.baselineSameTiering[i].cpuS);
    sets[set] = {
      corpus: { dir: corpus.pagesDir, pages, bytes: corpus.bytes, meanPageBytes: Math.round(corpus.bytes / pages), sha256: corpus.sha256, version: CORPUS_VERSION, cached: corpus.cached, source: corpus.source },
      baseline,
      reprint,
      baselineSameTiering,
      // reprint CPU s / baseline CPU s on the same pages, per repeat
      ratio: {
        min: round(Math.min(...ratios), 3),
        median: round(median(ratios), 3),
        max: round(Math.max(...ratios), 3),
        runs: ratios.map((x) => round(x, 3)),
        // the same with each process's one-page run (start-up, module loading, exit) subtracted
        aboveStartup: { min: round(Math.min(...above), 3), median: round(median(above), 3), max: round(Math.max(...above), 3) },
        // against the baseline under the CLI's V8 tiering (c above)
        sameTiering: spread(sameTiering),
      },
    };
  }
  load.push(os.loadavg()[0]);

  const commit = gitCommit(ROOT);
  return {
    bench: 'html',
    date: new Date().toISOString(),
    quick,
    commit,
    machine: machineInfo(),
    loadAverage1m: { start: round(load[0], 2), end: round(load[1], 2) },
    command: 'node bench/html.js (each process under /usr/bin/time)',
    cpuMethod: CPU_METHOD,
    baselineWhat:
      'bench/html.js --baseline <dir>, one process: per page readFileSync, <style> contents emptied, a fragment wrapped in <html><body>, linkedom parseHTML, new Readability(document).parse(); prints a checksum of the text lengths',
    repeats,
    sets,
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export function formatHtml(r) {
  const out = [`medians of ${r.repeats} run(s) each; load average ${r.loadAverage1m.start} -> ${r.loadAverage1m.end}`];
  for (const [set, s] of Object.entries(r.sets)) {
    const row = (label, x) => [label, x.cpuSeconds, `${Math.min(...x.cpuSecondsRuns)}-${Math.max(...x.cpuSecondsRuns)}`, x.onePageCpuSeconds, x.cpuMsPerPage, x.wallSeconds, x.peakRssMiB];
    const rows = [
      ['process', 'CPU s', 'range', 'CPU s (1 page)', 'CPU ms/page', 'wall s', 'peak RSS MiB'],
      row('readability+linkedom', s.baseline),
      row('reprint extract -j1', s.reprint),
      ...(s.baselineSameTiering ? [row('the baseline, reprint\'s tiering', s.baselineSameTiering)] : []),
    ];
    const w = rows[0].map((c) => String(c).length);
    for (const x of rows) x.forEach((c, i) => (w[i] = Math.max(w[i], String(c).length)));
    const line = (x) => x.map((c, i) => (typeof c === 'number' ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join('  ');
    const q = s.ratio;
    out.push(
      '',
      `${set}: ${s.corpus.pages} pages, ${(s.corpus.bytes / 1e6).toFixed(1)} MB`,
      line(rows[0]),
      w.map((n) => '-'.repeat(n)).join('  '),
      ...rows.slice(1).map(line),
      `reprint CPU / baseline CPU: median ${q.median}× (min ${q.min}×, max ${q.max}×); start-up subtracted: median ${q.aboveStartup.median}× (min ${q.aboveStartup.min}×, max ${q.aboveStartup.max}×)`,
      ...(q.sameTiering ? [`reprint CPU / baseline CPU under reprint's V8 tiering: median ${q.sameTiering.median}× (min ${q.sameTiering.min}×, max ${q.sameTiering.max}×)`] : []),
      `baseline: ${s.baseline.output.articles} articles, ${s.baseline.output.chars} chars (checksum ${s.baseline.output.checksum}); reprint: ${s.reprint.output.pages} pages, ${s.reprint.output.errors} errors (digest ${s.reprint.output.sha256})`,
    );
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--baseline');
  if (at >= 0) await baselineMain(process.argv[at + 1]);
  else {
    const { writeResult } = await import('./minhash.js');
    const r = await benchHtml({ quick: process.argv.includes('--quick') });
    console.log(formatHtml(r));
    console.log(`\nwrote ${path.relative(process.cwd(), writeResult('html', r))} (${r.seconds}s)`);
  }
}
