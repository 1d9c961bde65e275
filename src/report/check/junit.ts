/**
 * The check report as JUnit XML, for CI systems that show test results: a failing test case per
 * new page with copies, one passing case standing for all new pages without copies (a crawl can
 * have millions), and an erroring case per page or file that could not be read. The gate's verdict
 * and reasons are properties of the suite: a failing case is a page with copies, whatever the gate.
 */
import type { CheckFinding, CheckReport } from './types.js';
import { findingLines, ruleOf, summaryText } from './wording.js';

/** Code points XML 1.0 allows (lone surrogates are not among them). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: characters XML 1.0 forbids dropped, markup escaped. */
function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; tabs and line breaks as references so they survive. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function findingCase(f: CheckFinding): string[] {
  const lines = findingLines(f);
  return [
    `    <testcase${attrs({ classname: f.outlet ?? 'reprint', name: f.path })}>`,
    `      <failure${attrs({ message: lines[0]!, type: ruleOf(f) })}>${xmlText(lines.join('\n'))}</failure>`,
    '    </testcase>',
  ];
}

export function formatCheckJunit(report: CheckReport): string {
  const s = report.summary;
  const clean = Math.max(0, s.new - report.findings.length);
  const cases: string[] = [];
  for (const f of report.findings) cases.push(...findingCase(f));
  if (clean > 0) cases.push(`    <testcase${attrs({ classname: 'reprint', name: `new pages without copies (${clean})` })}/>`);
  for (const e of report.errors) {
    cases.push(
      `    <testcase${attrs({ classname: 'reprint', name: e.path })}>`,
      `      <error${attrs({ message: e.message, type: 'reprint/unreadable-page' })}>${xmlText(`${e.path}: ${e.message}`)}</error>`,
      '    </testcase>',
    );
  }
  const tests = report.findings.length + (clean > 0 ? 1 : 0) + report.errors.length;
  const failures = report.findings.length;
  const counts = { tests, failures, errors: report.errors.length, skipped: 0 };
  const time = (s.elapsedMs / 1000).toFixed(3);
  const props = [
    ['schema', report.schema],
    ['index', report.index.location],
    ['index.documents', String(report.index.documents)],
    ['threshold', String(report.params.threshold)],
    ['containment', String(report.params.containment)],
    ['pages', String(s.pages)],
    ['new', String(s.new)],
    ['unchanged', String(s.unchanged)],
    ['ratio', String(s.ratio)],
    ['verdict', s.failed ? 'FAIL' : 'PASS'],
    ...s.reasons.map((r) => ['reason', r]),
    ['summary', summaryText(report)],
  ];
  return (
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${attrs({ name: 'reprint check', ...counts, time })}>`,
      `  <testsuite${attrs({ name: 'reprint check', ...counts, time })}>`,
      '    <properties>',
      ...props.map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`),
      '    </properties>',
      ...cases,
      '  </testsuite>',
      '</testsuites>',
    ].join('\n') + '\n'
  );
}
