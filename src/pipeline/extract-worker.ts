/** Worker thread: read one file and extract its page. Runs under WorkerPool's time limit. */
import { parentPort } from 'node:worker_threads';
import { readInputFile } from '../input/read.js';
import { extractDocument } from './document.js';
import { errorMessage } from './errors.js';
import type { ExtractRequest, ExtractResponse } from './extract-protocol.js';

parentPort?.on('message', async (req: ExtractRequest) => {
  let res: ExtractResponse;
  try {
    const read = await readInputFile(req.absPath, req.maxBytes);
    res = { ok: true, extracted: extractDocument(read.text, read.kind, req.dom) };
  } catch (e) {
    res = { ok: false, message: errorMessage(e) };
  }
  parentPort?.postMessage(res);
});
