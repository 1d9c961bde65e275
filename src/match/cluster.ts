import { bandKeys } from '../sketch/bands.js';
import type { LshParams } from '../sketch/lsh-params.js';
import { verifyPair, type MatchRule, type Verdict } from './accept.js';
import { candidatePairs, pairKey, unpackPair } from './candidates.js';

/** What clustering needs of a document: data only, no text, no I/O. */
export interface ClusterInput {
  shingles: Uint32Array;
  signature: Uint32Array;
  /** Tie-breaker that does not depend on input order (path, then content hash). */
  key: string;
  /** Longer texts are preferred as representatives. */
  words: number;
}

interface ClusterMember {
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

export interface ClusterOptions extends MatchRule {
  lsh: Pick<LshParams, 'bands' | 'rows'>;
  /** Members a joiner is checked against, beyond the representative; bounds the cost on huge clusters. */
  maxLinkageChecks?: number;
}

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
  // Sparse: at a million pages most have no match, and an empty list each was 32 MB of heap.
  const neighbours = new Map<number, number[]>();
  const NONE: readonly number[] = [];
  const neighboursOf = (i: number): readonly number[] => neighbours.get(i) ?? NONE;
  let verifiedPairs = 0;

  const pairs = candidatePairs(src.bandKeys, n, opts.lsh.bands);
  for (const p of pairs) {
    const [a, b] = unpackPair(p);
    if (src.shingleCount(a) === 0 || src.shingleCount(b) === 0) continue;
    const v = verifyPair(src.shingles(a), src.shingles(b), opts);
    verdicts.set(pairKey(a, b), v);
    if (v.match !== null) {
      verifiedPairs++;
      let na = neighbours.get(a);
      if (na === undefined) neighbours.set(a, (na = []));
      na.push(b);
      let nb = neighbours.get(b);
      if (nb === undefined) neighbours.set(b, (nb = []));
      nb.push(a);
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

  // Keys may be read from disk (stream.ts): each is fetched once, and only for pages with a match.
  const keys = new Map<number, string>();
  const keyOf = (i: number): string => {
    let k = keys.get(i);
    if (k === undefined) keys.set(i, (k = src.key(i)));
    return k;
  };
  const byKey = (a: number, b: number): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  // The most typical copy leads: most matches, then the highest total similarity to them. Pages
  // with no match are clusters of one, taken last, in input order.
  const closeness = new Map<number, number>();
  for (const [i, ns] of neighbours) closeness.set(i, [...ns].sort((x, y) => x - y).reduce((sum, j) => sum + verdictOf(i, j).jaccard, 0));
  const connected = [...neighbours.keys()].sort(
    (a, b) =>
      neighboursOf(b).length - neighboursOf(a).length ||
      closeness.get(b)! - closeness.get(a)! ||
      src.words(b) - src.words(a) ||
      byKey(a, b),
  );
  function* order(): Generator<number> {
    yield* connected;
    for (let i = 0; i < n; i++) if (!neighbours.has(i)) yield i;
  }

  const maxChecks = opts.maxLinkageChecks ?? 64;
  const assigned = new Uint8Array(n);
  const clusters: Cluster[] = [];
  for (const centre of order()) {
    if (assigned[centre]) continue;
    assigned[centre] = 1;
    const members: ClusterMember[] = [
      { doc: centre, verdict: { jaccard: 1, containment: 1, intersection: src.shingleCount(centre), match: 'jaccard' } },
    ];
    const joiners = neighboursOf(centre).filter((j) => !assigned[j]).map((j) => ({ j, v: verdictOf(centre, j) }));
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
