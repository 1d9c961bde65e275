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
  let best = { bands: 1, rows: numPerm, error: Number.POSITIVE_INFINITY };
  for (let bands = 1; bands <= numPerm; bands++) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const error =
        falsePositiveWeight * falsePositiveArea(threshold, bands, rows) +
        falseNegativeWeight * falseNegativeArea(threshold, bands, rows);
      // Strictly smaller keeps the first (fewest bands) optimum: deterministic.
      if (error < best.error - 1e-12) best = { bands, rows, error };
    }
  }
  return { bands: best.bands, rows: best.rows, threshold, falsePositiveWeight, falseNegativeWeight };
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
