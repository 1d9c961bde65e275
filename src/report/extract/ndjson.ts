import type { ExtractReport } from './types.js';

export function formatExtractNdjson(report: ExtractReport): string {
  const lines = report.pages.map((p) => JSON.stringify({ type: 'page', ...p }));
  for (const e of report.errors) lines.push(JSON.stringify({ type: 'error', ...e }));
  lines.push(JSON.stringify({ type: 'summary', schema: report.schema, ...report.summary }));
  return lines.join('\n') + '\n';
}
