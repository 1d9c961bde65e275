/** The check report for a terminal: a table per new page with copies, then a summary line with the verdict. */
import { locatorOf } from '../../index/store.js';
import { plural } from '../plural.js';
import { PLAIN, table, type TextStyle } from '../style.js';
import type { CheckFinding, CheckReport } from './types.js';
import { n2, oneLine, RULE_INDEXED, ruleOf, summaryText } from './wording.js';

function findingBlock(f: CheckFinding, style: TextStyle): string[] {
  const self = locatorOf(f);
  const head = [
    style.bold(oneLine(f.path)),
    ruleOf(f) === RULE_INDEXED ? style.accent('copies indexed page') : 'copies new page',
    f.title !== null ? `"${oneLine(f.title)}"` : null,
  ].filter((x): x is string => x !== null);
  const mark = (locator: string): string => (locator === f.earliest ? '*' : ' ');
  const cell = (s: string | null): string => (s === null ? '-' : oneLine(s));
  const rows: string[][] = [
    [mark(self), 'this', cell(f.published), cell(f.outlet), '-', '-', '-', cell(f.path), cell(f.url)],
    ...f.indexed.map((c) => [mark(c.locator), 'index', cell(c.published), cell(c.outlet), cell(c.label), n2(c.similarity), n2(c.containment), cell(c.path), cell(c.url)]),
    ...f.new.map((c) => [mark(locatorOf(c)), 'new', cell(c.published), cell(c.outlet), '-', n2(c.similarity), n2(c.containment), cell(c.path), cell(c.url)]),
  ];
  const lines = table(rows, style, ['', 'copy', 'published', 'outlet', 'label', 'jaccard', 'contain', 'path', 'url']);
  return [head.join(style.dim(' · ')), ...lines.map((l) => '  ' + l)];
}

export function formatCheckText(report: CheckReport, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  for (const f of report.findings) out.push(...findingBlock(f, style), '');
  if (report.errors.length > 0) {
    out.push(style.bold(`errors (${report.errors.length})`));
    for (const e of report.errors) out.push(`  ${oneLine(e.path)}: ${oneLine(e.message)}`);
    out.push('');
  }
  const s = report.summary;
  const p = report.params;
  out.push(
    style.dim(
      oneLine(
        `index ${report.index.location} (${plural(report.index.documents, 'document')}); * earliest dated copy; ` +
          `threshold ${p.threshold}, containment ${p.containment}` +
          (s.update !== null ? `; updated: ${s.update.added} added, ${s.update.replaced} replaced, ${s.update.unchanged} unchanged` : ''),
      ),
    ),
  );
  const line = summaryText(report);
  out.push(s.failed ? style.bold(line) : line);
  return out.join('\n') + '\n';
}
