/**
 * Pages from input files: read a few files ahead, extract each page. Shared by `scan` and
 * `extract`, so both take the same inputs and report the same errors.
 */
import type { DomName } from '../extract/dom.js';
import type { Article } from '../extract/types.js';
import { discoverFiles, type InputFile, type StdinSource } from '../input/discover.js';
import { readPathList } from '../input/path-list.js';
import type { PageError } from '../page.js';
import { errorMessage } from './errors.js';
import { readRawFile } from '../input/read.js';
import { isWarcName, readWarc } from '../input/warc/read.js';
import { isJsonlName, JsonlFileError, readJsonlFileLines, readJsonlLines, type JsonlFieldOptions, type JsonlLine } from '../input/jsonl.js';
import type { CrawlItem } from '../input/records.js';
import { oversizeMessage, requestBytes, unpackResults, withRequestBytes, type ExtractBatchResult, type ExtractRequest, type ExtractResponse, type ExtractWorkerAnswer, type ExtractWorkerTask } from './extract-messages.js';
import { WorkerPool, type PoolResult } from './pool.js';
import { SharedBufferPool } from './shared-buffers.js';
import { workerScript } from './worker-script.js';
import { keptTokenCount, lineKeys, outletKey, TemplateModel, type LineSketch, type TemplateMask } from '../extract/templates.js';
import { withRecordMeta, type RecordMeta } from '../extract/record-meta.js';
import { splitLines } from '../text/lines.js';
import type { InputBytes } from './input-bytes.js';

export interface PageOptions {
  maxBytes: number;
  dom: DomName;
  /** Remove lines that recur across pages of one outlet (see extract/templates.ts). */
  templates: boolean;
  /** Worker threads for reading and extraction. */
  jobs: number;
  /** Time limit for one page's extraction. */
  timeoutMs: number;
  /** Largest WARC/ARC file read (it is read whole, then page by page; JSON Lines are streamed). */
  maxArchiveBytes: number;
  /** Field names of JSON Lines exports, when not the defaults. */
  jsonlFields?: JsonlFieldOptions;
  include?: string[];
  exclude?: string[];
  /** `--files-from`: a list of more paths to read (`-`: standard input), NUL-separated or a path a line. */
  filesFrom?: { list: string; nulSeparated: boolean };
  /** Workers send each page's text as line sketches (templates.ts) instead of text. */
  sketch?: boolean;
  /** With `sketch`, workers send the text too: only for a report that shows texts (html). */
  keepText?: boolean;
}

export interface Page {
  /** Position in input order (files sorted, records in file order), set by collectPages. */
  seq: number;
  /** Display path of the page (file path, later `file#offset` for crawl archives). */
  path: string;
  url: string | null;
  article: Article;
  /** The text as line sketches, when PageOptions.sketch asked for them (then article.text is empty, unless keepText). */
  lines?: LineSketch;
  /** Words of the article text as collectPages left it (templates removed), counted from `lines` when it had them. */
  words?: number;
  /** What was repaired to read the page (broken UTF-8): a warning, not an entry in `errors`. */
  warning?: string;
}

export type PageItem = { type: 'page'; page: Page } | { type: 'error'; error: PageError };

/** An error with its position in input order, so errors found later (in sketching) sort in place. */
export interface OrderedError extends PageError {
  seq: number;
}

/** Errors in input order, without their positions. */
export function orderedErrors(errors: OrderedError[]): PageError[] {
  return [...errors].sort((a, b) => a.seq - b.seq).map(({ path, message }) => ({ path, message }));
}

const READ_AHEAD = 8;
/**
 * Pages a worker message carries at most, and the record bytes a batch holds before it is sent
 * anyway. Each message kept its sender waiting about 0.2 ms on the 2-core bench machine (timed
 * around a worker's postMessage), mostly waking the receiving thread and being put off the core
 * by it; at 64 pages rather than 16, JSON Lines scans took 7% less CPU and 8% less wall time. HTML
 * pages cost milliseconds each, so their batches are no worse for it.
 */
const BATCH_PAGES = 64;
const BATCH_BYTES = 1 << 20;
/** Batch buffers kept for reuse: about as many as batches are in flight. */
const MAX_SPARE_BUFFERS = 16;
/** Request bytes waiting or in extraction at most (each is copied into its batch's shared buffer). */
const WINDOW_BYTES = 64 << 20;

export async function listInputs(
  inputs: readonly string[],
  options: PageOptions,
  { cwd, stdin }: { cwd: string; stdin?: StdinSource },
): Promise<InputFile[]> {
  const listed = options.filesFrom ? await readPathList(options.filesFrom.list, options.filesFrom.nulSeparated, cwd, stdin) : [];
  return discoverFiles(inputs, {
    cwd,
    listed,
    ...(stdin ? { stdin } : {}),
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
}

/** A batch being filled: its requests, who waits for each result, and the shared buffer holding their bytes. */
interface OpenBatch {
  requests: ExtractRequest[];
  done: ((r: PoolResult<ExtractResponse>) => void)[];
  buffer: SharedArrayBuffer | null;
  used: number;
}

/** One unit of work, in output order: a page to extract, or an error already known. */
type Source =
  | { type: 'task'; path: string; url: string | null; request: ExtractRequest; record?: RecordMeta }
  | { type: 'error'; error: PageError };

/**
 * Work in file order. A plain file is one task; a WARC/ARC archive or a JSON Lines export is read
 * here and gives one task per page record (and an error for each damaged record).
 */
async function* sources(files: readonly InputFile[], options: PageOptions, inputBytes?: InputBytes): AsyncGenerator<Source> {
  const onBytesRead = inputBytes !== undefined ? { onBytesRead: (n: number) => inputBytes.within(n) } : {};
  for (const file of files) {
    inputBytes?.begin(file);
    if (file.problem !== undefined) {
      yield { type: 'error', error: { path: file.displayPath, message: file.problem } };
    } else if (file.stdin === undefined && isWarcName(file.absPath)) {
      let bytes: Buffer;
      try {
        bytes = await readRawFile(file.absPath, options.maxArchiveBytes, '--max-archive-bytes');
      } catch (e) {
        yield { type: 'error', error: { path: file.displayPath, message: errorMessage(e) } };
        continue;
      }
      for (const item of readWarc(bytes, file.displayPath, { maxBytes: options.maxBytes, ...onBytesRead })) yield recordSource(item, options);
    } else if (file.stdin !== undefined || isJsonlName(file.absPath)) {
      // Streamed a line at a time: an export of any size is read in bounded memory. Lines are
      // only split here; workers decode and parse them (JSON.parse and UTF-8 decoding of every
      // line were a third of this thread's time at 100k pages).
      const jsonlOptions = { maxLineBytes: Math.max(4 * options.maxBytes, 64 << 20), ...onBytesRead };
      const lines = file.stdin !== undefined ? readJsonlLines(file.stdin(), file.displayPath, jsonlOptions) : readJsonlFileLines(file.absPath, file.displayPath, jsonlOptions);
      try {
        for await (const item of lines) {
          if (item.type === 'error') yield { type: 'error', error: { path: item.id, message: item.message } };
          else if (!isBlank(item.bytes)) yield lineSource(item, options);
        }
      } catch (e) {
        if (!(e instanceof JsonlFileError)) throw e;
        yield { type: 'error', error: { path: file.displayPath, message: e.message } };
      }
    } else {
      inputBytes?.within(Infinity);
      yield { type: 'task', path: file.displayPath, url: null, request: { type: 'file', absPath: file.absPath, maxBytes: options.maxBytes, dom: options.dom, sketch: options.sketch === true } };
    }
  }
}

/**
 * A JSON Lines line to decode, parse and extract in a worker. Its bytes are a view into what the
 * reader holds: extractPages copies them into the batch's shared buffer before reading on.
 */
function lineSource(line: JsonlLine, options: PageOptions): Source {
  return {
    type: 'task',
    path: line.id,
    url: null,
    request: {
      type: 'jsonl-line',
      id: line.id,
      lineNo: line.lineNo,
      bytes: line.bytes,
      ...(options.jsonlFields ? { fields: options.jsonlFields } : {}),
      maxBytes: options.maxBytes,
      dom: options.dom,
      sketch: options.sketch === true,
    },
  };
}

/** A line of nothing but ASCII blanks, which gives no page (the worker also skips any other blank line). */
function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** A WARC/ARC record to extract (JSON Lines go through lineSource, as lines). */
function recordSource(item: CrawlItem, options: PageOptions): Source {
  if (item.type === 'error') return { type: 'error', error: { path: item.id, message: item.message } };
  // Archives give bytes; a record given as text is encoded, which reads as the same page.
  const size = item.text !== undefined ? Buffer.byteLength(item.text, 'utf8') : item.body.length;
  if (size > options.maxBytes) return { type: 'error', error: { path: item.id, message: oversizeMessage(size, options.maxBytes) } };
  // A view into the archive, copied into a batch's shared buffer by extractPages.
  const body = item.text !== undefined ? Buffer.from(item.text, 'utf8') : item.body;
  return {
    type: 'task',
    path: item.id,
    url: item.url,
    request: { type: 'record', id: item.id, body, kind: item.kind, charset: item.charset, url: item.url, dom: options.dom, sketch: options.sketch === true },
    record: { title: item.title ?? null, date: item.date ?? null, outlet: item.outlet ?? null, recordId: item.recordId ?? null },
  };
}

/** The extraction worker threads of a run (--jobs), each task under --timeout unless it asks for another limit. */
export type ExtractPool = WorkerPool<ExtractWorkerTask, ExtractWorkerAnswer>;

export function extractPool(options: Pick<PageOptions, 'jobs' | 'timeoutMs'>): ExtractPool {
  return new WorkerPool<ExtractWorkerTask, ExtractWorkerAnswer>(workerScript('extract-worker'), options.jobs, options.timeoutMs);
}

/**
 * Pages in input order. Reading and extraction run in worker threads (--jobs), each page under a
 * time limit (--timeout); results are yielded in input order whatever order workers finish in,
 * so output does not depend on scheduling. Only a window of pages is in flight at once. The
 * threads are the caller's when it lends them (a scan signs its pages in them afterwards), else
 * made here and ended with the pages.
 */
export async function* extractPages(files: readonly InputFile[], options: PageOptions, inputBytes?: InputBytes, lent?: ExtractPool): AsyncGenerator<PageItem> {
  if (files.length === 0) return;
  const pool = lent ?? extractPool(options);
  // A batch of pages is answered with the batch's results (ExtractWorkerTask).
  const runBatch = (requests: ExtractRequest[]): Promise<PoolResult<ExtractBatchResult>> => pool.run(requests) as Promise<PoolResult<ExtractBatchResult>>;
  const window = Math.max(READ_AHEAD, options.jobs * 4) * BATCH_PAGES;
  type InFlight = { source: Source; bytes: number; result?: Promise<PoolResult<ExtractResponse>> };
  const queue: InFlight[] = [];
  const input = sources(files, options, inputBytes);
  let exhausted = false;
  let bytesInFlight = 0;
  // Pages a message: BATCH_PAGES until a batch runs out of time, then one, so that each page
  // keeps its own --timeout. A batch that fails is run again page by page: the same results.
  let batchPages = BATCH_PAGES;
  // A batch's bytes (record bodies, JSON Lines lines) lie in one shared buffer that the worker
  // reads in place: one copy from the reader, instead of a string or array per page cloned into
  // the message and out of it. The buffer is filled again once every page of its batch has its
  // result (a batch that fails is sent again page by page from the same bytes).
  const buffers = new SharedBufferPool(BATCH_BYTES, { maxSpare: MAX_SPARE_BUFFERS, maxKeptBytes: 2 * BATCH_BYTES });
  const giveBuffer = (buffer: SharedArrayBuffer | null): void => {
    if (buffer !== null) buffers.give(buffer);
  };
  let open: OpenBatch = { requests: [], done: [], buffer: null, used: 0 };
  const single = (request: ExtractRequest): Promise<PoolResult<ExtractResponse>> => runBatch([request]).then((r) => (r.ok ? { ok: true, value: unpackResults(r.value)[0]! } : r));
  const send = (): void => {
    const { requests, done, buffer } = open;
    open = { requests: [], done: [], buffer: null, used: 0 };
    if (requests.length === 0) return giveBuffer(buffer);
    void runBatch(requests).then((r) => {
      if (r.ok) {
        giveBuffer(buffer);
        unpackResults(r.value).forEach((value, i) => done[i]!({ ok: true, value }));
      } else if (requests.length === 1) {
        giveBuffer(buffer);
        done[0]!(r);
      } else {
        batchPages = 1;
        void Promise.all(requests.map((request, i) => single(request).then(done[i]!))).then(() => giveBuffer(buffer));
      }
    });
  };
  /** A request's bytes copied into the open batch's buffer (a batch with no room left is sent first). */
  const place = (bytes: Uint8Array): Uint8Array => {
    if (open.buffer !== null && open.used + bytes.length > open.buffer.byteLength) send();
    open.buffer ??= buffers.take(bytes.length);
    const view = new Uint8Array(open.buffer, open.used, bytes.length);
    view.set(bytes);
    open.used += bytes.length;
    return view;
  };
  const fill = async (): Promise<void> => {
    while (!exhausted && queue.length < window && (queue.length === 0 || bytesInFlight < WINDOW_BYTES)) {
      const next = await input.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const source = next.value;
      if (source.type !== 'task') {
        queue.push({ source, bytes: 0 });
        continue;
      }
      let request = options.keepText === true ? { ...source.request, keepText: true } : source.request;
      const bytes = requestBytes(request);
      // Copied before the reader goes on: the bytes are a view into what it holds.
      if (bytes !== null) request = withRequestBytes(request, place(bytes));
      const size = bytes?.length ?? 0;
      bytesInFlight += size;
      queue.push({ source, bytes: size, result: new Promise((resolve) => open.done.push(resolve)) });
      open.requests.push(request);
      if (open.requests.length >= batchPages || open.used >= BATCH_BYTES) send();
    }
    // Every queued page is sent before anyone waits for it.
    send();
  };
  try {
    await fill();
    while (queue.length > 0) {
      const { source, bytes, result } = queue.shift()!;
      bytesInFlight -= bytes;
      if (queue.length < window / 2) await fill();
      if (source.type === 'error') {
        yield { type: 'error', error: source.error };
        continue;
      }
      const r = await result!;
      if (!r.ok) {
        const message = r.reason === 'timeout' ? `extraction ${r.message} (--timeout)` : `extraction failed: ${r.message}`;
        yield { type: 'error', error: { path: source.path, message } };
      } else if (r.value.ok === 'skipped') {
        continue;
      } else if (!r.value.ok) {
        yield { type: 'error', error: { path: source.path, message: r.value.message } };
      } else {
        const url = r.value.record !== undefined ? r.value.record.url : source.url;
        const page: Page = { seq: 0, path: source.path, url, article: withRecordMeta(r.value.article, r.value.record?.meta ?? source.record, url) };
        if (r.value.lines !== undefined) page.lines = r.value.lines;
        if (r.value.warning !== undefined) page.warning = r.value.warning;
        yield { type: 'page', page };
      }
    }
  } finally {
    await input.return(undefined);
    if (lent === undefined) await pool.close();
  }
}

/** How many pages a run will read, when the files say so: unknown (null) once a crawl file holds many. */
export function pageTotal(files: readonly InputFile[]): number | null {
  return files.some((f) => f.stdin !== undefined || isWarcName(f.absPath) || isJsonlName(f.absPath)) ? null : files.length;
}

export interface CollectHooks {
  onError?: (error: PageError) => void;
  /** A page that was used, read with a repair (PageItem's page.warning). */
  onWarning?: (warning: PageError) => void;
  onProgress?: (done: number, errors: number) => void;
  /** Advanced as input files are read, for progress by bytes. */
  inputBytes?: InputBytes;
}

/** Why a page with too few words left is turned away, when it is its outlet's template. */
export function templateOnlyMessage(mask: TemplateMask | null): string | null {
  return mask?.onlyTemplate ? 'no article text: only outlet template' : null;
}

export function tooLittleTextMessage(words: number, minWords: number): string {
  return words === 0 ? 'no article text found' : `too little article text (${words} words; --min-words is ${minWords})`;
}

/**
 * All pages of a run, with outlet templates removed. Template lines are only known once every
 * page of an outlet has been seen, so extracted texts are held until the end of reading. A page
 * that is nothing but its outlet's template becomes an error.
 */
export async function collectPages(
  files: readonly InputFile[],
  options: PageOptions,
  hooks: CollectHooks,
): Promise<{ pages: Page[]; errors: OrderedError[] }> {
  let pages: Page[] = [];
  const errors: OrderedError[] = [];
  const model = new TemplateModel();
  let done = 0;
  for await (const item of extractPages(files, options, hooks.inputBytes)) {
    if (item.type === 'error') {
      errors.push({ ...item.error, seq: done });
      hooks.onError?.(item.error);
    } else {
      if (item.page.warning !== undefined) hooks.onWarning?.({ path: item.page.path, message: item.page.warning });
      const { article, lines } = item.page;
      pages.push(lines === undefined ? { ...item.page, seq: done } : { ...item.page, seq: done, words: lines.tokens.length });
      if (options.templates) {
        // A worker's line sketch has the lines' template keys already.
        const outlet = outletKey(item.page.path, item.page.url, article.outlet);
        if (lines !== undefined) model.addKeys(outlet, lines.keys, article.title);
        else model.add(outlet, splitLines(article.text), article.title);
      }
    }
    // Counted apart from the call: an optional call skips its arguments when nobody listens.
    done++;
    hooks.onProgress?.(done, errors.length);
  }
  if (options.templates) {
    pages = pages.filter((page) => {
      // A line sketch has the lines' keys and lengths: the text is split only to cut lines out.
      const sketch = page.lines;
      const split = sketch === undefined ? splitLines(page.article.text) : null;
      const outlet = outletKey(page.path, page.url, page.article.outlet);
      const mask = sketch !== undefined ? model.keepMask(outlet, sketch.keys, sketch.chars, page.article.title) : model.keepMask(outlet, lineKeys(split!), split!.map((l) => l.length), page.article.title);
      if (sketch !== undefined) page.words = keptTokenCount(sketch, mask.keep);
      const message = templateOnlyMessage(mask);
      if (message !== null) {
        const error = { path: page.path, message };
        errors.push({ ...error, seq: page.seq });
        hooks.onError?.(error);
        return false;
      }
      if (mask.keep !== null) {
        const keep = mask.keep;
        const lines = split ?? splitLines(page.article.text);
        page.article = { ...page.article, text: lines.filter((_, i) => keep[i] === 1).join('\n').replace(/\n{3,}/g, '\n\n').trim() };
      }
      return true;
    });
  }
  return { pages, errors };
}
