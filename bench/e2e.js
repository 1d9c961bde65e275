#!/usr/bin/env node
// bench/e2e.js — end-to-end scan benchmark: the CLI on generated corpora, as a user runs it.
//
//   node bench/run.js [--quick] e2e [--clean] [--e2e-configs=text-files-10k,...] [--e2e-repeats=N]
//   node bench/e2e.js [--quick] [--clean] ...                          (after `npm run build`)
//
// Corpora (bench/lib/generate.js): news pages with ~5% planted copies (identical, added intro,
// excerpt, typos) and their ground truth. Plain text: pages of ~50 invented outlets. HTML (the
// default html-files-* configurations): real page templates of ../shared/corpora (fundus,
// newspaper4k, readability; bench/lib/page-templates.js, as scripts/eval-reprints.mjs prepares
// them) with the real article body replaced by the generated article, keeping the real page's
// head, scripts, furniture and size; html-synthetic-2k: the invented outlets' synthetic HTML. The
// corpora folder is $REPRINT_CORPORA or ../shared/corpora beside the repository. Corpora are
// generated under $REPRINT_BENCH_CORPORA or <tmpdir>/reprint-bench-corpora, cached there by
// kind/templates/format/size/seed/generator version for the next run, and removed after the run
// with --clean. Never in the repo.
//
// Each configuration spawns `node bin/reprint.js scan <corpus> --format ndjson --no-progress
// --jobs N`, with the corpus's files read once just before (warmPageCache), and measures: wall time (spawn to exit, node start-up included), pages/s and MB/s of
// input bytes, user+sys CPU seconds and the child's peak RSS (`/usr/bin/time -f '%M %U %S'`, else
// polling /proc/<pid>/status VmHWM), bytes per document (peak RSS minus the peak RSS of scanning a
// 20-page corpus of the same kind, templates, format and --jobs, divided by pages), and pairs-based
// precision and recall of the reported clusters against the planted groups. Every repeated figure
// (wall, pages/s, CPU, RSS, bytes/doc, the --jobs ratios) is reported as min, median and max of
// the runs (`...Stats` fields; printed as "median [min-max]"). The floor — tokenHashes +
// shingleSet (k=5) of dist/text/shingles.js in this process, on the same page texts, no
// permutations — is measured in the same run, and reprint's text pages/s is reported relative to it.
//
//   quick: text-files-10k, html-files-500 (real templates); --jobs 1 and 2; each 3 times.
//   full:  the quick set, then html-files-2k (real templates), text-files-100k and
//          html-synthetic-2k (--jobs 1 and 2), the linearity series text-jsonl-10k,
//          text-jsonl-100k, text-jsonl-1M (JSON Lines, --jobs 2 only), each 3 times, and
//          html-files-10k (real templates) once: real pages average ~190 KiB and ~900 elements,
//          ~50 CPU ms a page, so one repeat of it (--jobs 1, 2 and the pair) is ~30 CPU minutes.
//          --e2e-repeats=N sets the repeats of every selected configuration, and
//          --e2e-repeats=text-jsonl-1M:1,html-files-10k:3 those of the ones named.
//   --e2e-configs=a,b selects any of the configurations above by name (case-insensitive), with
//   or without --quick.
//   HTML configurations also run two --jobs 1 scans at once, each repeat: what two independent
//   processes reach together bounds what --jobs 2 can reach on this machine (twoProcessesOverJobs1).
//
// Linearity (`linearity` in the result): for the JSON Lines series at --jobs 2, per size: wall s
// and peak RSS (min, median, max), wall seconds per 1,000 pages and peak RSS above the 20-page
// baseline per page (medians), and the ratios of both between consecutive sizes (1M over 100k,
// 100k over 10k): 1.0 is linear, below 1 sub-linear.
//
// Writes bench/results/e2e.json (via bench/run.js, or when run directly).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { tokenHashes, shingleSet } from '../dist/text/shingles.js';
import { loadAllsides, ROOT } from './lib/corpus.js';
import { generateCorpus, memberId, COPY_TYPES, GENERATOR_VERSION, FILES_PER_FOLDER, REAL_OUTLETS } from './lib/generate.js';
import { benchTemplates } from './lib/page-templates.js';
import { recallByType, scorePairs } from './lib/score.js';
import { machineInfo, median, round, table, fmtRate, spread, fmtSpread } from './lib/util.js';

const SEED = 20250611;
const K = 5;
const BASELINE_PAGES = 20;
const FLOOR_MAX_PAGES = 20_000;
const CLI = path.join(ROOT, 'bin', 'reprint.js');
const TIME_BIN = '/usr/bin/time';
const log = (...a) => console.error(...a);

const argValue = (name) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? null : a.slice(name.length + 3);
};

const label = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

/** A configuration: name, kind, format, size, templates ('real'|'synthetic'|null), jobs, repeats. */
const cfg = (kind, format, size, repeats, extra = {}) => {
  const c = { kind, format, size, repeats, templates: kind === 'html' ? 'real' : null, jobs: [1, 2], ...extra };
  return { ...c, name: c.name ?? `${kind}-${format}-${label(size)}` };
};

/** Every known configuration, in run order, and whether the quick plan has it. */
const CONFIGS = [
  { ...cfg('text', 'files', 10_000, 3), quick: true },
  { ...cfg('html', 'files', 500, 3), quick: true },
  cfg('html', 'files', 2_000, 3),
  cfg('text', 'files', 100_000, 3),
  cfg('html', 'files', 2_000, 3, { templates: 'synthetic', name: 'html-synthetic-2k' }),
  cfg('text', 'jsonl', 10_000, 3, { jobs: [2], linearity: true }),
  cfg('text', 'jsonl', 100_000, 3, { jobs: [2], linearity: true }),
  cfg('text', 'jsonl', 1_000_000, 3, { jobs: [2], linearity: true }),
  // real pages average ~190 KiB (13× the synthetic ones): one run of each kind is ~10 CPU minutes
  cfg('html', 'files', 10_000, 1),
];

function plan(quick) {
  const only = argValue('e2e-configs');
  const reps = argValue('e2e-repeats');
  let sel;
  if (only) {
    const want = only.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
    const unknown = want.filter((w) => !CONFIGS.some((c) => c.name.toLowerCase() === w));
    if (unknown.length > 0) throw new Error(`--e2e-configs: unknown ${unknown.join(', ')} (known: ${CONFIGS.map((c) => c.name).join(', ')})`);
    sel = CONFIGS.filter((c) => want.includes(c.name.toLowerCase()));
  } else sel = CONFIGS.filter((c) => !quick || c.quick);
  // --e2e-repeats=N for every configuration, or name:N,name:N for some (the others keep theirs)
  const perName = new Map();
  let all = null;
  for (const part of (reps ?? '').split(',').filter(Boolean)) {
    const m = /^(?:([\w-]+):)?(\d+)$/.exec(part.trim());
    if (!m || Number(m[2]) < 1) throw new Error(`--e2e-repeats: ${part} is not N or name:N`);
    if (m[1]) perName.set(m[1].toLowerCase(), Number(m[2]));
    else all = Number(m[2]);
  }
  return sel.map(({ quick: _q, ...c }) => ({ ...c, repeats: perName.get(c.name.toLowerCase()) ?? all ?? c.repeats }));
}

export function corporaRoot() {
  return process.env.REPRINT_BENCH_CORPORA ?? path.join(os.tmpdir(), 'reprint-bench-corpora');
}

/** The shared corpora folder (real page templates). */
export function sharedCorpora() {
  return process.env.REPRINT_CORPORA ?? path.resolve(ROOT, '..', 'shared', 'corpora');
}

let templateCache = null;
async function realTemplates() {
  if (!templateCache) {
    const t0 = performance.now();
    templateCache = await benchTemplates({ corpora: sharedCorpora(), cacheDirs: [corporaRoot(), path.join(os.tmpdir(), 'reprint-eval-reprints')], log });
    log(`  real page templates: ${templateCache.templates.length} of at most 1 MB (${templateCache.usable} usable of ${templateCache.of} pages; ${templateCache.source}; ${round((performance.now() - t0) / 1000, 1)}s)`);
  }
  return templateCache;
}

async function corpus(articles, { kind, format, size, templates }) {
  const dir = path.join(corporaRoot(), `${kind}${templates ? `-${templates}` : ''}-${format}-${size}-s${SEED}-v${GENERATOR_VERSION}`);
  const t0 = performance.now();
  const tpl = templates === 'real' ? (await realTemplates()).templates : null;
  const truth = await generateCorpus({ dir, size, kind, format, seed: SEED, articles, templates: tpl, check: size > BASELINE_PAGES, log });
  if (!truth.cached) log(`  generated ${kind}${templates ? `/${templates}` : ''}/${format}/${size} in ${round((performance.now() - t0) / 1000, 1)}s -> ${dir}`);
  return truth;
}

// ---------------------------------------------------------------------------------------------
// one child run

function readHwmKiB(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export const RSS_METHOD = existsSync(TIME_BIN) ? `${TIME_BIN} -f '%M %U %S' (max RSS of the child in KiB; user+sys CPU s)` : 'polling /proc/<pid>/status VmHWM every 50 ms';

/**
 * Reads every file under a folder once, into the page cache: the bench machine's kernel evicts
 * cold pages (DAMON reclaim), and a scan whose input had been evicted took twice as long, waiting
 * for the disk. Each run then measures reprint, not the disk.
 */
function warmPageCache(dir) {
  const buf = Buffer.allocUnsafe(4 << 20);
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const fd = openSync(path.join(e.parentPath ?? e.path, e.name), 'r');
    try {
      while (readSync(fd, buf, 0, buf.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

/** Run one scan; resolves { wallS, peakRssKiB, summary, clusters: id[][], errors, exit }. */
function scanOnce(pagesDir, jobs) {
  const args = [CLI, 'scan', pagesDir, '--format', 'ndjson', '--no-progress', '--jobs', String(jobs)];
  let timeFile = null;
  let cmd = process.execPath;
  let argv = args;
  if (existsSync(TIME_BIN)) {
    timeFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'reprint-e2e-time-')), 'rss');
    cmd = TIME_BIN;
    argv = ['-f', '%M %U %S', '-o', timeFile, process.execPath, ...args];
  }
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let hwm = 0;
    const poll = timeFile
      ? null
      : setInterval(() => {
          const v = readHwmKiB(child.pid);
          if (v !== null && v > hwm) hwm = v;
        }, 50);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    const clusters = [];
    let summary = null;
    let errors = 0;
    let unknownMembers = 0;
    const rl = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => {
      if (line.startsWith('{"type":"cluster"')) {
        const c = JSON.parse(line);
        const ids = [];
        for (const m of c.members) {
          const id = memberId(m);
          if (id === null) unknownMembers++;
          else ids.push(id);
        }
        clusters.push(ids);
      } else if (line.startsWith('{"type":"error"')) errors++;
      else if (line.startsWith('{"type":"summary"')) summary = JSON.parse(line);
    });
    const done = new Promise((r) => rl.on('close', r));
    child.on('close', async (code) => {
      const wallS = (performance.now() - t0) / 1000;
      if (poll) clearInterval(poll);
      await done;
      let peakRssKiB = hwm || null;
      let cpuS = null;
      if (timeFile) {
        const txt = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').pop() : '';
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(txt);
        peakRssKiB = m ? Number(m[1]) : null;
        cpuS = m ? Number(m[2]) + Number(m[3]) : null;
        rmSync(path.dirname(timeFile), { recursive: true, force: true });
      }
      resolve({ exit: code, wallS, cpuS, peakRssKiB, summary, clusters, errors, unknownMembers, stderr: stderr.trim() });
    });
  });
}

/** Retries a failed scan (dist/ may be mid-rebuild by someone else) up to 3 times. */
async function scan(pagesDir, jobs) {
  for (let attempt = 1; ; attempt++) {
    warmPageCache(pagesDir);
    const r = await scanOnce(pagesDir, jobs);
    if (r.exit === 0 && r.summary !== null) return { ...r, attempts: attempt };
    log(`  scan failed (exit ${r.exit}, attempt ${attempt}): ${r.stderr.split('\n').slice(-3).join(' | ')}`);
    if (attempt >= 3) return { ...r, attempts: attempt };
    await new Promise((res) => setTimeout(res, 20_000));
  }
}

// ---------------------------------------------------------------------------------------------
// accuracy

/** Pairs-based precision and recall of clusters (arrays of page ids) against planted groups. */
function accuracy(clusters, truth) {
  const s = scorePairs(clusters, truth.groups);
  // Per copy type: each copy with the group's other members (original included).
  const byType = recallByType(s.clusterOf, truth.groups, (id) => truth.copyTypeOf[id], { types: COPY_TYPES });
  return {
    plantedGroups: truth.groups.length,
    plantedPairs: s.positivePairs,
    reportedClusters: clusters.length,
    reportedPairs: s.reportedPairs,
    tp: s.tp,
    fp: s.fp,
    fn: s.fn,
    precision: round(s.precision),
    recall: round(s.recall),
    recallByCopyType: Object.fromEntries(Object.entries(byType).map(([t, x]) => [t, { ...x, recall: round(x.recall) }])),
    unplantedPagesClustered: s.unplantedClustered,
  };
}

// ---------------------------------------------------------------------------------------------
// the floor

async function pageTexts(truth, limit) {
  const out = [];
  if (truth.format === 'files') {
    const ext = truth.kind === 'html' ? 'html' : 'txt';
    for (let f = 0; out.length < limit; f++) {
      const d = path.join(truth.pagesDir, String(f).padStart(5, '0'));
      if (!existsSync(d)) break;
      for (const name of readdirSync(d).filter((x) => x.endsWith(`.${ext}`)).sort()) {
        if (out.length >= limit) break;
        out.push(readFileSync(path.join(d, name), 'utf8'));
      }
    }
  } else {
    const files = readdirSync(truth.pagesDir).filter((x) => x.endsWith('.jsonl')).sort();
    for (const f of files) {
      const rl = readline.createInterface({ input: createReadStream(path.join(truth.pagesDir, f)), crlfDelay: Infinity });
      for await (const line of rl) {
        if (out.length >= limit) break;
        const o = JSON.parse(line);
        out.push(o.text ?? o.html);
      }
      rl.close();
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** tokenHashes + shingleSet over the texts in this process: median of 3 (after 1 warm-up). */
function floor(texts) {
  let sink = 0;
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const runs = [];
  for (let r = 0; r < 4; r++) {
    const t0 = performance.now();
    for (const t of texts) sink ^= shingleSet(tokenHashes(t), K).length;
    if (r > 0) runs.push((performance.now() - t0) / 1000);
  }
  const s = median(runs);
  return {
    pages: texts.length,
    bytes,
    medianSeconds: round(s, 3),
    runsSeconds: runs.map((x) => round(x, 3)),
    pagesPerSec: round(texts.length / s, 1),
    mbPerSec: round(bytes / 1e6 / s, 2),
    _sink: sink & 1,
  };
}

// ---------------------------------------------------------------------------------------------

/** min/median/max of the successful runs' figures. */
function summarise(runs, pages, inputBytes) {
  const ok = runs.filter((r) => r.exit === 0 && r.summary !== null);
  return {
    ok: ok.length,
    failed: runs.length - ok.length,
    wall: spread(ok.map((r) => r.wallS), 3),
    elapsed: spread(ok.map((r) => r.summary.elapsedMs / 1000), 3),
    cpu: spread(ok.map((r) => r.cpuS), 3),
    rssKiB: spread(ok.map((r) => r.peakRssKiB), 0),
    pagesPerSec: spread(ok.map((r) => pages / r.wallS), 1),
    pagesPerCpuSecond: spread(ok.map((r) => pages / r.cpuS), 1),
    mbPerSec: spread(ok.map((r) => inputBytes / 1e6 / r.wallS), 2),
  };
}

const mib = (s) => ({ min: round(s.min / 1024, 1), median: round(s.median / 1024, 1), max: round(s.max / 1024, 1), n: s.n });
const clusterKey = (clusters) => clusters.map((c) => [...c].sort((a, b) => a - b).join(',')).sort().join(';');

/** Linearity of the JSON Lines series (--jobs 2): per size, and ratios between consecutive sizes. */
function linearity(results) {
  const rows = results.filter((r) => r.linearity && r.jobs === 2).sort((a, b) => a.pages - b.pages);
  if (rows.length === 0) return 'not run (no text-jsonl-* configuration in this run)';
  const sizes = rows.map((r) => ({
    name: r.name,
    pages: r.pages,
    runs: r.repeats - r.failedRuns,
    wallSeconds: r.wallSecondsStats,
    peakRssMiB: r.peakRssMiBStats,
    baselinePeakRssMiB: r.baselinePeakRssMiB,
    secondsPer1kPages: round((r.wallSecondsStats.median / r.pages) * 1000, 4),
    rssAboveBaselineBytesPerPage: r.bytesPerDoc,
  }));
  const ratios = [];
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1], sizes[i]];
    ratios.push({
      of: `${b.name} over ${a.name}`,
      pagesRatio: round(b.pages / a.pages, 2),
      wallRatio: round(b.wallSeconds.median / a.wallSeconds.median, 3),
      secondsPerPageRatio: round(b.secondsPer1kPages / a.secondsPer1kPages, 3),
      rssAboveBaselineRatio: round((b.peakRssMiB.median - b.baselinePeakRssMiB) / (a.peakRssMiB.median - a.baselinePeakRssMiB), 3),
      bytesPerPageRatio: round(b.rssAboveBaselineBytesPerPage / a.rssAboveBaselineBytesPerPage, 3),
    });
  }
  return {
    what: 'text JSON Lines corpora at --jobs 2: wall seconds per 1,000 pages and peak RSS above the 20-page baseline per page, by size; a ratio of 1.0 between sizes is linear growth, below 1 sub-linear (start-up and fixed costs amortised), above 1 super-linear',
    sizes,
    ratios,
  };
}

export async function benchE2e({ quick = false, articles } = {}) {
  const started = performance.now();
  const clean = process.argv.includes('--clean');
  const load = [os.loadavg()[0]];
  articles ??= await loadAllsides();
  const configs = plan(quick);
  const results = [];
  const floors = {};
  const baselines = {};
  const distinct = {};
  try {
    for (const cfg of configs) {
      log(`e2e ${cfg.name}: corpus`);
      const truth = await corpus(articles, cfg);
      distinct[cfg.name] = {
        ...truth.distinctness,
        generatedSeconds: truth.generatedSeconds,
        copies: truth.copies,
        copyTypes: truth.copyTypes,
        meanBodyChars: truth.meanBodyChars,
        meanPageBytes: truth.meanPageBytes,
        pageTemplates: truth.pageTemplates,
        meanHtmlBytes: truth.meanHtmlBytes,
        meanElements: truth.meanElements,
        outlets: truth.outlets,
        templates: truth.templates ? truth.templates.map((t) => t.key) : undefined,
      };
      if (truth.kind === 'html') log(`  ${truth.pages} pages (${truth.pageTemplates} templates, ${truth.outlets} outlets): mean ${Math.round(truth.meanHtmlBytes / 1024)} KiB and ${truth.meanElements} elements per page`);
      const base = await corpus(articles, { kind: cfg.kind, format: cfg.format, size: BASELINE_PAGES, templates: cfg.templates });
      const runs = Object.fromEntries(cfg.jobs.map((j) => [j, []]));
      for (let rep = 0; rep < cfg.repeats; rep++) {
        for (const jobs of cfg.jobs) {
          const bkey = `${cfg.kind}${cfg.templates ? `-${cfg.templates}` : ''}-${cfg.format}-j${jobs}`;
          if (!baselines[bkey] || baselines[bkey].length < 3) {
            const b = await scan(base.pagesDir, jobs);
            (baselines[bkey] ??= []).push(b.peakRssKiB);
          }
          log(`e2e ${cfg.name} --jobs ${jobs} run ${rep + 1}/${cfg.repeats} ...`);
          const r = await scan(truth.pagesDir, jobs);
          log(`  ${round(r.wallS, 1)}s, ${round(truth.pages / r.wallS, 1)} pages/s, ${r.cpuS ?? '?'} CPU s, peak RSS ${r.peakRssKiB ? Math.round(r.peakRssKiB / 1024) : '?'} MiB, ${r.summary?.clusters ?? '?'} clusters`);
          runs[jobs].push(r);
        }
        if (cfg.kind === 'html') {
          // The machine's own ceiling for --jobs 2 over --jobs 1: two independent --jobs 1
          // processes started together share nothing but the hardware (cores, caches, memory
          // bus), so their combined throughput bounds what two workers in one process can reach.
          log(`e2e ${cfg.name} two --jobs 1 processes at once, run ${rep + 1}/${cfg.repeats} ...`);
          warmPageCache(truth.pagesDir);
          const pair = await Promise.all([scanOnce(truth.pagesDir, 1), scanOnce(truth.pagesDir, 1)]);
          const wall = Math.max(...pair.map((r) => r.wallS));
          log(`  ${round(wall, 1)}s for both: ${round((2 * truth.pages) / wall, 1)} pages/s together`);
          (runs.pair ??= []).push(pair.every((r) => r.exit === 0) ? wall : NaN);
        }
      }
      if (cfg.kind === 'text' && !floors[cfg.name]) {
        const texts = await pageTexts(truth, FLOOR_MAX_PAGES);
        const f = floor(texts);
        delete f._sink;
        floors[cfg.name] = f;
        log(`  floor (tokenHashes+shingleSet, ${f.pages} pages): ${f.pagesPerSec} pages/s`);
      }
      const mine = [];
      for (const jobs of cfg.jobs) {
        const rs = runs[jobs];
        const s = summarise(rs, truth.pages, truth.inputBytes);
        const bkey = `${cfg.kind}${cfg.templates ? `-${cfg.templates}` : ''}-${cfg.format}-j${jobs}`;
        const baseKiB = median(baselines[bkey].filter(Number.isFinite));
        const first = rs.find((r) => r.exit === 0 && r.summary !== null);
        const acc = first ? accuracy(first.clusters, truth) : null;
        const keys = new Set(rs.filter((r) => r.summary).map((r) => clusterKey(r.clusters)));
        const f = floors[cfg.name];
        const pagesPerSec = truth.pages / s.wall.median;
        const okRuns = rs.filter((r) => r.exit === 0 && r.summary !== null);
        const row = {
          name: cfg.name,
          kind: cfg.kind,
          format: cfg.format,
          pageTemplates: truth.pageTemplates,
          linearity: cfg.linearity === true,
          pages: truth.pages,
          inputBytes: truth.inputBytes,
          meanPageBytes: truth.meanPageBytes,
          meanElements: truth.meanElements,
          jobs,
          repeats: rs.length,
          failedRuns: s.failed,
          // medians (as before), then min/median/max of the runs, then each run
          wallSeconds: round(s.wall.median, 2),
          wallSecondsStats: s.wall,
          wallSecondsRuns: rs.map((r) => round(r.wallS, 2)),
          cliElapsedSeconds: round(s.elapsed.median, 2),
          // user+sys CPU seconds of the child and CPU/wall: ~jobs+ when the machine is free; far
          // lower means other load took the cores and wall-time ratios are not meaningful.
          cpuSeconds: round(s.cpu.median, 2),
          cpuSecondsStats: s.cpu,
          cpuSecondsRuns: rs.map((r) => round(r.cpuS, 2)),
          cpuOverWall: round(s.cpu.median / s.wall.median, 2),
          pagesPerCpuSecond: round(s.pagesPerCpuSecond.median, 1),
          pagesPerCpuSecondStats: s.pagesPerCpuSecond,
          pagesPerSec: round(pagesPerSec, 1),
          pagesPerSecStats: s.pagesPerSec,
          mbPerSec: round(truth.inputBytes / 1e6 / s.wall.median, 2),
          mbPerSecStats: s.mbPerSec,
          peakRssMiB: round(s.rssKiB.median / 1024, 1),
          peakRssMiBStats: mib(s.rssKiB),
          peakRssMiBRuns: rs.map((r) => (r.peakRssKiB ? round(r.peakRssKiB / 1024, 1) : null)),
          baselinePeakRssMiB: round(baseKiB / 1024, 1),
          bytesPerDoc: Math.round(((s.rssKiB.median - baseKiB) * 1024) / truth.pages),
          bytesPerDocStats: spread(okRuns.map((r) => ((r.peakRssKiB - baseKiB) * 1024) / truth.pages), 0),
          documents: first?.summary.documents ?? null,
          errors: first?.errors ?? null,
          unknownMembers: first?.unknownMembers ?? null,
          clusters: first?.summary.clusters ?? null,
          duplicates: first?.summary.duplicates ?? null,
          sameClustersEveryRun: keys.size <= 1,
          accuracy: acc,
          reprintOverFloor: f ? round(pagesPerSec / f.pagesPerSec, 4) : undefined,
          floorOverReprint: f ? round(f.pagesPerSec / pagesPerSec, 2) : undefined,
          floorOverReprintStats: f ? spread(okRuns.map((r) => f.pagesPerSec / (truth.pages / r.wallS)), 2) : undefined,
        };
        results.push(row);
        mine.push(row);
      }
      if (runs[1] && runs[2]) {
        const [a, b] = mine;
        a.sameClustersAsOtherJobs = b.sameClustersAsOtherJobs = clusterKey(runs[1].find((r) => r.summary)?.clusters ?? []) === clusterKey(runs[2].find((r) => r.summary)?.clusters ?? []);
        a.jobs2OverJobs1 = b.jobs2OverJobs1 = round(b.pagesPerSec / a.pagesPerSec, 3);
        // Per-repeat ratios too: each pair of runs is adjacent in time, so less exposed to other
        // load on the machine than the ratio of medians. min/median/max of them.
        const paired = runs[1].map((r, i) => (runs[2][i] && r.exit === 0 && runs[2][i].exit === 0 ? r.wallS / runs[2][i].wallS : NaN));
        a.jobs2OverJobs1PairedStats = b.jobs2OverJobs1PairedStats = spread(paired, 3);
        a.jobs2OverJobs1Paired = b.jobs2OverJobs1Paired = a.jobs2OverJobs1PairedStats.median;
        // The same by CPU seconds: how much more CPU two workers spend on the same pages.
        const cpuPaired = runs[1].map((r, i) => (runs[2][i] ? runs[2][i].cpuS / r.cpuS : NaN));
        a.cpuJobs2OverJobs1Stats = b.cpuJobs2OverJobs1Stats = spread(cpuPaired, 3);
        if (runs.pair) {
          // pages/s of two --jobs 1 processes together over one --jobs 1 process, run by run
          const ceiling = runs[1].map((r, i) => (2 * r.wallS) / runs.pair[i]);
          a.twoProcessesOverJobs1Stats = b.twoProcessesOverJobs1Stats = spread(ceiling, 3);
          a.twoProcessesOverJobs1 = b.twoProcessesOverJobs1 = a.twoProcessesOverJobs1Stats.median;
          a.twoProcessesOverJobs1Runs = b.twoProcessesOverJobs1Runs = ceiling.map((x) => round(x, 3));
        }
      }
    }
  } finally {
    if (clean) {
      rmSync(corporaRoot(), { recursive: true, force: true });
      log(`removed ${corporaRoot()}`);
    }
  }
  load.push(os.loadavg()[0]);
  const by = (name, jobs) => results.find((r) => r.name === name && r.jobs === jobs);
  const textRuns = results.filter((r) => r.kind === 'text');
  const htmlNames = [...new Set(results.filter((r) => r.kind === 'html' && by(r.name, 1) && by(r.name, 2)).map((r) => r.name))];
  const m1 = by('text-jsonl-1M', 2) ?? by('text-jsonl-1M', 1);
  return {
    bench: 'e2e',
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    loadAverage1m: { start: round(load[0], 2), end: round(load[1], 2) },
    selection: argValue('e2e-configs') ?? (quick ? 'quick' : 'all'),
    command: 'node bin/reprint.js scan <corpus>/pages --format ndjson --no-progress --jobs N',
    rssMethod: RSS_METHOD,
    statsNote: '...Stats fields: { min, median, max, n } over the successful runs of a configuration; the plain fields are the medians',
    corpora: {
      dir: corporaRoot(),
      shared: sharedCorpora(),
      seed: SEED,
      generatorVersion: GENERATOR_VERSION,
      filesPerFolder: FILES_PER_FOLDER,
      removedAfterRun: clean,
      note: `sentences of allsides-dev.jsonl.gz recombined per page; ~5% planted copies (identical, intro, excerpt, typos); text pages and html-synthetic-* on ~50 invented outlets; html-files-* in up to ${REAL_OUTLETS} real page templates of fundus, newspaper4k and readability (bench/lib/page-templates.js); see bench/lib/generate.js`,
      realTemplates: templateCache ? { usable: templateCache.usable, of: templateCache.of, atMost1MB: templateCache.templates.length, failed: templateCache.failed, cache: templateCache.source } : null,
      byCorpus: distinct,
    },
    floor: {
      what: 'tokenHashes + shingleSet (k=5) of dist/text/shingles.js, in-process, single thread, on the raw page texts the scan reads (first up to 20,000 pages), median of 3 after a warm-up',
      byCorpus: floors,
    },
    configs: results,
    linearity: linearity(results),
    targets: {
      textWithin3xOfFloor: textRuns.filter((r) => r.floorOverReprint !== undefined).map((r) => ({ name: r.name, jobs: r.jobs, floorOverReprint: r.floorOverReprint, stats: r.floorOverReprintStats, met: r.floorOverReprint <= 3 })),
      htmlJobs2AtLeast1_7xJobs1: htmlNames.map((n) => ({
        name: n,
        pageTemplates: by(n, 2).pageTemplates,
        ratio: by(n, 2).jobs2OverJobs1,
        pairedRatio: by(n, 2).jobs2OverJobs1Paired,
        pairedStats: by(n, 2).jobs2OverJobs1PairedStats,
        twoProcessesCeiling: by(n, 2).twoProcessesOverJobs1,
        twoProcessesStats: by(n, 2).twoProcessesOverJobs1Stats,
        met: by(n, 2).jobs2OverJobs1 >= 1.7,
      })),
      oneMillionText: m1
        ? {
            name: m1.name,
            jobs: m1.jobs,
            runs: m1.repeats - m1.failedRuns,
            wallSeconds: m1.wallSecondsStats,
            peakRssMiB: m1.peakRssMiBStats,
            under90s: m1.wallSecondsStats.median <= 90,
            under1GiB: m1.peakRssMiBStats.median <= 1024,
          }
        : 'not run (text-jsonl-1M not in this run)',
      bytesPerDocBySize: textRuns.map((r) => ({ name: r.name, jobs: r.jobs, pages: r.pages, peakRssMiB: r.peakRssMiB, bytesPerDoc: r.bytesPerDoc })),
    },
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export function formatE2e(r) {
  const rows = [['corpus', 'pages', 'MB', 'jobs', 'runs', 'wall s', 'pages/s', 'MB/s', 'CPU s', 'CPU/wall', 'peak RSS MiB', 'bytes/doc', 'precision', 'recall', '× floor']];
  for (const c of r.configs) {
    rows.push([
      c.name,
      c.pages,
      round(c.inputBytes / 1e6, 1),
      c.jobs,
      c.failedRuns ? `${c.repeats - c.failedRuns}/${c.repeats}` : c.repeats,
      fmtSpread(c.wallSecondsStats, 2),
      fmtSpread(c.pagesPerSecStats, 0),
      c.mbPerSec,
      fmtSpread(c.cpuSecondsStats, 2),
      c.cpuOverWall ?? '-',
      fmtSpread(c.peakRssMiBStats, 0),
      fmtSpread(c.bytesPerDocStats, 0),
      c.accuracy?.precision ?? '-',
      c.accuracy?.recall ?? '-',
      c.floorOverReprintStats ? `${fmtSpread(c.floorOverReprintStats, 2)}×` : '',
    ]);
  }
  const lines = ['figures: median [min-max] of the runs', table(rows)];
  for (const [n, f] of Object.entries(r.floor.byCorpus)) lines.push(`floor on ${n}: ${f.pagesPerSec} pages/s, ${f.mbPerSec} MB/s (${f.pages} pages, tokenHashes+shingleSet)`);
  for (const [n, d] of Object.entries(r.corpora.byCorpus)) {
    if (d.pageTemplates) lines.push(`${n}: ${d.pageTemplates} page templates, ${d.outlets} outlets; mean ${round(d.meanHtmlBytes / 1024, 1)} KiB and ${d.meanElements} elements per page; body ${d.meanBodyChars} chars`);
  }
  const seen = new Set();
  for (const c of r.configs) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const a = c.accuracy;
    const types = a ? Object.entries(a.recallByCopyType).map(([t, x]) => `${t} ${x.found}/${x.planted}`).join(', ') : '';
    const ratio = c.jobs2OverJobs1 !== undefined ? `--jobs 2 / --jobs 1 = ${c.jobs2OverJobs1}× (paired ${fmtSpread(c.jobs2OverJobs1PairedStats, 3)}×; CPU j2/j1 ${fmtSpread(c.cpuJobs2OverJobs1Stats, 3)}×${c.twoProcessesOverJobs1Stats ? `; two --jobs 1 processes at once ${fmtSpread(c.twoProcessesOverJobs1Stats, 3)}×` : ''}); ` : `--jobs ${c.jobs} only; `;
    lines.push(
      `${c.name}: ${ratio}${a ? `TP ${a.tp} FP ${a.fp} FN ${a.fn} of ${a.plantedPairs} planted pairs; by type: ${types}; unplanted pages clustered ${a.unplantedPagesClustered}` : 'no accuracy (failed)'}; errors ${c.errors}${c.sameClustersAsOtherJobs !== undefined ? `; same clusters for both --jobs: ${c.sameClustersAsOtherJobs}` : ''}`,
    );
  }
  if (typeof r.linearity === 'object') {
    const lrows = [['JSON Lines, --jobs 2', 'pages', 'runs', 'wall s', 'peak RSS MiB', 's / 1k pages', 'RSS above baseline, B/page']];
    for (const x of r.linearity.sizes) lrows.push([x.name, x.pages, x.runs, fmtSpread(x.wallSeconds, 2), fmtSpread(x.peakRssMiB, 0), x.secondsPer1kPages, x.rssAboveBaselineBytesPerPage]);
    lines.push('linearity (1.0 = linear):', table(lrows));
    for (const q of r.linearity.ratios) lines.push(`  ${q.of} (${q.pagesRatio}× pages): wall ${q.wallRatio}×, seconds per page ${q.secondsPerPageRatio}×, RSS above baseline ${q.rssAboveBaselineRatio}×, per page ${q.bytesPerPageRatio}×`);
  }
  lines.push(`peak RSS: ${r.rssMethod}; baseline = same scan of a ${BASELINE_PAGES}-page corpus; load average ${r.loadAverage1m.start} -> ${r.loadAverage1m.end}`);
  const t = r.targets;
  lines.push(`targets: text within 3× of floor: ${t.textWithin3xOfFloor.map((x) => `${x.name} j${x.jobs} ${x.floorOverReprint}× ${x.met ? 'met' : 'NOT met'}`).join('; ') || 'no text configuration'}`);
  lines.push(`         HTML --jobs 2 ≥ 1.7× --jobs 1: ${t.htmlJobs2AtLeast1_7xJobs1.map((x) => `${x.name} ${x.ratio}× (paired ${fmtSpread(x.pairedStats, 3)}×; two separate --jobs 1 processes reach ${fmtSpread(x.twoProcessesStats, 3)}×) ${x.met ? 'met' : 'NOT met'}`).join('; ') || 'no HTML configuration'}`);
  const m = t.oneMillionText;
  lines.push(`         1M text: ${typeof m === 'string' ? m : `--jobs ${m.jobs}, ${m.runs} runs: wall ${fmtSpread(m.wallSeconds, 1)} s ${m.under90s ? 'under' : 'NOT under'} 90 s; peak RSS ${fmtSpread(m.peakRssMiB, 0)} MiB ${m.under1GiB ? 'under' : 'NOT under'} 1 GiB (medians)`}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { writeResult } = await import('./minhash.js');
  const quick = process.argv.includes('--quick');
  const r = await benchE2e({ quick });
  console.log(formatE2e(r));
  console.log(`\nwrote ${path.relative(process.cwd(), writeResult('e2e', r))} (${r.seconds}s)`);
}
