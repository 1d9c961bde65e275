/**
 * The one accept rule: when two texts are the same article. Scan, check and every later command
 * call it, whether the overlap was measured exactly on shingle sets or estimated from signatures.
 */
import { estimateJaccard } from '../sketch/minhash.js';
import { intersectionAtLeast, overlap, type Overlap } from '../text/shingles.js';

export interface MatchRule {
  /** Jaccard at or above which two texts are the same article. */
  threshold: number;
  /** Share of the shorter text inside the longer one at or above which it is a copy (excerpt, bare copy). */
  containment: number;
  /** The shorter text needs at least this many shingles for containment alone to count. */
  minContainedShingles: number;
}

type MatchKind = 'jaccard' | 'containment';

export interface Verdict extends Overlap {
  match: MatchKind | null;
}

/** How two texts match under the rule, given their overlap and the shorter one's shingle count. */
function accept(jaccard: number, containment: number, smaller: number, rule: MatchRule): MatchKind | null {
  if (jaccard >= rule.threshold) return 'jaccard';
  if (containment >= rule.containment && smaller >= rule.minContainedShingles) return 'containment';
  return null;
}

/** Exact verdict on two shingle sets. */
export function verifyPair(a: Uint32Array, b: Uint32Array, rule: MatchRule): Verdict {
  const o = overlap(a, b);
  return { ...o, match: accept(o.jaccard, o.containment, Math.min(a.length, b.length), rule) };
}

/**
 * verifyPair(a, b, rule) when the two sets are a copy under the rule, else null, for a caller that
 * keeps only copies (most LSH candidates are not): the fewest shared shingles that could make a
 * copy is worked out first, and the merge stops once the shingles left cannot reach it.
 */
export function verifyCandidate(a: Uint32Array, b: Uint32Array, rule: MatchRule): Verdict | null {
  const la = a.length;
  const lb = b.length;
  const smaller = Math.min(la, lb);
  if (smaller === 0) {
    const v = verifyPair(a, b, rule);
    return v.match !== null ? v : null;
  }
  // The verdict of an intersection of i shingles, as overlap() and accept() compute it: it only
  // grows with i, so the least i that is a copy is found by bisection.
  const copyAt = (i: number): boolean => accept(i / (la + lb - i), i / smaller, smaller, rule) !== null;
  if (!copyAt(smaller)) return null;
  let lo = 0;
  let hi = smaller;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (copyAt(mid)) hi = mid;
    else lo = mid + 1;
  }
  const inter = intersectionAtLeast(a, b, lo);
  return inter < 0 ? null : intersectionVerdict(la, lb, inter, rule);
}

/**
 * The verdict on two non-empty shingle sets of sizes `la` and `lb` that share `intersection`
 * shingles: what verifyCandidate returns for them, from the count alone (a count measured in a
 * worker thread crosses back as a number).
 */
export function intersectionVerdict(la: number, lb: number, intersection: number, rule: MatchRule): Verdict {
  const smaller = Math.min(la, lb);
  const jaccard = intersection / (la + lb - intersection);
  const containment = intersection / smaller;
  return { jaccard, containment, intersection, match: accept(jaccard, containment, smaller, rule) };
}

/** |A∩B| = J(|A|+|B|)/(1+J), as a share of the smaller set. */
function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (sizeA + sizeB)) / (1 + jaccard) / smaller);
}

/**
 * Verdict from two signatures and the two shingle counts, where the shingle sets are not kept (an
 * index of millions of pages): Jaccard is the MinHash estimate and containment follows from it.
 */
export function estimatePair(sigA: Uint32Array, sizeA: number, sigB: Uint32Array, sizeB: number, rule: MatchRule): Omit<Verdict, 'intersection'> {
  const jaccard = estimateJaccard(sigA, sigB);
  const containment = estimateContainment(jaccard, sizeA, sizeB);
  return { jaccard, containment, match: accept(jaccard, containment, Math.min(sizeA, sizeB), rule) };
}
