/** Worker thread: read and decode one page, extract it. Runs under WorkerPool's time limit. */
import { parentPort } from 'node:worker_threads';
import { splitLines } from '../extract/plaintext.js';
import { lineSketch } from '../extract/templates.js';
import { readInputFileSync, toDocument } from '../input/read.js';
import { normalizedTokenHashes } from '../text/shingles.js';
import { extractDocument } from './document.js';
import { errorMessage } from './errors.js';
import type { ExtractRequest, ExtractResponse } from './extract-protocol.js';

parentPort?.on('message', (req: ExtractRequest) => {
  let res: ExtractResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const read =
      req.type === 'file'
        ? readInputFileSync(req.absPath, req.maxBytes)
        : toDocument(req.body, req.id, { kind: req.kind, declared: req.charset });
    const extracted = extractDocument(read.text, read.kind, req.dom, req.type === 'record' ? (req.url ?? undefined) : undefined);
    if (req.sketch) {
      const lines = lineSketch(splitLines(extracted.text), normalizedTokenHashes);
      res = { ok: true, extracted: { ...extracted, text: '' }, lines };
      transfer = [lines.keys.buffer, lines.chars.buffer, lines.ends.buffer, lines.tokens.buffer] as ArrayBuffer[];
    } else {
      res = { ok: true, extracted };
    }
  } catch (e) {
    res = { ok: false, message: errorMessage(e) };
  }
  parentPort?.postMessage(res, transfer);
});
