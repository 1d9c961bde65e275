/** Worker thread: read and decode one page, extract it. Runs under WorkerPool's time limit. */
import { parentPort } from 'node:worker_threads';
import { lineSketch } from '../extract/templates.js';
import { readInputFileSync, pageFromText, decodePage } from '../input/read.js';
import { extractArticle } from '../extract/article.js';
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
          ? pageFromText(req.text, req.kind)
          : decodePage(req.body, req.id, { kind: req.kind, declared: req.charset });
    const article = extractArticle(read.text, read.kind, req.dom, req.type === 'file' ? undefined : (req.url ?? undefined));
    if (req.sketch) {
      const lines = lineSketch(article.text);
      res = { ok: true, article: req.keepText === true ? article : { ...article, text: '' }, lines };
      transfer = [lines.tokens.buffer as ArrayBuffer];
    } else {
      res = { ok: true, article };
    }
    if (read.warning !== undefined) res.warning = read.warning;
  } catch (e) {
    res = { ok: false, message: errorMessage(e) };
  }
  parentPort?.postMessage(res, transfer);
});
