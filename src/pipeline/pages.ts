/**
 * Pages from input files: read a few files ahead, extract each page. Shared by `scan` and
 * `extract`, so both take the same inputs and report the same errors.
 */
import type { DomName } from '../extract/dom.js';
import type { ExtractedDocument } from '../extract/types.js';
import { discoverFiles, type InputFile } from '../input/discover.js';
import type { ReportError } from '../report/types.js';
import { errorMessage } from './errors.js';
import type { ExtractRequest, ExtractResponse } from './extract-protocol.js';
import { WorkerPool, type PoolResult } from './pool.js';
import { TemplateModel } from '../extract/templates.js';
import { splitLines } from '../extract/plaintext.js';

export interface PageOptions {
  maxBytes: number;
  dom: DomName;
  /** Remove lines that recur across pages of one outlet (see extract/templates.ts). */
  templates: boolean;
  /** Worker threads for reading and extraction. */
  jobs: number;
  /** Time limit for one page's extraction. */
  timeoutMs: number;
  include?: string[];
  exclude?: string[];
}

export interface Page {
  /** Display path of the page (file path, later `file#offset` for crawl archives). */
  path: string;
  url: string | null;
  extracted: ExtractedDocument;
}

export type PageItem = { type: 'page'; page: Page } | { type: 'error'; error: ReportError };

const READ_AHEAD = 8;

export { errorMessage };

export async function listInputs(inputs: readonly string[], options: PageOptions, cwd: string): Promise<InputFile[]> {
  return discoverFiles(inputs, {
    cwd,
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
}

/**
 * Pages in file order. Reading and extraction run in worker threads (--jobs), each page under a
 * time limit (--timeout); results are yielded in file order whatever order workers finish in, so
 * output does not depend on scheduling. Only a window of pages is in flight at once.
 */
export async function* extractPages(files: readonly InputFile[], options: PageOptions): AsyncGenerator<PageItem> {
  if (files.length === 0) return;
  const pool = new WorkerPool<ExtractRequest, ExtractResponse>(
    new URL('./extract-worker.js', import.meta.url),
    Math.min(options.jobs, files.length),
    options.timeoutMs,
  );
  const window = Math.max(READ_AHEAD, options.jobs * 4);
  const pending: Promise<PoolResult<ExtractResponse>>[] = [];
  const start = (i: number): void => {
    const f = files[i];
    if (f !== undefined) pending[i] = pool.run({ absPath: f.absPath, maxBytes: options.maxBytes, dom: options.dom });
  };
  try {
    for (let i = 0; i < Math.min(window, files.length); i++) start(i);
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const result = await pending[i]!;
      delete pending[i];
      start(i + window);
      if (!result.ok) {
        const message = result.reason === 'timeout' ? `extraction ${result.message} (--timeout)` : `extraction failed: ${result.message}`;
        yield { type: 'error', error: { path: file.displayPath, message } };
      } else if (!result.value.ok) {
        yield { type: 'error', error: { path: file.displayPath, message: result.value.message } };
      } else {
        yield { type: 'page', page: { path: file.displayPath, url: null, extracted: result.value.extracted } };
      }
    }
  } finally {
    await pool.close();
  }
}

/**
 * Which outlet a page belongs to, for counting template lines: the host of its URL, else the
 * outlet it names (og:site_name, JSON-LD, masthead), else its folder. Folder comes last: a
 * folder of a crawl often mixes outlets, and recurrence must never be counted across outlets.
 */
export function outletKey(page: Page): string {
  if (page.url !== null) {
    try {
      return 'host:' + new URL(page.url).hostname.toLowerCase().replace(/^www\d?\./, '');
    } catch {
      // fall through
    }
  }
  if (page.extracted.outlet !== null) return 'outlet:' + page.extracted.outlet.toLowerCase();
  const slash = page.path.lastIndexOf('/');
  return 'dir:' + (slash < 0 ? '.' : page.path.slice(0, slash));
}

export interface CollectHooks {
  onError?: (error: ReportError) => void;
  onProgress?: (done: number, errors: number) => void;
}

/**
 * All pages of a run, with outlet templates removed. Template lines are only known once every
 * page of an outlet has been seen, so extracted texts are held until the end of reading.
 */
export async function collectPages(
  files: readonly InputFile[],
  options: PageOptions,
  hooks: CollectHooks,
): Promise<{ pages: Page[]; errors: ReportError[] }> {
  const pages: Page[] = [];
  const errors: ReportError[] = [];
  const model = new TemplateModel();
  let done = 0;
  for await (const item of extractPages(files, options)) {
    if (item.type === 'error') {
      errors.push(item.error);
      hooks.onError?.(item.error);
    } else {
      pages.push(item.page);
      if (options.templates) model.add(outletKey(item.page), splitLines(item.page.extracted.text));
    }
    hooks.onProgress?.(++done, errors.length);
  }
  if (options.templates) {
    for (const page of pages) {
      const lines = splitLines(page.extracted.text);
      const kept = model.strip(outletKey(page), lines);
      if (kept.length !== lines.length) {
        page.extracted = { ...page.extracted, text: kept.join('\n').replace(/\n{3,}/g, '\n\n').trim() };
      }
    }
  }
  return { pages, errors };
}
