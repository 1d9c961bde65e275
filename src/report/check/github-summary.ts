/**
 * The check report as a GitHub job summary (Markdown appended to the file GITHUB_STEP_SUMMARY
 * names): the verdict, the counts, and a table of every finding and every unreadable page, in the
 * order the annotations use, so the ten annotated ones head the table. Writing the file is the
 * CLI's business; this only builds the text.
 */
import { locatorOf } from '../../index/store.js';
import { findingsByImportance } from './github.js';
import type { CheckFinding, CheckReport } from './types.js';
import { n2, oneLine, RULE_INDEXED, ruleOf, summaryText } from './wording.js';

/**
 * GitHub refuses a step's summary over 1 MiB (and shows none of it), so the tables stop short of
 * that with a line saying how many rows were left out. Room is kept for the closing line.
 */
const STEP_SUMMARY_MAX_BYTES = 1024 * 1024 - 4096;

/**
 * A table cell: one line, and every character Markdown would read as a table border, emphasis,
 * code, a link or HTML backslash-escaped (GitHub renders the summary, titles come from the web).
 */
export function markdownCell(s: string | null): string {
  if (s === null || s === '') return '-';
  return oneLine(s)
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .trim();
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function findingRow(f: CheckFinding, n: number): string {
  const copies = [...f.indexed, ...f.new];
  const closest = [...copies].sort((a, b) => b.similarity - a.similarity || b.containment - a.containment)[0]!;
  const where = [f.indexed.length > 0 ? `${f.indexed.length} indexed` : null, f.new.length > 0 ? `${f.new.length} new` : null].filter((x) => x !== null).join(', ');
  return row([
    String(n),
    ruleOf(f) === RULE_INDEXED ? 'copies an indexed page' : 'copies a new page',
    markdownCell(f.path),
    markdownCell(f.url),
    markdownCell(f.outlet),
    markdownCell(f.title),
    where,
    markdownCell(locatorOf(closest)),
    n2(closest.similarity),
    n2(closest.containment),
    markdownCell(f.earliest),
  ]);
}

export function formatCheckGithubSummary(report: CheckReport, maxBytes = STEP_SUMMARY_MAX_BYTES): string {
  const s = report.summary;
  const head = [
    `### reprint check: ${s.failed ? 'FAIL' : 'PASS'}`,
    '',
    ...s.reasons.map((r) => `- ${markdownCell(r)}`),
    ...(s.reasons.length > 0 ? [''] : []),
    row(['pages', 'new', 'unchanged', 'copying an indexed page', 'copying only new pages', 'with copies', 'unreadable']),
    row(['--:', '--:', '--:', '--:', '--:', '--:', '--:']),
    row([s.pages, s.new, s.unchanged, s.copiesOfIndexed, s.copiesAmongNew, `${s.duplicates} (${(s.ratio * 100).toFixed(1)}%)`, s.errors].map(String)),
    '',
    markdownCell(summaryText(report)),
    '',
  ];
  const lines = [...head];
  let bytes = Buffer.byteLength(lines.join('\n'));
  let left = report.findings.length + report.errors.length;
  /** Adds lines while they fit; false once the budget is spent. */
  const add = (more: readonly string[]): boolean => {
    const size = Buffer.byteLength(more.join('\n')) + 1;
    if (bytes + size > maxBytes) return false;
    lines.push(...more);
    bytes += size;
    return true;
  };

  const tables: { heading: string[]; rows: string[] }[] = [];
  if (report.findings.length > 0) {
    tables.push({
      heading: [
        `#### Pages with copies (${report.findings.length})`,
        '',
        row(['#', 'finding', 'page', 'url', 'outlet', 'title', 'copies', 'closest copy', 'similarity', 'containment', 'earliest dated copy']),
        row(['--:', '---', '---', '---', '---', '---', '---', '---', '--:', '--:', '---']),
      ],
      rows: findingsByImportance(report.findings).map((f, i) => findingRow(f, i + 1)),
    });
  }
  if (report.errors.length > 0) {
    tables.push({
      heading: [`#### Unreadable pages (${report.errors.length})`, '', row(['page', 'error']), row(['---', '---'])],
      rows: report.errors.map((e) => row([markdownCell(e.path), markdownCell(e.message)])),
    });
  }
  fill: for (const t of tables) {
    if (!add(t.heading)) break;
    for (const r of t.rows) {
      if (!add([r])) break fill;
      left--;
    }
    if (!add([''])) break;
  }
  if (left > 0) {
    lines.push('', `${left} more ${left === 1 ? 'row' : 'rows'} left out: GitHub takes at most 1 MiB of summary per step. \`--format json\` lists every finding.`, '');
  }
  return lines.join('\n') + '\n';
}
