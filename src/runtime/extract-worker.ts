/**
 * Worker thread: read, decode and extract a batch of pages; in a scan's second pass, sign batches
 * of pages (sign-batch.ts). Runs under WorkerPool's time limit.
 */
import { parentPort } from 'node:worker_threads';
import { lineSketch } from '../extract/templates.js';
import { readInputFileSync, pageFromText, decodePage, type DecodedPage } from '../input/read.js';
import { extractArticle } from '../extract/article.js';
import { errorMessage } from './errors.js';
import { oversizeMessage, packResults, type ExtractRequest, type ExtractResponse, type ExtractWorkerTask } from './extract-messages.js';
import { signBatch } from './sign-batch.js';
import { jsonlLineItem } from '../input/jsonl.js';

/** One page: read, decode, extract. */
function extractOne(req: ExtractRequest): ExtractResponse {
  try {
    let record: Extract<ExtractResponse, { ok: true }>['record'];
    let read: DecodedPage;
    if (req.type === 'jsonl-line') {
      const item = jsonlLineItem(req.bytes, req.lineNo, req.id, req.fields);
      if (item === null) return { ok: 'skipped' };
      if (item.type === 'error') return { ok: false, message: item.message };
      // A field's text is never longer in UTF-8 than the line that holds it (an escape is longer
      // than what it stands for, an array's quotes and commas than the breaks that join its
      // items): only a line over the limit needs its text measured.
      if (req.bytes.length > req.maxBytes) {
        const size = Buffer.byteLength(item.text!, 'utf8');
        if (size > req.maxBytes) return { ok: false, message: oversizeMessage(size, req.maxBytes) };
      }
      record = { url: item.url, meta: { title: item.title ?? null, date: item.date ?? null, outlet: item.outlet ?? null, recordId: item.recordId ?? null } };
      read = pageFromText(item.text!, item.kind);
    } else {
      read = req.type === 'file' ? readInputFileSync(req.absPath, req.maxBytes) : decodePage(req.body, req.id, { kind: req.kind, declared: req.charset });
    }
    const url = req.type === 'file' ? null : req.type === 'jsonl-line' ? record!.url : req.url;
    const article = extractArticle(read.text, read.kind, req.dom, url ?? undefined);
    let res: Extract<ExtractResponse, { ok: true }>;
    if (req.sketch) {
      const lines = lineSketch(article.text);
      res = { ok: true, article: req.keepText === true ? article : { ...article, text: '' }, lines };
    } else {
      res = { ok: true, article };
    }
    if (read.warning !== undefined) res.warning = read.warning;
    if (record !== undefined) res.record = record;
    return res;
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

// A batch of pages a message, answered in one message: per-page messages cost more than a plain-text page's extraction.
parentPort?.on('message', (task: ExtractWorkerTask) => {
  if (Array.isArray(task)) {
    const { message, transfer } = packResults(task.map(extractOne));
    parentPort?.postMessage(message, transfer);
  } else {
    const { response, transfer } = signBatch(task);
    parentPort?.postMessage(response, transfer);
  }
});
