/** `reprint index stats`: what the index holds. */
import type { IndexStatsReport } from '../report/index/types.js';
import type { RunHooks } from './hooks.js';
import { withStore, type IndexTarget } from './index-session.js';

export async function runIndexStats(options: IndexTarget, hooks: RunHooks): Promise<IndexStatsReport> {
  return withStore(options, hooks, false, async (store) => ({ schema: 'reprint/index-stats@1', ...(await store.stats()) }));
}
