/** Worker thread: read and decode one page, extract it. Runs under WorkerPool's time limit. */
import { parentPort } from 'node:worker_threads';
import { readInputFile, toDocument } from '../input/read.js';
import { extractDocument } from './document.js';
import { errorMessage } from './errors.js';
import type { ExtractRequest, ExtractResponse } from './extract-protocol.js';

parentPort?.on('message', async (req: ExtractRequest) => {
  let res: ExtractResponse;
  try {
    const read =
      req.type === 'file'
        ? await readInputFile(req.absPath, req.maxBytes)
        : toDocument(req.body, req.id, { kind: req.kind, declared: req.charset });
    res = { ok: true, extracted: extractDocument(read.text, read.kind, req.dom, req.type === 'record' ? (req.url ?? undefined) : undefined) };
  } catch (e) {
    res = { ok: false, message: errorMessage(e) };
  }
  parentPort?.postMessage(res);
});
