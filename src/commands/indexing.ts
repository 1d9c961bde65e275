/**
 * `index add`, `check`, `index remove`, `index stats`: the persistent index from the command
 * line's side. Pages are read and sketched as in scan; the store is opened first, so a wrong
 * store or other sketch settings fail before any page is read.
 */
import { checkPages, indexEntry } from '../match/index-match.js';
import { IndexParamsError, paramDifferences, type IndexParams, type IndexStore, type RemoveSelector } from '../index/store.js';
import { CHECK_SCHEMA, type CheckReport } from '../report/check/types.js';
import type { IndexAddReport, IndexRemoveReport, IndexStatsReport } from '../report/index/formats.js';
import { createMinHasher } from '../sketch/minhash.js';
import { openStore } from '../stores/open.js';
import { orderedErrors } from '../runtime/pages.js';
import type { ScanOptions } from './settings.js';
import { scanParams, type ScanHooks } from './scan.js';
import { sketchPages } from '../runtime/sketched-pages.js';

export interface IndexTarget {
  /** A file path (SQLite) or redis://host:port[/db]. */
  index: string;
}

export interface CheckOptions extends ScanOptions, IndexTarget {
  update: boolean;
  label: string | null;
  maxDuplicates?: number;
  maxRatio?: number;
}

export interface AddOptions extends ScanOptions, IndexTarget {
  label: string | null;
}

/**
 * The settings this run signs with. Bands and rows belong to the index (they were tuned when it
 * was built); what changes a signature itself must match, or signatures are not comparable.
 */
async function paramsFor(store: IndexStore, options: ScanOptions): Promise<IndexParams> {
  const hasher = createMinHasher(options.numPerm, options.seed);
  const p = scanParams(options, hasher.scheme);
  const own: IndexParams = { scheme: p.scheme, seed: p.seed, numPerm: p.numPerm, shingleSize: p.shingleSize, bands: p.bands, rows: p.rows };
  const stored = await store.readParams();
  if (stored === null) return own;
  const wanted = { ...own, bands: stored.bands, rows: stored.rows };
  if (paramDifferences(stored, wanted).length > 0) throw new IndexParamsError(store.location, stored, wanted);
  return stored;
}

async function withStore<T>(options: IndexTarget, cwd: string, create: boolean, fn: (store: IndexStore) => Promise<T>): Promise<T> {
  const store = await openStore(options.index, { cwd, create });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function runIndexAdd(inputs: readonly string[], options: AddOptions, hooks: ScanHooks): Promise<IndexAddReport> {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  return withStore(options, hooks.cwd, true, async (store) => {
    const params = await paramsFor(store, options);
    const hasher = createMinHasher(params.numPerm, params.seed);
    const { pages, errors } = await sketchPages(inputs, options, hasher, params, hooks);
    const addedAt = new Date().toISOString();
    const result = await store.add(
      params,
      pages.map((p) => indexEntry(p, params, options.label, addedAt)),
    );
    const stats = await store.stats();
    return {
      schema: 'reprint/index-add@1',
      index: { location: store.location, documents: stats.documents, contents: stats.contents },
      label: options.label,
      params,
      summary: { pages: pages.length, ...result, errors: errors.length, elapsedMs: Math.round(now() - started) },
      errors: orderedErrors(errors),
    };
  });
}

export async function runCheck(inputs: readonly string[], options: CheckOptions, hooks: ScanHooks): Promise<CheckReport> {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  return withStore(options, hooks.cwd, options.update, async (store) => {
    const params = await paramsFor(store, options);
    const hasher = createMinHasher(params.numPerm, params.seed);
    const { pages, errors } = await sketchPages(inputs, options, hasher, params, hooks);
    const verify = { threshold: options.threshold, containment: options.containment, minContainedShingles: options.minWords };
    const { fresh, unchanged, findings } = await checkPages(pages, store, params, verify);

    const copiesOfIndexed = findings.filter((f) => f.indexed.length > 0).length;
    const duplicates = findings.length;
    const ratio = fresh.length === 0 ? 0 : Math.round((duplicates / fresh.length) * 10000) / 10000;
    const reasons: string[] = [];
    if (copiesOfIndexed > 0) reasons.push(`${copiesOfIndexed} new ${copiesOfIndexed === 1 ? 'page copies' : 'pages copy'} indexed pages`);
    if (options.maxDuplicates !== undefined && duplicates > options.maxDuplicates) {
      reasons.push(`${duplicates} new pages have copies, over --max-duplicates ${options.maxDuplicates}`);
    }
    if (options.maxRatio !== undefined && ratio > options.maxRatio) {
      reasons.push(`${ratio} of new pages have copies, over --max-ratio ${options.maxRatio}`);
    }

    let update: CheckReport['summary']['update'] = null;
    if (options.update) {
      const addedAt = new Date().toISOString();
      update = await store.add(
        params,
        fresh.map((p) => indexEntry(p, params, options.label, addedAt)),
      );
    }
    const stats = await store.stats();
    return {
      schema: CHECK_SCHEMA,
      params: { ...params, threshold: options.threshold, containment: options.containment, minWords: options.minWords, dom: options.dom, templates: options.templates },
      index: { location: store.location, documents: stats.documents },
      summary: {
        pages: pages.length,
        new: fresh.length,
        unchanged,
        copiesOfIndexed,
        copiesAmongNew: duplicates - copiesOfIndexed,
        duplicates,
        ratio,
        errors: errors.length,
        failed: reasons.length > 0,
        reasons,
        update,
        elapsedMs: Math.round(now() - started),
      },
      findings,
      errors: orderedErrors(errors),
    };
  });
}

export async function runIndexRemove(selector: RemoveSelector, options: IndexTarget, cwd: string): Promise<IndexRemoveReport> {
  return withStore(options, cwd, false, async (store) => {
    const removed = await store.remove(selector);
    const stats = await store.stats();
    return {
      schema: 'reprint/index-remove@1',
      index: { location: store.location, documents: stats.documents, contents: stats.contents },
      removed,
      summary: { removed: removed.length },
    };
  });
}

export async function runIndexStats(options: IndexTarget, cwd: string): Promise<IndexStatsReport> {
  return withStore(options, cwd, false, async (store) => ({ schema: 'reprint/index-stats@1', ...(await store.stats()) }));
}
