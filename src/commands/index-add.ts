/** `reprint index add`: sketch pages and store them in the index. */
import type { IndexAddReport } from '../report/index/types.js';
import { orderedErrors } from '../runtime/pages.js';
import { stopwatch, type RunHooks } from './hooks.js';
import { indexParams, runEntries, sketchRunForIndex, withStore, type IndexTarget } from './index-session.js';
import type { ScanOptions } from './settings.js';

export interface IndexAddOptions extends ScanOptions, IndexTarget {
  label: string | null;
  /** Keep each content's shingle set (IndexEntry.shingleSet). */
  shingleSets: boolean;
}

export async function runIndexAdd(inputs: readonly string[], options: IndexAddOptions, hooks: RunHooks): Promise<IndexAddReport> {
  const elapsed = stopwatch(hooks);
  // The store first: a wrong store or other sketch settings fail before any page is read.
  return withStore(options, hooks, true, async (store) => {
    const params = await indexParams(store, options);
    const run = await sketchRunForIndex(inputs, options, params, hooks);
    try {
      const result = await store.add(params, runEntries(run, params, options.label, new Date().toISOString(), options.shingleSets));
      const stats = await store.stats();
      return {
        schema: 'reprint/index-add@1',
        index: { location: store.location, documents: stats.documents, contents: stats.contents },
        label: options.label,
        params,
        summary: { pages: run.count, ...result, errors: run.errors.length, elapsedMs: elapsed() },
        errors: orderedErrors(run.errors),
      };
    } finally {
      run.close();
    }
  });
}
