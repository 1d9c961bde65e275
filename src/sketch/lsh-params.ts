/**
 * Banding parameters for LSH. A pair of Jaccard similarity s becomes a candidate with probability
 * 1 - (1 - s^r)^b. As in datasketch, b and r are chosen to minimise the weighted sum of the
 * false-positive area (below the threshold) and the false-negative area (above it).
 */
export interface LshParams {
  bands: number;
  rows: number;
  /** The threshold the bands were tuned for. */
  threshold: number;
  falsePositiveWeight: number;
  falseNegativeWeight: number;
}

export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/** Composite Simpson's rule; the integrands are smooth, so 256 intervals is plenty. */
function integrate(f: (x: number) => number, a: number, b: number, intervals = 256): number {
  if (b <= a) return 0;
  const h = (b - a) / intervals;
  let sum = f(a) + f(b);
  for (let i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

export function falsePositiveArea(threshold: number, bands: number, rows: number): number {
  return integrate((s) => candidateProbability(s, bands, rows), 0, threshold);
}

export function falseNegativeArea(threshold: number, bands: number, rows: number): number {
  return integrate((s) => 1 - candidateProbability(s, bands, rows), threshold, 1);
}

export function optimalLshParams(
  threshold: number,
  numPerm: number,
  falsePositiveWeight = 0.5,
  falseNegativeWeight = 0.5,
): LshParams {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be between 0 and 1, got ${threshold}`);
  // The same Simpson sums as falsePositiveArea and falseNegativeArea, over every (bands, rows)
  // with bands × rows ≤ numPerm, with s^rows computed once per rows and (1 - s^rows)^bands by one multiplication per step:
  // it runs on every start, and the per-pair form took 100 ms of it.
  const n = SIMPSON_INTERVALS;
  const fpNodes = simpsonNodes(0, threshold, n);
  const fnNodes = simpsonNodes(threshold, 1, n);
  const fpPow = new Float64Array(n + 1);
  const fnPow = new Float64Array(n + 1);
  // (1 - s^rows)^bands, bands = 1, 2, ...: one multiplication a step instead of a pow.
  const fpMiss = new Float64Array(n + 1);
  const fnMiss = new Float64Array(n + 1);
  let best = { bands: 1, rows: numPerm, error: Number.POSITIVE_INFINITY };
  const bestByBands: { rows: number; error: number }[] = [];
  for (let rows = 1; rows <= numPerm; rows++) {
    for (let i = 0; i <= n; i++) {
      fpPow[i] = 1 - Math.pow(fpNodes.x[i]!, rows);
      fnPow[i] = 1 - Math.pow(fnNodes.x[i]!, rows);
      fpMiss[i] = 1;
      fnMiss[i] = 1;
    }
    const maxBands = Math.floor(numPerm / rows);
    for (let bands = 1; bands <= maxBands; bands++) {
      let fp = 0;
      let fn = 0;
      for (let i = 0; i <= n; i++) {
        fpMiss[i]! *= fpPow[i]!;
        fnMiss[i]! *= fnPow[i]!;
        fp += fpNodes.w[i]! * (1 - fpMiss[i]!);
        fn += fnNodes.w[i]! * fnMiss[i]!;
      }
      const error = falsePositiveWeight * ((fp * fpNodes.h) / 3) + falseNegativeWeight * ((fn * fnNodes.h) / 3);
      const seen = bestByBands[bands];
      if (seen === undefined || error < seen.error - 1e-12) bestByBands[bands] = { rows, error };
    }
  }
  // The order of the per-pair search: bands ascending, then rows; strictly smaller keeps the first optimum.
  for (let bands = 1; bands < bestByBands.length; bands++) {
    const b = bestByBands[bands];
    if (b !== undefined && b.error < best.error - 1e-12) best = { bands, rows: b.rows, error: b.error };
  }
  return { bands: best.bands, rows: best.rows, threshold, falsePositiveWeight, falseNegativeWeight };
}

const SIMPSON_INTERVALS = 256;

/** Nodes and weights of integrate()'s composite Simpson rule over [a, b]. */
function simpsonNodes(a: number, b: number, intervals: number): { x: Float64Array; w: Float64Array; h: number } {
  const h = (b - a) / intervals;
  const x = new Float64Array(intervals + 1);
  const w = new Float64Array(intervals + 1);
  for (let i = 0; i <= intervals; i++) {
    x[i] = i === intervals ? b : a + i * h;
    w[i] = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
  }
  return { x, w, h };
}

/** Shortest excerpt, as a share of its source's length, that LSH is tuned to find. */
const MIN_EXCERPT_RATIO = 1 / 3;

/**
 * The Jaccard similarity LSH must catch. A copy is either similar as a whole (Jaccard at the
 * threshold) or contained: an excerpt of relative length ρ that carries a share c of its text
 * has Jaccard c·ρ / (1 + ρ − c·ρ), far below the threshold, so the bands are tuned for the
 * lower of the two and verification decides.
 */
export function candidateThreshold(threshold: number, containment: number, ratio = MIN_EXCERPT_RATIO): number {
  const excerpt = (containment * ratio) / (1 + ratio - containment * ratio);
  return Math.round(Math.min(threshold, excerpt) * 1000) / 1000;
}
