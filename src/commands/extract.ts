/** `reprint extract`: each page's extracted text and metadata, in input order. */
import { EXTRACT_SCHEMA, type ExtractedPage, type ExtractReport } from '../report/extract/types.js';
import { countTokens } from '../text/tokens.js';
import { normalizeText } from '../text/normalize.js';
import { collectPages, listInputs, orderedErrors, type PageOptions } from '../runtime/pages.js';
import { readingHooks, stopwatch, type RunHooks } from './hooks.js';
import { idOf } from '../page.js';

export async function runExtract(inputs: readonly string[], options: PageOptions, hooks: RunHooks): Promise<ExtractReport> {
  const elapsed = stopwatch(hooks);
  const files = await listInputs(inputs, options, hooks);
  const collected = await collectPages(files, options, await readingHooks(hooks, files));
  const errors = orderedErrors(collected.errors);
  const pages: ExtractedPage[] = collected.pages.map(({ path, url, article: x }) => ({
    path,
    ...idOf(x),
    url,
    title: x.title,
    outlet: x.outlet,
    byline: x.byline,
    dateline: x.dateline,
    published: x.published,
    lang: x.lang,
    method: x.method,
    credit: x.credit,
    words: countTokens(normalizeText(x.text)),
    text: x.text,
  }));
  return { schema: EXTRACT_SCHEMA, summary: { pages: pages.length, errors: errors.length, elapsedMs: elapsed() }, pages, errors };
}
