// One configuration of the index benchmark, in its own process so its peak RSS is its own:
//   node bench/index-child.js <build|check> <sqlite|redis> <store> <indexSize> <newPages>
// build: an index of <indexSize> signatures (random ones plus planted near-copies of every tenth
// new page). check: times matchIndex() for <newPages> sketched pages from the AllSides corpus
// against it, three times, in a process of its own, so its peak RSS is what a check costs.
// Prints one JSON line.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadAllsides } from './lib/corpus.js';
import { prng, round } from './lib/util.js';
import { matchIndex } from '../dist/match/index-match.js';
import { indexEntry } from '../dist/commands/index-session.js';
import { createMinHasher } from '../dist/sketch/minhash.js';
import { candidateThreshold, optimalLshParams } from '../dist/sketch/lsh-params.js';
import { shingleSet, tokenHashes } from '../dist/text/shingles.js';
import { hash64Hex } from '../dist/text/hash.js';
import { DEFAULT_SCAN_OPTIONS } from '../dist/commands/settings.js';

const [mode, kind, spec, indexSizeArg, newPagesArg] = process.argv.slice(2);
const indexSize = Number(indexSizeArg);
const newPages = Number(newPagesArg);
const o = DEFAULT_SCAN_OPTIONS;
const hasher = createMinHasher(o.numPerm, o.seed);
const lsh = optimalLshParams(candidateThreshold(o.threshold, o.containment), o.numPerm);
const params = { scheme: hasher.scheme, seed: o.seed, numPerm: o.numPerm, shingleSize: o.shingleSize, bands: lsh.bands, rows: lsh.rows };
const rnd = prng(20261124);

function sketch(text, path) {
  const tokens = tokenHashes(text);
  const shingles = shingleSet(tokens, o.shingleSize);
  return {
    path,
    url: null,
    outlet: null,
    title: null,
    dateline: null,
    published: null,
    words: tokens.length,
    contentHash: hash64Hex(text),
    shingles,
    signature: hasher.sign(shingles),
  };
}

// New pages: AllSides articles, cycled with a numbered sentence when the corpus is smaller.
const articles = (await loadAllsides()).filter((a) => a.text.split(/\s+/).length >= 120);
const pages = [];
for (let i = 0; i < newPages; i++) {
  const a = articles[i % articles.length];
  const text = i < articles.length ? a.text : `${a.text}\nCorrection ${i}: an earlier version of this article misstated a date.`;
  pages.push(sketch(text, `new/${String(i).padStart(6, '0')}.txt`));
}
// Planted: every tenth new page has an earlier copy in the index, with an added intro.
const planted = new Set();
const plantedEntries = [];
for (let i = 0; i < newPages; i += 10) {
  const a = articles[i % articles.length];
  const copy = sketch(`From our partners at the wire service, republished with permission.\n${a.text}`, `old/planted-${i}.txt`);
  planted.add(pages[i].path);
  plantedEntries.push(indexEntry(copy, params, 'planted', '2026-01-01T00:00:00.000Z', true));
}

if (mode === 'build' && kind === 'sqlite') for (const s of ['', '-wal', '-shm']) rmSync(spec + s, { force: true });
const store =
  kind === 'sqlite'
    ? (await import('../dist/stores/sqlite.js')).openSqliteStore(spec, { create: mode === 'build' })
    : await (await import('../dist/stores/redis/store.js')).openRedisStore(spec);

if (mode === 'build') {
  // Random signatures stand in for unrelated pages (their band keys are as spread as real ones).
  const buildStart = performance.now();
  const BATCH = 50_000;
  const randomCount = indexSize - plantedEntries.length;
  for (let off = 0; off < randomCount; off += BATCH) {
    const batch = [];
    for (let i = off; i < Math.min(randomCount, off + BATCH); i++) {
      const sig = new Uint32Array(params.numPerm);
      for (let j = 0; j < sig.length; j++) sig[j] = (rnd() * 2 ** 32) >>> 0;
      const hash = sig[0].toString(16).padStart(8, '0') + sig[1].toString(16).padStart(8, '0');
      const page = { path: `old/${i}.txt`, url: `https://old.example/${i}`, outlet: 'Old Outlet', title: null, dateline: null, published: '2025-06-01', words: 500, contentHash: hash, shingles: { length: 496 }, signature: sig };
      batch.push(indexEntry(page, params, 'earlier', '2026-01-01T00:00:00.000Z', true));
    }
    await store.add(params, batch);
  }
  await store.add(params, plantedEntries);
  const buildMs = performance.now() - buildStart;
  const stats = await store.stats();
  await store.close();
  console.log(JSON.stringify({ kind, indexSize: stats.documents, buildSeconds: round(buildMs / 1000, 1), buildPerSec: Math.round(stats.documents / (buildMs / 1000)), buildPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

const verify = { threshold: o.threshold, containment: o.containment, minContainedShingles: o.minWords };
const rssBefore = process.memoryUsage().rss;
const times = [];
let result;
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  result = await matchIndex(pages, store, params, verify);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const found = new Set(result.fresh.filter((_, i) => result.indexed[i].length > 0).map((p) => p.path));
const truePos = [...found].filter((p) => planted.has(p)).length;
const stats = await store.stats();
let serverMemory = null;
if (kind === 'redis') {
  const { Redis } = await import('ioredis');
  const r = new Redis(spec);
  const info = await r.info('memory');
  serverMemory = Number(/used_memory:(\d+)/.exec(info)[1]);
  await r.quit();
}
await store.close();
console.log(
  JSON.stringify({
    kind,
    indexSize: stats.documents,
    newPages,
    checkMedianSeconds: round(times[1] / 1000, 2),
    checkRunsSeconds: times.map((t) => round(t / 1000, 2)),
    pagesPerSec: Math.round(newPages / (times[1] / 1000)),
    planted: planted.size,
    plantedFound: truePos,
    otherFindings: found.size - truePos,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeCheckMiB: Math.round(rssBefore / 2 ** 20),
    serverMemoryMiB: serverMemory === null ? null : Math.round(serverMemory / 2 ** 20),
  }),
);
