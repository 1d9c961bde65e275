#!/usr/bin/env node
// bench/run.js — run the benchmarks (after a build: `npm run bench`, or `npx tsc -p . && node bench/run.js`).
//
//   node bench/run.js [--quick] [minhash|index|e2e|floor|html|cluster-index ...] [bench options]
//
// Each entry runs one benchmark, writes bench/results/<name>.json and prints a summary. A bench
// that throws is reported as failed and the others still run (the exit code is then 1).
// Add further benchmarks to BENCHES.
//
// At the end, "issue targets": the figures the issue's "done when" names, each as min, median and
// max of its runs, taken from the results returned in this same run (never from older files):
//   plain text, reprint CPU ÷ floor CPU per page, --jobs 1 (≤ 2.0) and --jobs 2   (floor)
//   HTML, reprint ÷ plain Readability, real news pages and Readability's pages (≤ 0.5) (html)
//   1M plain-text pages (text-jsonl-1M, --jobs 2): wall (≤ 90 s), peak RSS (≤ 1 GiB)  (e2e, full)
//   beside them, for reading them: the 1M series' linearity (10k, 100k, 1M) and HTML --jobs 2
//   over --jobs 1 with the two-process ceiling (e2e).
// PASS/FAIL is judged on the median ("all runs" says whether the worst run meets it too); a bench
// not run in this run gives "not run". Printed as a table and written to bench/results/summary.json.
import path from 'node:path';
import { benchMinhash, formatMinhash, writeResult } from './minhash.js';
import { loadAllsides } from './lib/corpus.js';
import { benchIndex, formatIndex } from './index.js';
import { benchE2e, formatE2e } from './e2e.js';
import { benchFloor, formatFloor } from './floor.js';
import { benchHtml, formatHtml } from './html.js';
import { benchClusterIndex, formatClusterIndex } from './cluster-index.js';
import { machineInfo, round } from './lib/util.js';
import { formatTargets, issueTargets } from './lib/targets.js';

const BENCHES = [
  { name: 'minhash', run: benchMinhash, format: formatMinhash },
  { name: 'index', run: benchIndex, format: formatIndex },
  { name: 'e2e', run: benchE2e, format: formatE2e },
  { name: 'floor', run: benchFloor, format: formatFloor },
  { name: 'html', run: benchHtml, format: formatHtml },
  { name: 'cluster-index', run: benchClusterIndex, format: formatClusterIndex },
];

// ---------------------------------------------------------------------------------------------

const quick = process.argv.includes('--quick');
const only = process.argv.filter((a) => !a.startsWith('-')).slice(2);
const started = Date.now();
const articles = await loadAllsides();
const results = {};
const ran = {};
let failed = false;
for (const b of BENCHES) {
  if (only.length > 0 && !only.includes(b.name)) continue;
  console.log(`== ${b.name}${quick ? ' (quick)' : ''}`);
  const bench = b;
  try {
    const result = await bench.run({ quick, articles });
    console.log(bench.format(result));
    const file = writeResult(b.name, result);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${result.seconds}s)\n`);
    results[b.name] = result;
    ran[b.name] = 'ran';
  } catch (err) {
    console.log(`${b.name} FAILED: ${err?.stack ?? err}\n`);
    ran[b.name] = 'failed';
    failed = true;
  }
}

// The issue-14 targets come from floor, html and e2e: a run of other benches leaves their summary as it was.
if (['floor', 'html', 'e2e'].some((name) => ran[name] !== undefined && ran[name] !== 'skipped')) {
  const targets = issueTargets(results, ran, quick);
  const summary = {
    bench: 'summary',
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    benches: ran,
    note: 'figures from the results of this one run of bench/run.js (bench/results/<name>.json were written by it); PASS/FAIL on the median, allRuns on the max',
    ...targets,
    seconds: round((Date.now() - started) / 1000, 1),
  };
  console.log(`== issue targets${quick ? ' (quick)' : ''}`);
  console.log(formatTargets(targets));
  console.log(`wrote ${path.relative(process.cwd(), writeResult('summary', summary))}`);
}
if (failed) process.exitCode = 1;
