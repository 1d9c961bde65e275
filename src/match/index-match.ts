/**
 * The check: which new pages copy pages already in the index, and which copy each other. Works
 * on sketched pages and any IndexStore, so it runs the same against memory, SQLite and Redis.
 *
 * Against the index only signatures are kept (shingle sets of a million pages would not fit),
 * so similarity with an indexed page is the MinHash estimate and containment follows from it and
 * the two shingle counts. Among the new pages both are exact, as in scan.
 */
import { round, type DescribedDocument } from '../report/scan/clusters.js';
import { candidatePairs, unpackPair } from './cluster.js';
import { verifyPair, type VerifyOptions } from './accept.js';
import { compareStrings, locatorOf, type IndexedDocument, type IndexEntry, type IndexParams, type IndexStore } from '../index/store.js';
import type { CheckFinding, IndexedCopy, NewCopy } from '../report/check/types.js';
import { bandKeys } from '../sketch/bands.js';

/** A sketched page: what the report says of it, and its shingle set and signature. */
export interface CheckPage extends DescribedDocument {
  shingles: Uint32Array;
  signature: Uint32Array;
}

export interface CheckResult {
  /** Pages the index does not already hold unchanged, in input order. */
  fresh: CheckPage[];
  /** Pages the index already holds with the same content at the same locator. */
  unchanged: number;
  /** Pages with copies, sorted by path. */
  findings: CheckFinding[];
}

/** Share of equal positions: the MinHash estimate of Jaccard. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return n === 0 ? 0 : same / n;
}

/** |A∩B| = J(|A|+|B|)/(1+J), as a share of the smaller set. */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (sizeA + sizeB)) / (1 + jaccard) / smaller);
}

function isMatch(jaccard: number, containment: number, smaller: number, opts: VerifyOptions): boolean {
  return jaccard >= opts.threshold || (containment >= opts.containment && smaller >= opts.minContainedShingles);
}

function compareCopies<T extends { similarity: number; containment: number }>(key: (x: T) => string) {
  return (a: T, b: T): number => b.similarity - a.similarity || b.containment - a.containment || compareStrings(key(a), key(b));
}

export async function checkPages(pages: readonly CheckPage[], store: IndexStore, params: IndexParams, opts: VerifyOptions): Promise<CheckResult> {
  const locators = pages.map((p) => locatorOf(p));
  const stored = await store.documentsAt(locators);
  const fresh: CheckPage[] = [];
  let unchanged = 0;
  for (const p of pages) {
    if (stored.get(locatorOf(p))?.contentHash === p.contentHash) unchanged++;
    else fresh.push(p);
  }

  // Against the index.
  const keys = fresh.map((p) => bandKeys(p.signature, params.bands, params.rows));
  const candidates = await store.candidates(keys);
  const wanted = [...new Set(candidates.flat())].sort(compareStrings);
  const contents = await store.contents(wanted);
  const matches: { hash: string; similarity: number; containment: number }[][] = fresh.map((p, i) => {
    const out: { hash: string; similarity: number; containment: number }[] = [];
    for (const h of candidates[i]!) {
      const c = contents.get(h);
      if (c === undefined) continue;
      const same = h === p.contentHash;
      const j = same ? 1 : estimateJaccard(p.signature, c.signature);
      const ct = same ? 1 : estimateContainment(j, p.shingles.length, c.shingles);
      if (same || isMatch(j, ct, Math.min(p.shingles.length, c.shingles), opts)) out.push({ hash: h, similarity: j, containment: ct });
    }
    return out;
  });
  const holders = await store.documentsWith([...new Set(matches.flat().map((m) => m.hash))].sort(compareStrings));

  // Among the new pages: exact, on shingles.
  const among: NewCopy[][] = fresh.map(() => []);
  const flat = new Uint32Array(fresh.length * params.bands);
  keys.forEach((k, i) => flat.set(k, i * params.bands));
  // Every pair sharing a band, however many share it: a check reports each copy by name.
  for (const pair of candidatePairs(flat, fresh.length, params.bands, Infinity)) {
    const [i, j] = unpackPair(pair);
    const p = fresh[i]!;
    const q = fresh[j]!;
    const v = verifyPair(p.shingles, q.shingles, opts);
    if (v.match === null && p.contentHash !== q.contentHash) continue;
    among[i]!.push(newCopy(q, v.jaccard, v.containment));
    among[j]!.push(newCopy(p, v.jaccard, v.containment));
  }

  const findings: CheckFinding[] = [];
  fresh.forEach((p, i) => {
    const self = locatorOf(p);
    const indexed: IndexedCopy[] = [];
    for (const m of matches[i]!) {
      for (const d of holders.get(m.hash) ?? []) {
        // The page's own earlier version is not a copy of it.
        if (d.locator === self) continue;
        indexed.push(indexedCopy(d, m.similarity, m.containment));
      }
    }
    const news = among[i]!;
    if (indexed.length === 0 && news.length === 0) return;
    indexed.sort(compareCopies<IndexedCopy>((x) => x.locator));
    news.sort(compareCopies<NewCopy>((x) => x.path));
    const dated = [
      ...(p.published !== null ? [{ locator: self, published: p.published }] : []),
      ...indexed.filter((c) => c.published !== null).map((c) => ({ locator: c.locator, published: c.published! })),
      ...news.filter((c) => c.published !== null).map((c) => ({ locator: c.url ?? c.path, published: c.published! })),
    ].sort((a, b) => compareStrings(a.published, b.published) || compareStrings(a.locator, b.locator));
    const earliest = dated[0]?.locator ?? null;
    findings.push({
      path: p.path,
      url: p.url,
      outlet: p.outlet,
      title: p.title,
      dateline: p.dateline,
      published: p.published,
      words: p.words,
      contentHash: p.contentHash,
      indexed,
      new: news,
      earliest,
      indexedEarlier: indexed.some((c) => c.published !== null && (p.published === null || c.published < p.published)),
    });
  });
  findings.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.url ?? '', b.url ?? ''));
  return { fresh, unchanged, findings };
}

function indexedCopy(d: IndexedDocument, similarity: number, containment: number): IndexedCopy {
  return {
    locator: d.locator,
    path: d.path,
    url: d.url,
    outlet: d.outlet,
    title: d.title,
    dateline: d.dateline,
    published: d.published,
    label: d.label,
    addedAt: d.addedAt,
    similarity: round(similarity),
    containment: round(containment),
  };
}

function newCopy(p: CheckPage, similarity: number, containment: number): NewCopy {
  return { path: p.path, url: p.url, outlet: p.outlet, published: p.published, similarity: round(similarity), containment: round(containment) };
}

/** What `index add` and `check --update` store for a page. */
export function indexEntry(p: CheckPage, params: IndexParams, label: string | null, addedAt: string): IndexEntry {
  return {
    doc: {
      locator: locatorOf(p),
      path: p.path,
      url: p.url,
      contentHash: p.contentHash,
      outlet: p.outlet,
      title: p.title,
      dateline: p.dateline,
      published: p.published,
      label,
      addedAt,
    },
    content: { contentHash: p.contentHash, signature: p.signature, shingles: p.shingles.length, words: p.words },
    bandKeys: bandKeys(p.signature, params.bands, params.rows),
  };
}
