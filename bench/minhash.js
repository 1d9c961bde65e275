#!/usr/bin/env node
// bench/minhash.js — reprint's MinHash against the `minhash` npm package (0.0.9).
//
//   node bench/minhash.js [--quick]        (after `npx tsc -p .`)
//
// a) Accuracy: pairs of texts with known exact Jaccard (computed by overlap() on the shingle
//    sets) spread over 0.05..0.95; mean absolute error of each estimator at numPerm=128 against
//    the theoretical standard error sqrt(J(1-J)/P). Both estimators see the same shingle set:
//    reprint signs the 32-bit shingle hashes, the package gets each hash as a decimal string.
// b) Speed: signing throughput, reprint sign() vs the package's update() loop, same shingles,
//    numPerm=128, medians of 5 runs (3 with --quick).
// c) Floor: tokenHashes + shingleSet alone (tokenise, hash tokens and shingles) on the same
//    documents, and signing cost relative to it.
// d) Short documents: the same accuracy measure on pairs with 20-100 shingles each (fewer
//    shingles than slots, where one-permutation schemes must fill empty bins): real pairs cut
//    from the corpus as above, and synthetic sets of 20, 50 and 100 random hashes with exactly
//    known Jaccard 0.05..0.95; several seeds of each estimator.
//
// Writes bench/results/minhash.json when run directly. Deterministic apart from timings.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mh from 'minhash';
import { tokenHashes, shingleSet, overlap } from '../dist/text/shingles.js';
import { createMinHasher, estimateJaccard } from '../dist/sketch/minhash.js';
import { loadAllsides, ROOT } from './lib/corpus.js';
import { prng, mean, median, quantile, timeRuns, machineInfo, round, table, fmtRate } from './lib/util.js';

const { Minhash } = mh;
const K = 5;
const NUM_PERM = 128;
const SEED = 20240611;

// ---------------------------------------------------------------------------------------------
// a) accuracy

/** Exact Jaccard of two token sequences' k-shingle sets. */
function exactJ(a, b) {
  return overlap(shingleSet(a, K), shingleSet(b, K)).jaccard;
}

/** Two overlapping windows of one article, offset chosen for a target Jaccard. */
function windowPair(tokens, target, rng, len = [200, 300]) {
  const n = tokens.length;
  // Windows of L tokens with offset s share L - s - K + 1 shingles of L - K + 1 each.
  const L = Math.min(Math.floor(n / 2), len[0] + rng.int(len[1]));
  const S = L - K + 1;
  const inter = Math.round((2 * S * target) / (1 + target));
  const s = Math.max(1, Math.min(n - L, S - inter));
  const start = rng.int(Math.max(1, n - L - s + 1));
  return [tokens.subarray(start, start + L), tokens.subarray(start + s, start + s + L)];
}

/** A copy with a fraction f of tokens deleted or replaced (by tokens of other articles). */
function editCopy(tokens, f, seed, donor) {
  const r = prng(seed);
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    if (r() < f) {
      if (r() < 0.5) continue; // delete
      out.push(donor[r.int(donor.length)]); // replace
    } else out.push(tokens[i]);
  }
  return Uint32Array.from(out);
}

/** An edited copy whose Jaccard with the original is near target (bisection on the edit rate). */
function editPair(tokens, target, rng, donor, len = [200, 400]) {
  const L = Math.min(tokens.length, len[0] + rng.int(len[1]));
  const start = rng.int(tokens.length - L + 1);
  const a = tokens.subarray(start, start + L);
  const seed = (rng() * 2 ** 32) >>> 0;
  let lo = 0;
  let hi = 1;
  let best = null;
  for (let it = 0; it < 24; it++) {
    const f = (lo + hi) / 2;
    const b = editCopy(a, f, seed, donor);
    const j = exactJ(a, b);
    if (best === null || Math.abs(j - target) < Math.abs(best.j - target)) best = { b, j, f };
    if (Math.abs(j - target) < 0.005) break;
    if (j > target) lo = f;
    else hi = f;
  }
  return [a, best.b, best.f];
}

/** Pairs of token windows; `len` = [min, span] of the window length in tokens (null: defaults). */
function buildPairs(articles, count, len = null, seed = SEED) {
  const rng = prng(seed);
  // Fixed selection: articles (ID order) with at least 600 tokens, drawn by the seeded PRNG.
  const eligible = [];
  for (const a of articles) {
    const t = tokenHashes(a.text);
    if (t.length >= 600) eligible.push(t);
    if (eligible.length >= 2000) break;
  }
  const donor = tokenHashes(articles.slice(-50).map((a) => a.text).join('\n'));
  const pairs = [];
  for (let i = 0; i < count; i++) {
    // Stratified targets over [0.05, 0.95], so the exact values cover the range evenly.
    const target = 0.05 + (0.9 * (i + rng())) / count;
    const tokens = eligible[rng.int(eligible.length)];
    const method = i % 2 === 0 ? 'window' : 'edit';
    const [a, b] = method === 'window'
      ? windowPair(tokens, target, rng, ...(len ? [len] : []))
      : editPair(tokens, target, rng, donor, ...(len ? [len] : []));
    const sa = shingleSet(a, K);
    const sb = shingleSet(b, K);
    pairs.push({ method, target, a: sa, b: sb, exact: overlap(sa, sb).jaccard });
  }
  return pairs;
}

/** The package's signature of a shingle set (each hash as a decimal string); seed undefined: its default. */
function packageSignature(shingles, numPerm, seed) {
  const m = new Minhash({ numPerm, seed });
  for (let i = 0; i < shingles.length; i++) m.update(String(shingles[i]));
  return m;
}

/**
 * Signed errors (estimate - exact Jaccard) of reprint and of the package at NUM_PERM on every pair,
 * under `seeds` seeds of each (reprintSeed(s), pkgSeed(s)): seed by seed, pair by pair.
 */
function estimateErrors(pairs, seeds, { reprintSeed, pkgSeed }) {
  const rep = [];
  const pkg = [];
  for (let s = 0; s < seeds; s++) {
    const h = createMinHasher(NUM_PERM, reprintSeed(s));
    for (const p of pairs) {
      rep.push(estimateJaccard(h.sign(p.a), h.sign(p.b)) - p.exact);
      pkg.push(packageSignature(p.a, NUM_PERM, pkgSeed(s)).jaccard(packageSignature(p.b, NUM_PERM, pkgSeed(s))) - p.exact);
    }
  }
  return { rep, pkg };
}

/** The package's internal string hash (Java's String.hashCode), to count its collisions. */
function packageStringHash(str) {
  let hash = 0;
  for (let i = 0; i < str.length; i++) hash = (((hash << 5) - hash + str.charCodeAt(i)) | 0);
  return hash;
}

/**
 * The same pairs signed under several seeds of each estimator: S x pairs estimates, so MAE is
 * measured to a standard error small enough to tell the estimators (and theory) apart.
 */
function multiSeed(pairs, seeds) {
  const errors = estimateErrors(pairs, seeds, { reprintSeed: (s) => (0x1000 + s * 7919) >>> 0, pkgSeed: (s) => 1 + 1000 * s });
  const rep = errors.rep.map(Math.abs);
  const pkg = errors.pkg.map(Math.abs);
  const diff = rep.map((e, i) => e - pkg[i]);
  const theory = pairs.map((p) => Math.sqrt((p.exact * (1 - p.exact)) / NUM_PERM) * Math.sqrt(2 / Math.PI));
  const se = (xs) => {
    const m = mean(xs);
    return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)) / xs.length);
  };
  return {
    seeds,
    estimates: rep.length,
    reprintMae: round(mean(rep)),
    reprintMaeSE: round(se(rep)),
    minhashPkgMae: round(mean(pkg)),
    minhashPkgMaeSE: round(se(pkg)),
    theoryMae: round(mean(theory)),
    pairedDiffReprintMinusPkg: round(mean(diff)),
    pairedDiffSE: round(se(diff)),
  };
}

function accuracy(pairs, seeds) {
  const rows = pairs.map((p) => ({ exact: p.exact, method: p.method }));
  for (const P of [64, 128, 256]) {
    const h = createMinHasher(P);
    pairs.forEach((p, i) => (rows[i][`reprint${P}`] = estimateJaccard(h.sign(p.a), h.sign(p.b))));
  }
  let collisions = 0;
  let shinglesSeen = 0;
  pairs.forEach((p, i) => {
    rows[i].pkg128 = packageSignature(p.a, NUM_PERM).jaccard(packageSignature(p.b, NUM_PERM));
    for (const s of [p.a, p.b]) {
      const seen = new Set();
      for (const x of s) seen.add(packageStringHash(String(x)));
      collisions += s.length - seen.size;
      shinglesSeen += s.length;
    }
  });

  const stats = (key, P) => {
    const err = rows.map((r) => r[key] - r.exact);
    const abs = err.map(Math.abs);
    const theory = rows.map((r) => Math.sqrt((r.exact * (1 - r.exact)) / P));
    // Share of pairs whose error is within 2 theoretical standard errors (≈95% if unbiased, independent).
    const within2 = abs.filter((e, i) => e <= 2 * theory[i] + 1e-12).length / abs.length;
    return {
      numPerm: P,
      mae: round(mean(abs)),
      bias: round(mean(err)),
      rmse: round(Math.sqrt(mean(err.map((e) => e * e)))),
      p95AbsError: round(quantile(abs, 0.95)),
      maxAbsError: round(Math.max(...abs)),
      theoryMae: round(mean(theory) * Math.sqrt(2 / Math.PI)),
      theoryMeanStdErr: round(mean(theory)),
      within2StdErr: round(within2, 3),
    };
  };

  // MAE per Jaccard band, to show where the errors are.
  const bands = [];
  for (let lo = 0; lo < 1; lo += 0.2) {
    const sel = rows.filter((r) => r.exact >= lo && r.exact < lo + 0.2);
    if (sel.length === 0) continue;
    bands.push({
      range: `${lo.toFixed(1)}-${(lo + 0.2).toFixed(1)}`,
      pairs: sel.length,
      reprintMae: round(mean(sel.map((r) => Math.abs(r.reprint128 - r.exact)))),
      minhashPkgMae: round(mean(sel.map((r) => Math.abs(r.pkg128 - r.exact)))),
      theoryStdErr: round(mean(sel.map((r) => Math.sqrt((r.exact * (1 - r.exact)) / NUM_PERM)))),
    });
  }

  const exacts = rows.map((r) => r.exact);
  return {
    pairs: rows.length,
    shingleSize: K,
    methods: { window: rows.filter((r) => r.method === 'window').length, edit: rows.filter((r) => r.method === 'edit').length },
    exactJaccard: {
      min: round(Math.min(...exacts)),
      max: round(Math.max(...exacts)),
      quartiles: [0.25, 0.5, 0.75].map((q) => round(quantile(exacts, q))),
    },
    numPerm: NUM_PERM,
    reprint: stats('reprint128', 128),
    minhashPkg: stats('pkg128', 128),
    theory: {
      meanStdErr: round(mean(rows.map((r) => Math.sqrt((r.exact * (1 - r.exact)) / NUM_PERM)))),
      note: 'mean(sqrt(J(1-J)/128)) over the pairs; an unbiased estimator with that standard error has MAE ≈ 0.798 × it (theoryMae)',
    },
    reprintByNumPerm: [stats('reprint64', 64), stats('reprint128', 128), stats('reprint256', 256)],
    byJaccard: bands,
    minhashPkgStringHashCollisions: { collisions, shingles: shinglesSeen },
    multiSeed: multiSeed(pairs, seeds),
  };
}

// ---------------------------------------------------------------------------------------------
// d) short documents

/** Synthetic pairs of `size` random 32-bit hashes each with exactly known Jaccard over 0.05..0.95. */
function syntheticPairs(count, size, seed) {
  const rng = prng(seed);
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const target = 0.05 + (0.9 * i) / Math.max(count - 1, 1);
    const shared = Math.round((2 * size * target) / (1 + target)); // J = s / (2·size − s)
    const values = new Set();
    while (values.size < 2 * size - shared) values.add((rng() * 2 ** 32) >>> 0);
    const all = [...values];
    const a = Uint32Array.from(all.slice(0, size)).sort();
    const b = Uint32Array.from(all.slice(size - shared)).sort();
    pairs.push({ a, b, exact: overlap(a, b).jaccard });
  }
  return pairs;
}

/** MAE and bias of reprint and the package over `seeds` seeds each, with theory's MAE. */
function errorStats(pairs, seeds) {
  const { rep, pkg } = estimateErrors(pairs, seeds, { reprintSeed: (s) => (0x2000 + s * 7919) >>> 0, pkgSeed: (s) => 7 + 1000 * s });
  let theory = 0;
  for (let s = 0; s < seeds; s++) for (const p of pairs) theory += Math.sqrt((p.exact * (1 - p.exact)) / NUM_PERM) * Math.sqrt(2 / Math.PI);
  const sizes = pairs.flatMap((p) => [p.a.length, p.b.length]);
  return {
    pairs: pairs.length,
    seeds,
    shingles: { min: Math.min(...sizes), median: median(sizes), max: Math.max(...sizes) },
    reprintMae: round(mean(rep.map(Math.abs))),
    reprintBias: round(mean(rep)),
    minhashPkgMae: round(mean(pkg.map(Math.abs))),
    minhashPkgBias: round(mean(pkg)),
    theoryMae: round(theory / rep.length),
  };
}

function shortAccuracy(articles, quick) {
  const seeds = quick ? 3 : 10;
  // Windows of 24-104 tokens: 20-100 five-word shingles per text.
  const real = buildPairs(articles, quick ? 60 : 150, [24, 81], SEED + 1).filter((p) => p.a.length > 0 && p.b.length > 0);
  const out = { numPerm: NUM_PERM, realShort: errorStats(real, seeds), synthetic: [] };
  for (const size of [20, 50, 100]) out.synthetic.push({ size, ...errorStats(syntheticPairs(quick ? 40 : 100, size, 4000 + size), seeds) });
  return out;
}

// ---------------------------------------------------------------------------------------------
// b) speed and c) floor

function speed(articles, { docs: nDocs, pkgDocs, repeats }) {
  const texts = [];
  for (const a of articles) {
    if (a.text.length < 500) continue;
    texts.push(a.text);
    if (texts.length >= nDocs) break;
  }
  const shingles = texts.map((t) => shingleSet(tokenHashes(t), K));
  const totalShingles = shingles.reduce((s, x) => s + x.length, 0);
  const totalChars = texts.reduce((s, x) => s + x.length, 0);
  const hasher = createMinHasher(NUM_PERM);
  let sink = 0;

  // Floor: tokenise, hash tokens, hash and sort shingles.
  const floorMs = timeRuns(() => {
    for (const t of texts) sink ^= shingleSet(tokenHashes(t), K).length;
  }, repeats);
  // reprint signing, all docs.
  const signMs = timeRuns(() => {
    for (const s of shingles) sink ^= hasher.sign(s)[0];
  }, repeats);

  // The package on a subset, same shingles as decimal strings (converted outside the timing).
  const sub = shingles.slice(0, pkgDocs);
  const subStrings = sub.map((s) => Array.from(s, (x) => String(x)));
  const subShingles = sub.reduce((s, x) => s + x.length, 0);
  // The subset signs in about a millisecond: time SUB_LOOPS passes per run and divide, so timer
  // resolution and one-off pauses do not decide the ratio.
  const SUB_LOOPS = 20;
  const signSubMs = timeRuns(() => {
    for (let l = 0; l < SUB_LOOPS; l++) for (const s of sub) sink ^= hasher.sign(s)[0];
  }, repeats).map((ms) => ms / SUB_LOOPS);
  // update() loop only: fresh Minhash objects are made outside the timed region.
  const pkgMs = [];
  const ctorMs = [];
  const warm = new Minhash({ numPerm: NUM_PERM });
  for (const str of subStrings[0]) warm.update(str);
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const objs = sub.map(() => new Minhash({ numPerm: NUM_PERM }));
    const t1 = performance.now();
    for (let d = 0; d < sub.length; d++) {
      const m = objs[d];
      const strs = subStrings[d];
      for (let i = 0; i < strs.length; i++) m.update(strs[i]);
    }
    const t2 = performance.now();
    ctorMs.push(t1 - t0);
    pkgMs.push(t2 - t1);
    sink ^= objs[0].hashvalues[0];
  }

  const med = (xs) => median(xs);
  const rate = (count, ms) => (count / ms) * 1000;
  const reprintAll = {
    docs: texts.length,
    shingles: totalShingles,
    medianMs: round(med(signMs), 2),
    runsMs: signMs.map((x) => round(x, 2)),
    docsPerSec: round(rate(texts.length, med(signMs)), 1),
    shinglesPerSec: Math.round(rate(totalShingles, med(signMs))),
    usPerDoc: round((med(signMs) * 1000) / texts.length, 2),
  };
  const reprintSub = {
    docs: sub.length,
    shingles: subShingles,
    medianMs: round(med(signSubMs), 2),
    docsPerSec: round(rate(sub.length, med(signSubMs)), 1),
    shinglesPerSec: Math.round(rate(subShingles, med(signSubMs))),
  };
  const pkg = {
    docs: sub.length,
    shingles: subShingles,
    medianMs: round(med(pkgMs), 2),
    runsMs: pkgMs.map((x) => round(x, 2)),
    docsPerSec: round(rate(sub.length, med(pkgMs)), 2),
    shinglesPerSec: Math.round(rate(subShingles, med(pkgMs))),
    usPerDoc: round((med(pkgMs) * 1000) / sub.length, 1),
    constructorUsPerDoc: round((med(ctorMs) * 1000) / sub.length, 1),
  };
  const floor = {
    docs: texts.length,
    chars: totalChars,
    medianMs: round(med(floorMs), 2),
    runsMs: floorMs.map((x) => round(x, 2)),
    docsPerSec: round(rate(texts.length, med(floorMs)), 1),
    shinglesPerSec: Math.round(rate(totalShingles, med(floorMs))),
    mbPerSec: round(totalChars / 1e6 / (med(floorMs) / 1000), 2),
    signOverFloor: round(med(signMs) / med(floorMs), 2),
    note: 'floor = tokenHashes + shingleSet (normalise, tokenise, hash tokens, hash/sort/dedupe shingles); signOverFloor = sign() time / floor time on the same docs',
  };
  return {
    numPerm: NUM_PERM,
    shingleSize: K,
    repeats,
    reprint: reprintAll,
    reprintOnPkgSubset: reprintSub,
    minhashPkg: pkg,
    // How many times faster reprint signs than the package, per shingle (same docs, same shingles).
    speedupReprintOverPkg: round(reprintSub.shinglesPerSec / pkg.shinglesPerSec, 1),
    speedupReprintOverPkgAllDocsRate: round(reprintAll.shinglesPerSec / pkg.shinglesPerSec, 1),
    floor,
    _sink: sink & 1,
  };
}

// ---------------------------------------------------------------------------------------------

export async function benchMinhash({ quick = false, articles } = {}) {
  const started = performance.now();
  const corpus = articles ?? (await loadAllsides());
  const acc = accuracy(buildPairs(corpus, quick ? 100 : 300), quick ? 3 : 10);
  acc.short = shortAccuracy(corpus, quick);
  const spd = speed(corpus, quick ? { docs: 500, pkgDocs: 30, repeats: 3 } : { docs: 2000, pkgDocs: 100, repeats: 5 });
  delete spd._sink;
  return {
    bench: 'minhash',
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    corpus: 'allsides-dev.jsonl.gz (Apache-2.0), read from ../shared/corpora',
    minhashPkgVersion: '0.0.9',
    accuracy: acc,
    speed: spd,
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

export function formatMinhash(r) {
  const a = r.accuracy;
  const s = r.speed;
  const lines = [];
  lines.push(`MinHash accuracy: ${a.pairs} pairs, k=${a.shingleSize}, exact J ${a.exactJaccard.min}..${a.exactJaccard.max} (quartiles ${a.exactJaccard.quartiles.join(', ')}), numPerm=${a.numPerm}`);
  lines.push(
    table([
      ['estimator', 'MAE', 'bias', 'RMSE', 'p95 |err|', 'max |err|', 'within 2σ'],
      ['reprint', a.reprint.mae, a.reprint.bias, a.reprint.rmse, a.reprint.p95AbsError, a.reprint.maxAbsError, a.reprint.within2StdErr],
      ['minhash pkg', a.minhashPkg.mae, a.minhashPkg.bias, a.minhashPkg.rmse, a.minhashPkg.p95AbsError, a.minhashPkg.maxAbsError, a.minhashPkg.within2StdErr],
      ['theory σ / MAE', `${a.theory.meanStdErr} / ${a.reprint.theoryMae}`, '', '', '', '', ''],
    ]),
  );
  const m = a.multiSeed;
  lines.push(`over ${m.seeds} seeds (${m.estimates} estimates each): reprint MAE ${m.reprintMae} ± ${m.reprintMaeSE}, minhash pkg ${m.minhashPkgMae} ± ${m.minhashPkgMaeSE}, theory ${m.theoryMae}; paired diff ${m.pairedDiffReprintMinusPkg} ± ${m.pairedDiffSE}`);
  lines.push(`reprint MAE by numPerm: ${a.reprintByNumPerm.map((x) => `${x.numPerm}: ${x.mae} (theory ${x.theoryMae})`).join(', ')}`);
  const sh = a.short;
  lines.push('');
  lines.push(`Short documents (numPerm=${sh.numPerm}), MAE / bias over ${sh.realShort.seeds} seeds:`);
  const shortRow = (name, x) => [name, x.pairs, `${x.shingles.min}..${x.shingles.max}`, x.reprintMae, x.reprintBias, x.minhashPkgMae, x.minhashPkgBias, x.theoryMae];
  lines.push(
    table([
      ['pairs', 'n', 'shingles', 'reprint MAE', 'bias', 'pkg MAE', 'bias', 'theory MAE'],
      shortRow('real windows', sh.realShort),
      ...sh.synthetic.map((x) => shortRow(`synthetic ${x.size}`, x)),
    ]),
  );
  lines.push('');
  lines.push(`Signing speed, numPerm=${s.numPerm}, median of ${s.repeats}:`);
  lines.push(
    table([
      ['what', 'docs', 'shingles/s', 'docs/s', 'µs/doc'],
      ['floor: tokenHashes+shingleSet', s.floor.docs, fmtRate(s.floor.shinglesPerSec), fmtRate(s.floor.docsPerSec), round((s.floor.medianMs * 1000) / s.floor.docs, 1)],
      ['reprint sign()', s.reprint.docs, fmtRate(s.reprint.shinglesPerSec), fmtRate(s.reprint.docsPerSec), s.reprint.usPerDoc],
      ['reprint sign() (pkg subset)', s.reprintOnPkgSubset.docs, fmtRate(s.reprintOnPkgSubset.shinglesPerSec), fmtRate(s.reprintOnPkgSubset.docsPerSec), round((s.reprintOnPkgSubset.medianMs * 1000) / s.reprintOnPkgSubset.docs, 1)],
      ['minhash pkg update()', s.minhashPkg.docs, fmtRate(s.minhashPkg.shinglesPerSec), fmtRate(s.minhashPkg.docsPerSec), s.minhashPkg.usPerDoc],
    ]),
  );
  lines.push(`reprint / minhash pkg speed: ${s.speedupReprintOverPkg}x per shingle; signing costs ${s.floor.signOverFloor}x the tokenise+shingle floor`);
  return lines.join('\n');
}

export function writeResult(name, result) {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const quick = process.argv.includes('--quick');
  const r = await benchMinhash({ quick });
  console.log(formatMinhash(r));
  console.log(`\nwrote ${path.relative(process.cwd(), writeResult('minhash', r))} (${r.seconds}s)`);
}
