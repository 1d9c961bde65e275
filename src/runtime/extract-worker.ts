/** Worker thread: read and decode one page, extract it. Runs under WorkerPool's time limit. */
import { parentPort } from 'node:worker_threads';
import { splitLines } from '../extract/plaintext.js';
import { lineSketch } from '../extract/templates.js';
import { readInputFileSync, textDocument, toDocument } from '../input/read.js';
import { normalizedTokenHashes } from '../text/shingles.js';
import { extractDocument } from '../extract/document.js';
import { errorMessage } from './errors.js';
import type { ExtractRequest, ExtractResponse } from './extract-messages.js';

parentPort?.on('message', (req: ExtractRequest) => {
  let res: ExtractResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const read =
      req.type === 'file'
        ? readInputFileSync(req.absPath, req.maxBytes)
        : req.type === 'record-text'
          ? textDocument(req.text, req.kind)
          : toDocument(req.body, req.id, { kind: req.kind, declared: req.charset });
    const extracted = extractDocument(read.text, read.kind, req.dom, req.type === 'file' ? undefined : (req.url ?? undefined));
    if (req.sketch) {
      const lines = lineSketch(splitLines(extracted.text), normalizedTokenHashes);
      res = { ok: true, extracted: { ...extracted, text: '' }, lines };
      transfer = [lines.tokens.buffer as ArrayBuffer];
    } else {
      res = { ok: true, extracted };
    }
  } catch (e) {
    res = { ok: false, message: errorMessage(e) };
  }
  parentPort?.postMessage(res, transfer);
});
