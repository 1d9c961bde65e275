/** See never-ends-worker.ts: sees each request before the real extract worker does. */
import { parentPort } from 'node:worker_threads';
import type { ExtractWorkerTask } from '../../src/runtime/extract-messages.js';

parentPort!.on('message', (batch: ExtractWorkerTask) => {
  // A scan's signing batches pass.
  if (Array.isArray(batch) && batch.some((req) => req.type === 'file' && req.absPath.endsWith('never-ends.html'))) for (;;);
});
