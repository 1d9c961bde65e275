/** `reprint extract`: each page's extracted text and metadata, in input order. */
import { EXTRACT_SCHEMA, type ExtractedPage, type ExtractReport } from '../report/extract.js';
import type { ReportError } from '../report/types.js';
import { countTokens } from '../text/tokens.js';
import { normalizeText } from '../text/normalize.js';
import { extractPages, listInputs, type PageOptions } from './pages.js';
import type { ScanHooks } from './scan.js';

export async function runExtract(inputs: readonly string[], options: PageOptions, hooks: ScanHooks): Promise<ExtractReport> {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  const files = await listInputs(inputs, options, hooks.cwd);
  const pages: ExtractedPage[] = [];
  const errors: ReportError[] = [];
  let done = 0;
  for await (const item of extractPages(files, options)) {
    if (item.type === 'error') {
      errors.push(item.error);
      hooks.onError?.(item.error);
    } else {
      const { path, url, extracted: x } = item.page;
      pages.push({
        path,
        url,
        title: x.title,
        outlet: x.outlet,
        byline: x.byline,
        dateline: x.dateline,
        published: x.published,
        lang: x.lang,
        method: x.method,
        words: countTokens(normalizeText(x.text)),
        text: x.text,
      });
    }
    hooks.onProgress?.(++done, files.length, errors.length);
  }
  return { schema: EXTRACT_SCHEMA, summary: { pages: pages.length, errors: errors.length, elapsedMs: Math.round(now() - started) }, pages, errors };
}
