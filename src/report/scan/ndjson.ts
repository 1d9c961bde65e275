import type { ScanReport } from './types.js';

/**
 * One JSON object a line, ripgrep-style: a `cluster` line per cluster, an `error` line per
 * unreadable file, then one `summary` line that also carries the schema and parameters.
 */
export function formatNdjson(report: ScanReport): string {
  const lines: string[] = [];
  for (const c of report.clusters) lines.push(JSON.stringify({ type: 'cluster', ...c }));
  for (const e of report.errors) lines.push(JSON.stringify({ type: 'error', ...e }));
  lines.push(JSON.stringify({ type: 'summary', schema: report.schema, params: report.params, ...report.summary }));
  return lines.join('\n') + '\n';
}
