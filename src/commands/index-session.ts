/**
 * What the index commands share: opening the store named by `--index` (and closing it however the
 * command ends), the settings a run signs with against that index, and what a page stores.
 */
import { IndexParamsError, locatorOf, paramDifferences, type IndexEntry, type IndexParams, type IndexStore } from '../index/store.js';
import { idOf, type SketchedDocument } from '../page.js';
import { listInputs, type OrderedError } from '../runtime/pages.js';
import { sketchStream, type SketchedRun } from '../runtime/sketch-stream.js';
import { sketchPages } from '../runtime/sketched-pages.js';
import { bandKeys } from '../sketch/bands.js';
import { createMinHasher } from '../sketch/minhash.js';
import { openStore } from '../stores/open.js';
import { readingHooks, type RunHooks } from './hooks.js';
import type { ScanOptions } from './settings.js';
import { sketching } from './settings.js';

export interface IndexTarget {
  /** A file path (SQLite) or redis://host:port[/db]. */
  index: string;
}

export async function withStore<T>(options: IndexTarget, hooks: Pick<RunHooks, 'cwd' | 'storeHooks'>, create: boolean, fn: (store: IndexStore) => Promise<T>): Promise<T> {
  const store = await openStore(options.index, { cwd: hooks.cwd, create, ...(hooks.storeHooks ? { hooks: hooks.storeHooks } : {}) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * The settings this run signs with. Bands and rows belong to the index (they were tuned when it
 * was built); what changes a signature itself must match, or signatures are not comparable.
 */
export async function indexParams(store: IndexStore, options: ScanOptions): Promise<IndexParams> {
  const { params: p } = sketching(options);
  const own: IndexParams = { scheme: p.scheme, seed: p.seed, numPerm: p.numPerm, shingleSize: p.shingleSize, bands: p.bands, rows: p.rows };
  const stored = await store.readParams();
  if (stored === null) return own;
  const wanted = { ...own, bands: stored.bands, rows: stored.rows };
  if (paramDifferences(stored, wanted).length > 0) throw new IndexParamsError(store.location, stored, wanted);
  return stored;
}

/** The pages of a run, read and sketched with the index's settings, in scratch files (closed by the caller). */
export async function sketchRunForIndex(inputs: readonly string[], options: ScanOptions, params: IndexParams, hooks: RunHooks): Promise<SketchedRun> {
  const files = await listInputs(inputs, options, hooks);
  return sketchStream(files, options, createMinHasher(params.numPerm, params.seed), params, { ...(await readingHooks(hooks, files)), keepSignatures: true });
}

/** The pages of a run, read and sketched with the index's settings, held whole (a crawl of new pages). */
export async function sketchForIndex(
  inputs: readonly string[],
  options: ScanOptions,
  params: IndexParams,
  hooks: RunHooks,
): Promise<{ pages: SketchedDocument[]; errors: OrderedError[]; texts: Map<string, string> | null }> {
  const files = await listInputs(inputs, options, hooks);
  return sketchPages(files, options, createMinHasher(params.numPerm, params.seed), params, await readingHooks(hooks, files));
}

/** Pages whose metadata runEntries reads at once (SketchedRun.docs). */
const ENTRY_DOCS_AT_ONCE = 4096;

/**
 * A run's pages as index entries, made one at a time from the run's scratch files while the store
 * writes them: `index add` of a crawl of millions of pages holds their signatures and band keys,
 * never all their shingle sets.
 */
export function* runEntries(run: SketchedRun, params: IndexParams, label: string | null, addedAt: string, shingleSets: boolean): Generator<IndexEntry> {
  const n = params.numPerm;
  for (let from = 0; from < run.count; from += ENTRY_DOCS_AT_ONCE) {
    const to = Math.min(run.count, from + ENTRY_DOCS_AT_ONCE);
    const docs = run.docs(Array.from({ length: to - from }, (_, k) => from + k));
    for (let i = from; i < to; i++) {
      const { seq: _seq, ...doc } = docs.get(i)!;
      yield indexEntry({ ...doc, shingles: run.shingles(i), signature: run.signatures!.slice(i * n, (i + 1) * n) }, params, label, addedAt, shingleSets);
    }
  }
}

/**
 * What `index add` and `check --update` store for a page. With `shingleSets` the content's
 * shingle set is kept too, so `index clusters` verifies exactly (about 4 bytes a word more).
 */
export function indexEntry(p: SketchedDocument, params: IndexParams, label: string | null, addedAt: string, shingleSets: boolean): IndexEntry {
  return {
    doc: {
      locator: locatorOf(p),
      path: p.path,
      ...idOf(p),
      url: p.url,
      contentHash: p.contentHash,
      outlet: p.outlet,
      title: p.title,
      dateline: p.dateline,
      published: p.published,
      label,
      addedAt,
      credit: p.credit,
    },
    content: { contentHash: p.contentHash, signature: p.signature, shingles: p.shingles.length, words: p.words },
    bandKeys: bandKeys(p.signature, params.bands, params.rows),
    shingleSet: shingleSets ? p.shingles : null,
  };
}
