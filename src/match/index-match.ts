/**
 * New pages against the index: which copy documents already indexed, and which copy each other.
 * Works on sketched documents and any IndexStore, so it answers the same against memory, SQLite
 * and Redis.
 *
 * Against the index, a match is measured exactly on the indexed text's stored shingle set, or,
 * for a text stored without one (`--no-shingle-sets`, or by an earlier reprint), decided on
 * estimates from the two signatures (accept.ts estimatePair). Among the new pages both measures
 * are exact, as in scan.
 */
import { compareStrings, locatorOf, type IndexedDocument, type IndexStore } from '../index/store.js';
import type { SketchedDocument } from '../page.js';
import { bandKeys } from '../sketch/bands.js';
import { estimatePair, verifyPair, type MatchRule } from './accept.js';
import { candidatePairs, unpackPair } from './candidates.js';

/** How much two texts share: Jaccard and the share of the shorter inside the longer. */
interface Similarity {
  similarity: number;
  containment: number;
}

export interface IndexMatch {
  /** Pages the index does not already hold unchanged, in input order. */
  fresh: SketchedDocument[];
  /** Pages the index already holds with the same content at the same locator. */
  unchanged: number;
  /** Per fresh page: the indexed documents it copies (never its own earlier version), unsorted. */
  indexed: (Similarity & { doc: IndexedDocument })[][];
  /** Per fresh page: the other fresh pages it copies, by position in `fresh`, unsorted. */
  among: (Similarity & { page: number })[][];
}

export async function matchIndex(
  pages: readonly SketchedDocument[],
  store: IndexStore,
  lsh: { bands: number; rows: number },
  rule: MatchRule,
): Promise<IndexMatch> {
  const stored = await store.documentsAt(pages.map((p) => locatorOf(p)));
  const fresh: SketchedDocument[] = [];
  let unchanged = 0;
  for (const p of pages) {
    if (stored.get(locatorOf(p))?.contentHash === p.contentHash) unchanged++;
    else fresh.push(p);
  }

  // Against the index.
  const keys = fresh.map((p) => bandKeys(p.signature, lsh.bands, lsh.rows));
  const candidates = await store.candidates(keys);
  const wanted = [...new Set(candidates.flat())].sort(compareStrings);
  const contents = await store.contents(wanted);
  // Where the index kept a text's shingle set, the match is measured exactly, as among new pages.
  const sets = await store.shingleSets(wanted);
  const matches = fresh.map((p, i) => {
    const out: (Similarity & { hash: string })[] = [];
    for (const hash of candidates[i]!) {
      const c = contents.get(hash);
      if (c === undefined) continue;
      if (hash === p.contentHash) {
        out.push({ hash, similarity: 1, containment: 1 });
        continue;
      }
      const set = sets.get(hash);
      const v = set !== undefined ? verifyPair(p.shingles, set, rule) : estimatePair(p.signature, p.shingles.length, c.signature, c.shingles, rule);
      if (v.match !== null) out.push({ hash, similarity: v.jaccard, containment: v.containment });
    }
    return out;
  });
  const holders = await store.documentsWith([...new Set(matches.flat().map((m) => m.hash))].sort(compareStrings));
  const indexed = fresh.map((p, i) => {
    const self = locatorOf(p);
    // The page's own earlier version is not a copy of it.
    return matches[i]!.flatMap((m) =>
      (holders.get(m.hash) ?? []).filter((d) => d.locator !== self).map((doc) => ({ doc, similarity: m.similarity, containment: m.containment })),
    );
  });

  // Among the new pages: exact, on shingles.
  const among: IndexMatch['among'] = fresh.map(() => []);
  const flat = new Uint32Array(fresh.length * lsh.bands);
  keys.forEach((k, i) => flat.set(k, i * lsh.bands));
  // Every pair sharing a band, however many share it: a check reports each copy by name.
  for (const pair of candidatePairs(flat, fresh.length, lsh.bands, Infinity)) {
    const [i, j] = unpackPair(pair);
    const v = verifyPair(fresh[i]!.shingles, fresh[j]!.shingles, rule);
    if (v.match === null && fresh[i]!.contentHash !== fresh[j]!.contentHash) continue;
    among[i]!.push({ page: j, similarity: v.jaccard, containment: v.containment });
    among[j]!.push({ page: i, similarity: v.jaccard, containment: v.containment });
  }
  return { fresh, unchanged, indexed, among };
}
