/**
 * See crash-in-batch-worker.ts: sees each batch before the real extract worker does, and ends
 * the worker thread (exit code 3) when a batch of more than one page holds a JSON Lines line or
 * crawl record with CRASH-IN-BATCH in its bytes. The same page sent alone passes. Each crash is
 * a line in the file REPRINT_TEST_CRASH_LOG names, so a test sees that it happened.
 */
import { appendFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { requestBytes, type ExtractWorkerTask } from '../../src/runtime/extract-messages.js';

const MARK = Buffer.from('CRASH-IN-BATCH');

parentPort!.on('message', (batch: ExtractWorkerTask) => {
  // A scan's signing batches pass.
  if (!Array.isArray(batch) || batch.length < 2) return;
  for (const req of batch) {
    const bytes = requestBytes(req);
    if (bytes !== null && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(MARK)) {
      const log = process.env.REPRINT_TEST_CRASH_LOG;
      if (log !== undefined) appendFileSync(log, `${req.type === 'file' ? req.absPath : req.id}\n`);
      process.exit(3);
    }
  }
});
