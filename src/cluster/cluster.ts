import { bandKeys } from '../sketch/bands.js';
import type { LshParams } from '../sketch/lsh-params.js';
import { verifyPair, type Verdict, type VerifyOptions } from './verify.js';

/** What clustering needs of a document: data only, no text, no I/O. */
export interface ClusterInput {
  shingles: Uint32Array;
  signature: Uint32Array;
  /** Tie-breaker that does not depend on input order (path, then content hash). */
  key: string;
  /** Longer texts are preferred as representatives. */
  words: number;
}

export interface ClusterMember {
  doc: number;
  /** Overlap with the cluster's representative (1 for the representative itself). */
  verdict: Verdict;
}

export interface Cluster {
  representative: number;
  members: ClusterMember[];
}

export interface ClusterStats {
  candidatePairs: number;
  verifiedPairs: number;
}

export interface ClusterOptions extends VerifyOptions {
  lsh: Pick<LshParams, 'bands' | 'rows'>;
  /** Members a joiner is checked against, beyond the representative; bounds the cost on huge clusters. */
  maxLinkageChecks?: number;
}

const pairKey = (a: number, b: number): number => (a < b ? a * 2 ** 21 + b : b * 2 ** 21 + a);

/** What clustering reads of a run: band keys in memory, shingle sets on demand (they may live on disk). */
export interface ClusterSource {
  count: number;
  /** count × bands band keys. */
  bandKeys: Uint32Array;
  shingles(i: number): Uint32Array;
  shingleCount(i: number): number;
  key(i: number): string;
  words(i: number): number;
}

/** Candidate pairs: documents sharing a key in any band, each pair once, as a sorted list of a * 2^21 + b (a < b). */
export function candidatePairs(bandKeysFlat: Uint32Array, count: number, bands: number, maxBucket = 64): Float64Array {
  if (count >= 2 ** 21) throw new RangeError('too many documents for one clustering pass (2^21)');
  const pairs = new Set<number>();
  const order = new Float64Array(count);
  for (let b = 0; b < bands; b++) {
    // Sort (key, doc) pairs packed in one float: key * 2^21 + doc is exact below 2^53.
    for (let i = 0; i < count; i++) order[i] = bandKeysFlat[i * bands + b]! * 2 ** 21 + i;
    order.sort();
    for (let start = 0; start < count; ) {
      const key = Math.floor(order[start]! / 2 ** 21);
      let end = start + 1;
      while (end < count && Math.floor(order[end]! / 2 ** 21) === key) end++;
      const run = end - start;
      if (run > 1) {
        const doc = (x: number): number => x - key * 2 ** 21;
        if (run <= maxBucket) {
          for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) pairs.add(doc(order[x]!) * 2 ** 21 + doc(order[y]!));
        } else {
          // A huge bucket (many copies of one text): a star and a chain keep it connected
          // without its quadratic number of pairs; the linkage rule checks the rest on demand.
          const first = doc(order[start]!);
          for (let x = start + 1; x < end; x++) {
            pairs.add(first * 2 ** 21 + doc(order[x]!));
            pairs.add(doc(order[x - 1]!) * 2 ** 21 + doc(order[x]!));
          }
        }
      }
      start = end;
    }
  }
  return Float64Array.from(pairs).sort();
}

/**
 * Candidate pairs from LSH, each verified exactly, then star clustering with complete linkage:
 * documents are taken as centres in order of how many verified matches they have (then their
 * total similarity to those, then length, then key), and a neighbour of the centre joins only if it also matches every member already in
 * the cluster. So a page that quotes two different articles can join one of their clusters but
 * never bridges them, and a short snippet shared by two articles cannot pull them together.
 * The price: two disjoint excerpts of one article end up in separate clusters.
 */
export function clusterDocuments(
  docs: readonly ClusterInput[],
  opts: ClusterOptions,
): { clusters: Cluster[]; stats: ClusterStats } {
  const flat = new Uint32Array(docs.length * opts.lsh.bands);
  docs.forEach((d, i) => flat.set(bandKeys(d.signature, opts.lsh.bands, opts.lsh.rows), i * opts.lsh.bands));
  return clusterSource(
    {
      count: docs.length,
      bandKeys: flat,
      shingles: (i) => docs[i]!.shingles,
      shingleCount: (i) => docs[i]!.shingles.length,
      key: (i) => docs[i]!.key,
      words: (i) => docs[i]!.words,
    },
    opts,
  );
}

export function clusterSource(src: ClusterSource, opts: ClusterOptions): { clusters: Cluster[]; stats: ClusterStats } {
  const n = src.count;
  const verdicts = new Map<number, Verdict>();
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  let verifiedPairs = 0;

  const pairs = candidatePairs(src.bandKeys, n, opts.lsh.bands);
  for (const p of pairs) {
    const a = Math.floor(p / 2 ** 21);
    const b = p - a * 2 ** 21;
    if (src.shingleCount(a) === 0 || src.shingleCount(b) === 0) continue;
    const v = verifyPair(src.shingles(a), src.shingles(b), opts);
    verdicts.set(pairKey(a, b), v);
    if (v.match !== null) {
      verifiedPairs++;
      neighbours[a]!.push(b);
      neighbours[b]!.push(a);
    }
  }

  const verdictOf = (a: number, b: number): Verdict => {
    const k = pairKey(a, b);
    let v = verdicts.get(k);
    if (v === undefined) {
      // Not an LSH candidate: checked on demand, exactly, for the linkage rule.
      v = verifyPair(src.shingles(a), src.shingles(b), opts);
      verdicts.set(k, v);
    }
    return v;
  };

  const byKey = (a: number, b: number): number => {
    const ka = src.key(a);
    const kb = src.key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  // The most typical copy leads: most matches, then the highest total similarity to them.
  const closeness = neighbours.map((ns, i) => [...ns].sort((x, y) => x - y).reduce((sum, j) => sum + verdictOf(i, j).jaccard, 0));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (a, b) =>
      neighbours[b]!.length - neighbours[a]!.length ||
      closeness[b]! - closeness[a]! ||
      src.words(b) - src.words(a) ||
      byKey(a, b),
  );

  const maxChecks = opts.maxLinkageChecks ?? 64;
  const assigned = new Uint8Array(n);
  const clusters: Cluster[] = [];
  for (const centre of order) {
    if (assigned[centre]) continue;
    assigned[centre] = 1;
    const members: ClusterMember[] = [
      { doc: centre, verdict: { jaccard: 1, containment: 1, intersection: src.shingleCount(centre), match: 'jaccard' } },
    ];
    const joiners = neighbours[centre]!.filter((j) => !assigned[j]).map((j) => ({ j, v: verdictOf(centre, j) }));
    joiners.sort((x, y) => y.v.jaccard - x.v.jaccard || y.v.containment - x.v.containment || byKey(x.j, y.j));
    for (const { j, v } of joiners) {
      let fits = true;
      const limit = Math.min(members.length, maxChecks + 1);
      for (let m = 1; m < limit; m++) {
        if (verdictOf(j, members[m]!.doc).match === null) {
          fits = false;
          break;
        }
      }
      if (!fits) continue;
      assigned[j] = 1;
      members.push({ doc: j, verdict: v });
    }
    clusters.push({ representative: centre, members });
  }
  return { clusters, stats: { candidatePairs: pairs.length, verifiedPairs } };
}
