#!/usr/bin/env node
// scripts/tune-defaults.mjs — measure which defaults (threshold, containment, shingle size,
// numPerm) reprint should ship with.
//
//   npx tsc -p . && node scripts/tune-defaults.mjs [--quick] [--json]
//
// Evaluation set (evaluationSet in bench/lib/generate.js, where it is described), from the AllSides
// corpus (../shared/corpora, Apache-2.0, read in place, never copied): 1,500 whole articles with
// natural near-duplicates removed, rendered as plain-text pages of their outlets; for 300 of them
// planted copies on invented outlets (exact, excerpt, intro, typos). Every page goes through
// extractPlainText, so boilerplate stripping is part of the measurement. Different articles on one
// AllSides topic are the hard negatives: same events, different text.
//
// Scored pairwise (bench/lib/score.js): a pair of documents is positive when both belong to one
// planted group (an original and its copies); precision/recall/F1 of "same cluster" over all pairs.
//
// Runs: one knob at a time around k=5, t=0.5, c=0.8, p=128, plus a grid over k x t. Clustering
// is done exactly as `reprint scan` does it: LSH bands tuned for candidateThreshold(t, c),
// minContainedShingles = minWords (20).
//
// Writes bench/results/tune-defaults.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractPlainText } from '../dist/extract/plaintext.js';
import { tokenHashes, shingleSet, overlap } from '../dist/text/shingles.js';
import { createMinHasher } from '../dist/sketch/minhash.js';
// candidateThreshold: scan tunes the bands for the lower of the threshold and an excerpt's Jaccard.
import { candidateThreshold, optimalLshParams } from '../dist/sketch/lsh-params.js';
import { clusterDocuments } from '../dist/match/cluster.js';
import { verifyPair } from '../dist/match/accept.js';
import { bandKeys } from '../dist/sketch/bands.js';
import { loadAllsides, ROOT } from '../bench/lib/corpus.js';
import { evaluationSet } from '../bench/lib/generate.js';
import { clusterIndex, falsePairsWhere, groupsFromLabels, pairCount, positivePairs, recallByType, scorePairs, together } from '../bench/lib/score.js';
import { machineInfo, round, table, mean, median, quantile } from '../bench/lib/util.js';

const QUICK = process.argv.includes('--quick');
const SEED = 0x7475_6e65; // "tune"
const N_ARTICLES = QUICK ? 600 : 1500;
const N_PLANTED = QUICK ? 120 : 300;
const MIN_ARTICLE_WORDS = 150;
const MIN_WORDS = 20; // reprint's --min-words default
const BASE = { k: 5, t: 0.5, c: 0.8, p: 128 };
// Each setting is run under several MinHash seeds and averaged: LSH misses are random, and the
// differences between settings are a handful of pairs.
const SEEDS = QUICK ? [0x72657072, 11] : [0x72657072, 11, 22];
// containment > 1 switches the containment rule off (Jaccard only).
const NO_CONTAINMENT = 1.01;

// ---------------------------------------------------------------------------------------------
// Scoring

/**
 * Why each positive pair ended up apart: 'lsh' (never a candidate: no band in common),
 * 'verify' (a candidate, but exact Jaccard and containment both below the settings),
 * 'linkage' (it verifies, but star clustering with complete linkage put them apart).
 */
function missReasons(clusters, ctx) {
  const clusterOf = clusterIndex(clusters.map((c) => c.members.map((m) => m.doc)));
  const reasons = { lsh: 0, verify: 0, linkage: 0 };
  const examples = [];
  for (const [a, b] of ctx.positives) {
    if (together(clusterOf, a, b)) continue;
    const v = verifyPair(ctx.shingles[a], ctx.shingles[b], ctx.verify);
    let why;
    if (v.match === null) why = 'verify';
    else {
      const ka = bandKeys(ctx.sigs[a], ctx.lsh.bands, ctx.lsh.rows);
      const kb = bandKeys(ctx.sigs[b], ctx.lsh.bands, ctx.lsh.rows);
      let shared = false;
      for (let i = 0; i < ka.length && !shared; i++) shared = ka[i] === kb[i];
      why = shared ? 'linkage' : 'lsh';
    }
    reasons[why]++;
    if (examples.length < 5) examples.push({ why, pair: `${ctx.docs[a].variant}~${ctx.docs[b].variant}`, jaccard: round(v.jaccard, 3), containment: round(v.containment, 3) });
  }
  return { reasons, examples };
}

function score(clusters, docs) {
  const ids = clusters.map((c) => c.members.map((x) => x.doc));
  const s = scorePairs(ids, TRUTH.groups);
  // Recall per variant: each copy with its group's original.
  const byVariant = recallByType(s.clusterOf, TRUTH.groups, (d) => (docs[d].variant === 'original' ? null : docs[d].variant), {
    types: TRUTH.variants,
    partner: (d) => docs[d].variant === 'original',
  });
  const fpSameTopic = falsePairsWhere(ids, (d) => docs[d].group, (a, b) => docs[a].topic === docs[b].topic);
  const recallByVariant = Object.fromEntries(Object.entries(byVariant).map(([v, x]) => [v, round(x.recall, 4)]));
  return { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), tp: s.tp, fp: s.fp, fn: s.fn, fpSameTopic, recallByVariant };
}

let TRUTH = { groups: [], positives: 0, variants: [], list: [] };

/** The planted groups among docs, their positive pairs, and the copy variants that have an original to be found with. */
function truthOf(docs) {
  const groups = groupsFromLabels(docs.map((d) => d.group));
  const hasOriginal = new Set(docs.filter((d) => d.group >= 0 && d.variant === 'original').map((d) => d.group));
  const variants = [...new Set(docs.filter((d) => d.group >= 0 && d.variant !== 'original' && hasOriginal.has(d.group)).map((d) => d.variant))];
  const list = positivePairs(groups);
  return { groups, positives: list.length, variants, list };
}

// ---------------------------------------------------------------------------------------------
// Runs

async function main(articles) {
  const t0 = performance.now();
  const built = await evaluationSet(articles, { seed: SEED, size: N_ARTICLES, planted: N_PLANTED, minWords: MIN_ARTICLE_WORDS });
  const tBuild = performance.now();

  // Extraction and tokenisation once; shingles per k, signatures per (k, p) are cached.
  let extracted = built.docs.map((d) => ({ ...d, tokens: tokenHashes(extractPlainText(d.page).text), rawTokens: tokenHashes(d.page) }));
  const tooShort = extracted.filter((d) => d.tokens.length < MIN_WORDS).length;
  extracted = extracted.filter((d) => d.tokens.length >= MIN_WORDS);
  const tExtract = performance.now();
  TRUTH = truthOf(extracted);

  // Stripping check: Jaccard (k=5) of each exact copy with its original, after extraction and on the raw page.
  const originals = new Map(extracted.filter((d) => d.variant === 'original' && d.group >= 0).map((d) => [d.group, d]));
  const strip = { extracted: [], raw: [] };
  for (const d of extracted) {
    if (d.variant !== 'exact' || !originals.has(d.group)) continue;
    const o = originals.get(d.group);
    strip.extracted.push(overlap(shingleSet(d.tokens, 5), shingleSet(o.tokens, 5)).jaccard);
    strip.raw.push(overlap(shingleSet(d.rawTokens, 5), shingleSet(o.rawTokens, 5)).jaccard);
  }
  // Hard negatives: same-topic pairs among the documents.
  const topicCount = new Map();
  for (const d of extracted) topicCount.set(d.topic, (topicCount.get(d.topic) ?? 0) + 1);
  let sameTopicPairs = 0;
  for (const n of topicCount.values()) sameTopicPairs += pairCount(n);

  const shingleCache = new Map();
  const sigCache = new Map();
  const lshCache = new Map();
  const shinglesFor = (k, useRaw = false) => {
    const sk = `${k}${useRaw ? 'raw' : ''}`;
    if (!shingleCache.has(sk)) {
      const s0 = performance.now();
      const sh = extracted.map((d) => shingleSet(useRaw ? d.rawTokens : d.tokens, k));
      shingleCache.set(sk, { sh, ms: performance.now() - s0 });
    }
    return shingleCache.get(sk);
  };
  const sigsFor = (k, p, seed, useRaw = false) => {
    const pk = `${k}${useRaw ? 'raw' : ''}/${p}/${seed}`;
    if (!sigCache.has(pk)) {
      const sh = shinglesFor(k, useRaw).sh;
      const hasher = createMinHasher(p, seed);
      const s0 = performance.now();
      const sig = sh.map((s) => hasher.sign(s));
      sigCache.set(pk, { sig, ms: performance.now() - s0 });
    }
    return sigCache.get(pk);
  };
  // fnWeight: optimalLshParams' false-negative weight (scan.ts uses the default 0.5/0.5).
  const lshFor = (t, c, p, fnWeight = 0.5) => {
    const lt = candidateThreshold(t, c);
    const key = `${lt}/${p}/${fnWeight}`;
    if (!lshCache.has(key)) lshCache.set(key, { lshThreshold: lt, ...optimalLshParams(lt, p, 1 - fnWeight, fnWeight) });
    return lshCache.get(key);
  };

  const runs = [];
  const seen = new Map();
  const run = (cfg, tags, useRaw = false) => {
    const key = `k${cfg.k} t${cfg.t} c${cfg.c} p${cfg.p}${cfg.w ? ` fnw${cfg.w}` : ''}${useRaw ? ' raw' : ''}`;
    if (seen.has(key)) {
      for (const t of tags) if (!seen.get(key).tags.includes(t)) seen.get(key).tags.push(t);
      return seen.get(key);
    }
    const shingles = shinglesFor(cfg.k, useRaw);
    const lsh = lshFor(cfg.t, cfg.c, cfg.p, cfg.w ?? 0.5);
    const verify = { threshold: cfg.t, containment: cfg.c, minContainedShingles: MIN_WORDS };
    const perSeed = [];
    for (const seed of SEEDS) {
      const sigs = sigsFor(cfg.k, cfg.p, seed, useRaw);
      const input = extracted.map((d, i) => ({ shingles: shingles.sh[i], signature: sigs.sig[i], key: `doc-${String(i).padStart(5, '0')}`, words: useRaw ? d.rawTokens.length : d.tokens.length }));
      const c0 = performance.now();
      const { clusters, stats } = clusterDocuments(input, { ...verify, lsh: { bands: lsh.bands, rows: lsh.rows } });
      const clusterMs = performance.now() - c0;
      const miss = missReasons(clusters, { docs: extracted, positives: TRUTH.list, shingles: shingles.sh, sigs: sigs.sig, lsh, verify });
      perSeed.push({ seed, ...score(clusters, extracted), misses: miss.reasons, missExamples: miss.examples, candidatePairs: stats.candidatePairs, verifiedPairs: stats.verifiedPairs, clusterMs, signMs: sigs.ms });
    }
    const avg = (f) => mean(perSeed.map(f));
    const variants = Object.keys(perSeed[0].recallByVariant);
    const r = {
      key,
      tags: [...tags],
      ...cfg,
      lshFnWeight: cfg.w ?? 0.5,
      containmentRule: cfg.c <= 1,
      input: useRaw ? 'raw page text (no extraction)' : 'extractPlainText',
      lshThreshold: lsh.lshThreshold,
      bands: lsh.bands,
      rows: lsh.rows,
      seeds: SEEDS.length,
      precision: round(avg((x) => x.precision)),
      recall: round(avg((x) => x.recall)),
      f1: round(avg((x) => x.f1)),
      f1Min: round(Math.min(...perSeed.map((x) => x.f1))),
      f1Max: round(Math.max(...perSeed.map((x) => x.f1))),
      tp: round(avg((x) => x.tp), 1),
      fp: round(avg((x) => x.fp), 1),
      fn: round(avg((x) => x.fn), 1),
      fpSameTopic: round(avg((x) => x.fpSameTopic), 1),
      recallByVariant: Object.fromEntries(variants.map((v) => [v, round(avg((x) => x.recallByVariant[v]), 4)])),
      misses: Object.fromEntries(['lsh', 'verify', 'linkage'].map((w) => [w, round(avg((x) => x.misses[w]), 1)])),
      missExamples: perSeed[0].missExamples,
      candidatePairs: Math.round(avg((x) => x.candidatePairs)),
      verifiedPairs: Math.round(avg((x) => x.verifiedPairs)),
      clusterMs: round(median(perSeed.map((x) => x.clusterMs)), 1),
      shingleMs: round(shingles.ms, 1),
      signMs: round(median(perSeed.map((x) => x.signMs)), 1),
      perSeedF1: perSeed.map((x) => x.f1),
    };
    seen.set(key, r);
    runs.push(r);
    if (process.stderr.isTTY) process.stderr.write(`\r${runs.length} runs: ${key}        `);
    return r;
  };

  const KS = [3, 4, 5, 6, 7];
  const TS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const CS = [0.7, 0.8, 0.9];
  const PS = [64, 128, 256];
  run(BASE, ['base']);
  for (const k of KS) run({ ...BASE, k }, ['vary-k']);
  for (const t of TS) run({ ...BASE, t }, ['vary-t']);
  for (const c of CS) run({ ...BASE, c }, ['vary-c']);
  for (const p of PS) run({ ...BASE, p }, ['vary-p']);
  for (const k of KS) for (const t of TS) run({ ...BASE, k, t }, ['grid-k-t']);
  // t x c: whether the containment rule needs a different threshold.
  for (const t of TS) for (const c of CS) run({ ...BASE, t, c }, ['grid-t-c']);
  // The threshold on its own: containment rule off.
  for (const t of TS) run({ ...BASE, t, c: NO_CONTAINMENT }, ['jaccard-only']);
  // LSH bands tuned with more weight on false negatives (the misses above are all LSH misses).
  for (const w of [0.7, 0.8, 0.9]) run({ ...BASE, w }, ['vary-lsh-weight']);
  for (const w of [0.8]) for (const p of [64, 256]) run({ ...BASE, p, w }, ['vary-lsh-weight']);
  // What stripping buys: the base setting on the raw pages.
  run(BASE, ['no-extraction'], true);
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

  // Separation: exact similarity of the positives and of the hardest negatives (same topic), per k.
  const separation = KS.map((k) => {
    const sh = shinglesFor(k).sh;
    const pos = {};
    for (const [a, b] of TRUTH.list) {
      const va = extracted[a].variant;
      const vb = extracted[b].variant;
      const label = va === 'original' ? `original~${vb}` : vb === 'original' ? `original~${va}` : 'copy~copy';
      const o = overlap(sh[a], sh[b]);
      (pos[label] ??= { jaccard: [], containment: [] }).jaccard.push(o.jaccard);
      pos[label].containment.push(o.containment);
    }
    const negJ = [];
    const negC = [];
    const byTopic = new Map();
    extracted.forEach((d, i) => {
      if (!byTopic.has(d.topic)) byTopic.set(d.topic, []);
      byTopic.get(d.topic).push(i);
    });
    for (const list of byTopic.values()) {
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const a = list[x];
          const b = list[y];
          if (extracted[a].group >= 0 && extracted[a].group === extracted[b].group) continue;
          const o = overlap(sh[a], sh[b]);
          negJ.push(o.jaccard);
          negC.push(o.containment);
        }
      }
    }
    const q = (xs) => ({ min: round(Math.min(...xs), 3), p5: round(quantile(xs, 0.05), 3), median: round(quantile(xs, 0.5), 3) });
    return {
      k,
      positives: Object.fromEntries(Object.entries(pos).map(([l, v]) => [l, { pairs: v.jaccard.length, jaccard: q(v.jaccard), containment: q(v.containment) }])),
      sameTopicNegatives: {
        pairs: negJ.length,
        jaccard: { max: round(Math.max(...negJ), 4), p999: round(quantile(negJ, 0.999), 4) },
        containment: { max: round(Math.max(...negC), 4), p999: round(quantile(negC, 0.999), 4), above05: negC.filter((x) => x >= 0.5).length, above03: negC.filter((x) => x >= 0.3).length },
      },
    };
  });

  // Best over the brief's four knobs (LSH weighting reported separately). Ties go to the setting
  // with fewest knobs moved from the base, then the cheaper one.
  const extractedRuns = runs.filter((r) => r.input === 'extractPlainText' && r.containmentRule && r.lshFnWeight === 0.5);
  const moved = (r) => ['k', 't', 'c', 'p'].filter((x) => r[x] !== BASE[x]).length;
  const best = [...extractedRuns].sort((a, b) => b.f1 - a.f1 || moved(a) - moved(b) || a.clusterMs + a.signMs - (b.clusterMs + b.signMs))[0];
  const bestLshWeighted = [...runs.filter((r) => r.lshFnWeight !== 0.5)].sort((a, b) => b.f1 - a.f1 || a.clusterMs + a.signMs - (b.clusterMs + b.signMs))[0];
  const bestTies = extractedRuns.filter((r) => r.f1 === best.f1).map((r) => r.key);
  const baseRun = seen.get(`k${BASE.k} t${BASE.t} c${BASE.c} p${BASE.p}`);
  const sens = (tag, knob) => {
    const rs = runs.filter((r) => r.tags.includes(tag) || r.tags.includes('base')).filter((r) => r.input === 'extractPlainText' && r.containmentRule && (knob === 'lshFnWeight' || r.lshFnWeight === 0.5) && (knob !== 'lshFnWeight' || r.p === BASE.p));
    const f1s = rs.map((r) => r.f1);
    return { knob, values: rs.map((r) => ({ [knob]: r[knob], f1: r.f1, precision: r.precision, recall: r.recall })).sort((a, b) => a[knob] - b[knob]), f1Range: round(Math.max(...f1s) - Math.min(...f1s), 4) };
  };

  return {
    script: 'tune-defaults',
    date: new Date().toISOString(),
    quick: QUICK,
    machine: machineInfo(),
    corpus: 'allsides-dev.jsonl.gz (Apache-2.0), read from ../shared/corpora',
    evaluationSet: {
      articles: built.kept.length,
      planted: N_PLANTED,
      documents: extracted.length,
      tooShortAfterExtraction: tooShort,
      copies: Object.fromEntries(['exact', 'excerpt', 'intro', 'typos'].map((v) => [v, extracted.filter((d) => d.variant === v).length])),
      positivePairs: TRUTH.positives,
      groups: TRUTH.groups.length,
      totalPairs: pairCount(extracted.length),
      sameTopicPairs,
      topics: topicCount.size,
      naturalDuplicatesDropped: built.dropped.length,
      naturalDuplicateExamples: built.dropped.slice(0, 10),
      stripping: {
        exactCopyJaccardAfterExtraction: { mean: round(mean(strip.extracted)), min: round(Math.min(...strip.extracted)), share1: round(strip.extracted.filter((x) => x === 1).length / strip.extracted.length, 3) },
        exactCopyJaccardRawPage: { mean: round(mean(strip.raw)), min: round(Math.min(...strip.raw)) },
      },
      buildMs: round(tBuild - t0, 0),
      extractMs: round(tExtract - tBuild, 0),
    },
    base: BASE,
    baseRun,
    best,
    bestTies,
    bestLshWeighted,
    separation,
    sensitivity: [sens('vary-k', 'k'), sens('vary-t', 't'), sens('vary-c', 'c'), sens('vary-p', 'p'), sens('vary-lsh-weight', 'lshFnWeight')],
    runs,
    seconds: round((performance.now() - t0) / 1000, 1),
  };
}

function format(res) {
  const lines = [];
  const e = res.evaluationSet;
  lines.push(
    `Evaluation set: ${e.documents} pages (${e.articles} articles, ${e.planted} with copies: ${Object.entries(e.copies).map(([k, v]) => `${v} ${k}`).join(', ')}), ` +
      `${e.positivePairs} positive pairs of ${e.totalPairs}; ${e.sameTopicPairs} same-topic pairs over ${e.topics} topics; ` +
      `${e.naturalDuplicatesDropped} natural near-duplicates dropped; ${e.tooShortAfterExtraction} pages too short. Each setting averaged over ${res.runs[0].seeds} MinHash seeds.`,
  );
  lines.push(
    `Stripping: exact copy vs original, Jaccard k=5 after extraction mean ${e.stripping.exactCopyJaccardAfterExtraction.mean} (min ${e.stripping.exactCopyJaccardAfterExtraction.min}, ${Math.round(e.stripping.exactCopyJaccardAfterExtraction.share1 * 100)}% identical); raw pages mean ${e.stripping.exactCopyJaccardRawPage.mean}.`,
  );
  lines.push('');
  const header = ['run', 'k', 't', 'c', 'p', 'lshT', 'fnw', 'b x r', 'P', 'R', 'F1', 'F1 min-max', 'FP', 'FN', 'miss lsh/verify/link', 'R excerpt', 'R intro', 'R typos', 'cand', 'cluster ms', 'sign ms'];
  const row = (r) => [
    r.tags.filter((t) => !t.startsWith('grid')).join(',') || r.tags.join(','),
    r.k,
    r.t,
    r.containmentRule ? r.c : 'off',
    r.p,
    r.lshThreshold,
    r.lshFnWeight,
    `${r.bands}x${r.rows}`,
    r.precision.toFixed(4),
    r.recall.toFixed(4),
    r.f1.toFixed(4),
    `${r.f1Min.toFixed(3)}-${r.f1Max.toFixed(3)}`,
    r.fp,
    r.fn,
    `${r.misses.lsh}/${r.misses.verify}/${r.misses.linkage}`,
    (r.recallByVariant.excerpt ?? 0).toFixed(3),
    (r.recallByVariant.intro ?? 0).toFixed(3),
    (r.recallByVariant.typos ?? 0).toFixed(3),
    r.candidatePairs,
    r.clusterMs,
    r.signMs,
  ];
  const oneAtATime = res.runs.filter((r) => r.tags.some((t) => t === 'base' || t.startsWith('vary') || t === 'no-extraction'));
  // fnw: false-negative weight used to tune the LSH bands (0.5 = scan's default).
  lines.push('One knob at a time around k=5 t=0.5 c=0.8 p=128 (FP/FN: mean pairs per seed):');
  lines.push(table([header, ...oneAtATime.map(row)]));
  lines.push('');
  lines.push('Threshold alone (containment rule off, k=5, p=128):');
  lines.push(table([header, ...res.runs.filter((r) => r.tags.includes('jaccard-only')).map(row)]));
  lines.push('');
  const TS = [...new Set(res.runs.filter((r) => r.tags.includes('grid-k-t')).map((r) => r.t))].sort();
  const KS = [...new Set(res.runs.filter((r) => r.tags.includes('grid-k-t')).map((r) => r.k))].sort();
  const find = (k, t, c, p = 128) => res.runs.find((r) => r.k === k && r.t === t && r.c === c && r.p === p && r.lshFnWeight === 0.5 && r.input === 'extractPlainText');
  lines.push('F1 (FP/FN) over k x t (c=0.8, p=128):');
  lines.push(table([['k \\ t', ...TS.map(String)], ...KS.map((k) => [`k=${k}`, ...TS.map((t) => { const r = find(k, t, 0.8); return r ? `${r.f1.toFixed(4)} (${r.fp}/${r.fn})` : ''; })])]));
  lines.push('');
  lines.push('F1 (FP/FN) over t x c (k=5, p=128):');
  lines.push(table([['c \\ t', ...TS.map(String)], ...[0.7, 0.8, 0.9].map((c) => [`c=${c}`, ...TS.map((t) => { const r = find(5, t, c); return r ? `${r.f1.toFixed(4)} (${r.fp}/${r.fn})` : ''; })])]));
  lines.push('');
  lines.push('Separation (exact, per k): positives min / 5th pct of Jaccard and containment; same-topic negatives max / 99.9th pct:');
  const sepRows = [['k', 'exact J', 'typos J', 'intro J', 'intro C', 'excerpt J', 'excerpt C', 'copy~copy C', 'neg J max/p99.9', 'neg C max/p99.9', 'neg C>=0.3']];
  for (const s of res.separation) {
    const P = s.positives;
    const f = (l, m) => (P[l] ? `${P[l][m].min}/${P[l][m].p5}` : '');
    sepRows.push([s.k, f('original~exact', 'jaccard'), f('original~typos', 'jaccard'), f('original~intro', 'jaccard'), f('original~intro', 'containment'), f('original~excerpt', 'jaccard'), f('original~excerpt', 'containment'), f('copy~copy', 'containment'), `${s.sameTopicNegatives.jaccard.max}/${s.sameTopicNegatives.jaccard.p999}`, `${s.sameTopicNegatives.containment.max}/${s.sameTopicNegatives.containment.p999}`, s.sameTopicNegatives.containment.above03]);
  }
  lines.push(table(sepRows));
  lines.push('');
  lines.push(`Sensitivity (F1 range when one knob moves): ${res.sensitivity.map((s) => `${s.knob}: ${s.f1Range}`).join(', ')}`);
  lines.push(`Best: ${res.best.key} F1 ${res.best.f1} (P ${res.best.precision}, R ${res.best.recall})${res.bestTies.length > 1 ? `, tied with ${res.bestTies.length - 1} other settings` : ''}; base F1 ${res.baseRun.f1}.`);
  const w = res.bestLshWeighted;
  if (w) lines.push(`Best with re-weighted LSH bands: ${w.key} F1 ${w.f1} (P ${w.precision}, R ${w.recall}), bands ${w.bands}x${w.rows}, ${w.candidatePairs} candidates vs ${res.baseRun.candidatePairs} at base.`);
  lines.push(`${res.runs.length} settings x ${res.runs[0].seeds} seeds, ${res.seconds}s.`);
  return lines.join('\n');
}

const articles = await loadAllsides();
const res = await main(articles);
const dir = path.join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `tune-defaults${QUICK ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify(res, null, 2) + '\n');
if (process.argv.includes('--json')) console.log(JSON.stringify(res, null, 2));
else console.log(format(res));
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
