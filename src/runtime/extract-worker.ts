/** Worker thread: read, decode and extract a batch of pages. Runs under WorkerPool's time limit. */
import { parentPort } from 'node:worker_threads';
import { lineSketch } from '../extract/templates.js';
import { readInputFileSync, pageFromText, decodePage } from '../input/read.js';
import { extractArticle } from '../extract/article.js';
import { errorMessage } from './errors.js';
import { packResults, type ExtractRequest, type ExtractResponse } from './extract-messages.js';

/** One page: read, decode, extract. */
function extractOne(req: ExtractRequest): ExtractResponse {
  try {
    const read =
      req.type === 'file'
        ? readInputFileSync(req.absPath, req.maxBytes)
        : req.type === 'record-text'
          ? pageFromText(req.text, req.kind)
          : decodePage(req.body, req.id, { kind: req.kind, declared: req.charset });
    const article = extractArticle(read.text, read.kind, req.dom, req.type === 'file' ? undefined : (req.url ?? undefined));
    let res: ExtractResponse;
    if (req.sketch) {
      const lines = lineSketch(article.text);
      res = { ok: true, article: req.keepText === true ? article : { ...article, text: '' }, lines };
    } else {
      res = { ok: true, article };
    }
    if (read.warning !== undefined) res.warning = read.warning;
    return res;
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

// A batch of pages a message, answered in one message: per-page messages cost more than a plain-text page's extraction.
parentPort?.on('message', (batch: ExtractRequest[]) => {
  const { message, transfer } = packResults(batch.map(extractOne));
  parentPort?.postMessage(message, transfer);
});
