/**
 * The extract worker, except that it crashes on a batch of several pages that holds a marked
 * one (crash-in-batch-guard.ts, imported first so that its listener runs first). The pages of
 * such a batch are then sent again one by one, from the same shared bytes (runtime/pages.ts).
 */
import './crash-in-batch-guard.js';
import '../../src/runtime/extract-worker.js';
