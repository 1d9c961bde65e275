#!/usr/bin/env node
// bench/e2e.js — end-to-end scan benchmark: the CLI on generated corpora, as a user runs it.
//
//   node bench/run.js [--quick] e2e [--clean] [--e2e-configs=text-files-10k,...] [--e2e-repeats=N]
//   node bench/e2e.js [--quick] [--clean] ...                          (after `npm run build`)
//
// Corpora (bench/lib/generate.js): news pages of ~50 invented outlets, plain text or HTML, with
// ~5% planted copies (identical, added intro, excerpt, typos) and their ground truth. They are
// generated under $REPRINT_BENCH_CORPORA or <tmpdir>/reprint-bench-corpora, cached there by
// kind/format/size/seed for the next run, and removed after the run with --clean. Never in the repo.
//
// Each configuration spawns `node bin/reprint.js scan <corpus> --format ndjson --no-progress
// --jobs N` and measures: wall time (spawn to exit, node start-up included), pages/s and MB/s of
// input bytes, the child's peak RSS (`/usr/bin/time -f %M`, else polling /proc/<pid>/status VmHWM),
// bytes per document (peak RSS minus the peak RSS of scanning a 20-page corpus of the same kind,
// format and --jobs, divided by pages), and pairs-based precision and recall of the reported
// clusters against the planted groups. The floor — tokenHashes + shingleSet (k=5) of
// dist/text/shingles.js in this process, on the same page texts, no permutations — is measured in
// the same run, and reprint's text pages/s is reported relative to it.
//
//   quick: text 10k (files), HTML 2k (files); --jobs 1 and 2; each 3 times, medians reported.
//   full:  the quick set (3 times), then text 100k (files) and text 1M (JSON Lines) once each,
//          HTML 10k (files) 3 times; --jobs 1 and 2 (--e2e-repeats=N to change).
//   HTML configurations also run two --jobs 1 scans at once, each repeat: what two independent
//   processes reach together bounds what --jobs 2 can reach on this machine (twoProcessesOverJobs1).
//
// Writes bench/results/e2e.json (via bench/run.js, or when run directly).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { tokenHashes, shingleSet } from '../dist/text/shingles.js';
import { loadAllsides, ROOT } from './lib/corpus.js';
import { generateCorpus, memberId, COPY_TYPES, GENERATOR_VERSION, FILES_PER_FOLDER } from './lib/generate.js';
import { recallByType, scorePairs } from './lib/score.js';
import { machineInfo, median, round, table, fmtRate } from './lib/util.js';

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

function plan(quick) {
  const q = [
    { kind: 'text', format: 'files', size: 10_000, repeats: 3 },
    { kind: 'html', format: 'files', size: 2_000, repeats: 3 },
  ];
  const full = [
    { kind: 'text', format: 'files', size: 100_000, repeats: 1 },
    { kind: 'text', format: 'jsonl', size: 1_000_000, repeats: 1 },
    { kind: 'html', format: 'files', size: 10_000, repeats: 3 },
  ];
  const all = (quick ? q : [...q, ...full]).map((c) => ({ ...c, name: `${c.kind}-${c.format}-${label(c.size)}` }));
  const only = argValue('e2e-configs');
  const reps = argValue('e2e-repeats');
  const sel = only ? all.filter((c) => only.split(',').includes(c.name)) : all;
  if (only && sel.length === 0) throw new Error(`--e2e-configs: none of ${only} (known: ${all.map((c) => c.name).join(', ')}; add --quick off for the full set)`);
  return sel.map((c) => ({ ...c, repeats: reps ? Number(reps) : c.repeats }));
}

export function corporaRoot() {
  return process.env.REPRINT_BENCH_CORPORA ?? path.join(os.tmpdir(), 'reprint-bench-corpora');
}

async function corpus(articles, { kind, format, size }) {
  const dir = path.join(corporaRoot(), `${kind}-${format}-${size}-s${SEED}-v${GENERATOR_VERSION}`);
  const t0 = performance.now();
  const truth = await generateCorpus({ dir, size, kind, format, seed: SEED, articles, check: size > BASELINE_PAGES, log });
  if (!truth.cached) log(`  generated ${kind}/${format}/${size} in ${round((performance.now() - t0) / 1000, 1)}s -> ${dir}`);
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

function summarise(runs) {
  const ok = runs.filter((r) => r.exit === 0 && r.summary !== null);
  const pick = (f) => ok.map(f).filter((x) => Number.isFinite(x));
  return {
    ok: ok.length,
    failed: runs.length - ok.length,
    wallS: median(pick((r) => r.wallS)),
    elapsedS: median(pick((r) => r.summary.elapsedMs / 1000)),
    peakRssKiB: median(pick((r) => r.peakRssKiB)),
    cpuS: median(pick((r) => r.cpuS)),
  };
}

const clusterKey = (clusters) => clusters.map((c) => [...c].sort((a, b) => a - b).join(',')).sort().join(';');

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
      distinct[cfg.name] = { ...truth.distinctness, generatedSeconds: truth.generatedSeconds, copies: truth.copies, copyTypes: truth.copyTypes, meanBodyChars: truth.meanBodyChars };
      const base = await corpus(articles, { kind: cfg.kind, format: cfg.format, size: BASELINE_PAGES });
      const runs = { 1: [], 2: [] };
      for (let rep = 0; rep < cfg.repeats; rep++) {
        for (const jobs of [1, 2]) {
          const bkey = `${cfg.kind}-${cfg.format}-j${jobs}`;
          if (!baselines[bkey] || baselines[bkey].length < 3) {
            const b = await scan(base.pagesDir, jobs);
            (baselines[bkey] ??= []).push(b.peakRssKiB);
          }
          log(`e2e ${cfg.name} --jobs ${jobs} run ${rep + 1}/${cfg.repeats} ...`);
          const r = await scan(truth.pagesDir, jobs);
          log(`  ${round(r.wallS, 1)}s, ${round(truth.pages / r.wallS, 1)} pages/s, peak RSS ${r.peakRssKiB ? Math.round(r.peakRssKiB / 1024) : '?'} MiB, ${r.summary?.clusters ?? '?'} clusters`);
          runs[jobs].push(r);
        }
        if (cfg.kind === 'html') {
          // The machine's own ceiling for --jobs 2 over --jobs 1: two independent --jobs 1
          // processes started together share nothing but the hardware (cores, caches, memory
          // bus), so their combined throughput bounds what two workers in one process can reach.
          log(`e2e ${cfg.name} two --jobs 1 processes at once, run ${rep + 1}/${cfg.repeats} ...`);
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
      for (const jobs of [1, 2]) {
        const rs = runs[jobs];
        const s = summarise(rs);
        const bkey = `${cfg.kind}-${cfg.format}-j${jobs}`;
        const baseKiB = median(baselines[bkey].filter(Number.isFinite));
        const first = rs.find((r) => r.exit === 0 && r.summary !== null);
        const acc = first ? accuracy(first.clusters, truth) : null;
        const keys = new Set(rs.filter((r) => r.summary).map((r) => clusterKey(r.clusters)));
        const f = floors[cfg.name];
        const pagesPerSec = truth.pages / s.wallS;
        results.push({
          name: cfg.name,
          kind: cfg.kind,
          format: cfg.format,
          pages: truth.pages,
          inputBytes: truth.inputBytes,
          meanPageBytes: truth.meanPageBytes,
          jobs,
          repeats: rs.length,
          failedRuns: s.failed,
          wallSeconds: round(s.wallS, 2),
          wallSecondsRuns: rs.map((r) => round(r.wallS, 2)),
          cliElapsedSeconds: round(s.elapsedS, 2),
          // user+sys CPU seconds of the child and CPU/wall: ~jobs+ when the machine is free; far
          // lower means other load took the cores and wall-time ratios are not meaningful.
          cpuSeconds: round(s.cpuS, 2),
          cpuSecondsRuns: rs.map((r) => round(r.cpuS, 2)),
          cpuOverWall: round(s.cpuS / s.wallS, 2),
          pagesPerCpuSecond: round(truth.pages / s.cpuS, 1),
          pagesPerSec: round(pagesPerSec, 1),
          mbPerSec: round(truth.inputBytes / 1e6 / s.wallS, 2),
          peakRssMiB: round(s.peakRssKiB / 1024, 1),
          peakRssMiBRuns: rs.map((r) => (r.peakRssKiB ? round(r.peakRssKiB / 1024, 1) : null)),
          baselinePeakRssMiB: round(baseKiB / 1024, 1),
          bytesPerDoc: Math.round(((s.peakRssKiB - baseKiB) * 1024) / truth.pages),
          documents: first?.summary.documents ?? null,
          errors: first?.errors ?? null,
          unknownMembers: first?.unknownMembers ?? null,
          clusters: first?.summary.clusters ?? null,
          duplicates: first?.summary.duplicates ?? null,
          sameClustersEveryRun: keys.size <= 1,
          accuracy: acc,
          reprintOverFloor: f ? round(pagesPerSec / f.pagesPerSec, 4) : undefined,
          floorOverReprint: f ? round(f.pagesPerSec / pagesPerSec, 2) : undefined,
        });
      }
      const [a, b] = results.slice(-2);
      a.sameClustersAsOtherJobs = b.sameClustersAsOtherJobs = clusterKey(runs[1].find((r) => r.summary)?.clusters ?? []) === clusterKey(runs[2].find((r) => r.summary)?.clusters ?? []);
      const speedup = round(b.pagesPerSec / a.pagesPerSec, 3);
      a.jobs2OverJobs1 = b.jobs2OverJobs1 = speedup;
      // Median of per-repeat ratios too: each pair of runs is adjacent in time, so less exposed to
      // other load on the machine than the ratio of medians.
      const paired = runs[1].map((r, i) => (runs[2][i] ? r.wallS / runs[2][i].wallS : NaN)).filter(Number.isFinite);
      a.jobs2OverJobs1Paired = b.jobs2OverJobs1Paired = round(median(paired), 3);
      if (runs.pair) {
        // pages/s of two --jobs 1 processes together over one --jobs 1 process, run by run
        const ceiling = runs[1].map((r, i) => (2 * r.wallS) / runs.pair[i]).filter(Number.isFinite);
        a.twoProcessesOverJobs1 = b.twoProcessesOverJobs1 = round(median(ceiling), 3);
        a.twoProcessesOverJobs1Runs = b.twoProcessesOverJobs1Runs = ceiling.map((x) => round(x, 3));
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
  const htmlNames = [...new Set(results.filter((r) => r.kind === 'html').map((r) => r.name))];
  const m1 = results.find((r) => r.name === 'text-jsonl-1M' && r.jobs === 2) ?? results.find((r) => r.name === 'text-jsonl-1M');
  const m1best = results.filter((r) => r.name === 'text-jsonl-1M').sort((x, y) => x.wallSeconds - y.wallSeconds)[0];
  return {
    bench: 'e2e',
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    loadAverage1m: { start: round(load[0], 2), end: round(load[1], 2) },
    selection: argValue('e2e-configs') ?? 'all',
    command: 'node bin/reprint.js scan <corpus>/pages --format ndjson --no-progress --jobs N',
    rssMethod: RSS_METHOD,
    corpora: {
      dir: corporaRoot(),
      seed: SEED,
      generatorVersion: GENERATOR_VERSION,
      filesPerFolder: FILES_PER_FOLDER,
      removedAfterRun: clean,
      note: 'sentences of allsides-dev.jsonl.gz recombined per page; ~5% planted copies (identical, intro, excerpt, typos); see bench/lib/generate.js',
      byCorpus: distinct,
    },
    floor: {
      what: 'tokenHashes + shingleSet (k=5) of dist/text/shingles.js, in-process, single thread, on the raw page texts the scan reads (first up to 20,000 pages), median of 3 after a warm-up',
      byCorpus: floors,
    },
    configs: results,
    targets: {
      textWithin3xOfFloor: textRuns.map((r) => ({ name: r.name, jobs: r.jobs, floorOverReprint: r.floorOverReprint, met: r.floorOverReprint <= 3 })),
      htmlJobs2AtLeast1_7xJobs1: htmlNames.map((n) => ({ name: n, ratio: by(n, 2)?.jobs2OverJobs1, pairedRatio: by(n, 2)?.jobs2OverJobs1Paired, twoProcessesCeiling: by(n, 2)?.twoProcessesOverJobs1, met: by(n, 2)?.jobs2OverJobs1 >= 1.7 })),
      oneMillionText: m1
        ? {
            bestWallSeconds: m1best.wallSeconds,
            bestJobs: m1best.jobs,
            under5Minutes: m1best.wallSeconds < 300,
            peakRssMiB: m1best.peakRssMiB,
            under4GB: m1best.peakRssMiB * 2 ** 20 < 4e9,
            bytesPerDocBySize: textRuns.filter((r) => r.jobs === m1best.jobs).map((r) => ({ name: r.name, pages: r.pages, peakRssMiB: r.peakRssMiB, bytesPerDoc: r.bytesPerDoc })),
          }
        : 'not run (text-jsonl-1M not in this run)',
      bytesPerDocBySize: textRuns.map((r) => ({ name: r.name, jobs: r.jobs, pages: r.pages, peakRssMiB: r.peakRssMiB, bytesPerDoc: r.bytesPerDoc })),
    },
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export function formatE2e(r) {
  const rows = [['corpus', 'pages', 'MB', 'jobs', 'runs', 'wall s (median)', 'pages/s', 'MB/s', 'CPU s', 'CPU/wall', 'peak RSS MiB', 'bytes/doc', 'precision', 'recall', '× floor']];
  for (const c of r.configs) {
    rows.push([
      c.name,
      c.pages,
      round(c.inputBytes / 1e6, 1),
      c.jobs,
      c.failedRuns ? `${c.repeats - c.failedRuns}/${c.repeats}` : c.repeats,
      c.wallSeconds,
      fmtRate(c.pagesPerSec),
      c.mbPerSec,
      c.cpuSeconds ?? '-',
      c.cpuOverWall ?? '-',
      c.peakRssMiB,
      c.bytesPerDoc,
      c.accuracy?.precision ?? '-',
      c.accuracy?.recall ?? '-',
      c.floorOverReprint !== undefined ? `${c.floorOverReprint}×` : '',
    ]);
  }
  const lines = [table(rows)];
  for (const [n, f] of Object.entries(r.floor.byCorpus)) lines.push(`floor on ${n}: ${f.pagesPerSec} pages/s, ${f.mbPerSec} MB/s (${f.pages} pages, tokenHashes+shingleSet)`);
  const seen = new Set();
  for (const c of r.configs) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const a = c.accuracy;
    const types = a ? Object.entries(a.recallByCopyType).map(([t, x]) => `${t} ${x.found}/${x.planted}`).join(', ') : '';
    lines.push(
      `${c.name}: --jobs 2 / --jobs 1 = ${c.jobs2OverJobs1}× (paired median ${c.jobs2OverJobs1Paired}×); ${a ? `TP ${a.tp} FP ${a.fp} FN ${a.fn} of ${a.plantedPairs} planted pairs; by type: ${types}; unplanted pages clustered ${a.unplantedPagesClustered}` : 'no accuracy (failed)'}; errors ${c.errors}; same clusters for both --jobs: ${c.sameClustersAsOtherJobs}`,
    );
  }
  lines.push(`peak RSS: ${r.rssMethod}; baseline = same scan of a ${BASELINE_PAGES}-page corpus; load average ${r.loadAverage1m.start} -> ${r.loadAverage1m.end}`);
  const t = r.targets;
  lines.push(`targets: text within 3× of floor: ${t.textWithin3xOfFloor.map((x) => `${x.name} j${x.jobs} ${x.floorOverReprint}× ${x.met ? 'met' : 'NOT met'}`).join('; ')}`);
  lines.push(`         HTML --jobs 2 ≥ 1.7× --jobs 1: ${t.htmlJobs2AtLeast1_7xJobs1.map((x) => `${x.name} ${x.ratio}× (paired ${x.pairedRatio}×; two separate --jobs 1 processes reach ${x.twoProcessesCeiling}×) ${x.met ? 'met' : 'NOT met'}`).join('; ')}`);
  lines.push(`         1M text: ${typeof t.oneMillionText === 'string' ? t.oneMillionText : `${t.oneMillionText.bestWallSeconds}s (--jobs ${t.oneMillionText.bestJobs}) ${t.oneMillionText.under5Minutes ? 'under' : 'NOT under'} 5 min, peak RSS ${t.oneMillionText.peakRssMiB} MiB ${t.oneMillionText.under4GB ? 'under' : 'NOT under'} 4 GB`}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { writeResult } = await import('./minhash.js');
  const quick = process.argv.includes('--quick');
  const r = await benchE2e({ quick });
  console.log(formatE2e(r));
  console.log(`\nwrote ${path.relative(process.cwd(), writeResult('e2e', r))} (${r.seconds}s)`);
}
