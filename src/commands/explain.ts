/**
 * `reprint explain`: what two pages share and what each added, dropped or changed, on the text
 * scan compares. Pages are read and extracted as `extract` reads them, without outlet templates:
 * those are learnt from many pages of an outlet, and explain reads two.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { diffArrays } from 'diff';
import { displayPathOf, type InputFile } from '../input/discover.js';
import { fsPath, shownName } from '../input/names.js';
import { alignTexts } from '../match/align.js';
import { EXPLAIN_SCHEMA, type ExplainedPage, type ExplainReport } from '../report/explain/types.js';
import { round } from '../report/round.js';
import { collectPages, tooLittleTextMessage, type Page, type PageOptions } from '../runtime/pages.js';
import { normalizeText } from '../text/normalize.js';
import { countTokens } from '../text/tokens.js';
import type { RunHooks } from './hooks.js';


export interface ExplainOptions extends Omit<PageOptions, 'jobs' | 'templates' | 'include' | 'exclude' | 'jsonlFields' | 'sketch' | 'keepText'> {
  shingleSize: number;
}

/** A page explain cannot compare: the path as given and why, for one line on stderr. */
export class ExplainPageError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

async function inputFile(given: string, cwd: string): Promise<InputFile> {
  const absPath = path.resolve(cwd, given);
  const info = await stat(fsPath(absPath)).catch(() => null);
  if (info === null) throw new ExplainPageError(shownName(given), 'no such file');
  if (info.isDirectory()) throw new ExplainPageError(shownName(given), 'is a folder; explain compares two pages');
  // Opening a FIFO would block until something writes to it.
  if (!info.isFile()) throw new ExplainPageError(shownName(given), 'not a regular file');
  return { absPath, displayPath: displayPathOf(absPath, cwd) };
}

function explainedPage(page: Page): ExplainedPage {
  const x = page.article;
  return {
    path: page.path,
    url: page.url,
    title: x.title,
    outlet: x.outlet,
    byline: x.byline,
    dateline: x.dateline,
    published: x.published,
    lang: x.lang,
    method: x.method,
    credit: x.credit,
    words: countTokens(normalizeText(x.text)),
  };
}

/** The one page a path holds, extracted; one worker each, so both pages are read at once. */
async function readPage(given: string, options: ExplainOptions, cwd: string): Promise<Page> {
  const file = await inputFile(given, cwd);
  const { pages, errors } = await collectPages([file], { ...options, jobs: 1, templates: false }, {});
  if (errors.length > 0) throw new ExplainPageError(given, errors[0]!.message);
  if (pages.length !== 1) throw new ExplainPageError(given, `holds ${pages.length} pages; explain compares one page with one`);
  const page = pages[0]!;
  if (countTokens(normalizeText(page.article.text)) === 0) throw new ExplainPageError(given, tooLittleTextMessage(0, 1));
  return page;
}

export async function runExplain(pageA: string, pageB: string, options: ExplainOptions, hooks: RunHooks): Promise<ExplainReport> {
  const read = await Promise.allSettled([readPage(pageA, options, hooks.cwd), readPage(pageB, options, hooks.cwd)]);
  // When both pages fail, A's error is the one reported, whichever worker finished first.
  const [a, b] = read.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  }) as [Page, Page];
  const alignment = alignTexts(a.article.text, b.article.text, { shingleSize: options.shingleSize, diffArrays });
  return {
    schema: EXPLAIN_SCHEMA,
    a: explainedPage(a),
    b: explainedPage(b),
    shingleSize: options.shingleSize,
    jaccard: round(alignment.jaccard),
    containment: round(alignment.containment),
    shared: alignment.shared,
    onlyA: alignment.onlyA,
    onlyB: alignment.onlyB,
  };
}
