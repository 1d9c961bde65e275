#!/usr/bin/env node
// bench/floor.js — a byte-level floor for plain text, measured in the same run as reprint.
//
//   node bench/run.js [--quick] floor [--floor-repeats=N]   (after `npx tsc -p .` / `npm run build`)
//   node bench/floor.js [--quick]                            (the same, standalone)
//   node bench/floor.js <dir>                                (the floor itself: one process)
//
// The 12,309 AllSides texts (../shared/corpora/allsides-dev.jsonl.gz) are written as .txt files
// into <tmpdir>/reprint-bench-corpora/allsides-txt-<n>-v<V>/pages (or $REPRINT_BENCH_CORPORA),
// deterministically, and cached there for the next run. Never in the repo.
//
// The floor (floorMain below, ~40 lines, run as its own process): read each file
// (readFileSync), ASCII-lowercase its bytes, split on non-word bytes (word bytes: [a-z0-9]
// and every byte >= 0x80), hash each word (FNV-1a over bytes, Math.imul), a rolling polynomial
// hash over the last 5 word hashes (Math.imul), and a one-permutation MinHash over 128 bins
// (a mixed shingle hash picks its bin by its top 7 bits, each bin keeps its minimum). It prints
// a checksum of all signatures so no work can be optimised away.
//
// Measured as whole processes under `/usr/bin/time -f '%e %U %S %M'` (else bash's `times`): CPU
// seconds (user+sys) of the floor, of `reprint scan <dir> --format ndjson --no-progress --jobs 1`
// and of `--jobs 2`; each repeated (3 runs, --quick 1; adjacent in time: floor, j1, j2 per
// repeat), medians reported, with min, median and max of the runs (`...Stats` fields, printed as
// "median [min-max]"). Ratio = reprint CPU s per page / floor CPU s per page: the ratio of the
// medians, and min/median/max of the per-repeat ratios (ratio.jobs1Stats, ratio.jobs2Stats; what
// bench/run.js's issue-targets summary reports). The same three commands on a one-page folder give
// each process's start-up cost, reported beside it.
//
// Writes bench/results/floor.json (via bench/run.js, or when run standalone).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CPU_METHOD, gitCommit, measure } from './lib/measure.js';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------
// the floor: one process, byte-level

const BINS = 128;
const K = 5;

function floorMain(dir) {
  const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
  const sig = new Uint32Array(BINS);
  const ring = new Int32Array(K);
  const POW = Math.imul(Math.imul(Math.imul(Math.imul(0x01000193, 0x01000193), 0x01000193), 0x01000193), 0x01000193); // B^K
  let checksum = 0x811c9dc5;
  let shingles = 0;
  let bytes = 0;
  for (const name of names) {
    const buf = readFileSync(path.join(dir, name));
    bytes += buf.length;
    sig.fill(0xffffffff);
    let w = 0x811c9dc5; // current word's hash (FNV-1a)
    let inWord = false;
    let words = 0;
    let roll = 0; // sum of ring[i] * B^(K-1-i), mod 2^32
    for (let i = 0; i <= buf.length; i++) {
      let c = i < buf.length ? buf[i] : 32;
      if (c >= 65 && c <= 90) c |= 0x20;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 0x80) {
        w = Math.imul(w ^ c, 0x01000193);
        inWord = true;
      } else if (inWord) {
        const slot = words % K;
        roll = (Math.imul(roll, 0x01000193) + w - Math.imul(ring[slot], POW)) | 0;
        ring[slot] = w;
        words++;
        w = 0x811c9dc5;
        inWord = false;
        if (words >= K) {
          let x = roll ^ (roll >>> 16); // murmur3 fmix32: one permutation
          x = Math.imul(x, 0x85ebca6b);
          x ^= x >>> 13;
          x = Math.imul(x, 0xc2b2ae35);
          x = (x ^ (x >>> 16)) >>> 0;
          const bin = x >>> 25;
          if (x < sig[bin]) sig[bin] = x;
          shingles++;
        }
      }
    }
    ring.fill(0);
    roll = 0;
    for (let b = 0; b < BINS; b++) checksum = Math.imul(checksum ^ sig[b], 0x01000193);
  }
  process.stdout.write(`${JSON.stringify({ pages: names.length, bytes, shingles, checksum: (checksum >>> 0).toString(16) })}\n`);
}

// ---------------------------------------------------------------------------------------------
// the benchmark

const CORPUS_VERSION = 1;

function corporaRoot() {
  return process.env.REPRINT_BENCH_CORPORA ?? path.join(os.tmpdir(), 'reprint-bench-corpora');
}

/** The AllSides texts as <root>/allsides-txt-<n>-v<V>/pages/<nnnnn>-<id>.txt, cached. */
async function textFolder(articles, log) {
  const dir = path.join(corporaRoot(), `allsides-txt-${articles.length}-v${CORPUS_VERSION}`);
  const digest = createHash('sha256');
  for (const a of articles) digest.update(a.id).update('\0').update(a.text).update('\0');
  const sha = digest.digest('hex');
  const manifestFile = path.join(dir, 'manifest.json');
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (m.sha256 === sha && readdirSync(path.join(dir, 'pages')).length === articles.length) return { ...m, dir, pagesDir: path.join(dir, 'pages'), cached: true };
  } catch {
    // not there yet, or incomplete: write it again
  }
  rmSync(dir, { recursive: true, force: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(path.join(tmp, 'pages'), { recursive: true });
  let bytes = 0;
  articles.forEach((a, i) => {
    const buf = Buffer.from(a.text, 'utf8');
    bytes += buf.length;
    writeFileSync(path.join(tmp, 'pages', `${String(i).padStart(5, '0')}-${a.id}.txt`), buf);
  });
  const manifest = { source: 'allsides-dev.jsonl.gz, content_original of every article, sorted by ID', pages: articles.length, bytes, sha256: sha, version: CORPUS_VERSION };
  writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, dir);
  log(`  wrote ${articles.length} .txt files (${(bytes / 1e6).toFixed(1)} MB) -> ${dir}`);
  return { ...manifest, dir, pagesDir: path.join(dir, 'pages'), cached: false };
}


function parseScan(stdout) {
  let summary = null;
  let errors = 0;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('{"type":"summary"')) summary = JSON.parse(line);
    else if (line.startsWith('{"type":"error"')) errors++;
  }
  return { summary, errors };
}

export async function benchFloor({ quick = false, articles } = {}) {
  const { loadAllsides, ROOT } = await import('./lib/corpus.js');
  const { machineInfo, median, round, spread } = await import('./lib/util.js');
  const log = (...a) => console.error(...a);
  const started = performance.now();
  const load = [os.loadavg()[0]];
  const repArg = process.argv.find((a) => a.startsWith('--floor-repeats='));
  const repeats = repArg ? Number(repArg.slice('--floor-repeats='.length)) : quick ? 1 : 3;
  articles ??= await loadAllsides();
  const corpus = await textFolder(articles, log);
  // a one-page folder: what each process costs to start and stop
  const oneDir = path.join(corpus.dir, 'one-page');
  rmSync(oneDir, { recursive: true, force: true });
  mkdirSync(oneDir, { recursive: true });
  const first = readdirSync(corpus.pagesDir).sort()[0];
  copyFileSync(path.join(corpus.pagesDir, first), path.join(oneDir, first));

  const FLOOR = path.join(ROOT, 'bench', 'floor.js');
  const CLI = path.join(ROOT, 'bin', 'reprint.js');
  const commands = {
    floor: (dir) => [process.execPath, FLOOR, dir],
    j1: (dir) => [process.execPath, CLI, 'scan', dir, '--format', 'ndjson', '--no-progress', '--jobs', '1'],
    j2: (dir) => [process.execPath, CLI, 'scan', dir, '--format', 'ndjson', '--no-progress', '--jobs', '2'],
  };
  const check = (name, r, pages) => {
    if (r.exit !== 0) throw new Error(`${name} exited with ${r.exit}: ${r.stderr.split('\n').slice(-5).join(' | ')}`);
    if (!Number.isFinite(r.cpuS)) throw new Error(`${name}: no CPU time measured (${r.stderr.slice(-500)})`);
    if (name === 'floor') {
      const o = JSON.parse(r.stdout.trim());
      if (o.pages !== pages) throw new Error(`floor read ${o.pages} pages, expected ${pages}`);
      return { checksum: o.checksum, shingles: o.shingles };
    }
    const s = parseScan(r.stdout);
    if (s.summary === null) throw new Error(`${name}: no summary line`);
    return { documents: s.summary.documents, clusters: s.summary.clusters, duplicates: s.summary.duplicates, errors: s.errors };
  };

  // warm the page cache and the start-up baseline: one untimed floor pass
  await measure(commands.floor(corpus.pagesDir), ROOT);
  const runs = { floor: [], j1: [], j2: [] };
  const startup = { floor: [], j1: [], j2: [] };
  const outputs = {};
  for (let rep = 0; rep < repeats; rep++) {
    for (const name of ['floor', 'j1', 'j2']) {
      const s = await measure(commands[name](oneDir), ROOT);
      check(name, s, 1);
      startup[name].push(s);
      log(`floor bench ${name} run ${rep + 1}/${repeats} ...`);
      const r = await measure(commands[name](corpus.pagesDir), ROOT);
      const o = check(name, r, corpus.pages);
      if (outputs[name] && JSON.stringify(outputs[name]) !== JSON.stringify(o)) throw new Error(`${name}: different output from run to run: ${JSON.stringify(outputs[name])} vs ${JSON.stringify(o)}`);
      outputs[name] = o;
      log(`  ${round(r.cpuS, 2)} CPU s (user ${r.userS} + sys ${r.sysS}), ${round(r.wallS, 2)} wall s, peak RSS ${r.peakRssKiB ? Math.round(r.peakRssKiB / 1024) : '?'} MiB`);
      runs[name].push(r);
    }
  }
  load.push(os.loadavg()[0]);

  const pages = corpus.pages;
  const stats = (name) => {
    const rs = runs[name];
    const cpuS = median(rs.map((r) => r.cpuS));
    const wallS = median(rs.map((r) => r.wallS));
    const startCpuS = median(startup[name].map((r) => r.cpuS));
    return {
      command: commands[name]('<dir>').map((a) => (a === process.execPath ? 'node' : path.relative(ROOT, a) || a)).join(' '),
      runs: rs.length,
      cpuSeconds: round(cpuS, 3),
      cpuSecondsStats: spread(rs.map((r) => r.cpuS), 3),
      cpuSecondsRuns: rs.map((r) => round(r.cpuS, 3)),
      userSecondsRuns: rs.map((r) => round(r.userS, 3)),
      sysSecondsRuns: rs.map((r) => round(r.sysS, 3)),
      wallSeconds: round(wallS, 3),
      wallSecondsStats: spread(rs.map((r) => r.wallS), 3),
      wallSecondsRuns: rs.map((r) => round(r.wallS, 3)),
      cpuOverWall: round(cpuS / wallS, 2),
      cpuMsPerPage: round((cpuS / pages) * 1000, 4),
      pagesPerCpuSecond: round(pages / cpuS, 1),
      pagesPerSec: round(pages / wallS, 1),
      mbPerSec: round(corpus.bytes / 1e6 / wallS, 2),
      peakRssMiB: round(median(rs.map((r) => r.peakRssKiB).filter(Number.isFinite)) / 1024, 1),
      peakRssMiBStats: spread(rs.map((r) => r.peakRssKiB / 1024), 1),
      onePageCpuSeconds: round(startCpuS, 3),
      onePageCpuSecondsRuns: startup[name].map((r) => round(r.cpuS, 3)),
      cpuSecondsAboveOnePage: round(cpuS - startCpuS, 3),
      output: outputs[name],
    };
  };
  const floor = stats('floor');
  const j1 = stats('j1');
  const j2 = stats('j2');
  // paired ratios: each repeat's floor, j1 and j2 ran back to back
  const paired = (name) => round(median(runs[name].map((r, i) => r.cpuS / runs.floor[i].cpuS)), 2);
  const pairedStats = (name) => spread(runs[name].map((r, i) => r.cpuS / runs.floor[i].cpuS), 2);
  const aboveStartupStats = (name) => spread(runs[name].map((r, i) => (r.cpuS - startup[name][i].cpuS) / (runs.floor[i].cpuS - startup.floor[i].cpuS)), 2);
  const commit = gitCommit(ROOT);
  return {
    bench: 'floor',
    date: new Date().toISOString(),
    quick,
    commit,
    machine: machineInfo(),
    loadAverage1m: { start: round(load[0], 2), end: round(load[1], 2) },
    command: 'node bench/run.js floor (each process under /usr/bin/time)',
    cpuMethod: CPU_METHOD,
    corpus: { dir: corpus.pagesDir, pages, bytes: corpus.bytes, meanPageBytes: Math.round(corpus.bytes / pages), sha256: corpus.sha256, version: CORPUS_VERSION, cached: corpus.cached, source: corpus.source },
    floorWhat: 'bench/floor.js <dir>, one process: readFileSync per file, ASCII-lowercase bytes, words = runs of [a-z0-9] and bytes >= 0x80, FNV-1a word hashes, rolling polynomial hash of 5 words (Math.imul), one-permutation MinHash over 128 bins (fmix32, min per bin), checksum of all signatures printed',
    repeats,
    floor,
    reprint: { jobs1: j1, jobs2: j2 },
    // reprint CPU s per page / floor CPU s per page (same pages): medians, and medians of per-repeat ratios
    ratio: {
      jobs1: round(j1.cpuSeconds / floor.cpuSeconds, 2),
      jobs2: round(j2.cpuSeconds / floor.cpuSeconds, 2),
      jobs1Paired: paired('j1'),
      jobs2Paired: paired('j2'),
      // min, median and max of the per-repeat ratios (floor, j1 and j2 of one repeat ran back to back)
      jobs1Stats: pairedStats('j1'),
      jobs2Stats: pairedStats('j2'),
      jobs1AboveStartupStats: aboveStartupStats('j1'),
      jobs2AboveStartupStats: aboveStartupStats('j2'),
      // the same with each process's one-page run (start-up, module loading, exit) subtracted
      jobs1AboveStartup: round(j1.cpuSecondsAboveOnePage / floor.cpuSecondsAboveOnePage, 2),
      jobs2AboveStartup: round(j2.cpuSecondsAboveOnePage / floor.cpuSecondsAboveOnePage, 2),
      wallJobs1: round(j1.wallSeconds / floor.wallSeconds, 2),
      wallJobs2: round(j2.wallSeconds / floor.wallSeconds, 2),
    },
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export function formatFloor(r) {
  // "median [min-max]" of the runs (the value alone for one run)
  const sp = (x) => (!x ? '-' : x.n > 1 ? `${x.median} [${x.min}-${x.max}]` : String(x.median));
  const row = (label, s) => [label, sp(s.cpuSecondsStats), s.onePageCpuSeconds, s.cpuMsPerPage, sp(s.wallSecondsStats), s.cpuOverWall, Math.round(s.pagesPerSec), Math.round(s.pagesPerCpuSecond), sp(s.peakRssMiBStats)];
  const rows = [
    ['process', 'CPU s', 'CPU s (1 page)', 'CPU ms/page', 'wall s', 'CPU/wall', 'pages/s', 'pages/CPU s', 'peak RSS MiB'],
    row('floor', r.floor),
    row('reprint --jobs 1', r.reprint.jobs1),
    row('reprint --jobs 2', r.reprint.jobs2),
  ];
  const w = [rows[0].map((c) => String(c).length)];
  for (const x of rows) x.forEach((c, i) => (w[0][i] = Math.max(w[0][i], String(c).length)));
  const line = (x) => x.map((c, i) => (typeof c === 'number' ? String(c).padStart(w[0][i]) : String(c).padEnd(w[0][i]))).join('  ');
  const q = r.ratio;
  return [
    `${r.corpus.pages} AllSides .txt pages, ${(r.corpus.bytes / 1e6).toFixed(1)} MB; median [min-max] of ${r.repeats} run(s); load average ${r.loadAverage1m.start} -> ${r.loadAverage1m.end}`,
    line(rows[0]),
    w[0].map((n) => '-'.repeat(n)).join('  '),
    ...rows.slice(1).map(line),
    `reprint CPU per page / floor CPU per page: --jobs 1 ${q.jobs1}× (per repeat ${sp(q.jobs1Stats)}×), --jobs 2 ${q.jobs2}× (per repeat ${sp(q.jobs2Stats)}×)`,
    `  with each process's one-page run subtracted: --jobs 1 ${q.jobs1AboveStartup}× (per repeat ${sp(q.jobs1AboveStartupStats)}×), --jobs 2 ${q.jobs2AboveStartup}× (per repeat ${sp(q.jobs2AboveStartupStats)}×); wall time: --jobs 1 ${q.wallJobs1}×, --jobs 2 ${q.wallJobs2}×`,
    `floor checksum ${r.floor.output.checksum} (${r.floor.output.shingles} shingles); reprint: ${r.reprint.jobs1.output.documents} documents, ${r.reprint.jobs1.output.clusters} clusters, ${r.reprint.jobs1.output.errors} errors`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (dir !== undefined) floorMain(dir);
  else {
    const { writeResult } = await import('./minhash.js');
    const r = await benchFloor({ quick: process.argv.includes('--quick') });
    console.log(formatFloor(r));
    console.log(`\nwrote ${path.relative(process.cwd(), writeResult('floor', r))} (${r.seconds}s)`);
  }
}
