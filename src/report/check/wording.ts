/**
 * The wording and page locations that the check's text, SARIF, JUnit and GitHub reporters share.
 */
import { locatorOf } from '../../index/store.js';
import { plural } from '../plural.js';
import type { CheckFinding, CheckReport } from './types.js';

/** A new page copies a page the index already holds. */
export const RULE_INDEXED = 'reprint/copies-indexed-page';
/** A new page copies another new page of the same check (and no indexed page). */
export const RULE_NEW = 'reprint/copies-new-page';

export type CheckRuleId = typeof RULE_INDEXED | typeof RULE_NEW;

export function ruleOf(f: CheckFinding): CheckRuleId {
  return f.indexed.length > 0 ? RULE_INDEXED : RULE_NEW;
}

export interface PageLocation {
  /** The file: the path without a crawl record's `#offset` or a JSON Lines `:line`. */
  file: string;
  /** 1-based line in the file: a JSON Lines record's line, else 1. */
  line: number;
  /** A WARC/ARC record's offset as the path gives it (`1234`, or `1234+56` inside a gzip member). */
  record: string | null;
}

/**
 * Where a display path points: `crawls/a.warc.gz#1234` is the record at byte 1234 of
 * crawls/a.warc.gz, `feed.jsonl:12` the record on line 12 of feed.jsonl (only for .jsonl and
 * .ndjson names, so an odd file name with a colon stays a file name).
 */
export function pageLocation(path: string): PageLocation {
  const rec = /^(.+)#(\d+(?:\+\d+)?)$/.exec(path);
  if (rec) return { file: rec[1]!, line: 1, record: rec[2]! };
  const jl = /^(.+\.(?:jsonl|ndjson)(?:\.gz)?):(\d+)$/i.exec(path);
  if (jl && Number(jl[2]) >= 1) return { file: jl[1]!, line: Number(jl[2]), record: null };
  return { file: path, line: 1, record: null };
}

/** Control characters (a title with an escape sequence or a newline) as spaces, for one line. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export const n2 = (x: number): string => x.toFixed(2);

/** How a message names the page of a finding: its record or line, and its URL. */
function pageSubject(f: CheckFinding): string {
  const loc = pageLocation(f.path);
  const what = loc.record !== null ? `Record at offset ${loc.record} of ${loc.file}` : loc.line > 1 ? `Line ${loc.line} of ${loc.file}` : f.path;
  return f.url !== null && f.url !== f.path ? `${what} (${f.url})` : what;
}

/**
 * A finding in words: a headline naming the page and how many copies it has, one line per copy
 * (outlet, where, similarity, containment, date), and which copy is the earliest.
 */
export function findingLines(f: CheckFinding): string[] {
  const parts: string[] = [];
  if (f.indexed.length > 0) parts.push(plural(f.indexed.length, 'indexed page', 'indexed pages'));
  if (f.new.length > 0) parts.push(plural(f.new.length, 'new page', 'new pages'));
  const lines = [`${pageSubject(f)} copies ${parts.join(' and ')}.`];
  for (const c of f.indexed) {
    const where = c.url !== null && c.url !== c.path ? `${c.path} (${c.url})` : c.path;
    const extra = [c.published !== null ? `published ${c.published}` : 'undated', c.label !== null ? `crawl ${c.label}` : null].filter((x) => x !== null);
    lines.push(`- indexed: ${c.outlet ?? 'unknown outlet'}, ${where}: similarity ${n2(c.similarity)}, containment ${n2(c.containment)}, ${extra.join(', ')}`);
  }
  for (const c of f.new) {
    const where = c.url !== null && c.url !== c.path ? `${c.path} (${c.url})` : c.path;
    lines.push(
      `- new: ${c.outlet ?? 'unknown outlet'}, ${where}: similarity ${n2(c.similarity)}, containment ${n2(c.containment)}, ` +
        (c.published !== null ? `published ${c.published}` : 'undated'),
    );
  }
  if (f.earliest !== null) {
    const self = f.earliest === locatorOf(f);
    lines.push(`Earliest dated copy: ${self ? 'this page' : f.earliest}${f.indexedEarlier ? ' (an indexed copy predates this page)' : ''}.`);
  } else if (f.indexed.length > 0) {
    lines.push('No copy is dated.');
  }
  return lines.map(oneLine);
}

/** Counts, ratio and verdict in one line. */
export function summaryText(report: CheckReport): string {
  const s = report.summary;
  const pct = `${(s.ratio * 100).toFixed(1)}%`;
  const verdict = s.failed ? `FAIL${s.reasons.length > 0 ? `: ${s.reasons.join('; ')}` : ''}` : 'PASS';
  return oneLine(
    `${plural(s.pages, 'page', 'pages')} (${s.new} new, ${s.unchanged} unchanged); ` +
      `${s.copiesOfIndexed} copying an indexed page, ${s.copiesAmongNew} copying only new pages; ` +
      `${plural(s.duplicates, 'duplicate', 'duplicates')} of ${s.new} new (${pct}); ${plural(s.errors, 'error', 'errors')}; ${verdict}`,
  );
}
