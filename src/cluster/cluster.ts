import { bandKeys } from '../sketch/bands.js';
import { MemoryLshIndex } from '../index/memory-store.js';
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

const pairKey = (a: number, b: number): number => (a < b ? a * 0x100000 + b : b * 0x100000 + a);

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
  if (docs.length > 0xfffff) throw new RangeError('too many documents for one in-memory clustering pass');
  const index = new MemoryLshIndex(opts.lsh.bands);
  const verdicts = new Map<number, Verdict>();
  const neighbours: number[][] = docs.map(() => []);
  let candidatePairs = 0;
  let verifiedPairs = 0;

  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    if (doc.shingles.length === 0) continue;
    const keys = bandKeys(doc.signature, opts.lsh.bands, opts.lsh.rows);
    for (const j of index.query(keys)) {
      candidatePairs++;
      const v = verifyPair(doc.shingles, docs[j]!.shingles, opts);
      verdicts.set(pairKey(i, j), v);
      if (v.match !== null) {
        verifiedPairs++;
        neighbours[i]!.push(j);
        neighbours[j]!.push(i);
      }
    }
    index.insert(i, keys);
  }

  const verdictOf = (a: number, b: number): Verdict => {
    const k = pairKey(a, b);
    let v = verdicts.get(k);
    if (v === undefined) {
      // Not an LSH candidate: checked on demand, exactly, for the linkage rule.
      v = verifyPair(docs[a]!.shingles, docs[b]!.shingles, opts);
      verdicts.set(k, v);
    }
    return v;
  };

  const byKey = (a: number, b: number): number => {
    const ka = docs[a]!.key;
    const kb = docs[b]!.key;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  // The most typical copy leads: most matches, then the highest total similarity to them.
  const closeness = neighbours.map((ns, i) => ns.reduce((sum, j) => sum + verdictOf(i, j).jaccard, 0));
  const order = docs.map((_, i) => i);
  order.sort(
    (a, b) =>
      neighbours[b]!.length - neighbours[a]!.length ||
      closeness[b]! - closeness[a]! ||
      docs[b]!.words - docs[a]!.words ||
      byKey(a, b),
  );

  const maxChecks = opts.maxLinkageChecks ?? 64;
  const assigned = new Uint8Array(docs.length);
  const clusters: Cluster[] = [];
  for (const centre of order) {
    if (assigned[centre]) continue;
    assigned[centre] = 1;
    const members: ClusterMember[] = [
      { doc: centre, verdict: { jaccard: 1, containment: 1, intersection: docs[centre]!.shingles.length, match: 'jaccard' } },
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
  return { clusters, stats: { candidatePairs, verifiedPairs } };
}
