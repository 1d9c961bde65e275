/** Worker thread: verifies runs of candidate pairs, reading their shingle sets from the scan's scratch file. */
import { parentPort } from 'node:worker_threads';
import { verifyPairs } from './pair-shingles.js';
import { openScratchReader, type SpillReader } from './scratch.js';
import type { VerifyRequest, VerifyResponse } from './verify-messages.js';

let reader: SpillReader | null = null;

parentPort?.on('message', (req: VerifyRequest) => {
  if (reader?.file !== req.file) {
    reader?.close();
    reader = openScratchReader(req.file);
  }
  const shared: VerifyResponse = verifyPairs(reader, req.offsets, req.counts, req.pairs, req.rule);
  parentPort?.postMessage(shared, [shared.buffer as ArrayBuffer]);
});
