/** Check findings as the report shows them: copies most similar first, shares rounded, the earliest copy named. */
import { compareStrings, locatorOf, type IndexedDocument } from '../../index/store.js';
import type { IndexMatch } from '../../match/index-match.js';
import { idOf, type SketchedDocument } from '../../page.js';
import { compareNatural } from '../natural-order.js';
import { round } from '../round.js';
import type { CheckFinding, IndexedCopy, NewCopy } from './types.js';

function compareCopies<T extends { similarity: number; containment: number }>(key: (x: T) => string) {
  return (a: T, b: T): number => b.similarity - a.similarity || b.containment - a.containment || compareNatural(key(a), key(b));
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

function newCopy(p: SketchedDocument, similarity: number, containment: number): NewCopy {
  return { path: p.path, ...idOf(p), url: p.url, outlet: p.outlet, published: p.published, similarity: round(similarity), containment: round(containment) };
}

/** New pages with copies, sorted by path in natural order (`feed.jsonl:27` before `feed.jsonl:2627`). */
export function checkFindings(match: IndexMatch): CheckFinding[] {
  const findings: CheckFinding[] = [];
  match.fresh.forEach((p, i) => {
    const indexed = match.indexed[i]!.map((c) => indexedCopy(c.doc, c.similarity, c.containment));
    const news = match.among[i]!.map((c) => newCopy(match.fresh[c.page]!, c.similarity, c.containment));
    if (indexed.length === 0 && news.length === 0) return;
    indexed.sort(compareCopies<IndexedCopy>((x) => x.locator));
    news.sort(compareCopies<NewCopy>((x) => x.path));
    const self = locatorOf(p);
    const dated = [
      ...(p.published !== null ? [{ locator: self, published: p.published }] : []),
      ...indexed.filter((c) => c.published !== null).map((c) => ({ locator: c.locator, published: c.published! })),
      ...news.filter((c) => c.published !== null).map((c) => ({ locator: c.url ?? c.path, published: c.published! })),
    ].sort((a, b) => compareStrings(a.published, b.published) || compareNatural(a.locator, b.locator));
    findings.push({
      path: p.path,
      ...idOf(p),
      url: p.url,
      outlet: p.outlet,
      title: p.title,
      dateline: p.dateline,
      published: p.published,
      words: p.words,
      contentHash: p.contentHash,
      indexed,
      new: news,
      earliest: dated[0]?.locator ?? null,
      indexedEarlier: indexed.some((c) => c.published !== null && (p.published === null || c.published < p.published)),
    });
  });
  return findings.sort((a, b) => compareNatural(a.path, b.path) || compareStrings(a.url ?? '', b.url ?? ''));
}
