/** `reprint extract`: each page's extracted text and metadata, in input order. */
import { EXTRACT_SCHEMA, type ExtractedPage, type ExtractReport } from '../report/extract/types.js';
import { collectPages, listInputs, orderedErrors, type PageOptions } from '../runtime/pages.js';
import { readingHooks, stopwatch, type RunHooks } from './hooks.js';
import { idOf } from '../page.js';

export async function runExtract(inputs: readonly string[], options: PageOptions, hooks: RunHooks): Promise<ExtractReport> {
  const elapsed = stopwatch(hooks);
  const files = await listInputs(inputs, options, hooks);
  // Line sketches from the workers (with the texts): the template keys and word counts are
  // taken in the same pass over each text as its tokens, on the worker.
  const collected = await collectPages(files, { ...options, sketch: true, keepText: true }, await readingHooks(hooks, files));
  const errors = orderedErrors(collected.errors);
  const pages: ExtractedPage[] = collected.pages.map(({ path, url, article: x, words }) => ({
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
    // Counted by collectPages from the line sketches asked for above.
    words: words!,
    text: x.text,
  }));
  return { schema: EXTRACT_SCHEMA, summary: { pages: pages.length, errors: errors.length, elapsedMs: elapsed() }, pages, errors };
}
