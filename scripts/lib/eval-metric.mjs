// eval-metric.mjs — the text-similarity metric of the public article-extraction benchmark
// (scrapinghub/article-extraction-benchmark, evaluate.py), reimplemented for Node.
//
// What the benchmark does, and what this file does the same way:
//   tokens     Python `re.findall(r'\w+', text)` with re.UNICODE. Python's `\w` on str is
//              "[A-Za-z0-9_] or str.isalnum()", i.e. Unicode letters (Lu Ll Lt Lm Lo) and numbers
//              (Nd Nl No), not combining marks (Mn Mc): /[\p{L}\p{N}_]+/gu here. No lowercasing:
//              re.IGNORECASE does not change what findall returns, so tokens keep their case.
//   shingles   every run of 4 consecutive tokens, counted as a multiset (Counter); a text with
//              1-3 tokens has one shingle holding them all (range(max(1, len - n + 1))); an empty
//              text has none.
//   tp/fp/fn   over the union of shingles: tp += min(true, pred), fp += max(0, pred - true),
//              fn += max(0, true - pred); then divided by their sum so that each page weighs the
//              same (left at 0/0/0 when both texts are empty).
//   precision  mean over pages with tp + fp > 0 of tp / (tp + fp)  (1 when fp = fn = 0)
//   recall     mean over pages with tp + fn > 0 of tp / (tp + fn)  (1 when fp = fn = 0)
//   F1         harmonic mean of those two means (not a mean of per-page F1s).
// Empty pages, as the benchmark handles them: an empty prediction (or a page that threw) has
// tp = fp = 0, so it is left out of the precision mean and counts 0 in the recall mean; an
// empty expected text is left out of the recall mean and counts 0 in precision when something
// was predicted. A page with both empty counts in neither.

import { mean, prng } from '../../bench/lib/util.js';

const TOKEN_RE = /[\p{L}\p{N}_]+/gu;
const NGRAM = 4;

export function tokenize(text) {
  return (text ?? '').match(TOKEN_RE) ?? [];
}

/** Multiset of n-gram shingles: Map<string, count>. Tokens are joined with a separator no token holds. */
export function shingles(text, n = NGRAM) {
  const tokens = Array.isArray(text) ? text : tokenize(text);
  const out = new Map();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const sh = tokens.slice(i, i + n);
    if (sh.length === 0) continue;
    const key = sh.join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** Normalised [tp, fp, fn] of one page (benchmark's string_shingle_matching). */
export function shingleMatching(trueText, predText, n = NGRAM) {
  const t = trueText instanceof Map ? trueText : shingles(trueText, n);
  const p = predText instanceof Map ? predText : shingles(predText, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, tc] of t) {
    const pc = p.get(k) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [k, pc] of p) fp += Math.max(0, pc - (t.get(k) ?? 0));
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

function precisionScore([tp, fp, fn]) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallScore([tp, fp, fn]) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** Per-page F1 (for ranking pages only; the corpus F1 is from the averaged P and R). */
export function pageScores(tpfpfn) {
  const [tp, fp, fn] = tpfpfn;
  const p = tp + fp > 0 ? precisionScore(tpfpfn) : null;
  const r = tp + fn > 0 ? recallScore(tpfpfn) : null;
  const pp = p ?? 0;
  const rr = r ?? 0;
  const f1 = pp + rr > 0 ? (2 * pp * rr) / (pp + rr) : 0;
  return { precision: p, recall: r, f1 };
}

/** Corpus metrics from per-page [tp, fp, fn] (benchmark's metrics_from_tp_fp_fns). */
export function corpusMetrics(tpfpfns) {
  const precision = mean(tpfpfns.filter(([tp, fp]) => tp + fp > 0).map(precisionScore));
  const recall = mean(tpfpfns.filter(([tp, , fn]) => tp + fn > 0).map(recallScore));
  const f1 = (2 * precision * recall) / (precision + recall);
  return {
    pages: tpfpfns.length,
    precisionPages: tpfpfns.filter(([tp, fp]) => tp + fp > 0).length,
    recallPages: tpfpfns.filter(([tp, , fn]) => tp + fn > 0).length,
    precision,
    recall,
    f1: Number.isFinite(f1) ? f1 : 0,
  };
}

/**
 * Bootstrap 95% half-interval (1.96 × stdev over resamples) of the paired difference
 * a − b in each metric, with a seeded PRNG so runs are reproducible. Pages are resampled
 * together for both systems, as the benchmark's --bootstrap-differences does.
 */
export function bootstrapDiff(a, b, rounds = 1000, seed = 12345) {
  const rnd = prng(seed);
  const n = a.length;
  const diffs = { precision: [], recall: [], f1: [] };
  if (n === 0) return { precision: NaN, recall: NaN, f1: NaN };
  for (let r = 0; r < rounds; r++) {
    const idx = Array.from({ length: n }, () => Math.floor(rnd() * n));
    const ma = corpusMetrics(idx.map((i) => a[i]));
    const mb = corpusMetrics(idx.map((i) => b[i]));
    for (const k of Object.keys(diffs)) diffs[k].push(ma[k] - mb[k]);
  }
  const ci = {};
  for (const [k, xs] of Object.entries(diffs)) {
    const ok = xs.filter(Number.isFinite);
    const m = mean(ok);
    const sd = Math.sqrt(ok.reduce((acc, x) => acc + (x - m) ** 2, 0) / Math.max(1, ok.length - 1));
    ci[k] = 1.96 * sd;
  }
  return ci;
}

/** Every 1- to 4-gram of a text's tokens, for looking up the shingles of one line of the other text. */
export function gramSet(text, n = NGRAM) {
  const toks = Array.isArray(text) ? text : tokenize(text);
  const out = new Set();
  for (let i = 0; i < toks.length; i++) {
    let key = '';
    for (let k = 0; k < n && i + k < toks.length; k++) {
      key = k === 0 ? toks[i] : `${key} ${toks[i + k]}`;
      out.add(key);
    }
  }
  return out;
}

/**
 * Lines of `text` (one paragraph a line) whose shingles are mostly absent from the other text:
 * the extra lines of a prediction, or the lost lines of an expected text. `other` is
 * { grams: gramSet(otherText), counts: shingles(otherText) }. A line's shingles are its own
 * 4-grams, taken from the other text's counts as they are matched (a paragraph printed twice
 * where the other text has it once is extra the second time); a line of under 4 tokens is one
 * shingle, looked up among the other text's 1- to 3-grams.
 */
export function unmatchedLines(text, other, { share = 0.5 } = {}) {
  const out = [];
  const left = new Map(other.counts);
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    const toks = tokenize(line);
    if (toks.length === 0) continue;
    let hit = 0;
    let total = 0;
    for (const [k, c] of shingles(toks)) {
      total += c;
      if (toks.length < NGRAM) {
        if (other.grams.has(k)) hit += c;
        continue;
      }
      const avail = left.get(k) ?? 0;
      const used = Math.min(avail, c);
      hit += used;
      if (used > 0) left.set(k, avail - used);
    }
    if (hit / total < share) out.push({ line, tokens: toks.length });
  }
  return out;
}
