#!/usr/bin/env node
// bench/run.js — run the benchmarks (after a build: `npm run bench`, or `npx tsc -p . && node bench/run.js`).
//
//   node bench/run.js [--quick]
//
// Each entry runs one benchmark, writes bench/results/<name>.json and prints a summary.
// Add further benchmarks to BENCHES.
import path from 'node:path';
import { benchMinhash, formatMinhash, writeResult } from './minhash.js';
import { loadAllsides } from './lib/corpus.js';
import { benchIndex, formatIndex } from './index.js';
import { benchE2e, formatE2e } from './e2e.js';
import { benchFloor, formatFloor } from './floor.js';

const BENCHES = [
  { name: 'minhash', run: benchMinhash, format: formatMinhash },
  { name: 'index', run: benchIndex, format: formatIndex },
  { name: 'e2e', run: benchE2e, format: formatE2e },
  { name: 'floor', run: benchFloor, format: formatFloor },
];

const quick = process.argv.includes('--quick');
const only = process.argv.filter((a) => !a.startsWith('-')).slice(2);
const articles = await loadAllsides();
for (const b of BENCHES) {
  if (only.length > 0 && !only.includes(b.name)) continue;
  console.log(`== ${b.name}${quick ? ' (quick)' : ''}`);
  const result = await b.run({ quick, articles });
  console.log(b.format(result));
  const file = writeResult(b.name, result);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${result.seconds}s)\n`);
}
