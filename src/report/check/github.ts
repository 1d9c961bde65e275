/**
 * The check report as GitHub Actions workflow commands: `::error` annotations for new pages that
 * copy an indexed page, `::warning` for pages that copy only new pages or could not be read, and a
 * closing `::notice` with the summary. GitHub shows at most ten error and ten warning annotations
 * of a step and drops the rest, so only the ten most important of each are printed, followed by a
 * notice saying how many more there are and where they all are (the job summary, see
 * github-summary.ts). Escaping follows @actions/core (command.ts).
 */
import type { PageError } from '../../page.js';
import type { CheckFinding, CheckReport } from './types.js';
import { findingLines, oneLine, pageLocation, RULE_INDEXED, ruleOf, summaryText } from './wording.js';

/** GitHub keeps this many annotations of each level per step (docs: "Workflow commands", annotations). */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface GithubOptions {
  /** Whether the CLI also writes the job summary (GITHUB_STEP_SUMMARY is set), so the notice can point there. */
  stepSummary: boolean;
}

/** A command's message: %, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property's value: as data, and also : and , (they separate properties). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, props: Record<string, string | number | null>, message: string): string {
  const list = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== null && e[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${list !== '' ? ' ' + list : ''}::${escapeData(message)}`;
}

const best = (f: CheckFinding, key: 'similarity' | 'containment'): number => Math.max(0, ...[...f.indexed, ...f.new].map((c) => c[key]));

/**
 * Findings in the order a reader with room for ten should see them: pages copying indexed pages
 * first (they fail the gate), then the closest copies first; ties keep the report's path order.
 */
export function findingsByImportance(findings: readonly CheckFinding[]): CheckFinding[] {
  const rank = (f: CheckFinding): number => (ruleOf(f) === RULE_INDEXED ? 0 : 1);
  // Array.prototype.sort is stable, so equal findings stay in path order.
  return [...findings].sort((a, b) => rank(a) - rank(b) || best(b, 'similarity') - best(a, 'similarity') || best(b, 'containment') - best(a, 'containment'));
}

function findingAnnotation(f: CheckFinding): string {
  const loc = pageLocation(f.path);
  const indexed = ruleOf(f) === RULE_INDEXED;
  const title = `reprint: ${indexed ? 'copies an indexed page' : 'copies a new page'}${f.title !== null ? ` (${oneLine(f.title)})` : ''}`;
  return command(indexed ? 'error' : 'warning', { file: loc.file, line: loc.line, title }, findingLines(f).join('\n'));
}

function errorAnnotation(e: PageError): string {
  const loc = pageLocation(e.path);
  return command('warning', { file: loc.file, line: loc.line, title: 'reprint: unreadable page' }, `${e.path}: ${e.message}`);
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function formatCheckGithub(report: CheckReport, opts: GithubOptions): string {
  const ranked = findingsByImportance(report.findings);
  const errors = ranked.filter((f) => ruleOf(f) === RULE_INDEXED);
  const newCopies = ranked.filter((f) => ruleOf(f) !== RULE_INDEXED);
  // Copies outrank unreadable pages for the ten warning slots: they are what the check is for.
  const warnings = [...newCopies.map(findingAnnotation), ...report.errors.map(errorAnnotation)];
  const out = [...errors.slice(0, ANNOTATIONS_PER_LEVEL).map(findingAnnotation), ...warnings.slice(0, ANNOTATIONS_PER_LEVEL)];

  const hidden = {
    indexed: Math.max(0, errors.length - ANNOTATIONS_PER_LEVEL),
    news: Math.max(0, newCopies.length - ANNOTATIONS_PER_LEVEL),
    unreadable: Math.min(report.errors.length, Math.max(0, warnings.length - ANNOTATIONS_PER_LEVEL)),
  };
  const total = hidden.indexed + hidden.news + hidden.unreadable;
  if (total > 0) {
    const what = [
      hidden.indexed > 0 ? `${hidden.indexed} copying indexed pages (errors)` : null,
      hidden.news > 0 ? `${hidden.news} copying only new pages (warnings)` : null,
      hidden.unreadable > 0 ? count(hidden.unreadable, 'unreadable page', 'unreadable pages') : null,
    ].filter((x) => x !== null);
    const where = opts.stepSummary ? 'the job summary lists them all' : '`--format json` lists them all';
    out.push(
      command(
        'notice',
        { title: 'reprint: more findings' },
        `${total} more not annotated, as GitHub shows ${ANNOTATIONS_PER_LEVEL} errors and ${ANNOTATIONS_PER_LEVEL} warnings per step: ${what.join(', ')}; ${where}.`,
      ),
    );
  }
  out.push(command('notice', { title: 'reprint check' }, summaryText(report)));
  return out.join('\n') + '\n';
}
