import { bandKeys } from '../sketch/bands.js';
import type { LshParams } from '../sketch/lsh-params.js';
import { intersectionVerdict, verifyCandidate, verifyPair, type MatchRule, type Verdict } from './accept.js';
import { candidatePairs, MAX_DOCUMENTS, pairKey } from './candidates.js';

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
  /** Overlap with the cluster's representative, measured exactly (1 for the representative itself). */
  verdict: Verdict;
}

export interface Cluster {
  representative: number;
  members: ClusterMember[];
}

export interface ClusterStats {
  candidatePairs: number;
  /** Candidate pairs that are copies under the accept rule. */
  verifiedPairs: number;
  /** Pairs compared exactly after the candidate pass (the overlap bound, representatives). */
  linkageChecks: number;
}

export interface ClusterOptions extends MatchRule {
  lsh: Pick<LshParams, 'bands' | 'rows'>;
  /** Members a joiner is checked against, beyond the seed; bounds the cost on huge clusters. */
  maxLinkageChecks?: number;
  /** Share of the shorter text two members must have in common when they are not copies of each other. */
  minSharedShare?: number;
  /**
   * Whether pages with no copy come back as clusters of one (the default). A report that leaves
   * them out asks for none: at a million pages they were a million objects made to be dropped.
   */
  singletons?: boolean;
}

/** What clustering reads of a run: band keys in memory, shingle sets on demand (they may live on disk). */
export interface ClusterSource {
  count: number;
  /** count × bands band keys. */
  bandKeys: Uint32Array;
  shingles(i: number): Uint32Array;
  shingleCount(i: number): number;
  /**
   * Calls `visit` once for every candidate pair (as candidatePairs packs them) with both shingle
   * sets and the pair's index in `pairs`, in any order; the arrays are valid during the call only.
   * A source whose sets lie on disk reads them in long runs: one read per pair was most of a
   * million-page clustering.
   */
  forEachPairShingles?(pairs: Float64Array, visit: (a: number, b: number, first: Uint32Array, second: Uint32Array, index: number) => void): void;
  key(i: number): string;
  words(i: number): number;
  /**
   * How two documents compare, when not by their shingle sets (an index that kept only some sets
   * compares the others on signatures). Called only for documents with shingles.
   */
  compare?(a: number, b: number): Verdict;
}

/**
 * Candidate pairs from LSH, each verified exactly (the accept rule), then clusters grown from seeds
 * over the verified matches (see clusterCandidates).
 */
export function clusterDocuments(
  docs: readonly ClusterInput[],
  opts: ClusterOptions,
): { clusters: Cluster[]; stats: ClusterStats } {
  const src = documentSource(docs, opts.lsh);
  return clusterCandidates(src, candidatePairs(src.bandKeys, src.count, opts.lsh.bands), opts);
}

/** Documents held in memory as a ClusterSource: their band keys computed, their sets as they are. */
export function documentSource(docs: readonly ClusterInput[], lsh: Pick<LshParams, 'bands' | 'rows'>): ClusterSource {
  const flat = new Uint32Array(docs.length * lsh.bands);
  docs.forEach((d, i) => flat.set(bandKeys(d.signature, lsh.bands, lsh.rows), i * lsh.bands));
  return {
    count: docs.length,
    bandKeys: flat,
    shingles: (i) => docs[i]!.shingles,
    shingleCount: (i) => docs[i]!.shingles.length,
    key: (i) => docs[i]!.key,
    words: (i) => docs[i]!.words,
  };
}

const SELF = (size: number): Verdict => ({ jaccard: 1, containment: 1, intersection: size, match: 'jaccard' });

/**
 * The clustering model. An edge is a verified copy: two texts that pass the accept rule (Jaccard,
 * or the shorter one mostly inside the longer). A cluster is grown from a seed, the page with the
 * most edges (then the highest total similarity, then the longest, then by key), outwards along
 * edges: a page joins when it is a verified copy of a member and it shares at least
 * `minSharedShare` (one half) of the shorter text with the seed and with every other member (up to
 * `maxLinkageChecks` of them), unless the two are copies outright. So members need not be copies of
 * one another (an excerpt and a copy with a new intro both copy the original; an excerpt and a copy
 * that dropped a paragraph of it overlap without passing the rule), but a page is never the only
 * link between two texts that share nothing: a digest or archive page holding two articles, or a
 * passage quoted in two articles, joins the cluster of one of them and the other stays apart. Two
 * disjoint excerpts of one article are, by their text, exactly a digest of two articles: the
 * article joins the cluster of the larger one (they are compared in order of Jaccard with the
 * seed), the other stays apart.
 *
 * The representative is then the member with the most edges inside the cluster (then the highest
 * total similarity to those, the longest, by key), and every member's overlap with it is measured
 * exactly. Each page is compared with a cluster at most once, so the exact comparisons beyond the
 * candidates are at most (maxLinkageChecks + 1) per edge; a copy with the very same shingles as the
 * seed needs none.
 *
 * `pairs` are the candidates (candidatePairs), found beforehand so that a caller can first fetch
 * what it needs or verify them elsewhere. `verified`, when given, holds for each of them the
 * shingles the two share when they are a copy under the rule and -1 when not (or when either has
 * no text): verifyCandidate's answers, worked out in worker threads (runtime/verify-pairs.ts).
 */
export function clusterCandidates(
  src: ClusterSource,
  pairs: Float64Array,
  opts: ClusterOptions,
  verified?: Int32Array,
): { clusters: Cluster[]; stats: ClusterStats } {
  const n = src.count;
  const compare = src.compare?.bind(src);
  const verdicts = new Map<number, Verdict>();
  // Sparse: at a million pages most have no match, and an empty list each was 32 MB of heap.
  const neighbours = new Map<number, number[]>();
  const NONE: readonly number[] = [];
  const neighboursOf = (i: number): readonly number[] => neighbours.get(i) ?? NONE;
  let verifiedPairs = 0;
  let linkageChecks = 0;

  // Only copies are kept: most candidates are not, and at a million pages their verdicts were
  // gigabytes of heap. A non-copy asked for again below is compared again, with the same result.
  const record = (a: number, b: number, v: Verdict | null): void => {
    if (v === null || v.match === null) return;
    verdicts.set(pairKey(a, b), v);
    verifiedPairs++;
    let na = neighbours.get(a);
    if (na === undefined) neighbours.set(a, (na = []));
    na.push(b);
    let nb = neighbours.get(b);
    if (nb === undefined) neighbours.set(b, (nb = []));
    nb.push(a);
  };
  const hasText = (a: number, b: number): boolean => src.shingleCount(a) > 0 && src.shingleCount(b) > 0;
  if (verified !== undefined) {
    if (verified.length !== pairs.length) throw new RangeError(`verified pairs: ${verified.length}, candidates: ${pairs.length}`);
    // In pair order, each page's copies come in ascending order, as below.
    for (let i = 0; i < pairs.length; i++) {
      if (verified[i]! < 0) continue;
      const p = pairs[i]!;
      const a = Math.floor(p / MAX_DOCUMENTS);
      const b = p - a * MAX_DOCUMENTS;
      record(a, b, intersectionVerdict(src.shingleCount(a), src.shingleCount(b), verified[i]!, opts));
    }
  } else if (compare === undefined && src.forEachPairShingles !== undefined) {
    src.forEachPairShingles(pairs, (a, b, first, second) => {
      if (hasText(a, b)) record(a, b, verifyCandidate(first, second, opts));
    });
    // In any visiting order, each page's copies in ascending order: what the pass below gives.
    for (const list of neighbours.values()) list.sort((x, y) => x - y);
  } else {
    // Pairs come sorted by their first document: its shingles are read once for all its pairs.
    let first = -1;
    let firstShingles: Uint32Array = new Uint32Array(0);
    for (const p of pairs) {
      const a = Math.floor(p / MAX_DOCUMENTS);
      const b = p - a * MAX_DOCUMENTS;
      if (!hasText(a, b)) continue;
      if (compare !== undefined) record(a, b, compare(a, b));
      else {
        if (a !== first) {
          first = a;
          firstShingles = src.shingles(a);
        }
        record(a, b, verifyCandidate(firstShingles, src.shingles(b), opts));
      }
    }
  }

  const verdictOf = (a: number, b: number): Verdict => {
    if (a === b) return SELF(src.shingleCount(a));
    const k = pairKey(a, b);
    let v = verdicts.get(k);
    if (v === undefined) {
      // Not a copy among the candidates: compared on demand, exactly.
      v = compare !== undefined ? compare(a, b) : verifyPair(src.shingles(a), src.shingles(b), opts);
      verdicts.set(k, v);
      linkageChecks++;
    }
    return v;
  };
  const minShared = opts.minSharedShare ?? 0.5;
  const compatible = (a: number, b: number): boolean => {
    const v = verdictOf(a, b);
    return v.match !== null || v.containment >= minShared;
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
  // Total similarity to a set of pages, summed in value order so it does not depend on input order.
  const closenessTo = (i: number, others: readonly number[]): number =>
    others
      .map((j) => verdictOf(i, j).jaccard)
      .sort((x, y) => x - y)
      .reduce((sum, j) => sum + j, 0);
  // The most typical copy seeds first: most matches, then the highest total similarity to them.
  // Pages with no match are clusters of one, taken last, in input order.
  const closeness = new Map<number, number>();
  for (const [i, ns] of neighbours) closeness.set(i, closenessTo(i, ns));
  const connected = [...neighbours.keys()].sort(
    (a, b) =>
      neighboursOf(b).length - neighboursOf(a).length ||
      closeness.get(b)! - closeness.get(a)! ||
      src.words(b) - src.words(a) ||
      byKey(a, b),
  );

  const maxChecks = opts.maxLinkageChecks ?? 64;
  const assigned = new Uint8Array(n);
  const clusters: Cluster[] = [];
  const grow = (seed: number): number[] => {
    const members = [seed];
    const tried = new Set<number>([seed]);
    let layer = neighboursOf(seed).filter((j) => !assigned[j]);
    for (const j of layer) tried.add(j);
    while (layer.length > 0) {
      const ranked = layer.map((j) => ({ j, v: verdictOf(seed, j) }));
      ranked.sort((x, y) => y.v.jaccard - x.v.jaccard || y.v.containment - x.v.containment || byKey(x.j, y.j));
      const joined: number[] = [];
      for (const { j, v } of ranked) {
        if (assigned[j]) continue;
        if (v.match === null && v.containment < minShared) continue;
        // The very same shingles as the seed: whatever fits the seed fits this page.
        if (v.jaccard < 1) {
          const limit = Math.min(members.length, maxChecks + 1);
          let fits = true;
          for (let m = 1; m < limit && fits; m++) fits = compatible(j, members[m]!);
          if (!fits) continue;
        }
        assigned[j] = 1;
        members.push(j);
        joined.push(j);
      }
      // Outwards: pages that copy a new member, each compared with this cluster once.
      const next: number[] = [];
      for (const m of joined) {
        for (const j of neighboursOf(m)) {
          if (assigned[j] || tried.has(j)) continue;
          tried.add(j);
          next.push(j);
        }
      }
      layer = next;
    }
    return members;
  };

  // The member with the most matches inside the cluster, then the highest total similarity to
  // them, then the longest, then by key.
  const choose = (members: readonly number[]): number => {
    if (members.length === 1) return members[0]!;
    const inside = new Set(members);
    const rank = (m: number) => {
      const links = neighboursOf(m).filter((j) => inside.has(j));
      return { m, links: links.length, close: closenessTo(m, links) };
    };
    let best = rank(members[0]!);
    for (let i = 1; i < members.length; i++) {
      const x = rank(members[i]!);
      if ((x.links - best.links || x.close - best.close || src.words(x.m) - src.words(best.m) || byKey(best.m, x.m)) > 0) best = x;
    }
    return best.m;
  };

  const take = (seed: number): void => {
    assigned[seed] = 1;
    const members = grow(seed);
    const representative = choose(members);
    clusters.push({
      representative,
      members: [representative, ...members.filter((m) => m !== representative)].map((doc) => ({ doc, verdict: verdictOf(representative, doc) })),
    });
  };
  for (const seed of connected) if (!assigned[seed]) take(seed);
  if (opts.singletons !== false) for (let i = 0; i < n; i++) if (!assigned[i]) take(i);
  return { clusters, stats: { candidatePairs: pairs.length, verifiedPairs, linkageChecks } };
}
