/** `reprint index remove`: remove documents by path, URL or folder. */
import type { RemoveSelector } from '../index/store.js';
import type { IndexRemoveReport } from '../report/index/types.js';
import type { RunHooks } from './hooks.js';
import { withStore, type IndexTarget } from './index-session.js';

export async function runIndexRemove(selector: RemoveSelector, options: IndexTarget, hooks: RunHooks): Promise<IndexRemoveReport> {
  return withStore(options, hooks, false, async (store) => {
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
