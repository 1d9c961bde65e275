/**
 * The check report as GitHub Actions workflow commands: an `::error` annotation per new page that
 * copies an indexed page, a `::warning` per page that copies only new pages or could not be read,
 * and a closing `::notice` with the summary. Escaping follows @actions/core (command.ts).
 */
import type { CheckReport } from './types.js';
import { findingLines, oneLine, pageLocation, RULE_INDEXED, ruleOf, summaryText } from './wording.js';

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

export function formatCheckGithub(report: CheckReport): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const loc = pageLocation(f.path);
    const indexed = ruleOf(f) === RULE_INDEXED;
    const title = `reprint: ${indexed ? 'copies an indexed page' : 'copies a new page'}${f.title !== null ? ` (${oneLine(f.title)})` : ''}`;
    out.push(command(indexed ? 'error' : 'warning', { file: loc.file, line: loc.line, title }, findingLines(f).join('\n')));
  }
  for (const e of report.errors) {
    const loc = pageLocation(e.path);
    out.push(command('warning', { file: loc.file, line: loc.line, title: 'reprint: unreadable page' }, `${e.path}: ${e.message}`));
  }
  out.push(command('notice', { title: 'reprint check' }, summaryText(report)));
  return out.join('\n') + '\n';
}
