/**
 * The index store in memory: the reference the persistent stores are tested against, and the
 * store for a check that needs no history. Same contract as the SQLite and Redis stores.
 */
import {
  BUCKET_CANDIDATES_MAX,
  compareStrings,
  IndexParamsError,
  INDEX_FORMAT,
  paramDifferences,
  selects,
  type AddResult,
  type IndexedContent,
  type IndexedDocument,
  type IndexEntry,
  type IndexParams,
  type IndexStats,
  type IndexStore,
  type RemoveSelector,
} from './store.js';

interface StoredContent {
  content: IndexedContent;
  bandKeys: Uint32Array;
  shingleSet: Uint32Array | null;
  refs: number;
}

export class MemoryIndexStore implements IndexStore {
  readonly location: string;
  private params: IndexParams | null = null;
  private readonly docs = new Map<string, IndexedDocument>();
  private readonly stored = new Map<string, StoredContent>();
  /** band → key → content hashes */
  private buckets: Map<number, Set<string>>[] = [];

  constructor(location = 'memory') {
    this.location = location;
  }

  async readParams(): Promise<IndexParams | null> {
    return this.params;
  }

  async documentsAt(locators: readonly string[]): Promise<Map<string, IndexedDocument>> {
    const out = new Map<string, IndexedDocument>();
    for (const l of locators) {
      const d = this.docs.get(l);
      if (d !== undefined) out.set(l, d);
    }
    return out;
  }

  async candidates(keys: readonly Uint32Array[]): Promise<string[][]> {
    return keys.map((k) => {
      const found = new Set<string>();
      for (let b = 0; b < Math.min(k.length, this.buckets.length); b++) {
        const bucket = [...(this.buckets[b]!.get(k[b]!) ?? [])].sort(compareStrings);
        for (const h of bucket.slice(0, BUCKET_CANDIDATES_MAX)) found.add(h);
      }
      return [...found].sort(compareStrings);
    });
  }

  async contents(hashes: readonly string[]): Promise<Map<string, IndexedContent>> {
    return this.pick(hashes, (s) => s.content);
  }

  async bandKeys(hashes: readonly string[]): Promise<Map<string, Uint32Array>> {
    return this.pick(hashes, (s) => s.bandKeys);
  }

  async shingleSets(hashes: readonly string[]): Promise<Map<string, Uint32Array>> {
    return this.pick(hashes, (s) => s.shingleSet);
  }

  /** One part of each stored content asked for; unknown hashes and absent parts left out. */
  private pick<T>(hashes: readonly string[], part: (s: StoredContent) => T | null): Map<string, T> {
    const out = new Map<string, T>();
    for (const h of hashes) {
      const s = this.stored.get(h);
      const value = s === undefined ? null : part(s);
      if (value !== null) out.set(h, value);
    }
    return out;
  }

  async *listDocuments(labels: readonly (string | null)[] | null): AsyncIterable<IndexedDocument[]> {
    const wanted = labels === null ? null : new Set(labels);
    yield [...this.docs.values()].filter((d) => wanted === null || wanted.has(d.label));
  }

  async documentsWith(hashes: readonly string[]): Promise<Map<string, IndexedDocument[]>> {
    const wanted = new Set(hashes);
    const out = new Map<string, IndexedDocument[]>();
    for (const d of this.docs.values()) {
      if (!wanted.has(d.contentHash)) continue;
      const list = out.get(d.contentHash) ?? [];
      list.push(d);
      out.set(d.contentHash, list);
    }
    for (const list of out.values()) list.sort((a, b) => compareStrings(a.locator, b.locator));
    return out;
  }

  async add(params: IndexParams, entries: Iterable<IndexEntry>): Promise<AddResult> {
    if (this.params !== null && paramDifferences(this.params, params).length > 0) {
      throw new IndexParamsError(this.location, this.params, params);
    }
    if (this.params === null) {
      this.params = { ...params };
      this.buckets = Array.from({ length: params.bands }, () => new Map());
    }
    const result: AddResult = { added: 0, replaced: 0, unchanged: 0 };
    for (const { doc, content, bandKeys, shingleSet } of entries) {
      const old = this.docs.get(doc.locator);
      if (old !== undefined && old.contentHash === doc.contentHash) {
        result.unchanged++;
        continue;
      }
      if (old !== undefined) {
        this.release(old.contentHash);
        result.replaced++;
      } else result.added++;
      this.docs.set(doc.locator, { ...doc });
      const s = this.stored.get(content.contentHash);
      if (s !== undefined) s.refs++;
      else {
        this.stored.set(content.contentHash, { content, bandKeys, shingleSet, refs: 1 });
        for (let b = 0; b < this.buckets.length; b++) {
          const map = this.buckets[b]!;
          const set = map.get(bandKeys[b]!) ?? new Set<string>();
          set.add(content.contentHash);
          map.set(bandKeys[b]!, set);
        }
      }
    }
    return result;
  }

  private release(hash: string): void {
    const s = this.stored.get(hash);
    if (s === undefined) return;
    if (--s.refs > 0) return;
    this.stored.delete(hash);
    for (let b = 0; b < this.buckets.length; b++) this.buckets[b]!.get(s.bandKeys[b]!)?.delete(hash);
  }

  async remove(selector: RemoveSelector): Promise<string[]> {
    const removed: string[] = [];
    for (const d of [...this.docs.values()]) {
      if (!selects(selector, d)) continue;
      this.docs.delete(d.locator);
      this.release(d.contentHash);
      removed.push(d.locator);
    }
    return removed.sort(compareStrings);
  }

  async stats(): Promise<IndexStats> {
    const labels = new LabelTally();
    for (const d of this.docs.values()) labels.add(d);
    return {
      location: this.location,
      format: INDEX_FORMAT,
      params: this.params,
      documents: this.docs.size,
      contents: this.stored.size,
      labels: labels.result(),
    };
  }

  async close(): Promise<void> {}
}

/** Documents per crawl label, with the first and last time one was added: IndexStats.labels. */
export class LabelTally {
  private readonly labels = new Map<string | null, { documents: number; firstAdded: string; lastAdded: string }>();

  add(d: { label: string | null; addedAt: string }): void {
    const l = this.labels.get(d.label);
    if (l === undefined) this.labels.set(d.label, { documents: 1, firstAdded: d.addedAt, lastAdded: d.addedAt });
    else {
      l.documents++;
      if (d.addedAt < l.firstAdded) l.firstAdded = d.addedAt;
      if (d.addedAt > l.lastAdded) l.lastAdded = d.addedAt;
    }
  }

  result(): IndexStats['labels'] {
    return sortLabels([...this.labels].map(([label, v]) => ({ label, ...v })));
  }
}

/** Labels in name order, unlabelled documents last. */
export function sortLabels<T extends { label: string | null }>(labels: T[]): T[] {
  return labels.sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : compareStrings(a.label, b.label)));
}
