/**
 * The check report as a GitLab Code Quality report (`artifacts: reports: codequality:`): a JSON
 * array of Code Climate issues, one per new page with copies and one per unreadable page. GitLab
 * needs description, check_name, fingerprint, severity and location (path and begin line); the
 * rest (type, categories, content) is the Code Climate spec's, which GitLab passes over.
 *
 * GitLab matches issues across pipelines by fingerprint and shows only the first issue of a
 * fingerprint, so a fingerprint is built from what identifies the finding (rule, page, its text
 * and what it copies), never from time or place, and is made unique within the report.
 */
import { createHash } from 'node:crypto';
import { locatorOf } from '../../index/store.js';
import type { PageError } from '../../page.js';
import type { CheckFinding, CheckReport } from './types.js';
import { findingLines, pageLocation, RULE_INDEXED, ruleOf } from './wording.js';

const RULE_UNREADABLE = 'reprint/unreadable-page';

/** GitLab's severities, least to most severe. */
type Severity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  severity: Severity;
  fingerprint: string;
  location: { path: string; lines: { begin: number } };
}

const digest = (parts: readonly string[]): string => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

function findingIssue(f: CheckFinding): CodeQualityIssue {
  const rule = ruleOf(f);
  const loc = pageLocation(f.path);
  const lines = findingLines(f);
  const indexed = f.indexed.map((c) => c.locator).sort();
  const news = f.new.map((c) => locatorOf(c)).sort();
  return {
    type: 'issue',
    check_name: rule,
    description: lines[0]!,
    content: { body: lines.join('\n') },
    categories: ['Duplication'],
    // A copy of an indexed page fails the gate; a copy among the new pages alone does not.
    severity: rule === RULE_INDEXED ? 'major' : 'minor',
    fingerprint: digest([rule, f.path, locatorOf(f), f.contentHash, 'indexed', ...indexed, 'new', ...news]),
    location: { path: loc.file, lines: { begin: loc.line } },
  };
}

function errorIssue(e: PageError): CodeQualityIssue {
  const loc = pageLocation(e.path);
  return {
    type: 'issue',
    check_name: RULE_UNREADABLE,
    description: `${e.path}: ${e.message}`,
    content: { body: `${e.path} could not be read, so it was not checked: ${e.message}` },
    categories: ['Bug Risk'],
    severity: 'info',
    fingerprint: digest([RULE_UNREADABLE, e.path]),
    location: { path: loc.file, lines: { begin: loc.line } },
  };
}

export function formatCheckCodeClimate(report: CheckReport): string {
  const issues = [...report.findings.map(findingIssue), ...report.errors.map(errorIssue)];
  // Two errors on one path (say, a file read twice) would share a fingerprint: number the repeats.
  const seen = new Map<string, number>();
  for (const issue of issues) {
    const n = seen.get(issue.fingerprint) ?? 0;
    seen.set(issue.fingerprint, n + 1);
    if (n > 0) issue.fingerprint = digest([issue.fingerprint, String(n)]);
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
