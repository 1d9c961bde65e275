/**
 * `reprint check`: which new pages copy pages already in the index, and which copy each other;
 * fails (exit 1) when any copies an indexed page or a gate is passed; `--update` then adds them.
 */
import { matchIndex } from '../match/index-match.js';
import { checkFindings } from '../report/check/findings.js';
import type { ExplainedCheckReport } from '../report/check/html.js';
import { CHECK_SCHEMA, type CheckReport } from '../report/check/types.js';
import { orderedErrors } from '../runtime/pages.js';
import { stopwatch, type RunHooks } from './hooks.js';
import { indexEntry, indexParams, sketchForIndex, withStore, type IndexTarget } from './index-session.js';
import { findingAlignments } from './member-alignments.js';
import { matchRule, type ScanOptions } from './settings.js';

export interface CheckOptions extends ScanOptions, IndexTarget {
  update: boolean;
  label: string | null;
  /** With update: keep each content's shingle set (IndexEntry.shingleSet). */
  shingleSets: boolean;
  maxDuplicates?: number;
  maxRatio?: number;
}

export async function runCheck(inputs: readonly string[], options: CheckOptions, hooks: RunHooks): Promise<ExplainedCheckReport> {
  const elapsed = stopwatch(hooks);
  // The store first: a wrong store or other sketch settings fail before any page is read.
  return withStore(options, hooks, options.update, async (store) => {
    const params = await indexParams(store, options);
    const { pages, errors, texts } = await sketchForIndex(inputs, options, params, hooks);
    const match = await matchIndex(pages, store, params, matchRule(options));
    const findings = checkFindings(match);
    const { fresh, unchanged } = match;

    const copiesOfIndexed = findings.filter((f) => f.indexed.length > 0).length;
    const duplicates = findings.length;
    const ratio = fresh.length === 0 ? 0 : Math.round((duplicates / fresh.length) * 10000) / 10000;
    const reasons: string[] = [];
    if (copiesOfIndexed > 0) reasons.push(`${copiesOfIndexed} new ${copiesOfIndexed === 1 ? 'page copies' : 'pages copy'} indexed pages`);
    if (options.maxDuplicates !== undefined && duplicates > options.maxDuplicates) {
      reasons.push(`${duplicates} new ${duplicates === 1 ? 'page has' : 'pages have'} copies, over --max-duplicates ${options.maxDuplicates}`);
    }
    if (options.maxRatio !== undefined && ratio > options.maxRatio) {
      reasons.push(`${ratio} of new pages have copies, over --max-ratio ${options.maxRatio}`);
    }

    let update: CheckReport['summary']['update'] = null;
    if (options.update) {
      const addedAt = new Date().toISOString();
      update = await store.add(
        params,
        fresh.map((p) => indexEntry(p, params, options.label, addedAt, options.shingleSets)),
      );
    }
    const stats = await store.stats();
    return {
      schema: CHECK_SCHEMA,
      params: { ...params, threshold: options.threshold, containment: options.containment, minWords: options.minWords, dom: options.dom, templates: options.templates },
      index: { location: store.location, documents: stats.documents },
      summary: {
        pages: pages.length,
        new: fresh.length,
        unchanged,
        copiesOfIndexed,
        copiesAmongNew: duplicates - copiesOfIndexed,
        duplicates,
        ratio,
        errors: errors.length,
        failed: reasons.length > 0,
        reasons,
        update,
        elapsedMs: elapsed(),
      },
      findings,
      errors: orderedErrors(errors),
      // Only a report that shows texts (html) kept them.
      ...(texts !== null ? { explains: findingAlignments(findings, texts, params.shingleSize) } : {}),
    };
  });
}
