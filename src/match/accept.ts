import { overlap, type Overlap } from '../text/shingles.js';

export interface VerifyOptions {
  /** Jaccard at or above which two texts are the same article. */
  threshold: number;
  /** Share of the shorter text inside the longer one at or above which it is a copy (excerpt, bare copy). */
  containment: number;
  /** The shorter text needs at least this many shingles for containment alone to count. */
  minContainedShingles: number;
}

export type MatchKind = 'jaccard' | 'containment';

export interface Verdict extends Overlap {
  match: MatchKind | null;
}

/** Exact check of a candidate pair on its shingle sets. */
export function verifyPair(a: Uint32Array, b: Uint32Array, opts: VerifyOptions): Verdict {
  const o = overlap(a, b);
  let match: MatchKind | null = null;
  if (o.jaccard >= opts.threshold) match = 'jaccard';
  else if (o.containment >= opts.containment && Math.min(a.length, b.length) >= opts.minContainedShingles) {
    match = 'containment';
  }
  return { ...o, match };
}
