import type { CheckReport } from './types.js';

/**
 * One JSON object a line, ripgrep-style: a `finding` line per new page with copies, an `error`
 * line per unreadable page or file, then one `summary` line that also carries the schema, the
 * parameters and the index (the summary object of schema/check.schema.json, `$defs/summaryLine`).
 */
export function formatCheckNdjson(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.findings) lines.push(JSON.stringify({ type: 'finding', ...f }));
  for (const e of report.errors) lines.push(JSON.stringify({ type: 'error', ...e }));
  lines.push(JSON.stringify({ type: 'summary', schema: report.schema, params: report.params, index: report.index, ...report.summary }));
  return lines.join('\n') + '\n';
}
